/*
 * The domains and how they relate, as inline SVG: privileged domains on
 * top, device models in the middle, guests below; arrows for control,
 * device model -> guest, xenstore and backends; plain lines for static
 * shared memory.
 */
#include <stdio.h>
#include <string.h>

#include "xsmcap/report.h"
#include "html.h"

#define MAX_DRAWN 40
#define BOX_W 132
#define BOX_H 46
#define GAP_X 28
#define ROW_Y(r) (40 + (r) * 120)

static int row_of(const struct xsmc_dom *d)
{
    if (d->core.caps & (XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE | XSMC_CAP_DEVICE_MODEL))
        return 0;
    return d->core.target != XSMC_DOMID_NONE ? 1 : 2;
}

struct place {
    int x, y;
};

static void edge(FILE *out, struct place a, struct place b, const char *cls)
{
    int x1 = a.x + BOX_W / 2, y1 = a.y + BOX_H, x2 = b.x + BOX_W / 2, y2 = b.y;
    if (b.y < a.y) { /* pointing up: leave from the top, arrive at the bottom */
        y1 = a.y;
        y2 = b.y + BOX_H;
    } else if (b.y == a.y) {
        y1 = a.y + BOX_H / 2;
        y2 = b.y + BOX_H / 2;
        x1 = a.x + (b.x > a.x ? BOX_W : 0);
        x2 = b.x + (b.x > a.x ? 0 : BOX_W);
    }
    fprintf(out, "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#arrow-%s)\"/>\n",
            cls, x1, y1, x2, y2, cls);
}

/* Do a and b map a static shared memory region of the same id? */
static int share_memory(const struct xsmc_dom *a, const struct xsmc_dom *b)
{
    for (size_t i = 0; i < a->nshms; i++)
        for (size_t j = 0; j < b->nshms; j++)
            if (strcmp(a->shms[i].id, b->shms[j].id) == 0)
                return 1;
    return 0;
}

/* Shared memory has no direction: a line between the boxes' centres, under them. */
static void shm_edge(FILE *out, struct place a, struct place b)
{
    fprintf(out, "<line class=\"shm\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", a.x + BOX_W / 2,
            a.y + BOX_H / 2, b.x + BOX_W / 2, b.y + BOX_H / 2);
}

void xsmc_write_diagram_svg(FILE *out, const struct xsmc_system *sys)
{
    size_t n = sys->ndoms < MAX_DRAWN ? sys->ndoms : MAX_DRAWN;
    struct place pos[MAX_DRAWN];
    int count[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        int r = row_of(&sys->doms[i]);
        pos[i].x = 20 + count[r]++ * (BOX_W + GAP_X);
        pos[i].y = ROW_Y(r);
    }
    int widest = count[0] > count[1] ? count[0] : count[1];
    widest = widest > count[2] ? widest : count[2];
    int width = 40 + (widest ? widest : 1) * (BOX_W + GAP_X);
    width = width < 560 ? 560 : width;
    fprintf(out, "<svg id=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"diagram-title\">\n"
                 "<title id=\"diagram-title\">Domains and their relationships</title>\n<defs>\n",
            width, ROW_Y(3) + 30, width, ROW_Y(3) + 30);
    static const char *const kinds[] = {"control", "dm", "xenstore", "backend"};
    for (size_t k = 0; k < 4; k++)
        fprintf(out, "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                     "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                     "<path class=\"head-%s\" d=\"M0,0 L10,5 L0,10 z\"/></marker>\n", kinds[k], kinds[k]);
    fprintf(out, "</defs>\n");
    int any_shm = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (sys->doms[i].nshms && sys->doms[j].nshms && share_memory(&sys->doms[i], &sys->doms[j])) {
                shm_edge(out, pos[i], pos[j]);
                any_shm = 1;
            }
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        for (size_t j = 0; j < n; j++) {
            const struct xsmc_dom *g = &sys->doms[j];
            if (i == j || row_of(g) == 0)
                continue;
            if (d->core.caps & XSMC_CAP_CONTROL)
                edge(out, pos[i], pos[j], "control");
            if ((d->core.caps & XSMC_CAP_XENSTORE) && !(d->core.caps & XSMC_CAP_CONTROL))
                edge(out, pos[i], pos[j], "xenstore");
            if (d->nbackends && !(d->core.caps & (XSMC_CAP_CONTROL | XSMC_CAP_XENSTORE)) && row_of(g) == 2)
                edge(out, pos[i], pos[j], "backend");
        }
        for (size_t j = 0; j < n; j++)
            if (i != j && d->core.target != XSMC_DOMID_NONE && d->core.target == sys->doms[j].core.domid)
                edge(out, pos[i], pos[j], "dm");
    }
    char caps[96];
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        fprintf(out, "<g class=\"dom row%d\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
                     "<text x=\"%d\" y=\"%d\" class=\"name\">", row_of(d), pos[i].x, pos[i].y, BOX_W,
                BOX_H, pos[i].x + BOX_W / 2, pos[i].y + 19);
        xsmc_html_escape(out, d->name);
        fprintf(out, " (%u)</text><text x=\"%d\" y=\"%d\" class=\"caps\">", d->core.domid,
                pos[i].x + BOX_W / 2, pos[i].y + 36);
        if (d->nbackends) {
            fputs("backends ", out);
            for (size_t b = 0; b < d->nbackends; b++) {
                xsmc_html_escape(out, d->backends[b]);
                fputs(b + 1 < d->nbackends ? "," : "", out);
            }
        } else {
            xsmc_html_escape(out, d->core.caps ? xsmc_caps_text(d->core.caps, caps, sizeof(caps))
                                  : d->core.target != XSMC_DOMID_NONE ? "device model" : "guest");
        }
        fprintf(out, "</text></g>\n");
    }
    int ly = ROW_Y(3) + 10;
    fprintf(out, "<g class=\"legend\">"
                 "<line class=\"control\" x1=\"20\" y1=\"%d\" x2=\"60\" y2=\"%d\"/><text x=\"66\" y=\"%d\">control</text>"
                 "<line class=\"dm\" x1=\"140\" y1=\"%d\" x2=\"180\" y2=\"%d\"/><text x=\"186\" y=\"%d\">device model &#8594; guest</text>"
                 "<line class=\"xenstore\" x1=\"340\" y1=\"%d\" x2=\"380\" y2=\"%d\"/><text x=\"386\" y=\"%d\">xenstore</text>"
                 "<line class=\"backend\" x1=\"460\" y1=\"%d\" x2=\"500\" y2=\"%d\"/><text x=\"506\" y=\"%d\">backend</text></g>\n",
            ly, ly, ly + 4, ly, ly, ly + 4, ly, ly, ly + 4, ly, ly, ly + 4);
    if (any_shm)
        fprintf(out, "<g class=\"legend\"><line class=\"shm\" x1=\"20\" y1=\"%d\" x2=\"60\" y2=\"%d\"/>"
                     "<text x=\"66\" y=\"%d\">static shared memory (no XSM hook)</text></g>\n",
                ly + 16, ly + 16, ly + 20);
    if (sys->ndoms > MAX_DRAWN)
        fprintf(out, "<text x=\"20\" y=\"20\">first %d of %zu domains</text>\n", MAX_DRAWN, sys->ndoms);
    fprintf(out, "</svg>\n");
}
