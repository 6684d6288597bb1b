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

/* The changes, grouped by domain and operation, with counts. */
void xsmc_write_diff_text(FILE *out, struct xsmc_matrix *before, const struct xsmc_diff *d,
                          const char *before_label, const char *after_label);
int xsmc_write_diff_json(FILE *out, struct xsmc_matrix *before, const struct xsmc_diff *d,
                         const char *before_label, const char *after_label);
/* One plain sentence per domain that changed: "Under hwpriv, ctl (control) lost ...". */
void xsmc_write_diff_headlines(FILE *out, struct xsmc_matrix *before, struct xsmc_matrix *after,
                               const struct xsmc_diff *d, const char *after_label);

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
/* The domain-relationship diagram as inline SVG. */
void xsmc_write_diagram_svg(FILE *out, const struct xsmc_system *sys);

#ifdef __cplusplus
}
#endif
#endif
