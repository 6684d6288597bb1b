/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Role classes: everything the lattice can see of a source domain (its
 * role) and of a (source, target) pair (their relation), packed in five
 * bits each.  Domains with equal roles decide alike, which is what lets a
 * 32,752-domain matrix be answered per class rather than per cell.
 */
#include "xsmcap/policy.h"

uint32_t xsmc_role(enum xsmc_profile profile, const struct xsmc_domain *d)
{
    uint32_t role = d->caps & (XSMC_ROLE_CONTROL | XSMC_ROLE_HARDWARE |
                               XSMC_ROLE_XENSTORE | XSMC_ROLE_DM);
    if (d->flags & XSMC_DOMF_IDLE_BOOT)
        role |= XSMC_ROLE_CONTROL;
    if (d->caps & ~xsmc_profile_caps(profile))
        role |= XSMC_ROLE_UNDEFINED;
    return role;
}

uint32_t xsmc_relation(enum xsmc_profile profile, const struct xsmc_domain *s,
                       const struct xsmc_domain *t)
{
    if (!t)
        return XSMC_REL_NULL;
    uint32_t rel = 0;
    if (t->domid == s->domid)
        rel |= XSMC_REL_SELF;
    if (s->target != XSMC_DOMID_NONE && s->target == t->domid)
        rel |= XSMC_REL_TARGET;
    if (t->caps & XSMC_CAP_NOT_HYPERCALL_TARGET)
        rel |= XSMC_REL_UNTARGET;
    if (t->caps & ~xsmc_profile_caps(profile))
        rel |= XSMC_REL_UNDEFINED;
    return rel;
}
