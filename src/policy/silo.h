/* SPDX-License-Identifier: GPL-2.0-only */
/* SILO (xen/xsm/silo.c): which domains may bridge two others, per profile. */
#ifndef XSMC_SILO_H
#define XSMC_SILO_H

#include "lattice_internal.h"

/*
 * Apply SILO's check for a hook it overrides.  Leaves `res` untouched when
 * SILO lets the request through to the default policy; otherwise sets a
 * final verdict (-EPERM, or -ESRCH for evtchn_unbound without a remote).
 */
int xsmc_silo_check(enum xsmc_profile profile, const struct xsmc_request *req,
                    struct xsmc_resolution *res);

/* silo_mode_dom_check(ldom, rdom) with current = cur, as `profile` defines it. */
int xsmc_silo_bridges(enum xsmc_profile profile, const struct xsmc_domain *cur,
                      const struct xsmc_domain *ldom, const struct xsmc_domain *rdom);

#endif
