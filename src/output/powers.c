/* What one domain may do, grouped by hypercall, in plain words. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/report.h"

/* Hooks that decide nothing (housekeeping) or nothing at all (no XSM hypercall) say nothing. */
static int says_something(const struct xsmc_aop *a)
{
    if (a->op)
        return 1;
    const struct xsmc_hook_info *h = xsmc_hook_info(a->steps[0].hook);
    return h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS;
}


/* Has a group already been written?  Groups are few; a linear look back is enough. */
static int seen_group(const struct xsmc_matrix *m, size_t op)
{
    for (size_t i = 0; i < op; i++)
        if (strcmp(m->ops[i].group, m->ops[op].group) == 0)
            return 1;
    return 0;
}

static void write_line(FILE *out, struct xsmc_matrix *m, size_t op, size_t src, int allowed)
{
    const struct xsmc_aop *a = &m->ops[op];
    char targets[512];
    fprintf(out, "    %s ", allowed ? "+" : "-");
    if (a->op) {
        /* a sub-op is named by its constant and the checks it passes; hooks carry the words */
        fprintf(out, "%s (checked by", a->name);
        for (unsigned i = 0; i < a->nsteps; i++)
            fprintf(out, "%s %s", i ? "," : "", xsmc_hook_info(a->steps[i].hook)->name);
        fputc(')', out);
    } else {
        fprintf(out, "%s (%s)", xsmc_hook_words(a->steps[0].hook)->words, a->name);
    }
    if (allowed && a->targeted)
        fprintf(out, ": on %s", xsmc_targets_text(m, op, src, 8, targets, sizeof(targets)));
    fputc('\n', out);
}

void xsmc_write_powers(FILE *out, struct xsmc_matrix *m, size_t src, int denied)
{
    const struct xsmc_dom *d = &m->sys->doms[src];
    char caps[96];
    size_t nallowed = 0, ndenied = 0;
    fprintf(out, "%s (domid %u, capabilities %s", d->name, d->core.domid,
            xsmc_caps_text(d->core.caps, caps, sizeof(caps)));
    if (m->target_of[src] != XSMC_NO_TARGET)
        fprintf(out, ", device model of %s", m->sys->doms[m->target_of[src]].name);
    fprintf(out, ") under %s%s may:\n", xsmc_profile_name(m->profile),
            (m->options & XSMC_OPT_SILO) ? " with SILO" : "");
    for (int pass = 0; pass < 1 + denied; pass++) {
        int want = pass == 0;
        if (pass == 1)
            fprintf(out, "and may not:\n");
        for (size_t g = 0; g < m->nops; g++) {
            if (seen_group(m, g))
                continue;
            int heading = 0;
            for (size_t op = g; op < m->nops; op++) {
                if (strcmp(m->ops[op].group, m->ops[g].group) != 0 || !says_something(&m->ops[op]))
                    continue;
                if ((xsmc_matrix_allowed_count(m, op, src) > 0) != want)
                    continue;
                if (!heading)
                    fprintf(out, "  %s\n", m->ops[g].group);
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
