/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reason of one matrix cell in words: the cell decided in full (every
 * gate), then the sentence of the gate that decided with the two domains
 * named.  who-can and can print it after each domain.
 */
#include "xsmcap/analysis.h"
#include "xsmcap/explain.h"

const char *xsmc_matrix_reason(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt, char *buf,
                               size_t len)
{
    struct xsmc_op_result r;
    if (!m->sys->doms || src >= m->sys->ndoms || (tgt != XSMC_NO_TARGET && tgt >= m->sys->ndoms) ||
        xsmc_matrix_decide(m, op, src, tgt, &r) < 0)
        return "";
    const struct xsmc_dom *s = &m->sys->doms[src];
    const struct xsmc_dom *t = tgt == XSMC_NO_TARGET ? NULL : &m->sys->doms[tgt];
    struct xsmc_parties p = {&s->core, t ? &t->core : NULL, &s->core, s->name,
                             t ? t->name : NULL, s->name, XSMC_TF_DOMAIN};
    return xsmc_op_reason(&m->env, m->ops[op], &r, &p, buf, len);
}
