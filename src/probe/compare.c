/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The model against the real hypervisor: for every record of the
 * catalogue's planner, what Xen answered and what xsmc_op_decide says Xen
 * answers on the same platform and build configuration.  How a form's
 * answer reads (an rc, a refusal shown as "<denied>", a list that leaves a
 * domain out) is the form's outcome (include/xsmcap/ops.h).
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* "<denied>" read as a little-endian u64 (xen/common/kernel.c:do_xen_version's refusal text). */
#define DENIED_TEXT 0x3e6465696e65643cull

int xsmp_status_of(const struct xsmp_result *r)
{
    return (int16_t)(uint16_t)r->read[0];
}

int xsmp_errs_of(const struct xsmp_result *r)
{
    return (int32_t)(uint32_t)r->read[0];
}

/* Xen's answer read as the outcome of the operation: 1 it reached its effect, 0 it did not. */
static int xen_allowed(const struct xsmc_op *op, const struct xsmp_result *r, uint32_t target_domid)
{
    const struct xsmc_probe *pf = &op->probe;
    switch (pf->outcome) {
    case XSMC_PO_DENIED_TEXT:
        return r->rc >= 0 && !(r->nreads && r->read[0] == DENIED_TEXT);
    case XSMC_PO_LISTED:
        return r->rc == 0 && r->nreads == 2 && r->read[0] == 1 && r->read[1] == target_domid;
    case XSMC_PO_STATUS:
        return r->rc == 0 && r->nreads == 1 && xsmp_status_of(r) == pf->pass_rc;
    case XSMC_PO_ERRS:
        return r->rc == 0 && r->nreads == 1 && xsmp_errs_of(r) == pf->pass_rc;
    default:
        return pf->pass_rc == XSMC_PROBE_PASS_ANY ? r->rc >= 0 : r->rc == pf->pass_rc;
    }
}

/*
 * Does Xen's answer match the model's?  An allowed operation answers as the
 * form says a pass does; a refusal by an XSM check reads as the outcome
 * says (a plain rc, or rc 0 with the refusal in the data); any other
 * refusal is its errno.
 */
static int matches(const struct xsmc_op *op, const struct xsmc_op_result *m,
                   const struct xsmp_result *r, uint32_t target_domid)
{
    int xen = xen_allowed(op, r, target_domid);
    if (m->allow)
        return xen;
    int xsm = m->decided_by < op->ngates && op->gates[m->decided_by].kind == XSMC_G_XSM;
    if (m->filtered || (xsm && op->probe.outcome == XSMC_PO_DENIED_TEXT))
        return r->rc >= 0 && !xen; /* refused in the data, not in the rc */
    if (op->probe.outcome == XSMC_PO_ERRS && m->decided_by < op->ngates &&
        m->decided_by >= op->probe.data_gate)
        return r->rc == 0 && r->nreads == 1 && xsmp_errs_of(r) == m->rc; /* refused in errs[0] */
    if (op->probe.outcome == XSMC_PO_STATUS && m->decided_by < op->ngates &&
        (xsm || op->gates[m->decided_by].kind == XSMC_G_LOOKUP))
        /* refused in the status: GNTST_bad_domain for the lookup, permission_denied for the hook */
        return r->rc == 0 && r->nreads == 1 &&
               xsmp_status_of(r) == (xsm ? XSMC_GNTST_PERMISSION_DENIED : XSMC_GNTST_BAD_DOMAIN);
    /*
     * Refused with an errno: the rc says it all (a form harmless only on the
     * caller itself passes with the very errno the caller-is-target check
     * gives, so "not a pass" is no test here).
     */
    return r->rc == m->rc;
}

static int push(struct xsmp_comparison *c, const struct xsmp_verdict *v)
{
    if (c->ndisagree == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 32;
        struct xsmp_verdict *p = realloc(c->disagree, cap * sizeof(*p));
        if (!p)
            return -1;
        c->disagree = p;
        c->cap = cap;
    }
    c->disagree[c->ndisagree++] = *v;
    return 0;
}

int xsmp_compare(const struct xsmp_plan *plan, const struct xsmp_answers *answers,
                 const struct xsmc_op_env *env, struct xsmp_comparison *out,
                 struct xsmp_error *err)
{
    memset(out, 0, sizeof(*out));
    out->nops = xsmc_op_count();
    out->agree = calloc(out->nops, sizeof(*out->agree));
    out->total = calloc(out->nops, sizeof(*out->total));
    if (!out->agree || !out->total)
        return xsmp_fail(err, "out of memory");
    for (size_t i = 0; i < plan->ndoms; i++) {
        const struct xsmc_domain *src = &plan->doms[i].dom->core;
        for (size_t k = 0; k < plan->lists[i].n; k++) {
            const struct xsmp_key *key = &plan->lists[i].v[k].key;
            const struct xsmc_op *op;
            int follow_up;
            if (xsmp_catalogue_key(key, &op, &follow_up) || follow_up)
                continue; /* set-up and follow-up records are checked elsewhere */
            size_t index = (size_t)(op - xsmc_op_at(0));
            const struct xsmc_domain *tgt = key->target < plan->ndoms
                                                ? &plan->doms[key->target].dom->core : NULL;
            enum xsmc_target_form form = key->target == XSMP_KEY_DOMID_SELF ? XSMC_TF_DOMID_SELF
                                                                            : XSMC_TF_DOMAIN;
            uint32_t target_domid = key->target < plan->ndoms ? plan->doms[key->target].domid
                                    : key->target == XSMP_KEY_DOMID_SELF ? XSMP_DOMID_SELF : 0;
            struct xsmp_verdict v = {.dom = i, .rec = k, .op = op, .target = key->target};
            if (xsmc_op_decide(env, op, src, tgt, form, src, &v.model) < 0)
                return xsmp_fail(err, "the model cannot decide %s for %s", op->name,
                                 plan->doms[i].dom->name);
            v.xen = answers[i].res[k];
            out->total[index]++;
            out->compared++;
            if (matches(op, &v.model, &v.xen, target_domid)) {
                out->agree[index]++;
                out->agreed++;
            } else if (push(out, &v)) {
                return xsmp_fail(err, "out of memory");
            }
        }
    }
    return 0;
}

void xsmp_comparison_free(struct xsmp_comparison *c)
{
    free(c->agree);
    free(c->total);
    free(c->disagree);
    memset(c, 0, sizeof(*c));
}
