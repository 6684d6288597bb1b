/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --verify: every mapped row, every (source, target) pair of the system,
 * asked of the default engine and of the loaded Flask policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/flask.h"

static int add_diff(struct xsmc_flask_report *r, size_t *cap, const struct xsmc_flask_diff *d)
{
    if (r->ndiffs == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct xsmc_flask_diff *v = realloc(r->diffs, ncap * sizeof(*v));
        if (!v)
            return -1;
        r->diffs = v;
        *cap = ncap;
    }
    r->diffs[r->ndiffs++] = *d;
    return 0;
}

int xsmc_flask_verify(struct xsmc_flask_policy *pol, const struct xsmc_system *sys,
                      enum xsmc_profile profile, uint32_t options,
                      struct xsmc_flask_report *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (xsmc_flask_bind(pol, sys, err, errlen))
        return -1;
    size_t cap = 0;
    for (size_t row = 0; row < xsmc_flask_map_count(); row++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(row);
        if (m->kind == XSMC_FLASK_UNMAPPED)
            continue;
        for (size_t k = 0; k < xsmc_flask_npairs(sys, row); k++) {
            size_t s, tgt;
            struct xsmc_decision dec;
            if (xsmc_flask_default(sys, row, k, profile, options, &s, &tgt, &dec) != 0) {
                snprintf(err, errlen, "the engine refused %s for '%s'", xsmc_hook_info(m->hook)->name,
                         sys->doms[s].name);
                xsmc_flask_report_free(out);
                return -1;
            }
            if (dec.why == XSMC_WHY_NOT_REACHED) {
                out->unreached++; /* no operation asks this: nothing to compare */
                continue;
            }
            int flask = xsmc_flask_decide(pol, row, s, tgt);
            if (flask == dec.allow) {
                out->agree[m->kind]++;
                continue;
            }
            out->disagree[m->kind]++;
            struct xsmc_flask_diff d = {row, s, tgt, dec.allow, (uint8_t)flask};
            if (add_diff(out, &cap, &d)) {
                snprintf(err, errlen, "out of memory");
                xsmc_flask_report_free(out);
                return -1;
            }
        }
    }
    return 0;
}

void xsmc_flask_report_free(struct xsmc_flask_report *r)
{
    free(r->diffs);
    r->diffs = NULL;
    r->ndiffs = 0;
}
