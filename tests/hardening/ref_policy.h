/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A second, deliberately naive model of the default XSM policy, written
 * from reference/xsm-truth-tables.md (closed forms), reference/
 * xsm-policy-versions.md (SILO, sysctl, hvm_param) and Xen's
 * xen/include/xsm/dummy.h (per-hook logic), not from src/policy/.  Each
 * hook's actions, target and SILO override come from reference/
 * xsm-hooks.csv, read at run time (ref_catalogue.h), never from the
 * engine's hooks.def.  The differential fuzz target and test-differential
 * compare the engine with it.
 */
#ifndef XSMC_REF_POLICY_H
#define XSMC_REF_POLICY_H

#include "xsmcap/policy.h"
#include "ref_catalogue.h"

/*
 * Read the hook catalogue (tests/data/xsm-hooks.csv) and match its rows to
 * the engine's hook numbers by name.  Returns 0, or -1 with a one-line
 * reason in err; until it succeeds every request is REF_BAD.
 */
int ref_policy_load(const char *csv_path, char *err, size_t errlen);

/* The CSV row the reference decides an engine hook number by; NULL if none. */
const struct ref_hook *ref_policy_row(uint32_t hook);

/* The reference's verdict: REF_BAD means the request must be rejected. */
enum ref_verdict { REF_DENY = 0, REF_ALLOW = 1, REF_BAD = 2 };

enum ref_verdict ref_decide(unsigned profile, uint32_t options, const struct xsmc_request *req);

/* The lattice alone: xsm_default_action(action, s, t) by the closed forms. */
enum ref_verdict ref_lattice(unsigned profile, unsigned action, const struct xsmc_domain *s,
                             const struct xsmc_domain *t);

/*
 * Compare the engine (xsmc_decide, xsmc_allowed and the role-class table)
 * with the reference for one request.  Returns 0 when all agree, else
 * writes a one-line description of the disagreement to msg.
 */
int ref_compare(unsigned profile, uint32_t options, const struct xsmc_request *req,
                char *msg, size_t msglen);

#endif
