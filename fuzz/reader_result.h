/* SPDX-License-Identifier: GPL-2.0-only */
/* What the reader fuzz targets require of any reader's answer. */
#ifndef XSMC_FUZZ_READER_RESULT_H
#define XSMC_FUZZ_READER_RESULT_H

#include <stdlib.h>
#include <string.h>

#include "xsmcap/config.h"

/*
 * A refusal is one non-empty line that says why; an accepted system goes
 * through validation under every profile, then is freed.
 */
static inline void check_reader_result(struct xsmc_system *sys, const char *err)
{
    if (!sys) {
        if (!err[0] || strchr(err, '\n'))
            abort();
        return;
    }
    for (unsigned p = 0; p < XSMC_PROFILE_COUNT; p++)
        xsmc_validate(sys, (enum xsmc_profile)p);
    xsmc_system_free(sys);
}

#endif
