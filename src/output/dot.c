/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The relationship diagram as Graphviz DOT (report --format dot): the same
 * nodes and edges as the HTML report's SVG.  Each element carries a class
 * (domain, dm, shm, power) that dot copies into its SVG.
 */
#include <stdio.h>

#include "diagram.h"

/* s inside a DOT double-quoted string: quotes and backslashes escaped, a newline as \\n. */
static void quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '\n') {
            fputs("\\n", out);
            continue;
        }
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* A node's DOT id: the domain's name, or cN for a role class. */
static void node_id(FILE *out, const struct xsmc_diagram *g, size_t node)
{
    char id[32];
    if (g->per_class) {
        snprintf(id, sizeof(id), "c%zu", node);
        quoted(out, id);
    } else {
        quoted(out, g->m->sys->doms[node].name);
    }
}

static const char *const fills[] = {"#e8eefc", "#fff1dc", "#ffffff"};

static void write_edge(FILE *out, const struct xsmc_diagram *g, const struct xsmc_diagram_edge *e)
{
    char label[256], fams[160], text[640], a[96], b[96];
    static const char *const classes[] = {"dm", "shm", "power"};
    node_id(out, g, e->a);
    fputs(" -> ", out);
    node_id(out, g, e->b);
    fprintf(out, " [class=\"%s%s\", label=", classes[e->kind], e->peer ? " peer" : "");
    xsmc_diagram_node_name(g, e->a, a, sizeof(a));
    xsmc_diagram_node_name(g, e->b, b, sizeof(b));
    switch (e->kind) {
    case XSMC_EDGE_DM:
        quoted(out, "device model of");
        snprintf(text, sizeof(text), "%s is the device model or stub domain of %s", a, b);
        fputs(", color=\"#e08a00\", penwidth=2.4", out);
        break;
    case XSMC_EDGE_SHM:
        snprintf(label, sizeof(label), "%zu shared region%s", e->count, e->count == 1 ? "" : "s");
        quoted(out, label);
        snprintf(text, sizeof(text), "%s and %s map %s of static shared memory (no XSM hook sees it)",
                 a, b, label);
        fputs(", dir=none, style=dashed, color=\"#b03a8c\", penwidth=2", out);
        break;
    default:
        xsmc_diagram_families(g, e, 3, fams, sizeof(fams));
        snprintf(label, sizeof(label), "%zu op%s\n%s", e->count, e->count == 1 ? "" : "s",
                 e->peer ? "what every domain may" : fams);
        quoted(out, label);
        snprintf(text, sizeof(text), "%s may perform %zu operation%s on %s: %s", a, e->count,
                 e->count == 1 ? "" : "s", b, xsmc_diagram_families(g, e, SIZE_MAX, fams, sizeof(fams)));
        /* only downward edges shape the layout, so the rows stay in order */
        fprintf(out, ", color=\"%s\"%s%s", e->peer ? "#c3c8d2" : "#4f5b70", e->peer ? ", fontcolor=\"#8a94a6\"" : "",
                e->peer || xsmc_diagram_row(g, e->a) > xsmc_diagram_row(g, e->b) ? ", constraint=false" : "");
    }
    fputs(", tooltip=", out);
    quoted(out, text);
    fputs("];\n", out);
}

/* The diagram as DOT, under a graph label. */
static void xsmc_write_diagram_dot(FILE *out, const struct xsmc_diagram *g, const char *title)
{
    char name[96], detail[256], label[384];
    fputs("// The domains and what each may do to the others; render with dot -Tsvg.\n"
          "digraph xsmcap {\n  graph [label=", out);
    quoted(out, title);
    fputs(", labelloc=t, fontname=\"Helvetica\", nodesep=0.5, ranksep=1.1];\n"
          "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, "
          "color=\"#556677\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n", out);
    for (int row = 0; row < 3; row++) {
        int opened = 0;
        for (size_t i = 0; i < g->nnodes; i++) {
            if (xsmc_diagram_row(g, i) != row)
                continue;
            if (!opened++)
                fputs("  { rank=same;\n", out);
            fputs("    ", out);
            node_id(out, g, i);
            snprintf(label, sizeof(label), "%s\n%s", xsmc_diagram_node_name(g, i, name, sizeof(name)),
                     xsmc_diagram_node_detail(g, i, detail, sizeof(detail)));
            fprintf(out, " [class=\"%s\", fillcolor=\"%s\", label=", g->per_class ? "class" : "domain",
                    fills[row]);
            quoted(out, label);
            fputs("];\n", out);
        }
        if (opened)
            fputs("  }\n", out);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        fputs("  ", out);
        write_edge(out, g, &g->edges[i]);
    }
    fputs("}\n", out);
}

int xsmc_write_report_dot(FILE *out, struct xsmc_report *r)
{
    struct xsmc_diagram g;
    char plat[96], title[512];
    if (xsmc_diagram_build(r->m, &g)) {
        xsmc_diagram_free(&g);
        return -1;
    }
    snprintf(title, sizeof(title), "xsmcap: %s on %s under %s%s%s", r->sys->source,
             xsmc_platform_label(r->sys, plat, sizeof(plat)), xsmc_profile_name(r->profile),
             (r->options & XSMC_OPT_SILO) ? " with SILO" : "",
             g.per_class ? " (role classes: domains the policy cannot tell apart)" : "");
    xsmc_write_diagram_dot(out, &g, title);
    xsmc_diagram_free(&g);
    return 0;
}
