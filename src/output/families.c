/* SPDX-License-Identifier: GPL-2.0-only */
/* Operations grouped by hypercall (their family), for the counts of a diff. */
#include <stdlib.h>
#include <string.h>

#include "families.h"

int xsmc_families_init(const struct xsmc_matrix *m, struct xsmc_families *f)
{
    f->of = malloc((m->nops + 1) * sizeof(*f->of));
    f->first = malloc((m->nops + 1) * sizeof(*f->first));
    f->n = 0;
    if (!f->of || !f->first)
        return -1;
    for (size_t op = 0; op < m->nops; op++) {
        size_t g = 0;
        while (g < f->n && strcmp(m->ops[f->first[g]]->hypercall, m->ops[op]->hypercall) != 0)
            g++;
        if (g == f->n)
            f->first[f->n++] = op;
        f->of[op] = g;
    }
    return 0;
}

void xsmc_families_free(struct xsmc_families *f)
{
    free(f->of);
    free(f->first);
    f->of = f->first = NULL;
}
