/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal to the policy core: a hook's logic reduced to lattice checks. */
#ifndef XSMC_LATTICE_INTERNAL_H
#define XSMC_LATTICE_INTERNAL_H

#include "xsmcap/policy.h"

/* One xsm_default_action call a hook makes. */
struct xsmc_check {
    uint8_t action;
    const struct xsmc_domain *src;
    const struct xsmc_domain *tgt;
};

/*
 * What a hook's own logic leaves to do: either a final verdict (`final`
 * set: rc, why, action) or up to two lattice checks that must all pass, in
 * order.  `why_pass` overrides the lattice's reason where the hook's own
 * logic is the reason (hvm_param under v2).
 */
struct xsmc_resolution {
    uint8_t final;
    uint8_t why;
    uint8_t action;
    uint8_t silo;
    int32_t rc;
    uint8_t nchecks;
    struct xsmc_check checks[2];
};

/*
 * The readable lattice (lattice.c) under xsmc_lattice()'s contract.  Not in
 * the library: the generator evaluates it into the tables the library looks
 * up, and the tests compare the library with it.
 */
int xsmc_lattice_spec(enum xsmc_profile profile, enum xsmc_action action,
                      const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                      struct xsmc_decision *out);

int xsmc_resolve(enum xsmc_profile profile, uint32_t options,
                 const struct xsmc_request *req, struct xsmc_resolution *res);

#endif
