/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The relationship diagram as inline SVG, for the HTML report: the nodes
 * on a circle (privileged domains at the top, then device models, then
 * guests) and every edge of the diagram as a curve between two boxes, so
 * no edge runs through a box or hides under another: a pair with edges
 * both ways gets two curves bowed to opposite sides.  Each edge is a
 * <path class="edge KIND"> with data-from, data-to and data-count, and a
 * <title> that says it in words.
 */
#include <stdio.h>
#include <string.h>

#include "diagram.h"
#include "html.h"

#define BOX_W 176
#define BOX_H 46
#define MARGIN 40
#define LEGEND_H 56

struct point {
    double x, y;
};

/* The library links no libm: Newton's square root and a short series are exact enough for pixels. */
static double root(double v)
{
    double r = v > 1 ? v : 1;
    for (int i = 0; i < 40 && v > 0; i++)
        r = 0.5 * (r + v / r);
    return v > 0 ? r : 0;
}

/* cos and sin of x in [0, 2*pi], by their series (x halved until small, then doubled back). */
static void cos_sin(double x, double *c, double *s)
{
    int halvings = 0;
    while (x > 0.25) {
        x /= 2;
        halvings++;
    }
    double term = x, sn = x, cn = 1, t2 = 1;
    for (int k = 1; k < 8; k++) {
        term *= -x * x / ((2 * k) * (2 * k + 1));
        sn += term;
        t2 *= -x * x / ((2 * k - 1) * (2 * k));
        cn += t2;
    }
    while (halvings--) {
        double c2 = cn * cn - sn * sn, s2 = 2 * sn * cn;
        cn = c2;
        sn = s2;
    }
    *c = cn;
    *s = sn;
}

/* Box centres on a circle wide enough that neighbours never touch; returns the radius. */
static double place(const struct xsmc_diagram *g, struct point *at)
{
    const double pi = 3.14159265358979323846;
    size_t n = g->nnodes;
    double step_c, step_s, half_c, half_s;
    cos_sin(2 * pi / (double)(n ? n : 1), &step_c, &step_s);
    cos_sin(pi / (double)(n ? n : 1), &half_c, &half_s);
    /* neighbours' centres 2 r sin(pi/n) apart: at least a box and a gap */
    double r = n > 1 ? (BOX_W + 30) / (2 * half_s) : 0;
    r = n > 1 && r < 190 ? 190 : r;
    double x = 0, y = -r;   /* the first position is the top */
    for (int row = 0; row < 3; row++)
        for (size_t i = 0; i < n; i++) {
            if (xsmc_diagram_row(g, i) != row)
                continue;
            at[i] = (struct point){x, y};
            double nx = x * step_c - y * step_s, ny = x * step_s + y * step_c;
            x = nx;
            y = ny;
        }
    return r;
}

/* Where the ray from a box's centre towards `to` leaves the box, pad pixels further out. */
static struct point border(struct point c, struct point to, double pad)
{
    double dx = to.x - c.x, dy = to.y - c.y, len = root(dx * dx + dy * dy);
    if (len < 1e-9)
        return c;
    dx /= len;
    dy /= len;
    double tx = dx ? (BOX_W / 2.0) / (dx < 0 ? -dx : dx) : 1e9;
    double ty = dy ? (BOX_H / 2.0) / (dy < 0 ? -dy : dy) : 1e9;
    double t = (tx < ty ? tx : ty) + pad;
    return (struct point){c.x + dx * t, c.y + dy * t};
}

static const char *const kind_names[] = {"dm", "shm", "power"};

static void write_title(FILE *out, const struct xsmc_diagram *g, const struct xsmc_diagram_edge *e)
{
    char a[96], b[96], fams[256];
    xsmc_diagram_node_name(g, e->a, a, sizeof(a));
    xsmc_diagram_node_name(g, e->b, b, sizeof(b));
    fputs("<title>", out);
    if (e->kind == XSMC_EDGE_DM) {
        xsmc_html_escape(out, a);
        fputs(" is the device model or stub domain of ", out);
        xsmc_html_escape(out, b);
    } else if (e->kind == XSMC_EDGE_SHM) {
        xsmc_html_escape(out, a);
        fputs(" and ", out);
        xsmc_html_escape(out, b);
        fprintf(out, " map %zu static shared memory region%s (no XSM hook sees it)", e->count,
                e->count == 1 ? "" : "s");
    } else {
        xsmc_html_escape(out, a);
        fprintf(out, " may perform %zu operation%s on ", e->count, e->count == 1 ? "" : "s");
        xsmc_html_escape(out, b);
        fputs(": ", out);
        xsmc_html_escape(out, xsmc_diagram_families(g, e, SIZE_MAX, fams, sizeof(fams)));
        if (e->peer)
            fputs(" (what every domain may do to every other)", out);
    }
    fputs("</title>", out);
}

/* The node's id in data-from and data-to: the domain's name, or cN for a role class. */
static void write_node_ref(FILE *out, const struct xsmc_diagram *g, size_t node)
{
    if (g->per_class)
        fprintf(out, "c%zu", node);
    else
        xsmc_html_escape(out, g->m->sys->doms[node].name);
}

static void write_edge(FILE *out, const struct xsmc_diagram *g, const struct xsmc_diagram_edge *e,
                       const struct point *at)
{
    struct point a = at[e->a], b = at[e->b], s, t, c, mid;
    int arrow = e->kind != XSMC_EDGE_SHM;
    if (e->a == e->b) {
        /* a class acting on its other members: a loop above its box */
        s = (struct point){a.x - 30, a.y - BOX_H / 2.0};
        t = (struct point){a.x + 30, a.y - BOX_H / 2.0 - 4};
        c = (struct point){a.x, a.y - BOX_H / 2.0 - 70};
        mid = (struct point){a.x, a.y - BOX_H / 2.0 - 36};
    } else {
        double dx = b.x - a.x, dy = b.y - a.y;
        /*
         * Bowed to the left of a -> b, so the edge the other way bows to the other side; a device
         * model's edge bows further than the powers beside it, shared memory runs straight.
         */
        double bow = e->kind == XSMC_EDGE_SHM ? 0 : e->kind == XSMC_EDGE_DM ? 0.32 : 0.14;
        c = (struct point){(a.x + b.x) / 2 + dy * bow, (a.y + b.y) / 2 - dx * bow};
        s = border(a, c, 2);
        t = border(b, c, arrow ? 6 : 2);
        mid = (struct point){0.25 * s.x + 0.5 * c.x + 0.25 * t.x, 0.25 * s.y + 0.5 * c.y + 0.25 * t.y};
    }
    fprintf(out, "<g class=\"edge-group\"><path class=\"edge %s%s\" data-from=\"", kind_names[e->kind],
            e->peer ? " peer" : "");
    write_node_ref(out, g, e->a);
    fputs("\" data-to=\"", out);
    write_node_ref(out, g, e->b);
    fprintf(out, "\" data-count=\"%zu\" d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\"%s%s%s>", e->count, s.x, s.y,
            c.x, c.y, t.x, t.y, arrow ? " marker-end=\"url(#arrow-" : "", arrow ? kind_names[e->kind] : "",
            arrow ? (e->peer ? "-peer)\"" : ")\"") : "");
    write_title(out, g, e);
    fprintf(out, "</path><text class=\"label %s%s\" x=\"%.1f\" y=\"%.1f\">", kind_names[e->kind],
            e->peer ? " peer" : "", mid.x, mid.y + 4);
    if (e->kind == XSMC_EDGE_DM)
        fputs("device model", out);
    else if (e->kind == XSMC_EDGE_SHM)
        fprintf(out, "shm %zu", e->count);
    else
        fprintf(out, "%zu", e->count);
    fputs("</text></g>\n", out);
}

static void write_node(FILE *out, const struct xsmc_diagram *g, size_t i, struct point p)
{
    char name[96], detail[256];
    fprintf(out, "<g class=\"node row%d\" data-node=\"", xsmc_diagram_row(g, i));
    write_node_ref(out, g, i);
    fprintf(out, "\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
                 "<text class=\"name\" x=\"%.1f\" y=\"%.1f\">", p.x - BOX_W / 2.0, p.y - BOX_H / 2.0,
            BOX_W, BOX_H, p.x, p.y - 4);
    xsmc_html_escape(out, xsmc_diagram_node_name(g, i, name, sizeof(name)));
    fprintf(out, "</text><text class=\"caps\" x=\"%.1f\" y=\"%.1f\">", p.x, p.y + 13);
    xsmc_diagram_node_detail(g, i, detail, sizeof(detail));
    /* the box holds about 28 characters; the title has it all */
    if (strlen(detail) > 28)
        memcpy(detail + 25, "...", 4);
    xsmc_html_escape(out, detail);
    fputs("</text><title>", out);
    xsmc_html_escape(out, xsmc_diagram_node_detail(g, i, detail, sizeof(detail)));
    fputs("</title></g>\n", out);
}

static void write_legend(FILE *out, int y, int shm)
{
    fprintf(out, "<g class=\"legend\" transform=\"translate(%d,%d)\">"
                 "<path class=\"edge power\" d=\"M0,0 L40,0\"/><text x=\"46\" y=\"4\">may perform N "
                 "operations on (hover for the hypercalls)</text>"
                 "<path class=\"edge power peer\" d=\"M0,18 L40,18\"/><text x=\"46\" y=\"22\">only "
                 "what every domain may do to every other</text>"
                 "<path class=\"edge dm\" d=\"M440,0 L480,0\"/><text x=\"486\" y=\"4\">device model "
                 "&#8594; guest</text>",
            MARGIN, y);
    if (shm)
        fputs("<path class=\"edge shm\" d=\"M440,18 L480,18\"/><text x=\"486\" y=\"22\">static "
              "shared memory (no XSM hook)</text>", out);
    fputs("</g>\n", out);
}

void xsmc_write_diagram_svg(FILE *out, struct xsmc_matrix *m)
{
    struct xsmc_diagram g;
    struct point at[XSMC_DIAGRAM_DOMAINS + 64];
    if (xsmc_diagram_build(m, &g) || g.nnodes > sizeof(at) / sizeof(at[0])) {
        fputs("<p>The diagram could not be drawn (out of memory or too many role classes).</p>\n", out);
        xsmc_diagram_free(&g);
        return;
    }
    double r = place(&g, at);
    /* room above the top box for a class's loop */
    int half_w = (int)r + BOX_W / 2 + MARGIN, half_h = (int)r + BOX_H / 2 + MARGIN + (g.per_class ? 60 : 0);
    int width = 2 * half_w < 780 ? 780 : 2 * half_w, height = 2 * half_h + LEGEND_H;
    int shm = 0;
    for (size_t i = 0; i < g.nnodes; i++)
        at[i] = (struct point){at[i].x + width / 2.0, at[i].y + half_h};
    for (size_t i = 0; i < g.nedges; i++)
        shm |= g.edges[i].kind == XSMC_EDGE_SHM;
    fprintf(out, "<svg id=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"diagram-title\" data-edges=\"%zu\">\n"
                 "<title id=\"diagram-title\">Domains and what each may do to the others</title>\n<defs>\n",
            width, height, width, height, g.nedges);
    static const char *const heads[] = {"dm", "power", "power-peer"};
    for (size_t k = 0; k < 3; k++)
        fprintf(out, "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                     "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                     "<path class=\"head-%s\" d=\"M0,0 L10,5 L0,10 z\"/></marker>\n", heads[k], heads[k]);
    fputs("</defs>\n", out);
    if (g.per_class)
        fprintf(out, "<text class=\"note\" x=\"%d\" y=\"20\">%zu domains in %zu role classes (domains "
                     "the policy cannot tell apart)</text>\n", MARGIN, m->sys->ndoms, g.nnodes);
    /* peer edges first, so the others are drawn over them */
    for (int peer = 1; peer >= 0; peer--)
        for (size_t i = 0; i < g.nedges; i++)
            if (g.edges[i].peer == peer)
                write_edge(out, &g, &g.edges[i], at);
    for (size_t i = 0; i < g.nnodes; i++)
        write_node(out, &g, i, at[i]);
    write_legend(out, height - LEGEND_H + 16, shm);
    fputs("</svg>\n", out);
    xsmc_diagram_free(&g);
}
