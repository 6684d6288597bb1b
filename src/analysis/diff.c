/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What changes between two matrices: the same system under two profiles,
 * or two systems under one.  Units (diff_units.c) say which domains are
 * compared with which; cells are looked up by class, and only the cells
 * that differ are kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"

static int push(struct xsmc_diff *d, size_t *cap, struct xsmc_change c)
{
    if (d->nchanges == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct xsmc_change *p = realloc(d->changes, ncap * sizeof(*p));
        if (!p)
            return -1;
        d->changes = p;
        *cap = ncap;
    }
    d->changes[d->nchanges++] = c;
    if (c.gained)
        d->gained++;
    else
        d->lost++;
    return 0;
}

/* The domains of each class, in index order: order[start[c] .. start[c + 1]). */
struct members {
    size_t *order;
    size_t *start;
};

static int members_init(const struct xsmc_matrix *m, struct members *mb)
{
    size_t n = m->sys->ndoms, nc = m->nclasses;
    mb->order = malloc((n ? n : 1) * sizeof(*mb->order));
    mb->start = calloc(nc + 2, sizeof(*mb->start));
    if (!mb->order || !mb->start)
        return -1;
    for (size_t i = 0; i < n; i++)
        mb->start[m->class_of[i] + 2]++;
    for (size_t c = 2; c < nc + 2; c++)
        mb->start[c] += mb->start[c - 1];
    for (size_t i = 0; i < n; i++)
        mb->order[mb->start[m->class_of[i] + 1]++] = i;
    return 0;
}

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * One system under two profiles: the targets whose cell may differ are the
 * members of the classes whose class cell differs, plus the source itself
 * and its own target.  Sorted, without repeats; returns how many.
 */
static size_t candidates(struct xsmc_matrix *x, struct xsmc_matrix *y, const struct members *mb,
                         size_t op, size_t s, size_t *cand)
{
    size_t n = 0;
    uint32_t a = x->class_of[s];
    for (size_t b = 0; b < x->nclasses; b++)
        if (xsmc_matrix_class_cell(x, op, a, b) != xsmc_matrix_class_cell(y, op, a, b))
            for (size_t k = mb->start[b]; k < mb->start[b + 1]; k++)
                cand[n++] = mb->order[k];
    cand[n++] = s;
    if (x->target_of[s] != XSMC_NO_TARGET)
        cand[n++] = x->target_of[s];
    qsort(cand, n, sizeof(*cand), by_index);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || cand[u - 1] != cand[i])
            cand[u++] = cand[i];
    return u;
}

/*
 * One system under two profiles: each domain is its own unit, and only the
 * candidates' cells can differ.
 */
static int compare_same(struct xsmc_matrix *x, struct xsmc_matrix *y, struct xsmc_diff *out)
{
    size_t cap = 0;
    size_t n = x->sys->ndoms;
    struct members mb = {NULL, NULL};
    size_t *cand = malloc((n + 2) * sizeof(*cand));
    int rc = -1;
    if (!cand || members_init(x, &mb))
        goto out;
    for (size_t s = 0; s < n; s++) {
        size_t before = out->nchanges;
        for (size_t op = 0; op < x->nops; op++) {
            if (!xsmc_op_targeted(x->ops[op])) {
                int a = xsmc_matrix_cell(x, op, s, XSMC_NO_TARGET);
                int b = xsmc_matrix_cell(y, op, s, XSMC_NO_TARGET);
                if (a != b && push(out, &cap, (struct xsmc_change){s, op, XSMC_NO_TARGET, (uint8_t)b}))
                    goto out;
                continue;
            }
            size_t ncand = candidates(x, y, &mb, op, s, cand);
            for (size_t k = 0; k < ncand; k++) {
                int a = xsmc_matrix_cell(x, op, s, cand[k]);
                int b = xsmc_matrix_cell(y, op, s, cand[k]);
                if (a != b && push(out, &cap, (struct xsmc_change){s, op, cand[k], (uint8_t)b}))
                    goto out;
            }
        }
        out->domains_changed += out->nchanges != before;
    }
    rc = 0;
out:
    free(cand);
    free(mb.order);
    free(mb.start);
    return rc;
}

/* Before: did every old domain of u allow op (on every old domain of v)?  The intersection. */
static int before_cell(struct xsmc_matrix *x, size_t op, const struct xsmc_diff_unit *u,
                       const struct xsmc_diff_unit *v)
{
    for (size_t i = 0; i < u->nbefore; i++) {
        if (!v && !xsmc_matrix_cell(x, op, u->before[i], XSMC_NO_TARGET))
            return 0;
        for (size_t j = 0; v && j < v->nbefore; j++)
            if (!xsmc_matrix_cell(x, op, u->before[i], v->before[j]))
                return 0;
    }
    return 1;
}

/* After: does any new domain of u allow op (on any new domain of v)?  The union. */
static int after_cell(struct xsmc_matrix *y, size_t op, const struct xsmc_diff_unit *u,
                      const struct xsmc_diff_unit *v)
{
    for (size_t i = 0; i < u->nafter; i++) {
        if (!v && xsmc_matrix_cell(y, op, u->after[i], XSMC_NO_TARGET))
            return 1;
        for (size_t j = 0; v && j < v->nafter; j++)
            if (xsmc_matrix_cell(y, op, u->after[i], v->after[j]))
                return 1;
    }
    return 0;
}

/* Two systems: every pair of units, each cell combined over the units' domains. */
static int compare_units(struct xsmc_matrix *x, struct xsmc_matrix *y, struct xsmc_diff *out)
{
    size_t cap = 0;
    for (size_t s = 0; s < out->nunits; s++) {
        const struct xsmc_diff_unit *u = &out->units[s];
        size_t before = out->nchanges;
        for (size_t op = 0; op < x->nops; op++) {
            int targeted = xsmc_op_targeted(x->ops[op]);
            for (size_t t = 0; t < (targeted ? out->nunits : 1); t++) {
                const struct xsmc_diff_unit *v = targeted ? &out->units[t] : NULL;
                int a = before_cell(x, op, u, v), b = after_cell(y, op, u, v);
                if (a != b && push(out, &cap, (struct xsmc_change){s, op, targeted ? t : XSMC_NO_TARGET,
                                                                   (uint8_t)b}))
                    return -1;
            }
        }
        out->domains_changed += out->nchanges != before;
    }
    return 0;
}

static int same_ops(const struct xsmc_matrix *a, const struct xsmc_matrix *b)
{
    if (a->nops != b->nops)
        return 0;
    for (size_t i = 0; i < a->nops; i++)
        if (a->ops[i] != b->ops[i])
            return 0;
    return 1;
}

int xsmc_diff_compute_linked(struct xsmc_matrix *before, struct xsmc_matrix *after,
                             const struct xsmc_diff_link *links, size_t nlinks,
                             struct xsmc_diff *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (err && errlen)
        err[0] = '\0';
    if (!same_ops(before, after)) {
        snprintf(err, errlen, "the two matrices are over different operations");
        return XSMC_EBADARG;
    }
    int same = before->sys == after->sys;
    if (same && nlinks) {
        snprintf(err, errlen, "links join the domains of two systems; %s is compared with itself",
                 before->sys->source);
        return XSMC_EBADARG;
    }
    int rc = same ? xsmc_diff_units_same(before->sys, out)
                  : xsmc_diff_units_of(before->sys, after->sys, links, nlinks, out, err, errlen);
    if (!rc)
        rc = same ? compare_same(before, after, out) : compare_units(before, after, out);
    if (rc)
        xsmc_diff_free(out);
    return rc;
}

int xsmc_diff_compute(struct xsmc_matrix *before, struct xsmc_matrix *after,
                      struct xsmc_diff *out)
{
    char err[8];
    return xsmc_diff_compute_linked(before, after, NULL, 0, out, err, sizeof(err)) ? -1 : 0;
}

void xsmc_diff_free(struct xsmc_diff *d)
{
    free(d->changes);
    for (size_t i = 0; d->units && i < d->nunits; i++) {
        free(d->units[i].before);
        free(d->units[i].after);
        free(d->units[i].name);
    }
    free(d->units);
    for (size_t i = 0; i < d->nonly_before; i++)
        free(d->only_before[i]);
    for (size_t i = 0; i < d->nonly_after; i++)
        free(d->only_after[i]);
    free(d->only_before);
    free(d->only_after);
    memset(d, 0, sizeof(*d));
}
