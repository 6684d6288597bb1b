/* A diff in words: every change grouped by domain and operation, and a headline per domain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/report.h"

#define MAX_NAMES 8

static void write_domain_head(FILE *out, struct xsmc_matrix *m, const struct xsmc_diff *d,
                              size_t first)
{
    const struct xsmc_dom *dom = &m->sys->doms[d->changes[first].src];
    char caps[96];
    size_t gained = 0, lost = 0;
    for (size_t i = first; i < d->nchanges && d->changes[i].src == d->changes[first].src; i++)
        *(d->changes[i].gained ? &gained : &lost) += 1;
    fprintf(out, "%s (domid %u, %s): %zu gained, %zu lost\n", dom->name, dom->core.domid,
            xsmc_caps_text(dom->core.caps, caps, sizeof(caps)), gained, lost);
}

/* One line per (source, operation, direction): the targets, named up to MAX_NAMES. */
static size_t write_op_line(FILE *out, struct xsmc_matrix *m, const struct xsmc_diff *d, size_t i)
{
    const struct xsmc_change *c = &d->changes[i];
    size_t j = i;
    while (j < d->nchanges && d->changes[j].src == c->src && d->changes[j].op == c->op &&
           d->changes[j].gained == c->gained)
        j++;
    fprintf(out, "  %c %s", c->gained ? '+' : '-', m->ops[c->op]->name);
    if (c->tgt != XSMC_NO_TARGET) {
        fprintf(out, " on %zu domain%s:", j - i, j - i == 1 ? "" : "s");
        for (size_t k = i; k < j && k < i + MAX_NAMES; k++)
            fprintf(out, "%s %s", k == i ? "" : ",", m->sys->doms[d->changes[k].tgt].name);
        if (j - i > MAX_NAMES)
            fprintf(out, " and %zu more", j - i - MAX_NAMES);
    }
    fputc('\n', out);
    return j;
}

void xsmc_write_diff_text(FILE *out, struct xsmc_matrix *before, const struct xsmc_diff *d,
                          const char *before_label, const char *after_label)
{
    fprintf(out, "diff %s -> %s\n", before_label, after_label);
    for (size_t i = 0; i < d->nonly_before; i++)
        fprintf(out, "only in %s: domain %s\n", before_label, d->only_before[i]);
    for (size_t i = 0; i < d->nonly_after; i++)
        fprintf(out, "only in %s: domain %s\n", after_label, d->only_after[i]);
    for (size_t i = 0; i < d->nchanges;) {
        if (i == 0 || d->changes[i].src != d->changes[i - 1].src)
            write_domain_head(out, before, d, i);
        i = write_op_line(out, before, d, i);
    }
    fprintf(out, "%zu decision%s change: %zu gained, %zu lost, for %zu of %zu domains\n",
            d->nchanges, d->nchanges == 1 ? "" : "s", d->gained, d->lost, d->domains_changed,
            before->sys->ndoms);
}

/* One (operation, direction) of a source's changes: how many targets changed. */
struct change_run {
    size_t op;
    uint8_t gained;
    size_t targets;  /* 0 for an operation without a target */
};

/* The runs of changes of the source whose changes are d->changes[first .. last). */
static size_t runs_of(const struct xsmc_diff *d, size_t first, size_t last, struct change_run *runs)
{
    size_t n = 0;
    for (size_t i = first; i < last;) {
        size_t j = i;
        while (j < last && d->changes[j].op == d->changes[i].op &&
               d->changes[j].gained == d->changes[i].gained)
            j++;
        runs[n++] = (struct change_run){d->changes[i].op, d->changes[i].gained,
                                        d->changes[i].tgt == XSMC_NO_TARGET ? 0 : j - i};
        i = j;
    }
    return n;
}

static void write_targets(FILE *out, const struct change_run *r, size_t ndoms)
{
    if (!r->targets)
        return;
    if (r->targets == ndoms)
        fprintf(out, " on every domain");
    else
        fprintf(out, " on %zu domain%s", r->targets, r->targets == 1 ? "" : "s");
}

/*
 * "platform_op XENPF_settime64 and domctl XEN_DOMCTL_bind_pt_irq on every
 * domain": the runs of one direction, grouped by hypercall.
 */
static int write_runs(FILE *out, const struct xsmc_matrix *m, const struct change_run *runs,
                      size_t n, int gained)
{
    const char *prev = NULL;
    int groups = 0, written = 0;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += runs[i].gained == gained;
    for (size_t i = 0; i < n; i++) {
        if (runs[i].gained != gained)
            continue;
        const struct xsmc_op *op = m->ops[runs[i].op];
        if (!prev || strcmp(prev, op->hypercall) != 0) {
            fprintf(out, "%s%s ", groups ? "; " : "", op->hypercall);
            groups++;
        } else {
            fprintf(out, ", ");
        }
        fprintf(out, "%s", op->name);
        write_targets(out, &runs[i], m->sys->ndoms);
        prev = op->hypercall;
        written++;
    }
    return written;
}

/* Did src gain, on every domain, an operation whose deciding check is DM_PRIV? */
static int gained_dm_priv_everywhere(const struct xsmc_matrix *after, size_t after_src,
                                     const struct change_run *runs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!runs[i].gained || runs[i].targets != after->sys->ndoms)
            continue;
        for (size_t t = 0; t < after->sys->ndoms; t++) {
            struct xsmc_op_result r;
            if (t == after_src || xsmc_matrix_decide(after, runs[i].op, after_src, t, &r) != 1 ||
                r.decided_by >= XSMC_OP_MAX_GATES)
                continue;
            const struct xsmc_gate_result *g = &r.gates[r.decided_by];
            if ((after->ops[runs[i].op]->gates[r.decided_by].kind == XSMC_G_XSM) &&
                g->xsm.action == XSMC_ACT_DM_PRIV &&
                (g->xsm.why == XSMC_WHY_HARDWARE || g->xsm.why == XSMC_WHY_DM_CAP))
                return 1;
        }
    }
    return 0;
}

static void write_source_headline(FILE *out, struct xsmc_matrix *before, struct xsmc_matrix *after,
                                  const struct xsmc_diff *d, size_t first, size_t last,
                                  const char *after_label)
{
    size_t src = d->changes[first].src;
    const struct xsmc_dom *dom = &before->sys->doms[src];
    size_t after_src = after->sys == before->sys ? src : SIZE_MAX;
    for (size_t i = 0; after_src == SIZE_MAX && i < after->sys->ndoms; i++)
        if (strcmp(after->sys->doms[i].name, dom->name) == 0)
            after_src = i;
    struct change_run *runs = malloc((last - first) * sizeof(*runs));
    if (!runs) {
        fprintf(out, "(out of memory)\n");
        return;
    }
    size_t n = runs_of(d, first, last, runs);
    char caps[96], caps_after[96];
    fprintf(out, "Under %s, %s (%s", after_label, dom->name,
            xsmc_caps_text(dom->core.caps, caps, sizeof(caps)));
    if (after_src != SIZE_MAX && after->sys->doms[after_src].core.caps != dom->core.caps)
        fprintf(out, " -> %s", xsmc_caps_text(after->sys->doms[after_src].core.caps, caps_after,
                                               sizeof(caps_after)));
    fprintf(out, ") ");
    int any_gained = 0, any_lost = 0;
    for (size_t i = 0; i < n; i++) {
        any_gained |= runs[i].gained;
        any_lost |= !runs[i].gained;
    }
    if (any_gained) {
        fprintf(out, "gained ");
        write_runs(out, before, runs, n, 1);
    }
    if (any_lost) {
        fprintf(out, "%slost ", any_gained ? "; and " : "");
        write_runs(out, before, runs, n, 0);
    }
    fprintf(out, ".\n");
    int has_control = 0;
    for (size_t i = 0; i < after->sys->ndoms; i++)
        has_control |= (after->sys->doms[i].core.caps & XSMC_CAP_CONTROL) != 0;
    if (after_src != SIZE_MAX && !(dom->core.caps & XSMC_CAP_CONTROL) &&
        gained_dm_priv_everywhere(after, after_src, runs, n))
        fprintf(out, "  This is the reviewers' concern: %s is not a control domain, yet it passes "
                     "DM_PRIV, the device model's check, against every domain%s.\n", dom->name,
                has_control ? ", the control domain included" : "");
    free(runs);
}

void xsmc_write_diff_headlines(FILE *out, struct xsmc_matrix *before, struct xsmc_matrix *after,
                               const struct xsmc_diff *d, const char *after_label)
{
    size_t written = 0;
    for (size_t i = 0; i < d->nchanges;) {
        size_t j = i;
        while (j < d->nchanges && d->changes[j].src == d->changes[i].src)
            j++;
        write_source_headline(out, before, after, d, i, j, after_label);
        written++;
        i = j;
    }
    if (!written)
        fprintf(out, "Under %s, no domain gains or loses any operation.\n", after_label);
}
