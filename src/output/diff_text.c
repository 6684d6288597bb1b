/* A diff in words: every change grouped by domain and operation, and a headline per domain. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/report.h"

#define MAX_NAMES 8
#define MAX_TOPICS 32

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
    fprintf(out, "  %c %s", c->gained ? '+' : '-', m->ops[c->op].name);
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

struct topics {
    const char *items[MAX_TOPICS];
    size_t n;
};

static void add_topic(struct topics *t, const char *topic)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i], topic) == 0)
            return;
    if (t->n < MAX_TOPICS)
        t->items[t->n++] = topic;
}

static int is_setup(const char *topic)
{
    size_t n = strlen(topic);
    return n > 7 && strcmp(topic + n - 7, " set-up") == 0;
}

/* "a, b and c", where a run of "X set-up" topics reads "X, Y and Z set-up". */
static void write_topics(FILE *out, const struct topics *t)
{
    const char *phrase[MAX_TOPICS];
    char merged[512] = "";
    size_t np = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!is_setup(t->items[i])) {
            phrase[np++] = t->items[i];
            continue;
        }
        size_t j = i, used = 0;
        while (j < t->n && is_setup(t->items[j]))
            j++;
        for (size_t k = i; k < j; k++) {
            int n = snprintf(merged + used, sizeof(merged) - used, "%s%.*s",
                             k == i ? "" : k + 1 == j ? " and " : ", ",
                             (int)strlen(t->items[k]) - 7, t->items[k]);
            used += n > 0 && (size_t)n < sizeof(merged) - used ? (size_t)n : 0;
        }
        snprintf(merged + used, sizeof(merged) - used, " set-up");
        phrase[np++] = merged;
        i = j - 1;
    }
    for (size_t i = 0; i < np; i++)
        fprintf(out, "%s%s", i == 0 ? "" : i + 1 == np ? " and " : ", ", phrase[i]);
}

/* The lattice action a hook evaluates for src after its own logic (OTHER when none). */
static uint8_t effective_action(const struct xsmc_matrix *m, size_t op, size_t src)
{
    const struct xsmc_domain *s = &m->sys->doms[src].core;
    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
    unsigned done;
    xsmc_aop_decide(m->profile, m->options, &m->ops[op], s, s, xsmc_aop_matrix_other(&m->ops[op], s),
                    dec, &done);
    return done ? dec[done - 1].action : XSMC_ACT_OTHER;
}

/*
 * Is every targeted hook that evaluates `action` allowed for src on every
 * domain after, with at least one of them gained?
 */
static int gained_action_everywhere(struct xsmc_matrix *before, struct xsmc_matrix *after,
                                    size_t src, size_t after_src, uint8_t action)
{
    int any = 0;
    for (size_t op = 0; op < after->nops; op++) {
        const struct xsmc_aop *a = &after->ops[op];
        if (a->op || !a->targeted || effective_action(after, op, after_src) != action)
            continue;
        if (xsmc_matrix_allowed_count(after, op, after_src) != after->sys->ndoms)
            return 0;
        any |= xsmc_matrix_allowed_count(before, op, src) != before->sys->ndoms;
    }
    return any;
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
    struct topics lost = {{0}, 0}, gained = {{0}, 0}, gained_on = {{0}, 0}, everywhere = {{0}, 0};
    unsigned everywhere_mask = 0;
    for (uint8_t act = 0; act < XSMC_LATTICE_ACTIONS && after_src != SIZE_MAX; act++)
        if (act != XSMC_ACT_HOOK && gained_action_everywhere(before, after, src, after_src, act)) {
            everywhere_mask |= 1u << act;
            add_topic(&everywhere, xsmc_action_name(act));
        }
    for (size_t i = first; i < last; i++) {
        const struct xsmc_aop *a = &before->ops[d->changes[i].op];
        if (a->op)
            continue; /* headlines speak of hooks; the listing has every sub-op */
        const char *topic = xsmc_hook_words(a->steps[0].hook)->topic;
        if (!d->changes[i].gained)
            add_topic(&lost, topic);
        else if (!a->targeted)
            add_topic(&gained, topic);
        else if (!(everywhere_mask & (1u << effective_action(after, d->changes[i].op, after_src))))
            add_topic(&gained_on, topic);
    }
    char caps[96], caps_after[96];
    fprintf(out, "Under %s, %s (%s", after_label, dom->name,
            xsmc_caps_text(dom->core.caps, caps, sizeof(caps)));
    if (after_src != SIZE_MAX && after->sys->doms[after_src].core.caps != dom->core.caps)
        fprintf(out, " -> %s", xsmc_caps_text(after->sys->doms[after_src].core.caps, caps_after,
                                               sizeof(caps_after)));
    fputc(')', out);
    const char *sep = " ";
    if (lost.n) {
        fprintf(out, "%slost ", sep);
        write_topics(out, &lost);
        sep = ", and ";
    }
    if (gained.n) {
        fprintf(out, "%sgained ", sep);
        write_topics(out, &gained);
        sep = ", and ";
    }
    if (everywhere.n) {
        fprintf(out, "%sgained ", sep);
        write_topics(out, &everywhere);
        fprintf(out, " over every domain");
        sep = ", and ";
    }
    if (gained_on.n) {
        fprintf(out, "%sgained ", sep);
        write_topics(out, &gained_on);
        fprintf(out, " on some domains");
    }
    fprintf(out, ".\n");
    int has_control = 0;
    for (size_t i = 0; i < after->sys->ndoms; i++)
        has_control |= (after->sys->doms[i].core.caps & XSMC_CAP_CONTROL) != 0;
    if ((everywhere_mask & (1u << XSMC_ACT_DM_PRIV)) && !(dom->core.caps & XSMC_CAP_CONTROL))
        fprintf(out, "  This is the reviewers' concern: %s is not a control domain, yet it may act "
                     "as the device model of every domain%s.\n", dom->name,
                has_control ? ", the control domain included" : "");
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
        fprintf(out, "Under %s, no domain gains or loses anything.\n", after_label);
}
