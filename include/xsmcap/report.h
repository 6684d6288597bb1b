/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writers for the analysis: matrices (text, CSV, JSON, HTML), a domain's
 * powers and a diff in plain words, and the report.
 */
#ifndef XSMCAP_REPORT_H
#define XSMCAP_REPORT_H

#include <stdio.h>

#include "xsmcap/analysis.h"
#include "xsmcap/lint.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON building blocks (jansson's json_t), shared by every verb so that a
 * domain, a platform or a diagnostic has one shape everywhere.  Each output
 * is an object whose first member is "schema": "xsmcap-NAME/1"; its JSON
 * Schema is docs/schema/NAME.json.  A consumer that does not write JSON
 * needs no jansson header: json_t stays an incomplete type here.
 */
#define XSMC_JSON_VERSION 1
struct json_t;
/* A new object holding only "schema": "xsmcap-NAME/1". */
struct json_t *xsmc_json_root(const char *name);
/* Adds "system" (its source), "platform", "profile" and "silo": what a decision depends on. */
void xsmc_json_context(struct json_t *root, const struct xsmc_system *sys,
                       enum xsmc_profile profile, uint32_t options);
/* {"arch": "arm64", "kconfig": "defconfig" | "given"} */
struct json_t *xsmc_json_platform(const struct xsmc_system *sys);
/* {"name", "domid", "capabilities": [...], "guest", "target": name or null} of domain i. */
struct json_t *xsmc_json_domain(const struct xsmc_system *sys, size_t i);
/* The same with "boot": what the configuration said (where, memory, devices, backends, ...). */
struct json_t *xsmc_json_domain_boot(const struct xsmc_system *sys, size_t i);
/* {"severity", "rule", "where", "message", "fix": text or null} */
struct json_t *xsmc_json_diag(const struct xsmc_diag *g);
/* Write root (indented, members in order, then a newline) and release it; 0 or -1. */
int xsmc_json_dump(FILE *out, struct json_t *root);

/* "arm64, defconfig" or "x86_64, the given .config": the platform every output header names. */
const char *xsmc_platform_label(const struct xsmc_system *sys, char *buf, size_t len);

/* Above this many domains, matrices are written per class, not per cell. */
#define XSMC_MATRIX_CELL_LIMIT 64

/* The matrix as a grid (or per class, when `summary` or past the limit). */
void xsmc_write_matrix_text(FILE *out, struct xsmc_matrix *m, int summary);
void xsmc_write_matrix_csv(FILE *out, struct xsmc_matrix *m, int summary);
int xsmc_write_matrix_json(FILE *out, struct xsmc_matrix *m, int summary);
/* A self-contained HTML page holding the matrix as a coloured grid. */
void xsmc_write_matrix_html(FILE *out, struct xsmc_matrix *m);

/* What domain `src` may do, grouped by hypercall, in plain words; `denied` adds what it may not. */
void xsmc_write_powers(FILE *out, struct xsmc_matrix *m, size_t src, int denied);
int xsmc_write_powers_json(FILE *out, struct xsmc_matrix *m, size_t src);

/* The two sides of a diff: their matrices and labels ("upstream", "a.dts", the spec text). */
struct xsmc_diff_sides {
    struct xsmc_matrix *m[2];
    const char *label[2];
};
/* How a split or merged domain is compared (the rule of xsmc_diff_compute_linked), in words. */
extern const char xsmc_diff_rule_text[];
/* The changes, grouped by unit and operation, after the matching and the units of one side. */
void xsmc_write_diff_text(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d);
/* A few lines: the total, then per unit and per hypercall, the counts gained and lost. */
void xsmc_write_diff_summary(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d);
/* Every change (or, with summary, the counts only) as JSON; 0 or -1. */
int xsmc_write_diff_json(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                         int summary);
/*
 * One plain sentence per unit that changed: "Under hwpriv, ctl (control)
 * lost ..." for two profiles, "In b.dts, dom0 (...), split into hw (...)
 * and ctl (...), lost ..." for two systems.
 */
void xsmc_write_diff_headlines(FILE *out, const struct xsmc_diff_sides *s, const struct xsmc_diff *d);

/* Everything the report shows, computed once. */
struct xsmc_report {
    struct xsmc_system *sys;       /* validated under profile: diags hold the findings */
    enum xsmc_profile profile;
    uint32_t options;
    struct xsmc_matrix *m;         /* under profile, hooks only */
    struct xsmc_matrix *base;      /* under upstream, or NULL when profile is upstream */
    struct xsmc_diff diff;         /* base -> m */
    struct xsmc_lint_findings lint;
    int lint_status;               /* xsmc_lint_run's status */
};

/* Compute a report over a loaded system (validates it; sys stays the caller's). 0 or -1. */
int xsmc_report_build(struct xsmc_report *r, struct xsmc_system *sys,
                      enum xsmc_profile profile, uint32_t options);
void xsmc_report_free(struct xsmc_report *r);
void xsmc_write_report_text(FILE *out, struct xsmc_report *r);
/* The change from upstream: headlines, then (with details) every change. */
void xsmc_write_report_change(FILE *out, struct xsmc_report *r, int details);
void xsmc_write_report_html(FILE *out, struct xsmc_report *r);
/*
 * The relationship diagram as Graphviz DOT: domains (or role classes past
 * 24 domains), device models, static shared memory, and an edge wherever a
 * domain may perform operations on another, labelled with the count and
 * the hypercall families.  0 or -1.
 */
int xsmc_write_report_dot(FILE *out, struct xsmc_report *r);
/* Everything the text report says, as JSON (schema xsmcap-report/1); 0 or -1. */
int xsmc_write_report_json(FILE *out, struct xsmc_report *r);
/*
 * The relationship diagram as inline SVG: the same nodes and edges as
 * xsmc_write_report_dot, every edge drawn as a <path class="edge KIND">.
 */
void xsmc_write_diagram_svg(FILE *out, struct xsmc_matrix *m);

#ifdef __cplusplus
}
#endif
#endif
