/* SPDX-License-Identifier: GPL-2.0-only */
/* Operations grouped by hypercall (their family), for the counts of a diff. */
#ifndef XSMC_OUTPUT_FAMILIES_H
#define XSMC_OUTPUT_FAMILIES_H

#include "xsmcap/analysis.h"

struct xsmc_families {
    size_t *of;      /* per operation of the matrix: its family */
    size_t *first;   /* per family, in catalogue order: its first operation */
    size_t n;
};

/* 0, or -1 out of memory (then free it all the same). */
int xsmc_families_init(const struct xsmc_matrix *m, struct xsmc_families *f);
void xsmc_families_free(struct xsmc_families *f);

#endif
