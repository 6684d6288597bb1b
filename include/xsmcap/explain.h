/* SPDX-License-Identifier: GPL-2.0-only */
/* Decisions and diagnostics in words. */
#ifndef XSMCAP_EXPLAIN_H
#define XSMCAP_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>
#include "xsmcap/ops.h"
#include "xsmcap/policy.h"
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One line naming the lattice step, e.g. "HW_PRIV: ctl is control but not
 * hardware; hwpriv excludes the control domain from HW_PRIV".  src/tgt are
 * the names to use (tgt may be NULL).  Returns buf.
 */
const char *xsmc_reason_line(const struct xsmc_decision *d, const char *src,
                             const char *tgt, char *buf, size_t len);
/* The same naming the third domain (SILO's remote end, mmu_update's page-table owner). */
const char *xsmc_reason_line3(const struct xsmc_decision *d, const char *src, const char *tgt,
                              const char *other, char *buf, size_t len);

/* "0", or "-EPERM", "-ENOSYS" ... for Xen's negative errno values; "-E?" when unknown. */
const char *xsmc_rc_name(int32_t rc);

/* "an" before a word read with a vowel sound ("an arm64", "an hvm", "an x86_64"), else "a" ("a pv"). */
const char *xsmc_article(const char *word);

/* The parties of an operation decision, for words: the engine's view and the names. */
struct xsmc_parties {
    const struct xsmc_domain *src, *tgt, *other; /* tgt NULL: none, or DOMID_SELF (form) */
    const char *sname, *tname, *oname;
    enum xsmc_target_form form;
};

/*
 * One gate of an operation decision in words, e.g. "-ENOSYS: ctl is a pvh
 * guest and xen/arch/x86/hvm/hypercall.c:hvm_physdev_op admits only the
 * hardware domain" or "xsm_domctl PRIV: ctl is a control domain".  `gate`
 * is an index, or XSMC_GATE_ENTRY for the hypercall table.
 */
const char *xsmc_gate_line(const struct xsmc_op_env *env, const struct xsmc_op *op,
                           const struct xsmc_op_result *r, unsigned gate,
                           const struct xsmc_parties *p, char *buf, size_t len);
/*
 * The one-line reason of an operation decision: the gate that decided,
 * then the XSM hooks it went through ("checked by xsm_domctl, then
 * xsm_domain_create").
 */
const char *xsmc_op_reason(const struct xsmc_op_env *env, const struct xsmc_op *op,
                           const struct xsmc_op_result *r, const struct xsmc_parties *p,
                           char *buf, size_t len);

struct xsmc_matrix;
/*
 * The reason of one matrix cell (src on tgt, XSMC_NO_TARGET when the
 * operation takes none), as xsmc_op_reason words it; "" when the cell
 * cannot be decided.
 */
const char *xsmc_matrix_reason(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt, char *buf,
                               size_t len);

/* Print a diagnostic as FILE:WHERE: severity: [rule] message, then the fix. */
void xsmc_diag_print(FILE *out, const char *source, const struct xsmc_diag *g);
const char *xsmc_severity_name(int severity);

#ifdef __cplusplus
}
#endif
#endif
