/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains for unit tests, in designated-initialiser form. */
#ifndef XSMC_TEST_FIXTURES_H
#define XSMC_TEST_FIXTURES_H

#include "xsmcap/policy.h"

static inline struct xsmc_domain dom(uint32_t domid, uint32_t caps)
{
    return (struct xsmc_domain){.domid = domid, .target = XSMC_DOMID_NONE, .caps = caps, .flags = 0};
}

static inline struct xsmc_domain dm_for(uint32_t domid, uint32_t caps, uint32_t target)
{
    return (struct xsmc_domain){.domid = domid, .target = target, .caps = caps, .flags = 0};
}

static inline struct xsmc_domain idle_at_boot(void)
{
    return (struct xsmc_domain){.domid = XSMC_DOMID_IDLE, .target = XSMC_DOMID_NONE, .caps = 0,
                                .flags = XSMC_DOMF_IDLE_BOOT};
}

/* Lattice answer through both paths; the test fails if they disagree. */
int lattice_both(int profile, int action, const struct xsmc_domain *s,
                 const struct xsmc_domain *t);

#endif
