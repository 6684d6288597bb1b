/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the ImageBuilder reader tests. */
#ifndef IB_TEST_H
#define IB_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "readers.h"
#include "xsmcap/lint.h"

static char ib_err[512];

/* Read an in-memory config with the platform IOMMU unknown. */
static inline struct xsmc_system *ib_read(const char *text)
{
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    ib_err[0] = '\0';
    return xsmc_read_imagebuilder("t.cfg", text, strlen(text), &opts, ib_err, sizeof(ib_err));
}

/* The read must fail with an error line naming `line` and `rule`. */
static inline void ib_expect_error(const char *text, unsigned line, const char *rule)
{
    struct xsmc_system *sys = ib_read(text);
    if (sys) {
        xsmc_system_free(sys);
        fail_msg("expected [%s] on line %u, but the text was accepted: %s", rule, line, text);
    }
    char want[96];
    snprintf(want, sizeof(want), "t.cfg:line %u: error: [%s] ", line, rule);
    if (strncmp(ib_err, want, strlen(want)) != 0)
        fail_msg("want '%s...', got '%s'", want, ib_err);
    assert_null(strchr(ib_err, '\n'));
}

/* The diagnostic of `rule` (the n-th one), or NULL. */
static inline const struct xsmc_diag *ib_diag(const struct xsmc_system *sys, const char *rule,
                                              size_t nth)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (strcmp(sys->diags[i].rule, rule) == 0 && nth-- == 0)
            return &sys->diags[i];
    return NULL;
}

static inline size_t ib_count(const struct xsmc_system *sys, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0;
    return n;
}

#endif
