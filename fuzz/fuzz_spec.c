/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: the inline system spec (--system), then everything a
 * parsed system goes through: target linking, validation under every
 * profile, lookup by name and domid, capability text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/xsmcap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = malloc(size + 1);
    if (!spec)
        return 0;
    memcpy(spec, data, size);
    spec[size] = '\0';
    char err[256];
    struct xsmc_system *sys = xsmc_spec_parse(spec, err, sizeof(err));
    if (!sys) {
        /*
         * A refusal must say why, on one line, whatever the input holds:
         * a newline in the spec once reached the message
         * (tests/hardening/crashers/spec-newline-in-error.txt).
         */
        if (!err[0] || strchr(err, '\n'))
            abort();
        free(spec);
        return 0;
    }
    for (unsigned p = 0; p < XSMC_PROFILE_COUNT; p++)
        xsmc_validate(sys, (enum xsmc_profile)p);
    for (size_t i = 0; i < sys->ndoms; i++) {
        char caps[128];
        if (xsmc_system_find(sys, sys->doms[i].name) != &sys->doms[i])
            abort(); /* names are unique: each finds itself */
        xsmc_caps_text(sys->doms[i].core.caps, caps, sizeof(caps));
    }
    xsmc_system_free(sys);
    free(spec);
    return 0;
}
