/* SPDX-License-Identifier: GPL-2.0-only */
/* The targets a domain may act on, in the fewest plain words. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/analysis.h"

/* Append names of targets whose cell equals `want`, at most max; returns how many matched. */
static size_t list_names(struct xsmc_matrix *m, size_t op, size_t src, int want, size_t max,
                         char *buf, size_t len, size_t used)
{
    size_t found = 0;
    for (size_t t = 0; t < m->sys->ndoms; t++) {
        if (xsmc_matrix_cell(m, op, src, t) != want)
            continue;
        if (found < max && used < len) {
            int n = snprintf(buf + used, len - used, "%s%s", found ? ", " : "", m->sys->doms[t].name);
            used = n > 0 ? used + (size_t)n : used;
        }
        found++;
    }
    return found;
}

const char *xsmc_targets_text(struct xsmc_matrix *m, size_t op, size_t src, size_t max,
                              char *buf, size_t len)
{
    if (!buf || !len)
        return buf;
    buf[0] = '\0';
    size_t n = m->sys->ndoms;
    size_t count = xsmc_matrix_allowed_count(m, op, src);
    int self = xsmc_matrix_cell(m, op, src, src);
    size_t t = m->target_of[src];
    int own = t != XSMC_NO_TARGET && t != src && xsmc_matrix_cell(m, op, src, t);
    const char *tname = own ? m->sys->doms[t].name : "";
    if (count == 0)
        snprintf(buf, len, "no domain");
    else if (count == n)
        snprintf(buf, len, n == 1 ? "itself, the only domain" : "every domain");
    else if (count == 1 && self)
        snprintf(buf, len, "itself");
    else if (count == 1 && own)
        snprintf(buf, len, "its target %s", tname);
    else if (count == 2 && self && own)
        snprintf(buf, len, "itself and its target %s", tname);
    else if (count == n - 1 && !self)
        snprintf(buf, len, "every domain but itself");
    else if (count == n - 1) {
        int k = snprintf(buf, len, "every domain but ");
        list_names(m, op, src, 0, 1, buf, len, k > 0 ? (size_t)k : 0);
    } else if (count <= max) {
        list_names(m, op, src, 1, max, buf, len, 0);
    } else {
        int w = snprintf(buf, len, "%zu of %zu domains: ", count, n);
        list_names(m, op, src, 1, max, buf, len, w > 0 ? (size_t)w : 0);
        size_t used = strlen(buf);
        if (used + 1 < len)
            snprintf(buf + used, len - used, " and %zu more", count - max);
    }
    return buf;
}
