/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A diff in words: one sentence per unit that changed, every change grouped
 * by unit and operation, or counts per unit and per hypercall.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/report.h"
#include "families.h"

#define MAX_NAMES 8

const char xsmc_diff_rule_text[] =
    "A split or merged domain counts, before, as allowing what every one of its old domains "
    "could do (to every one of them) and, after, what any one of its new domains may do (to "
    "any one of them): a split loses a power only when no new domain keeps it, a merge gains "
    "every power one of the old domains lacked.";

static int one_system(const struct xsmc_diff_sides *s)
{
    return s->m[0]->sys == s->m[1]->sys;
}

static int has_groups(const struct xsmc_diff *d)
{
    for (size_t u = 0; u < d->nunits; u++)
        if (d->units[u].nbefore > 1 || d->units[u].nafter > 1)
            return 1;
    return 0;
}

/* "a (hardware), b (control) and c (none)": domains of one side with their capabilities. */
static void write_members(FILE *out, const struct xsmc_system *sys, const size_t *idx, size_t n)
{
    char caps[96];
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_dom *d = &sys->doms[idx[i]];
        fprintf(out, "%s%s (%s)", i == 0 ? "" : i + 1 == n ? " and " : ", ", d->name,
                xsmc_caps_text(d->core.caps, caps, sizeof(caps)));
    }
}

/* "a, b and c": names only. */
static void write_names(FILE *out, const struct xsmc_system *sys, const size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", sys->doms[idx[i]].name);
}

/*
 * The subject of a unit's sentence: "dom0 (hardware,xenstore)", "dom0
 * (hardware -> control,hardware)", "dom0 (...), split into hw (...) and
 * ctl (...),".
 */
static void write_subject(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff_unit *u)
{
    const struct xsmc_system *x = s->m[0]->sys, *y = s->m[1]->sys;
    if (strcmp(u->kind, "same") == 0) {
        char a[96], b[96];
        uint32_t ca = x->doms[u->before[0]].core.caps, cb = y->doms[u->after[0]].core.caps;
        fprintf(out, "%s (%s", x->doms[u->before[0]].name, xsmc_caps_text(ca, a, sizeof(a)));
        if (ca != cb)
            fprintf(out, " -> %s", xsmc_caps_text(cb, b, sizeof(b)));
        fputc(')', out);
        return;
    }
    static const struct {
        const char *kind, *joint;
    } joints[] = {{"rename", "now"}, {"split", "split into"}, {"merge", "merged into"},
                  {"regroup", "now"}};
    const char *joint = "now";
    for (size_t i = 0; i < sizeof(joints) / sizeof(joints[0]); i++)
        if (strcmp(u->kind, joints[i].kind) == 0)
            joint = joints[i].joint;
    write_members(out, x, u->before, u->nbefore);
    fprintf(out, ", %s ", joint);
    write_members(out, y, u->after, u->nafter);
    fputc(',', out);
}

/* text over lines of at most width columns, broken at spaces. */
static void write_wrapped(FILE *out, const char *text, size_t width)
{
    while (*text) {
        size_t len = strlen(text), cut = len;
        if (len > width) {
            cut = width;
            while (cut > 0 && text[cut] != ' ')
                cut--;
            if (!cut)
                cut = width;
        }
        fprintf(out, "%.*s\n", (int)cut, text);
        text += cut;
        text += *text == ' ';
    }
}

/* The linked units and the domains compared with nothing, one line each. */
static void write_matching(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    for (size_t u = 0; u < d->nunits; u++) {
        const struct xsmc_diff_unit *du = &d->units[u];
        if (strcmp(du->kind, "same") == 0)
            continue;
        write_names(out, s->m[0]->sys, du->before, du->nbefore);
        fprintf(out, " became ");
        write_names(out, s->m[1]->sys, du->after, du->nafter);
        fprintf(out, " (%s, compared as %s)\n", du->kind, du->name);
    }
    for (size_t i = 0; i < d->nonly_before; i++)
        fprintf(out, "only in %s: domain %s (not compared)\n", s->label[0], d->only_before[i]);
    for (size_t i = 0; i < d->nonly_after; i++)
        fprintf(out, "only in %s: domain %s (not compared)\n", s->label[1], d->only_after[i]);
    if (has_groups(d))
        write_wrapped(out, xsmc_diff_rule_text, 100);
}

static void write_unit_head(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                            size_t first)
{
    const struct xsmc_diff_unit *u = &d->units[d->changes[first].src];
    size_t gained = 0, lost = 0;
    for (size_t i = first; i < d->nchanges && d->changes[i].src == d->changes[first].src; i++)
        *(d->changes[i].gained ? &gained : &lost) += 1;
    const struct xsmc_system *x = s->m[0]->sys, *y = s->m[1]->sys;
    if (strcmp(u->kind, "same") == 0) {
        char a[96], b[96];
        uint32_t ca = x->doms[u->before[0]].core.caps, cb = y->doms[u->after[0]].core.caps;
        fprintf(out, "%s (domid %u, %s", u->name, x->doms[u->before[0]].core.domid,
                xsmc_caps_text(ca, a, sizeof(a)));
        if (ca != cb)
            fprintf(out, " -> %s", xsmc_caps_text(cb, b, sizeof(b)));
    } else {
        fprintf(out, "%s (%s: ", u->name, u->kind);
        write_members(out, x, u->before, u->nbefore);
        fprintf(out, " -> ");
        write_members(out, y, u->after, u->nafter);
    }
    fprintf(out, "): %zu gained, %zu lost\n", gained, lost);
}

/* One line per (source, operation, direction): the target units, named up to MAX_NAMES. */
static size_t write_op_line(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                            size_t i)
{
    const struct xsmc_change *c = &d->changes[i];
    size_t j = i;
    while (j < d->nchanges && d->changes[j].src == c->src && d->changes[j].op == c->op &&
           d->changes[j].gained == c->gained)
        j++;
    fprintf(out, "  %c %s", c->gained ? '+' : '-', s->m[0]->ops[c->op]->name);
    if (c->tgt != XSMC_NO_TARGET) {
        fprintf(out, " on %zu domain%s:", j - i, j - i == 1 ? "" : "s");
        for (size_t k = i; k < j && k < i + MAX_NAMES; k++)
            fprintf(out, "%s %s", k == i ? "" : ",", d->units[d->changes[k].tgt].name);
        if (j - i > MAX_NAMES)
            fprintf(out, " and %zu more", j - i - MAX_NAMES);
    }
    fputc('\n', out);
    return j;
}

static void write_total(FILE *out, const struct xsmc_diff *d)
{
    fprintf(out, "%zu decision%s change: %zu gained, %zu lost, for %zu of %zu domain%s compared\n",
            d->nchanges, d->nchanges == 1 ? "" : "s", d->gained, d->lost, d->domains_changed,
            d->nunits, d->nunits == 1 ? "" : "s");
}

void xsmc_write_diff_text(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    fprintf(out, "diff %s -> %s\n", s->label[0], s->label[1]);
    write_matching(out, s, d);
    for (size_t i = 0; i < d->nchanges;) {
        if (i == 0 || d->changes[i].src != d->changes[i - 1].src)
            write_unit_head(out, s, d, i);
        i = write_op_line(out, s, d, i);
    }
    write_total(out, d);
}

/* ---- counts per unit and per hypercall ---- */

/* "platform_op +1 -1, domctl +15": the counts of changes[first .. last) by hypercall. */
static void write_counts(FILE *out, const struct xsmc_matrix *m, const struct xsmc_diff *d,
                         size_t first, size_t last, const struct xsmc_families *f, size_t *gained,
                         size_t *lost)
{
    memset(gained, 0, f->n * sizeof(*gained));
    memset(lost, 0, f->n * sizeof(*lost));
    for (size_t i = first; i < last; i++)
        *(d->changes[i].gained ? &gained[f->of[d->changes[i].op]] : &lost[f->of[d->changes[i].op]]) += 1;
    int any = 0;
    for (size_t g = 0; g < f->n; g++) {
        if (!gained[g] && !lost[g])
            continue;
        fprintf(out, "%s%s", any++ ? ", " : "", m->ops[f->first[g]]->hypercall);
        if (gained[g])
            fprintf(out, " +%zu", gained[g]);
        if (lost[g])
            fprintf(out, " -%zu", lost[g]);
    }
}

void xsmc_write_diff_summary(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    struct xsmc_families f;
    int bad = xsmc_families_init(s->m[0], &f);
    size_t *gained = calloc(f.n + 1, sizeof(*gained)), *lost = calloc(f.n + 1, sizeof(*lost));
    fprintf(out, "diff %s -> %s: ", s->label[0], s->label[1]);
    write_total(out, d);
    write_matching(out, s, d);
    if (bad || !gained || !lost) {
        fprintf(out, "(out of memory counting the changes)\n");
        goto out;
    }
    for (size_t i = 0; i < d->nchanges;) {
        size_t j = i, plus = 0;
        while (j < d->nchanges && d->changes[j].src == d->changes[i].src)
            plus += d->changes[j++].gained;
        const struct xsmc_diff_unit *u = &d->units[d->changes[i].src];
        fprintf(out, "  %s", u->name);
        if (plus)
            fprintf(out, " +%zu", plus);
        if (j - i > plus)
            fprintf(out, " -%zu", j - i - plus);
        fprintf(out, ": ");
        write_counts(out, s->m[0], d, i, j, &f, gained, lost);
        fputc('\n', out);
        i = j;
    }
    if (d->nchanges) {
        fprintf(out, "  by hypercall: ");
        write_counts(out, s->m[0], d, 0, d->nchanges, &f, gained, lost);
        fputc('\n', out);
    }
out:
    xsmc_families_free(&f);
    free(gained);
    free(lost);
}

/* ---- one sentence per unit ---- */

/* One (operation, direction) of a unit's changes: how many target units changed. */
struct change_run {
    size_t op;
    uint8_t gained;
    size_t targets;  /* 0 for an operation without a target */
};

/* The runs of changes of the unit whose changes are d->changes[first .. last). */
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

/* "on every domain" only when every domain of both systems was compared, and there are several. */
static void write_targets(FILE *out, const struct change_run *r, size_t every)
{
    if (!r->targets)
        return;
    if (r->targets == every)
        fprintf(out, " on every domain");
    else
        fprintf(out, " on %zu domain%s", r->targets, r->targets == 1 ? "" : "s");
}

/*
 * "platform_op XENPF_settime64; domctl XEN_DOMCTL_bind_pt_irq on every
 * domain": the runs of one direction, grouped by hypercall.
 */
static void write_runs(FILE *out, const struct xsmc_matrix *m, const struct change_run *runs,
                       size_t n, int gained, size_t every)
{
    const char *prev = NULL;
    int groups = 0;
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
        write_targets(out, &runs[i], every);
        prev = op->hypercall;
    }
}

/* Did domain a of the after system gain, on every unit, an operation whose deciding check is DM_PRIV? */
static int gained_dm_priv_everywhere(const struct xsmc_matrix *after, size_t a,
                                     const struct change_run *runs, size_t n, size_t nunits)
{
    for (size_t i = 0; i < n; i++) {
        if (!runs[i].gained || runs[i].targets != nunits)
            continue;
        for (size_t t = 0; t < after->sys->ndoms; t++) {
            struct xsmc_op_result r;
            if (t == a || xsmc_matrix_decide(after, runs[i].op, a, t, &r) != 1 ||
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

/* The reviewers' concern, for each new domain of the unit that is not a control domain. */
static void write_concern(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                          const struct xsmc_diff_unit *u, const struct change_run *runs, size_t n)
{
    const struct xsmc_system *y = s->m[1]->sys;
    int has_control = 0;
    for (size_t i = 0; i < y->ndoms; i++)
        has_control |= (y->doms[i].core.caps & XSMC_CAP_CONTROL) != 0;
    for (size_t k = 0; k < u->nafter; k++) {
        const struct xsmc_dom *dom = &y->doms[u->after[k]];
        if (!(dom->core.caps & XSMC_CAP_CONTROL) &&
            gained_dm_priv_everywhere(s->m[1], u->after[k], runs, n, d->nunits))
            fprintf(out, "  This is the reviewers' concern: %s is not a control domain, yet it passes "
                         "DM_PRIV, the device model's check, against every domain%s.\n", dom->name,
                    has_control ? ", the control domain included" : "");
    }
}

static void write_unit_headline(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                                size_t first, size_t last)
{
    const struct xsmc_diff_unit *u = &d->units[d->changes[first].src];
    struct change_run *runs = malloc((last - first) * sizeof(*runs));
    if (!runs) {
        fprintf(out, "(out of memory)\n");
        return;
    }
    size_t n = runs_of(d, first, last, runs);
    int any_gained = 0, any_lost = 0;
    for (size_t i = 0; i < n; i++) {
        any_gained |= runs[i].gained;
        any_lost |= !runs[i].gained;
    }
    size_t every = d->nunits > 1 && !d->nonly_before && !d->nonly_after ? d->nunits : SIZE_MAX;
    fprintf(out, "%s %s, ", one_system(s) ? "Under" : "In", s->label[1]);
    write_subject(out, s, u);
    if (any_gained) {
        fprintf(out, " gained ");
        write_runs(out, s->m[0], runs, n, 1, every);
    }
    if (any_lost) {
        fprintf(out, "%s lost ", any_gained ? "; and" : "");
        write_runs(out, s->m[0], runs, n, 0, every);
    }
    fprintf(out, ".\n");
    write_concern(out, s, d, u, runs, n);
    free(runs);
}

/* A unit that changed shape or capabilities with no decision changing says so. */
static int reshaped(const struct xsmc_diff_sides *s, const struct xsmc_diff_unit *u)
{
    return strcmp(u->kind, "same") != 0 ||
           s->m[0]->sys->doms[u->before[0]].core.caps != s->m[1]->sys->doms[u->after[0]].core.caps;
}

void xsmc_write_diff_headlines(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    const char *prefix = one_system(s) ? "Under" : "In";
    size_t i = 0;
    for (size_t u = 0; u < d->nunits; u++) {
        size_t j = i;
        while (j < d->nchanges && d->changes[j].src == u)
            j++;
        if (j > i) {
            write_unit_headline(out, s, d, i, j);
        } else if (reshaped(s, &d->units[u])) {
            fprintf(out, "%s %s, ", prefix, s->label[1]);
            write_subject(out, s, &d->units[u]);
            fprintf(out, " gains or loses no operation.\n");
        }
        i = j;
    }
    if (!d->nchanges)
        fprintf(out, "%s %s, no domain %sgains or loses any operation.\n", prefix, s->label[1],
                d->nonly_before || d->nonly_after ? "present in both " : "");
}
