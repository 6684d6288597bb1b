/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The units of a diff: which domains of the first system are compared with
 * which of the second.  Links (--map) join domains; the domains no link
 * names are joined by name; every set of domains joined together is one
 * unit, and a domain joined to none is listed as present on one side only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"

/* Union-find over the nb domains of the first system, then the na of the second. */
static size_t root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* The smaller index stays the root, so a unit's root is its first old domain. */
static void join(size_t *parent, size_t a, size_t b)
{
    a = root(parent, a);
    b = root(parent, b);
    if (a != b)
        parent[a > b ? a : b] = a < b ? a : b;
}

static size_t find_name(const struct xsmc_system *sys, const char *name)
{
    for (size_t i = 0; i < sys->ndoms; i++)
        if (strcmp(sys->doms[i].name, name) == 0)
            return i;
    return SIZE_MAX;
}

/* Apply the links; mark every domain they name.  0, or XSMC_EBADARG with err set. */
static int apply_links(const struct xsmc_system *x, const struct xsmc_system *y,
                       const struct xsmc_diff_link *links, size_t nlinks, size_t *parent,
                       uint8_t *named, char *err, size_t errlen)
{
    size_t nb = x->ndoms;
    for (size_t k = 0; k < nlinks; k++) {
        size_t b = find_name(x, links[k].before), a = find_name(y, links[k].after);
        if (b == SIZE_MAX || a == SIZE_MAX) {
            int old = b == SIZE_MAX;
            snprintf(err, errlen, "%s=%s: '%s' is not a domain of %s (the %s system)",
                     links[k].before, links[k].after, old ? links[k].before : links[k].after,
                     old ? x->source : y->source, old ? "first" : "second");
            return XSMC_EBADARG;
        }
        named[b] = named[nb + a] = 1;
        join(parent, b, nb + a);
    }
    return 0;
}

/* "a,b=x,y": the unit as links read. */
static char *unit_name(const struct xsmc_system *x, const struct xsmc_system *y,
                       const struct xsmc_diff_unit *u)
{
    if (u->nbefore == 1 && u->nafter == 1 &&
        strcmp(x->doms[u->before[0]].name, y->doms[u->after[0]].name) == 0)
        return strdup(x->doms[u->before[0]].name);
    size_t len = 2;
    for (size_t i = 0; i < u->nbefore; i++)
        len += strlen(x->doms[u->before[i]].name) + 1;
    for (size_t i = 0; i < u->nafter; i++)
        len += strlen(y->doms[u->after[i]].name) + 1;
    char *name = malloc(len), *p = name;
    if (!name)
        return NULL;
    for (size_t i = 0; i < u->nbefore; i++)
        p += sprintf(p, "%s%s", i ? "," : "", x->doms[u->before[i]].name);
    *p++ = '=';
    for (size_t i = 0; i < u->nafter; i++)
        p += sprintf(p, "%s%s", i ? "," : "", y->doms[u->after[i]].name);
    *p = '\0';
    return name;
}

static const char *kind_of(const struct xsmc_system *x, const struct xsmc_system *y,
                           const struct xsmc_diff_unit *u)
{
    if (u->nbefore > 1)
        return u->nafter > 1 ? "regroup" : "merge";
    if (u->nafter > 1)
        return "split";
    return strcmp(x->doms[u->before[0]].name, y->doms[u->after[0]].name) ? "rename" : "same";
}

static int add_only(char ***names, size_t *n, const char *name)
{
    char **p = realloc(*names, (*n + 1) * sizeof(*p));
    if (!p)
        return -1;
    *names = p;
    if (!(p[*n] = strdup(name)))
        return -1;
    (*n)++;
    return 0;
}

/* Count, then fill, the members of each unit; list the domains of one side only. */
static int collect(const struct xsmc_system *x, const struct xsmc_system *y, size_t *parent,
                   const uint8_t *named, struct xsmc_diff *out)
{
    size_t nb = x->ndoms, na = y->ndoms;
    size_t *unit_of = malloc((nb + 1) * sizeof(*unit_of));
    int rc = -1;
    if (!unit_of)
        return -1;
    /* a unit is a root on the old side that some new domain joins */
    for (size_t i = 0; i < nb; i++)
        unit_of[i] = SIZE_MAX;
    for (size_t j = 0; j < na; j++) {
        size_t r = root(parent, nb + j);
        if (r < nb)
            unit_of[r] = 0;
    }
    for (size_t i = 0; i < nb; i++)
        if (unit_of[i] == 0)
            unit_of[i] = out->nunits++;
    out->units = calloc(out->nunits ? out->nunits : 1, sizeof(*out->units));
    if (!out->units)
        goto done;
    for (size_t k = 0; k < nb + na; k++) {
        size_t r = root(parent, k), u = r < nb ? unit_of[r] : SIZE_MAX;
        if (u == SIZE_MAX)
            continue;
        *(k < nb ? &out->units[u].nbefore : &out->units[u].nafter) += 1;
        out->units[u].linked |= named[k];
    }
    for (size_t u = 0; u < out->nunits; u++) {
        struct xsmc_diff_unit *du = &out->units[u];
        /* a unit has a domain on each side; the + 1 only spares calloc(0) */
        du->before = calloc(du->nbefore + 1, sizeof(size_t));
        du->after = calloc(du->nafter + 1, sizeof(size_t));
        if (!du->before || !du->after)
            goto done;
        du->nbefore = du->nafter = 0;
    }
    for (size_t k = 0; k < nb + na; k++) {
        size_t r = root(parent, k), u = r < nb ? unit_of[r] : SIZE_MAX;
        if (u == SIZE_MAX) {
            if (add_only(k < nb ? &out->only_before : &out->only_after,
                         k < nb ? &out->nonly_before : &out->nonly_after,
                         k < nb ? x->doms[k].name : y->doms[k - nb].name))
                goto done;
            continue;
        }
        struct xsmc_diff_unit *du = &out->units[u];
        if (k < nb)
            du->before[du->nbefore++] = k;
        else
            du->after[du->nafter++] = k - nb;
    }
    for (size_t u = 0; u < out->nunits; u++) {
        struct xsmc_diff_unit *du = &out->units[u];
        if (!(du->name = unit_name(x, y, du)))
            goto done;
        du->kind = kind_of(x, y, du);
    }
    rc = 0;
done:
    free(unit_of);
    return rc;
}

int xsmc_diff_units_of(const struct xsmc_system *x, const struct xsmc_system *y,
                       const struct xsmc_diff_link *links, size_t nlinks, struct xsmc_diff *out,
                       char *err, size_t errlen)
{
    size_t nb = x->ndoms, na = y->ndoms;
    size_t *parent = calloc(nb + na + 1, sizeof(*parent));
    uint8_t *named = calloc(nb + na + 1, 1);
    int rc = -1;
    if (!parent || !named)
        goto done;
    for (size_t k = 0; k < nb + na; k++)
        parent[k] = k;
    rc = apply_links(x, y, links, nlinks, parent, named, err, errlen);
    if (rc)
        goto done;
    for (size_t i = 0; i < nb; i++) {
        if (named[i])
            continue;
        for (size_t j = 0; j < na; j++)
            if (!named[nb + j] && strcmp(x->doms[i].name, y->doms[j].name) == 0) {
                join(parent, i, nb + j);
                break;
            }
    }
    rc = collect(x, y, parent, named, out);
done:
    free(parent);
    free(named);
    return rc;
}

int xsmc_diff_units_same(const struct xsmc_system *sys, struct xsmc_diff *out)
{
    out->units = calloc(sys->ndoms ? sys->ndoms : 1, sizeof(*out->units));
    if (!out->units)
        return -1;
    out->nunits = sys->ndoms;
    for (size_t i = 0; i < sys->ndoms; i++) {
        struct xsmc_diff_unit *u = &out->units[i];
        u->before = malloc(sizeof(size_t));
        u->after = malloc(sizeof(size_t));
        u->name = strdup(sys->doms[i].name);
        if (!u->before || !u->after || !u->name)
            return -1;
        u->before[0] = u->after[0] = i;
        u->nbefore = u->nafter = 1;
        u->kind = "same";
    }
    return 0;
}

