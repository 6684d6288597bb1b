/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The report as one self-contained HTML page: inline CSS and SVG, no
 * script, no fonts or images from anywhere, so it opens offline and
 * prints as it shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/config.h"
#include "xsmcap/explain.h"
#include "xsmcap/report.h"
#include "html.h"

void xsmc_html_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#1d232a;padding:0 16px}"
    "h1{font-size:24px}h2{font-size:19px;border-bottom:1px solid #ccd;padding-bottom:4px;margin-top:32px}"
    "pre{background:#f5f6f8;padding:10px;overflow-x:auto;font-size:13px}"
    ".headline p{background:#fff4e0;border-left:4px solid #e08a00;padding:8px 12px;margin:6px 0}"
    "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d4d7dd;padding:2px 6px}"
    "th{background:#eef0f4;text-align:left}"
    "#matrix td.y{background:#2e9e5b;color:#fff;text-align:center}"
    "#matrix td.n{background:#f3d6d6;color:#8a2020;text-align:center}"
    "#matrix td.cells{white-space:nowrap;padding:2px 4px}"
    "#matrix i{display:inline-block;width:9px;height:9px;margin:0 1px;border-radius:1px}"
    "#matrix i.y{background:#2e9e5b}#matrix i.n{background:#f0c4c4}"
    "#matrix tr.group th{background:#dfe3ea}"
    ".diag{font-family:monospace;font-size:13px;margin:2px 0}.error{color:#a00}.warning{color:#a60}"
    "#diagram{max-width:100%;height:auto}#diagram rect{fill:#fff;stroke:#567;stroke-width:1.5}"
    "#diagram .row0 rect{fill:#e8eefc}#diagram .row1 rect{fill:#fff1dc}"
    "#diagram text{font:12px system-ui,sans-serif;text-anchor:middle}#diagram text.name{font-weight:600}"
    "#diagram .legend text,#diagram text.note{text-anchor:start}"
    "#diagram path.edge{fill:none;stroke-width:1.6}#diagram .power{stroke:#4f5b70}"
    "#diagram .power.peer{stroke:#c3c8d2;stroke-width:1}#diagram .dm{stroke:#e08a00;stroke-width:2.6}"
    "#diagram .shm{stroke:#b03a8c;stroke-width:3;stroke-dasharray:6 4}"
    "#diagram text.label{font-size:10px;fill:#1d232a;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    "#diagram text.label.peer{fill:#8a94a6}#diagram .head-power{fill:#4f5b70}"
    "#diagram .head-power-peer{fill:#c3c8d2}#diagram .head-dm{fill:#e08a00}";

/* What a text writer is asked to write: the change (with or without details) or one domain's powers. */
struct text_job {
    struct xsmc_report *r;
    int details;
    size_t src; /* XSMC_NO_TARGET: the change */
};

/* Run a text writer into memory, to be escaped into the page; NULL on failure.  Caller frees. */
static char *capture(const struct text_job *job)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NULL;
    if (job->src == XSMC_NO_TARGET)
        xsmc_write_report_change(mem, job->r, job->details);
    else
        xsmc_write_powers(mem, job->r->m, job->src, 0);
    fclose(mem);
    return buf;
}

static void write_pre(FILE *out, const char *text)
{
    fputs("<pre>", out);
    xsmc_html_escape(out, text ? text : "(out of memory)");
    fputs("</pre>\n", out);
}

static void write_headlines(FILE *out, struct xsmc_report *r)
{
    char *text = capture(&(struct text_job){r, 0, XSMC_NO_TARGET});
    fprintf(out, "<section class=\"headline\" id=\"change\"><h2>What changes from upstream to %s</h2>\n",
            xsmc_profile_name(r->profile));
    for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        fputs("<p>", out);
        xsmc_html_escape(out, line);
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);
    free(text);
}

static void write_system(FILE *out, struct xsmc_report *r)
{
    char caps[96];
    fputs("<section id=\"system\"><h2>System</h2>\n<table><tr><th>domid</th><th>name</th>"
          "<th>capabilities</th><th>device model of</th><th>backends</th><th>devices</th>"
          "<th>static shared memory</th></tr>\n", out);
    for (size_t i = 0; i < r->sys->ndoms && i < XSMC_MATRIX_CELL_LIMIT; i++) {
        const struct xsmc_dom *d = &r->sys->doms[i];
        fprintf(out, "<tr><td>%u</td><td>", d->core.domid);
        xsmc_html_escape(out, d->name);
        fprintf(out, "</td><td>%s</td><td>", xsmc_caps_text(d->core.caps, caps, sizeof(caps)));
        if (r->m->target_of[i] != XSMC_NO_TARGET)
            xsmc_html_escape(out, r->sys->doms[r->m->target_of[i]].name);
        fputs("</td><td>", out);
        for (size_t b = 0; b < d->nbackends; b++) {
            xsmc_html_escape(out, d->backends[b]);
            fputs(b + 1 < d->nbackends ? ", " : "", out);
        }
        fprintf(out, "</td><td>%zu</td><td>", d->ndevices);
        for (size_t m = 0; m < d->nshms; m++) {
            xsmc_html_escape(out, d->shms[m].id);
            fputs(m + 1 < d->nshms ? ", " : "", out);
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n<h3>Relationships</h3>\n<p>An arrow from A to B: A may perform that many "
          "operations on B under this profile (hover over it for the hypercalls). Light grey: "
          "only what every domain may do to every other (grant and event-channel operations, "
          "unless SILO forbids them). Orange: a device model and its guest. Purple: static shared "
          "memory, a channel no XSM hook sees.</p>\n", out);
    xsmc_write_diagram_svg(out, r->m);
    fputs("</section>\n", out);
}

static void write_diag(FILE *out, const char *source, const struct xsmc_diag *g)
{
    const char *sev = xsmc_severity_name(g->severity);
    fprintf(out, "<p class=\"diag %s\">", sev);
    xsmc_html_escape(out, source);
    fputc(':', out);
    xsmc_html_escape(out, g->where && *g->where ? g->where : "/");
    fprintf(out, ": %s: [", sev);
    xsmc_html_escape(out, g->rule);
    fputs("] ", out);
    xsmc_html_escape(out, g->message);
    if (g->fix && *g->fix) {
        fputs("<br>&nbsp;&nbsp;fix: ", out);
        xsmc_html_escape(out, g->fix);
    }
    fputs("</p>\n", out);
}

static void write_findings(FILE *out, struct xsmc_report *r)
{
    fprintf(out, "<section id=\"validation\"><h2>Validation under %s</h2>\n", xsmc_profile_name(r->profile));
    for (size_t i = 0; i < r->sys->ndiags; i++)
        write_diag(out, r->sys->source, &r->sys->diags[i]);
    /* the verdict in the text report's words */
    if (xsmc_config_verdict(r->sys) == XSMC_INVALID)
        fputs("<p>Xen would refuse to boot this system; the decisions below assume it did.</p>\n", out);
    else if (xsmc_config_verdict(r->sys) == XSMC_UNDECIDED)
        fputs("<p>Undecided: Xen boots this system only if what the configuration does not say holds "
              "(above); no decision below depends on it.</p>\n", out);
    else if (!xsmc_system_count(r->sys, XSMC_WARNING) && !xsmc_system_count(r->sys, XSMC_ERROR))
        fputs("<p>No errors or warnings: Xen would boot this system.</p>\n", out);
    fputs("</section>\n<section id=\"lints\"><h2>Lints</h2>\n", out);
    if (r->lint_status)
        fprintf(out, "<p>Lints could not run: %s</p>\n", xsmc_strerror(r->lint_status));
    else if (!r->lint.count)
        fputs("<p>No findings.</p>\n", out);
    for (size_t i = 0; !r->lint_status && i < r->lint.count; i++)
        write_diag(out, r->sys->source, &r->lint.items[i]);
    fputs("</section>\n", out);
}

static void write_powers(FILE *out, struct xsmc_report *r)
{
    fprintf(out, "<section id=\"powers\"><h2>What each domain may do under %s</h2>\n",
            xsmc_profile_name(r->profile));
    int per_class = r->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
    size_t n = per_class ? r->m->nclasses : r->sys->ndoms;
    for (size_t i = 0; i < n; i++) {
        size_t src = per_class ? r->m->classes[i].first : i;
        char *text = capture(&(struct text_job){r, 0, src});
        fputs(n <= 8 ? "<details open><summary>" : "<details><summary>", out);
        xsmc_html_escape(out, r->sys->doms[src].name);
        if (per_class)
            fprintf(out, " (class c%zu, %zu domains)", i, r->m->classes[i].members);
        fputs("</summary>\n", out);
        write_pre(out, text);
        fputs("</details>\n", out);
        free(text);
    }
    fputs("</section>\n", out);
}

/* Columns are domains, or classes past the cell limit (each column then stands for its members). */
static void write_matrix(FILE *out, struct xsmc_matrix *m)
{
    int per_class = m->sys->ndoms > XSMC_MATRIX_CELL_LIMIT;
    size_t ncols = per_class ? m->nclasses : m->sys->ndoms;
    char plat[96];
    fprintf(out, "<section id=\"matrix-section\"><h2>Matrix on %s under %s</h2>\n<p>Green allows, red "
                 "denies. For operations on a target domain, each source's cell shows one square per "
                 "target, in the column order.%s</p>\n<table id=\"matrix\">\n<tr><th>operation</th>",
            xsmc_platform_label(m->sys, plat, sizeof(plat)), xsmc_profile_name(m->profile),
            per_class ? " Columns are role classes (domains the policy cannot tell apart)." : "");
    for (size_t c = 0; c < ncols; c++) {
        fputs("<th>", out);
        if (per_class)
            fprintf(out, "c%zu (%zu)", c, m->classes[c].members);
        else
            xsmc_html_escape(out, m->sys->doms[c].name);
        fputs("</th>", out);
    }
    fputs("</tr>\n", out);
    for (int targeted = 0; targeted < 2; targeted++) {
        fprintf(out, "<tr class=\"group\"><th colspan=\"%zu\">%s</th></tr>\n", ncols + 1,
                targeted ? "operations on a target domain (source column; squares are targets)"
                         : "operations without a target (the source column decides)");
        for (size_t op = 0; op < m->nops; op++) {
            if (xsmc_op_targeted(m->ops[op]) != targeted)
                continue;
            fprintf(out, "<tr><th title=\"%s\">%s</th>", xsmc_op_words(m->ops[op]), m->ops[op]->name);
            for (size_t c = 0; c < ncols; c++) {
                size_t src = per_class ? m->classes[c].first : c;
                if (!targeted) {
                    int y = xsmc_matrix_cell(m, op, src, XSMC_NO_TARGET);
                    fprintf(out, "<td class=\"%s\">%s</td>", y ? "y" : "n", y ? "allow" : "deny");
                    continue;
                }
                fputs("<td class=\"cells\">", out);
                for (size_t t = 0; t < ncols; t++) {
                    size_t tgt = per_class ? m->classes[t].first : t;
                    int y = per_class ? xsmc_matrix_class_cell(m, op, c, t) : xsmc_matrix_cell(m, op, src, tgt);
                    fprintf(out, "<i class=\"%s\" title=\"", y ? "y" : "n");
                    xsmc_html_escape(out, m->sys->doms[src].name);
                    fputs(" &#8594; ", out);
                    xsmc_html_escape(out, m->sys->doms[tgt].name);
                    fprintf(out, ": %s\"></i>", y ? "allow" : "deny");
                }
                fputs("</td>", out);
            }
            fputs("</tr>\n", out);
        }
    }
    fputs("</table>\n</section>\n", out);
}

static void write_head(FILE *out, const char *what, const char *source, const char *prof)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<link rel=\"icon\" href=\"data:,\"><title>xsmcap ", out);
    fprintf(out, "%s: ", what);
    xsmc_html_escape(out, source);
    fprintf(out, " under %s</title>\n<style>%s</style></head>\n<body>\n<h1>xsmcap %s: ", prof, style, what);
    xsmc_html_escape(out, source);
}

void xsmc_write_matrix_html(FILE *out, struct xsmc_matrix *m)
{
    write_head(out, "matrix", m->sys->source, xsmc_profile_name(m->profile));
    fprintf(out, " under %s</h1>\n", xsmc_profile_name(m->profile));
    write_matrix(out, m);
    fputs("</body></html>\n", out);
}

void xsmc_write_report_html(FILE *out, struct xsmc_report *r)
{
    const char *prof = xsmc_profile_name(r->profile);
    write_head(out, "report", r->sys->source, prof);
    fprintf(out, " under %s%s</h1>\n<p>Xen's default XSM policy as the %s profile defines it: who may "
                 "do what, and what changes from upstream Xen.</p>\n",
            prof, (r->options & XSMC_OPT_SILO) ? " with SILO" : "", prof);
    write_headlines(out, r);
    write_system(out, r);
    write_findings(out, r);
    write_powers(out, r);
    write_matrix(out, r->m);
    if (r->base) {
        char *text = capture(&(struct text_job){r, 1, XSMC_NO_TARGET});
        fputs("<section id=\"diff\"><h2>Every change from upstream</h2>\n", out);
        write_pre(out, text);
        fputs("</section>\n", out);
        free(text);
    }
    fputs("</body></html>\n", out);
}
