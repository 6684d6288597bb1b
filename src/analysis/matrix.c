/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision matrix by role classes.  The engine sees of a domain only
 * its capabilities, its flags and whether it is the idle domain; of a pair
 * only whether it is one domain and whether the target is the source's own
 * target.  So a cell is decided once per (source class, target class,
 * pair facts) and every other cell of that kind is a lookup.
 */
#include <stdlib.h>
#include <string.h>

#include "xsmcap/analysis.h"

#define VARIANT_SELF   1u /* target has the source's domid */
#define VARIANT_TARGET 2u /* target is the source's set_target domain */
#define KNOWN(v)       (0x10u << (v))
#define ALLOWS(v)      (0x01u << (v))

/* Open-addressing index from a 64-bit key to a position; sized at twice the entries. */
struct index {
    uint64_t *keys;
    uint32_t *vals; /* position + 1; 0 = empty */
    size_t mask;
};

static int index_init(struct index *ix, size_t entries)
{
    size_t cap = 16;
    while (cap < entries * 2)
        cap *= 2;
    ix->keys = calloc(cap, sizeof(*ix->keys));
    ix->vals = calloc(cap, sizeof(*ix->vals));
    ix->mask = cap - 1;
    return ix->keys && ix->vals ? 0 : -1;
}

static void index_free(struct index *ix)
{
    free(ix->keys);
    free(ix->vals);
}

static size_t index_slot(const struct index *ix, uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 17) & ix->mask;
    while (ix->vals[i] && ix->keys[i] != key)
        i = (i + 1) & ix->mask;
    return i;
}

static uint64_t class_key(const struct xsmc_domain *d)
{
    return (uint64_t)d->caps << 32 | (uint64_t)(d->flags & 0x7fffffffu) << 1 |
           (d->domid == XSMC_DOMID_IDLE);
}

static int build_classes(struct xsmc_matrix *m)
{
    const struct xsmc_system *sys = m->sys;
    struct index byclass = {NULL, NULL, 0}, bydomid = {NULL, NULL, 0};
    int rc = -1;
    if (index_init(&byclass, sys->ndoms) || index_init(&bydomid, sys->ndoms))
        goto out;
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_domain *d = &sys->doms[i].core;
        size_t slot = index_slot(&byclass, class_key(d));
        if (!byclass.vals[slot]) {
            struct xsmc_class *c = &m->classes[m->nclasses];
            c->caps = d->caps;
            c->flags = d->flags;
            c->idle = d->domid == XSMC_DOMID_IDLE;
            c->first = i;
            byclass.keys[slot] = class_key(d);
            byclass.vals[slot] = (uint32_t)++m->nclasses;
        }
        m->class_of[i] = byclass.vals[slot] - 1;
        m->classes[m->class_of[i]].members++;
        slot = index_slot(&bydomid, d->domid);
        if (!bydomid.vals[slot]) { /* the first domain with a domid answers for it */
            bydomid.keys[slot] = d->domid;
            bydomid.vals[slot] = (uint32_t)i + 1;
        }
    }
    for (size_t i = 0; i < sys->ndoms; i++) {
        uint32_t t = sys->doms[i].core.target;
        size_t slot = index_slot(&bydomid, t);
        m->target_of[i] = t != XSMC_DOMID_NONE && bydomid.vals[slot]
                              ? bydomid.vals[slot] - 1 : XSMC_NO_TARGET;
    }
    rc = 0;
out:
    index_free(&byclass);
    index_free(&bydomid);
    return rc;
}

struct xsmc_matrix *xsmc_matrix_new(const struct xsmc_system *sys, enum xsmc_profile profile,
                                    uint32_t options)
{
    size_t nops;
    const struct xsmc_op **ops = xsmc_platform_ops((enum xsmc_arch)sys->arch, &nops);
    if (!ops)
        return NULL;
    struct xsmc_matrix *m = xsmc_matrix_new_ops(sys, profile, options, ops, nops);
    free(ops);
    return m;
}

struct xsmc_matrix *xsmc_matrix_new_ops(const struct xsmc_system *sys, enum xsmc_profile profile,
                                        uint32_t options, const struct xsmc_op *const *ops,
                                        size_t nops)
{
    for (size_t i = 0; i < nops; i++)
        if (!xsmc_op_exists(ops[i], (enum xsmc_arch)sys->arch))
            return NULL;
    struct xsmc_matrix *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->sys = sys;
    m->profile = profile;
    m->options = options;
    xsmc_env_of(sys, profile, options, &m->env);
    /* an array of pointers to the catalogue's rows, not of the rows */
    m->ops = malloc((nops ? nops : 1) * sizeof(*m->ops)); // NOLINT(bugprone-sizeof-expression)
    m->nops = nops;
    if (m->ops)
        memcpy(m->ops, ops, nops * sizeof(*ops)); // NOLINT(bugprone-sizeof-expression)
    size_t n = sys->ndoms ? sys->ndoms : 1;
    m->classes = calloc(n, sizeof(*m->classes));
    m->class_of = calloc(n, sizeof(*m->class_of));
    m->target_of = calloc(n, sizeof(*m->target_of));
    if (!m->ops || !m->classes || !m->class_of || !m->target_of || build_classes(m)) {
        xsmc_matrix_free(m);
        return NULL;
    }
    size_t nc = m->nclasses ? m->nclasses : 1;
    m->cache = calloc(m->nops * nc * nc + 1, 1);
    if (!m->cache) {
        xsmc_matrix_free(m);
        return NULL;
    }
    return m;
}

size_t xsmc_matrix_op_index(const struct xsmc_matrix *m, const struct xsmc_op *op)
{
    for (size_t i = 0; i < m->nops; i++)
        if (m->ops[i] == op)
            return i;
    return SIZE_MAX;
}

void xsmc_matrix_free(struct xsmc_matrix *m)
{
    if (!m)
        return;
    free((void *)m->ops);
    free(m->classes);
    free(m->class_of);
    free(m->target_of);
    free(m->cache);
    free(m);
}

/* Decide (class a, class b, variant) on stand-in domains the engine cannot tell from real ones. */
static int decide_classes(const struct xsmc_matrix *m, size_t op, uint32_t a, uint32_t b,
                          unsigned variant)
{
    const struct xsmc_class *ca = &m->classes[a], *cb = &m->classes[b];
    struct xsmc_domain src = {.domid = ca->idle ? XSMC_DOMID_IDLE : 1,
                              .target = XSMC_DOMID_NONE, .caps = ca->caps, .flags = ca->flags};
    struct xsmc_domain tgt = {.domid = (variant & VARIANT_SELF) ? src.domid : 2,
                              .target = XSMC_DOMID_NONE, .caps = cb->caps, .flags = cb->flags};
    if (variant & VARIANT_TARGET)
        src.target = tgt.domid;
    struct xsmc_op_result res;
    return xsmc_op_decide(&m->env, m->ops[op], &src, &tgt, XSMC_TF_DOMAIN,
                          xsmc_default_other(&src), &res) == 1;
}

static int class_cell(struct xsmc_matrix *m, size_t op, uint32_t a, uint32_t b, unsigned v)
{
    if (!xsmc_op_targeted(m->ops[op])) {
        b = a; /* the target is none, or the caller itself */
        v = 0;
    }
    uint8_t *slot = &m->cache[(op * m->nclasses + a) * m->nclasses + b];
    if (!(*slot & KNOWN(v)))
        *slot |= (uint8_t)(KNOWN(v) | (decide_classes(m, op, a, b, v) ? ALLOWS(v) : 0));
    return (*slot & ALLOWS(v)) != 0;
}

int xsmc_matrix_class_cell(struct xsmc_matrix *m, size_t op, size_t a, size_t b)
{
    if (op >= m->nops || a >= m->nclasses || b >= m->nclasses)
        return 0;
    return class_cell(m, op, (uint32_t)a, (uint32_t)b, 0);
}

static unsigned pair_variant(const struct xsmc_matrix *m, size_t src, size_t tgt)
{
    const struct xsmc_domain *s = &m->sys->doms[src].core, *t = &m->sys->doms[tgt].core;
    unsigned v = 0;
    if (s->domid == t->domid)
        v |= VARIANT_SELF;
    if (s->target != XSMC_DOMID_NONE && s->target == t->domid)
        v |= VARIANT_TARGET;
    return v;
}

int xsmc_matrix_cell(struct xsmc_matrix *m, size_t op, size_t src, size_t tgt)
{
    if (op >= m->nops || src >= m->sys->ndoms)
        return 0;
    if (!xsmc_op_targeted(m->ops[op]))
        return class_cell(m, op, m->class_of[src], m->class_of[src], 0);
    if (tgt >= m->sys->ndoms)
        return 0;
    return class_cell(m, op, m->class_of[src], m->class_of[tgt], pair_variant(m, src, tgt));
}

int xsmc_matrix_decide(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt,
                       struct xsmc_op_result *out)
{
    memset(out, 0, sizeof(*out));
    if (op >= m->nops || src >= m->sys->ndoms)
        return XSMC_EBADARG;
    int targeted = xsmc_op_targeted(m->ops[op]);
    if (targeted && tgt >= m->sys->ndoms)
        return XSMC_EBADARG;
    const struct xsmc_domain *s = &m->sys->doms[src].core;
    const struct xsmc_domain *t = targeted ? &m->sys->doms[tgt].core : NULL;
    return xsmc_op_decide(&m->env, m->ops[op], s, t, XSMC_TF_DOMAIN, xsmc_default_other(s), out);
}

int xsmc_matrix_cell_naive(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt)
{
    struct xsmc_op_result res;
    return xsmc_matrix_decide(m, op, src, tgt, &res) == 1;
}

/* Targets of class b that a source of class a passes with no pair fact. */
static uint64_t plain_targets(struct xsmc_matrix *m, size_t op, uint32_t a)
{
    uint64_t n = 0;
    for (uint32_t b = 0; b < m->nclasses; b++)
        if (class_cell(m, op, a, b, 0))
            n += m->classes[b].members;
    return n;
}

/*
 * A source's count: every target as a plain pair, then the two targets
 * that are not plain (itself and its own target) put right.
 */
static uint64_t count_with_plain(struct xsmc_matrix *m, size_t op, size_t src, uint64_t plain)
{
    uint32_t a = m->class_of[src];
    uint64_t n = plain - (uint64_t)class_cell(m, op, a, a, 0) +
                 (uint64_t)xsmc_matrix_cell(m, op, src, src);
    size_t t = m->target_of[src];
    if (t != XSMC_NO_TARGET && pair_variant(m, src, t) == VARIANT_TARGET)
        n += (uint64_t)xsmc_matrix_cell(m, op, src, t) -
             (uint64_t)class_cell(m, op, a, m->class_of[t], 0);
    return n;
}

size_t xsmc_matrix_allowed_count(struct xsmc_matrix *m, size_t op, size_t src)
{
    if (op >= m->nops || src >= m->sys->ndoms)
        return 0;
    if (!xsmc_op_targeted(m->ops[op]))
        return (size_t)xsmc_matrix_cell(m, op, src, XSMC_NO_TARGET);
    return (size_t)count_with_plain(m, op, src, plain_targets(m, op, m->class_of[src]));
}

/* Sources grouped by their class and their own target's class: they count alike. */
struct source_group {
    uint32_t cls;
    uint32_t target_cls; /* class of its own target; nc: none; nc + 1: itself */
    size_t example;
    uint64_t members;
};

static struct source_group *group_sources(const struct xsmc_matrix *m, size_t *count)
{
    size_t nc = m->nclasses;
    size_t ngroups = nc * (nc + 2);
    uint32_t *slot = calloc(ngroups ? ngroups : 1, sizeof(*slot));
    struct source_group *g = calloc(ngroups ? ngroups : 1, sizeof(*g));
    size_t n = 0;
    if (!slot || !g) {
        free(slot);
        free(g);
        return NULL;
    }
    for (size_t i = 0; i < m->sys->ndoms; i++) {
        size_t t = m->target_of[i];
        uint32_t tc = (uint32_t)nc;
        if (t != XSMC_NO_TARGET)
            tc = pair_variant(m, i, t) == VARIANT_TARGET ? m->class_of[t] : (uint32_t)nc + 1;
        size_t k = m->class_of[i] * (nc + 2) + tc;
        if (!slot[k]) {
            g[n] = (struct source_group){m->class_of[i], tc, i, 0};
            slot[k] = (uint32_t)++n;
        }
        g[slot[k] - 1].members++;
    }
    free(slot);
    *count = n;
    return g;
}

static int summary_alloc(const struct xsmc_matrix *m, struct xsmc_matrix_summary *out)
{
    memset(out, 0, sizeof(*out));
    out->allowed = calloc(m->nops ? m->nops : 1, sizeof(*out->allowed));
    return out->allowed ? 0 : -1;
}

int xsmc_matrix_summarise(struct xsmc_matrix *m, struct xsmc_matrix_summary *out)
{
    size_t ngroups;
    if (summary_alloc(m, out))
        return -1;
    struct source_group *g = group_sources(m, &ngroups);
    if (!g) {
        xsmc_matrix_summary_free(out);
        return -1;
    }
    uint64_t n = m->sys->ndoms;
    for (size_t op = 0; op < m->nops; op++) {
        int targeted = xsmc_op_targeted(m->ops[op]);
        out->cells += targeted ? n * n : n;
        for (size_t k = 0; k < ngroups; k++) {
            uint64_t per = targeted ? count_with_plain(m, op, g[k].example,
                                                       plain_targets(m, op, g[k].cls))
                                    : (uint64_t)xsmc_matrix_cell(m, op, g[k].example, 0);
            out->allowed[op] += per * g[k].members;
        }
        out->total += out->allowed[op];
    }
    free(g);
    return 0;
}

int xsmc_matrix_summarise_naive(const struct xsmc_matrix *m, struct xsmc_matrix_summary *out)
{
    if (summary_alloc(m, out))
        return -1;
    size_t n = m->sys->ndoms;
    for (size_t op = 0; op < m->nops; op++) {
        int targeted = xsmc_op_targeted(m->ops[op]);
        for (size_t s = 0; s < n; s++) {
            if (!targeted) {
                out->allowed[op] += (uint64_t)xsmc_matrix_cell_naive(m, op, s, XSMC_NO_TARGET);
                out->cells++;
                continue;
            }
            for (size_t t = 0; t < n; t++)
                out->allowed[op] += (uint64_t)xsmc_matrix_cell_naive(m, op, s, t);
            out->cells += n;
        }
        out->total += out->allowed[op];
    }
    return 0;
}

void xsmc_matrix_summary_free(struct xsmc_matrix_summary *s)
{
    free(s->allowed);
    s->allowed = NULL;
}
