/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The members of the analysis outputs as JSON, added to an object the
 * caller owns: a verb's own output wraps them with its schema and context,
 * the report nests them.  jansson's json_t.
 */
#ifndef XSMC_OUTPUT_JSON_BUILD_H
#define XSMC_OUTPUT_JSON_BUILD_H

#include <jansson.h>

#include "xsmcap/report.h"

/* "domain_count", ..., "domains" (per cell), "operations"; 0 or -1 (out of memory). */
int xsmc_json_add_matrix(json_t *o, struct xsmc_matrix *m, int summary);
/* "domain", "allowed" and (with_denied) "denied" of one source domain. */
void xsmc_json_add_powers(json_t *o, struct xsmc_matrix *m, size_t src, int with_denied);
/* The diff's members; with summary, counts without the list of changes.  0 or -1. */
int xsmc_json_add_diff(json_t *o, const struct xsmc_diff_sides *s, const struct xsmc_diff *d,
                       int summary);

#endif
