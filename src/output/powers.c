/* SPDX-License-Identifier: GPL-2.0-only */
/* What one domain may do on its platform: operations grouped by hypercall, in plain words. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/explain.h"
#include "xsmcap/report.h"

/* Has a hypercall's group already been written?  Groups are few; a linear look back is enough. */
static int seen_group(const struct xsmc_matrix *m, size_t op)
{
    for (size_t i = 0; i < op; i++)
        if (strcmp(m->ops[i]->hypercall, m->ops[op]->hypercall) == 0)
            return 1;
    return 0;
}

/* The target a denial is explained on: another domain when there is one. */
static size_t sample_target(const struct xsmc_matrix *m, size_t src)
{
    for (size_t t = 0; t < m->sys->ndoms; t++)
        if (t != src)
            return t;
    return src;
}

static void write_line(FILE *out, struct xsmc_matrix *m, size_t op, size_t src, int allowed)
{
    const struct xsmc_op *o = m->ops[op];
    char targets[512], why[768];
    fprintf(out, "    %s %s: %s", allowed ? "+" : "-", o->name, xsmc_op_words(o));
    if (allowed && xsmc_op_targeted(o))
        fprintf(out, ", on %s", xsmc_targets_text(m, op, src, 8, targets, sizeof(targets)));
    size_t tgt = xsmc_op_targeted(o) ? (allowed ? src : sample_target(m, src)) : XSMC_NO_TARGET;
    if (allowed && xsmc_op_targeted(o))
        for (size_t t = 0; t < m->sys->ndoms; t++)
            if (xsmc_matrix_cell(m, op, src, t)) {
                tgt = t;
                break;
            }
    const char *reason = xsmc_matrix_reason(m, op, src, tgt, why, sizeof(why));
    if (*reason)
        fprintf(out, " (%s)", reason);
    fputc('\n', out);
}

void xsmc_write_powers(FILE *out, struct xsmc_matrix *m, size_t src, int denied)
{
    const struct xsmc_dom *d = &m->sys->doms[src];
    char caps[96], plat[96];
    size_t nallowed = 0, ndenied = 0;
    fprintf(out, "%s (domid %u, capabilities %s", d->name, d->core.domid,
            xsmc_caps_text(d->core.caps, caps, sizeof(caps)));
    if (m->sys->arch == XSMC_ARCH_X86_64)
        fprintf(out, ", %s guest", xsmc_guest_name(xsmc_dom_guest(d)));
    if (m->target_of[src] != XSMC_NO_TARGET)
        fprintf(out, ", device model of %s", m->sys->doms[m->target_of[src]].name);
    fprintf(out, ") on %s under %s%s may:\n", xsmc_platform_label(m->sys, plat, sizeof(plat)),
            xsmc_profile_name(m->profile), (m->options & XSMC_OPT_SILO) ? " with SILO" : "");
    for (int pass = 0; pass < 1 + denied; pass++) {
        int want = pass == 0;
        if (pass == 1)
            fprintf(out, "and may not:\n");
        for (size_t g = 0; g < m->nops; g++) {
            if (seen_group(m, g))
                continue;
            int heading = 0;
            for (size_t op = g; op < m->nops; op++) {
                if (strcmp(m->ops[op]->hypercall, m->ops[g]->hypercall) != 0)
                    continue;
                if ((xsmc_matrix_allowed_count(m, op, src) > 0) != want)
                    continue;
                if (!heading)
                    fprintf(out, "  %s\n", m->ops[g]->hypercall);
                heading = 1;
                write_line(out, m, op, src, want);
                *(want ? &nallowed : &ndenied) += 1;
            }
        }
    }
    fprintf(out, "%zu operation%s allowed", nallowed, nallowed == 1 ? "" : "s");
    if (denied)
        fprintf(out, ", %zu denied", ndenied);
    fputc('\n', out);
}
