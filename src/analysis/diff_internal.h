/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the two halves of the diff: its units (diff_units.c) and the comparison (diff.c). */
#ifndef XSMC_ANALYSIS_DIFF_INTERNAL_H
#define XSMC_ANALYSIS_DIFF_INTERNAL_H

#include "xsmcap/analysis.h"

/* The units of two systems under links; 0, -1 out of memory, XSMC_EBADARG with err set. */
int xsmc_diff_units_of(const struct xsmc_system *x, const struct xsmc_system *y,
                       const struct xsmc_diff_link *links, size_t nlinks, struct xsmc_diff *out,
                       char *err, size_t errlen);
/* One system under two profiles: every domain its own unit, in index order. */
int xsmc_diff_units_same(const struct xsmc_system *sys, struct xsmc_diff *out);

#endif
