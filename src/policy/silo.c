/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SILO overrides seven hooks with silo_mode_dom_check (xen/xsm/silo.c) and
 * then defers to the default policy.  Who may bridge two domains depends on
 * the version: upstream (and March 15/23, which left SILO alone) lets only
 * a control domain; June 2025 2/4 adds hardware and xenstore; v2 02/17 keeps
 * hardware and xenstore and drops control.
 */
#include "silo.h"

static uint32_t bridging_caps(enum xsmc_profile p)
{
    switch (p) {
    case XSMC_PROFILE_HWPRIV_DM:
        return XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
    case XSMC_PROFILE_HWPRIV_V2:
        return XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
    default:
        return XSMC_CAP_CONTROL;
    }
}

static int bridges(uint32_t caps, const struct xsmc_domain *d)
{
    uint32_t have = d->caps;
    /* is_control_domain() is true for the idle domain during boot */
    if (d->flags & XSMC_DOMF_IDLE_BOOT)
        have |= XSMC_CAP_CONTROL;
    return (have & caps) != 0;
}

int xsmc_silo_bridges(enum xsmc_profile p, const struct xsmc_domain *cur,
                      const struct xsmc_domain *ldom, const struct xsmc_domain *rdom)
{
    uint32_t caps = bridging_caps(p);
    return bridges(caps, cur) || bridges(caps, ldom) || bridges(caps, rdom) ||
           ldom->domid == rdom->domid;
}

int xsmc_silo_check(enum xsmc_profile p, const struct xsmc_request *q,
                    struct xsmc_resolution *r)
{
    const struct xsmc_domain *ldom = q->src, *rdom = q->target;
    if (q->hook == XSMC_HOOK_evtchn_unbound) {
        /* silo_evtchn_unbound(d1, chn, id2): d1 owns the port, id2 is remote */
        ldom = q->target;
        rdom = q->other;
        if (!rdom) {
            r->final = 1;
            r->rc = -XSMC_XEN_ESRCH;
            r->why = XSMC_WHY_SILO_NO_REMOTE;
            return 0;
        }
    }
    if (!ldom || !rdom) {
        r->final = 1;
        r->rc = -XSMC_XEN_EPERM;
        r->why = XSMC_WHY_BAD_INPUT;
        return XSMC_EBADARG;
    }
    if (!xsmc_silo_bridges(p, q->src, ldom, rdom)) {
        r->final = 1;
        r->rc = -XSMC_XEN_EPERM;
        r->why = XSMC_WHY_SILO;
    }
    return 0;
}
