/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The relationship diagram, computed once and drawn twice: as DOT
 * (report --format dot) and as the HTML report's inline SVG, so both show
 * the same edges.  Nodes are the domains, or past XSMC_DIAGRAM_DOMAINS the
 * role classes (domains the policy cannot tell apart).
 */
#ifndef XSMC_OUTPUT_DIAGRAM_H
#define XSMC_OUTPUT_DIAGRAM_H

#include <stdio.h>

#include "families.h"
#include "xsmcap/report.h"

/* Above this many domains the diagram draws role classes: every pair would be unreadable. */
#define XSMC_DIAGRAM_DOMAINS 24

enum xsmc_diagram_kind {
    XSMC_EDGE_DM,     /* a is b's device model or stub domain (XEN_DOMCTL_set_target) */
    XSMC_EDGE_SHM,    /* a and b map `count` static shared memory regions (no direction; a < b) */
    XSMC_EDGE_POWER   /* a may perform `count` operations on b, another domain */
};

struct xsmc_diagram_edge {
    int kind;           /* enum xsmc_diagram_kind */
    size_t a, b;        /* node indexes */
    size_t count;
    size_t family_at;   /* POWER: its operations per hypercall family, family_counts[family_at ..] */
    int peer;           /* POWER: only the operations every domain may perform on every other */
};

struct xsmc_diagram {
    struct xsmc_matrix *m;
    int per_class;            /* nodes are role classes */
    size_t nnodes;
    size_t *first;            /* per node: its domain, or its class's first member */
    size_t *members;          /* per node: 1, or its class's member count */
    struct xsmc_diagram_edge *edges; /* DM, then SHM, then POWER by (a, b) */
    size_t nedges;
    struct xsmc_families families;
    size_t *family_counts;    /* families.n counts per power edge */
    size_t npeer;             /* operations every node may perform on every other */
};

/* 0, or -1 out of memory (free it all the same). */
int xsmc_diagram_build(struct xsmc_matrix *m, struct xsmc_diagram *g);
void xsmc_diagram_free(struct xsmc_diagram *g);
/* "domctl 40, memory_op 12 and 3 more": a power edge's families, largest first, at most max. */
const char *xsmc_diagram_families(const struct xsmc_diagram *g, const struct xsmc_diagram_edge *e,
                                  size_t max, char *buf, size_t len);
/* "dom0 (0)" or "class c2: 12 domains": how a node is named in labels and titles. */
const char *xsmc_diagram_node_name(const struct xsmc_diagram *g, size_t node, char *buf, size_t len);
/* The node's second line: capabilities, guest type, backends and devices, or the class's capabilities. */
const char *xsmc_diagram_node_detail(const struct xsmc_diagram *g, size_t node, char *buf, size_t len);

/* The node's row, top to bottom: 0 domains with a capability, 1 device models, 2 guests. */
int xsmc_diagram_row(const struct xsmc_diagram *g, size_t node);

#endif
