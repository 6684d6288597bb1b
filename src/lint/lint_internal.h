/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the lint driver and the check files. */
#ifndef XSMC_LINT_INTERNAL_H
#define XSMC_LINT_INTERNAL_H

#include "xsmcap/lint.h"
#include "xsmcap/ops.h"

/* What a check sees: the system, the profile, and where findings go. */
struct lint_ctx {
    const struct xsmc_system *sys;
    enum xsmc_profile profile;
    uint32_t options;               /* XSMC_OPT_* for the engine */
    size_t rule;                    /* index of the running rule */
    int severity;                   /* its severity in this run */
    struct xsmc_system *sink;       /* collects findings as diagnostics */
    int lost;                       /* a finding could not be stored */
    int backends_declared;          /* some domain lists its backends */
    uint32_t *slot_of_domid;        /* domid below XSMC_MAX_DOMAINS -> index + 1, 0 for none */
};

/* Record a finding of the running rule at `where` (a domain's node path, or "" for the system). */
void lint_emit(struct lint_ctx *ctx, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Roles as the split sees them. */
int lint_is_control(const struct xsmc_dom *d);
int lint_is_hardware(const struct xsmc_dom *d);
/* Does d run PV backends (declared, or assumed: hardware capability or classic dom0)? */
int lint_runs_backends(const struct lint_ctx *ctx, const struct xsmc_dom *d);
/* The domain with this domid, or NULL. */
const struct xsmc_dom *lint_dom(const struct lint_ctx *ctx, uint32_t domid);
/* The xenstore domain (capability, else a classic dom0), or NULL. */
const struct xsmc_dom *lint_xenstore_domain(const struct xsmc_system *sys);
/*
 * Decide an operation of the system's platform from src on tgt with the
 * run's profile and options (the third domain: src).  1 allow, 0 deny, or a
 * negative status (an operation that does not exist on the platform).
 */
int lint_decide_op(const struct lint_ctx *ctx, const struct xsmc_op *op, const struct xsmc_dom *src,
                   const struct xsmc_dom *tgt, struct xsmc_op_result *out);
/* Does the policy refuse the operation named opname between a and b in both directions? */
int lint_policy_separates(const struct lint_ctx *ctx, const char *opname, const struct xsmc_dom *a,
                          const struct xsmc_dom *b);
/* The XSM decision that decided an operation result, or NULL when another gate decided. */
const struct xsmc_decision *lint_deciding_xsm(const struct xsmc_op *op, const struct xsmc_op_result *r);

#define XSMC_LINT_RULE(check, ...) void lint_check_##check(struct lint_ctx *ctx);
#include "rules.def"
#undef XSMC_LINT_RULE

#endif
