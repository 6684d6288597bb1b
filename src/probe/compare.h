/* SPDX-License-Identifier: GPL-2.0-only */
/* The model against the real hypervisor, record by record (compare.c). */
#ifndef XSMP_COMPARE_H
#define XSMP_COMPARE_H

#include "probe.h"
#include "xsmcap/ops.h"

/* One record on which Xen and the model disagree. */
struct xsmp_verdict {
    size_t dom, rec;              /* the record: plan->lists[dom].v[rec] */
    const struct xsmc_op *op;
    uint32_t target;              /* key.target */
    struct xsmp_result xen;       /* what Xen answered */
    struct xsmc_op_result model;  /* what the model says it answers */
};

struct xsmp_comparison {
    size_t compared, agreed;
    size_t nops;                  /* xsmc_op_count(): agree[] and total[] by catalogue index */
    size_t *agree, *total;
    struct xsmp_verdict *disagree;
    size_t ndisagree, cap;
};

/*
 * Compare every catalogue record of a finished boot with the model on env
 * (arm64, the build's .config, the profile, SILO when the boot was).
 */
int xsmp_compare(const struct xsmp_plan *plan, const struct xsmp_answers *answers,
                 const struct xsmc_op_env *env, struct xsmp_comparison *out,
                 struct xsmp_error *err);
/* The int16 status a XSMC_PO_STATUS record read back, sign-extended. */
int xsmp_status_of(const struct xsmp_result *r);
/* The int32 errs[0] a XSMC_PO_ERRS record read back. */
int xsmp_errs_of(const struct xsmp_result *r);

void xsmp_comparison_free(struct xsmp_comparison *c);

#endif
