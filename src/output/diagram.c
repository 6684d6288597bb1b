/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The relationship diagram's nodes and edges: device models and their
 * guests, static shared memory between domains, and every pair where one
 * domain may perform operations on another, counted per hypercall family.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"

static int push(struct xsmc_diagram *g, size_t *cap, struct xsmc_diagram_edge e)
{
    if (g->nedges == *cap) {
        size_t ncap = *cap ? *cap * 2 : 32;
        struct xsmc_diagram_edge *p = realloc(g->edges, ncap * sizeof(*p));
        if (!p)
            return -1;
        g->edges = p;
        *cap = ncap;
    }
    g->edges[g->nedges++] = e;
    return 0;
}

static int nodes_init(struct xsmc_diagram *g)
{
    const struct xsmc_matrix *m = g->m;
    g->per_class = m->sys->ndoms > XSMC_DIAGRAM_DOMAINS;
    g->nnodes = g->per_class ? m->nclasses : m->sys->ndoms;
    g->first = malloc((g->nnodes + 1) * sizeof(*g->first));
    g->members = malloc((g->nnodes + 1) * sizeof(*g->members));
    if (!g->first || !g->members)
        return -1;
    for (size_t i = 0; i < g->nnodes; i++) {
        g->first[i] = g->per_class ? m->classes[i].first : i;
        g->members[i] = g->per_class ? m->classes[i].members : 1;
    }
    return 0;
}

/* Regions two domains both map: the same xen,shm-id. */
static size_t shared_regions(const struct xsmc_dom *a, const struct xsmc_dom *b)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nshms; i++)
        for (size_t j = 0; j < b->nshms; j++)
            n += strcmp(a->shms[i].id, b->shms[j].id) == 0;
    return n;
}

/* Device models and shared memory are facts of domains: drawn only when nodes are domains. */
static int domain_edges(struct xsmc_diagram *g, size_t *cap)
{
    const struct xsmc_matrix *m = g->m;
    if (g->per_class)
        return 0;
    for (size_t a = 0; a < g->nnodes; a++)
        if (m->target_of[a] != XSMC_NO_TARGET && m->target_of[a] != a &&
            push(g, cap, (struct xsmc_diagram_edge){XSMC_EDGE_DM, a, m->target_of[a], 1, 0, 0}))
            return -1;
    for (size_t a = 0; a < g->nnodes; a++)
        for (size_t b = a + 1; b < g->nnodes; b++) {
            size_t n = shared_regions(&m->sys->doms[a], &m->sys->doms[b]);
            if (n && push(g, cap, (struct xsmc_diagram_edge){XSMC_EDGE_SHM, a, b, n, 0, 0}))
                return -1;
        }
    return 0;
}

/* May node a act by op on node b (another domain; for classes, another member or class)? */
static int allowed(struct xsmc_diagram *g, size_t op, size_t a, size_t b)
{
    if (g->per_class)
        return xsmc_matrix_class_cell(g->m, op, a, b);
    return xsmc_matrix_cell(g->m, op, a, b);
}

/* Is a -> b a pair the diagram considers (another domain; for classes, another member)? */
static int considered(const struct xsmc_diagram *g, size_t a, size_t b)
{
    return a != b || (g->per_class && g->members[a] > 1);
}

/* The operations every considered pair allows: grants and event channels, unless SILO says no. */
static size_t peer_ops(struct xsmc_diagram *g)
{
    size_t n = 0, pairs = 0;
    for (size_t op = 0; op < g->m->nops; op++) {
        int every = xsmc_op_targeted(g->m->ops[op]);
        for (size_t a = 0; every && a < g->nnodes; a++)
            for (size_t b = 0; every && b < g->nnodes; b++)
                if (considered(g, a, b)) {
                    every = allowed(g, op, a, b);
                    pairs++;
                }
        n += every && pairs;
    }
    return n;
}

static int power_edges(struct xsmc_diagram *g, size_t *cap)
{
    struct xsmc_matrix *m = g->m;
    size_t nf = g->families.n, used = 0;
    size_t *counts = calloc(nf + 1, sizeof(*counts));
    if (!counts)
        return -1;
    for (size_t a = 0; a < g->nnodes; a++)
        for (size_t b = 0; b < g->nnodes; b++) {
            if (!considered(g, a, b))
                continue;
            size_t n = 0;
            memset(counts, 0, nf * sizeof(*counts));
            for (size_t op = 0; op < m->nops; op++)
                if (xsmc_op_targeted(m->ops[op]) && allowed(g, op, a, b)) {
                    counts[g->families.of[op]]++;
                    n++;
                }
            if (!n)
                continue;
            size_t *keep = realloc(g->family_counts, (used + nf + 1) * sizeof(*keep));
            if (!keep) {
                free(counts);
                return -1;
            }
            g->family_counts = keep;
            memcpy(keep + used, counts, nf * sizeof(*counts));
            if (push(g, cap, (struct xsmc_diagram_edge){XSMC_EDGE_POWER, a, b, n, used, n == g->npeer})) {
                free(counts);
                return -1;
            }
            used += nf;
        }
    free(counts);
    return 0;
}

int xsmc_diagram_build(struct xsmc_matrix *m, struct xsmc_diagram *g)
{
    size_t cap = 0;
    memset(g, 0, sizeof(*g));
    g->m = m;
    if (nodes_init(g) || xsmc_families_init(m, &g->families))
        return -1;
    g->npeer = peer_ops(g);
    return domain_edges(g, &cap) || power_edges(g, &cap) ? -1 : 0;
}

void xsmc_diagram_free(struct xsmc_diagram *g)
{
    free(g->first);
    free(g->members);
    free(g->edges);
    free(g->family_counts);
    xsmc_families_free(&g->families);
    memset(g, 0, sizeof(*g));
}

/* Append to buf (of len bytes, used so far *used) as snprintf would, never past the end. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
    if (*used >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *used, len - *used, fmt, ap);
    va_end(ap);
    *used = w < 0 ? len : *used + (size_t)w;
}

const char *xsmc_diagram_families(const struct xsmc_diagram *g, const struct xsmc_diagram_edge *e,
                                  size_t max, char *buf, size_t len)
{
    const size_t *count = g->family_counts + e->family_at;
    size_t order[64], n = 0, used = 0;
    buf[0] = '\0';
    /* the families with operations, largest first, ties in catalogue order (insertion sort: few) */
    for (size_t f = 0; f < g->families.n && n < sizeof(order) / sizeof(order[0]); f++) {
        if (!count[f])
            continue;
        size_t k = n++;
        for (; k > 0 && count[order[k - 1]] < count[f]; k--)
            order[k] = order[k - 1];
        order[k] = f;
    }
    for (size_t i = 0; i < n && i < max; i++)
        append(buf, len, &used, "%s%s %zu", i ? ", " : "",
               g->m->ops[g->families.first[order[i]]]->hypercall, count[order[i]]);
    if (n > max)
        append(buf, len, &used, " and %zu more", n - max);
    return buf;
}

const char *xsmc_diagram_node_name(const struct xsmc_diagram *g, size_t node, char *buf, size_t len)
{
    const struct xsmc_dom *d = &g->m->sys->doms[g->first[node]];
    if (g->per_class)
        snprintf(buf, len, "class c%zu: %zu domain%s", node, g->members[node],
                 g->members[node] == 1 ? "" : "s");
    else
        snprintf(buf, len, "%s (%u)", d->name, d->core.domid);
    return buf;
}

const char *xsmc_diagram_node_detail(const struct xsmc_diagram *g, size_t node, char *buf, size_t len)
{
    const struct xsmc_dom *d = &g->m->sys->doms[g->first[node]];
    char caps[96];
    size_t used = 0;
    buf[0] = '\0';
    append(buf, len, &used, "%s, %s guest",
           d->core.caps ? xsmc_caps_text(d->core.caps, caps, sizeof(caps)) : "no capability",
           xsmc_guest_name(xsmc_dom_guest(d)));
    if (g->per_class) {
        append(buf, len, &used, "; e.g. %s", d->name);
        return buf;
    }
    for (size_t b = 0; b < d->nbackends; b++)
        append(buf, len, &used, "%s%s", b ? "," : "; backends ", d->backends[b]);
    if (d->ndevices)
        append(buf, len, &used, "; %zu device%s", d->ndevices, d->ndevices == 1 ? "" : "s");
    return buf;
}

int xsmc_diagram_row(const struct xsmc_diagram *g, size_t node)
{
    const struct xsmc_dom *d = &g->m->sys->doms[g->first[node]];
    if (d->core.caps & (XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE | XSMC_CAP_DEVICE_MODEL))
        return 0;
    return d->core.target != XSMC_DOMID_NONE ? 1 : 2;
}
