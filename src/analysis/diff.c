/*
 * What changes between two matrices: the same system under two profiles,
 * or two systems under one.  Domains are matched by name, cells looked up
 * by class, and only the cells that differ are kept.
 */
#include <stdlib.h>
#include <string.h>

#include "xsmcap/analysis.h"

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

/*
 * Names of `a`'s domains that `b` lacks, into *only (count *nonly); map[i]
 * gets b's index or SIZE_MAX.  On failure nothing is left allocated.
 */
static int match(const struct xsmc_system *a, const struct xsmc_system *b, size_t *map,
                 char ***only, size_t *nonly)
{
    char **names = calloc(a->ndoms ? a->ndoms : 1, sizeof(*names));
    size_t n = 0;
    if (!names)
        return -1;
    for (size_t i = 0; i < a->ndoms; i++) {
        map[i] = SIZE_MAX;
        for (size_t j = 0; j < b->ndoms && map[i] == SIZE_MAX; j++)
            if (strcmp(a->doms[i].name, b->doms[j].name) == 0)
                map[i] = j;
        if (map[i] != SIZE_MAX)
            continue;
        names[n] = strdup(a->doms[i].name);
        if (!names[n]) {
            while (n)
                free(names[--n]);
            free(names);
            return -1;
        }
        n++;
    }
    *only = names;
    *nonly = n;
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

static int compare(struct xsmc_matrix *x, struct xsmc_matrix *y, const size_t *map,
                   struct xsmc_diff *out)
{
    size_t cap = 0;
    size_t n = x->sys->ndoms;
    int same = x->sys == y->sys;
    struct members mb = {NULL, NULL};
    size_t *cand = malloc((n + 2) * sizeof(*cand));
    int rc = -1;
    if (!cand || (same && members_init(x, &mb)))
        goto out;
    for (size_t s = 0; s < n; s++) {
        if (map[s] == SIZE_MAX)
            continue;
        size_t before = out->nchanges;
        for (size_t op = 0; op < x->nops; op++) {
            if (!xsmc_op_targeted(x->ops[op])) {
                int a = xsmc_matrix_cell(x, op, s, XSMC_NO_TARGET);
                int b = xsmc_matrix_cell(y, op, map[s], XSMC_NO_TARGET);
                if (a != b && push(out, &cap, (struct xsmc_change){s, op, XSMC_NO_TARGET, (uint8_t)b}))
                    goto out;
                continue;
            }
            size_t ncand = n;
            if (same)
                ncand = candidates(x, y, &mb, op, s, cand);
            for (size_t k = 0; k < ncand; k++) {
                size_t t = same ? cand[k] : k;
                if (map[t] == SIZE_MAX)
                    continue;
                int a = xsmc_matrix_cell(x, op, s, t);
                int b = xsmc_matrix_cell(y, op, map[s], map[t]);
                if (a != b && push(out, &cap, (struct xsmc_change){s, op, t, (uint8_t)b}))
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

int xsmc_diff_compute(struct xsmc_matrix *before, struct xsmc_matrix *after,
                      struct xsmc_diff *out)
{
    memset(out, 0, sizeof(*out));
    if (before->nops != after->nops)
        return -1;
    for (size_t i = 0; i < before->nops; i++)
        if (before->ops[i] != after->ops[i])
            return -1;
    size_t *map = malloc((before->sys->ndoms + 1) * sizeof(*map));
    size_t *back = malloc((after->sys->ndoms + 1) * sizeof(*back));
    int rc = -1;
    if (!map || !back)
        goto out;
    if (before->sys == after->sys) {
        for (size_t i = 0; i < before->sys->ndoms; i++)
            map[i] = i;
    } else if (match(before->sys, after->sys, map, &out->only_before, &out->nonly_before) ||
               match(after->sys, before->sys, back, &out->only_after, &out->nonly_after)) {
        goto out;
    }
    rc = compare(before, after, map, out);
out:
    free(map);
    free(back);
    if (rc)
        xsmc_diff_free(out);
    return rc;
}

void xsmc_diff_free(struct xsmc_diff *d)
{
    free(d->changes);
    for (size_t i = 0; i < d->nonly_before; i++)
        free(d->only_before[i]);
    for (size_t i = 0; i < d->nonly_after; i++)
        free(d->only_after[i]);
    free(d->only_before);
    free(d->only_after);
    memset(d, 0, sizeof(*d));
}
