/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each hook's own logic, reduced to a final verdict or to the lattice
 * checks Xen makes.  Both xsmc_decide (with reasons) and xsmc_allowed (the
 * fast table) start here, so the two cannot disagree on hook logic.
 */
#include "xsmcap/policy.h"
#include "lattice_internal.h"
#include "silo.h"

static int verdict(struct xsmc_resolution *r, int allow, int32_t rc,
                   enum xsmc_action action, enum xsmc_why why)
{
    r->final = 1;
    r->rc = allow ? 0 : rc;
    r->action = (uint8_t)action;
    r->why = (uint8_t)why;
    r->nchecks = 0;
    return 0;
}

static int check(struct xsmc_resolution *r, enum xsmc_action action,
                 const struct xsmc_domain *src, const struct xsmc_domain *tgt)
{
    r->checks[r->nchecks].action = (uint8_t)action;
    r->checks[r->nchecks].src = src;
    r->checks[r->nchecks].tgt = tgt;
    r->nchecks++;
    return 0;
}

static int bad(struct xsmc_resolution *r, int status)
{
    verdict(r, 0, -XSMC_XEN_EPERM, XSMC_ACT_NONE, XSMC_WHY_BAD_INPUT);
    return status;
}

static int caps_bad(const struct xsmc_domain *d)
{
    return d && (d->caps & ~XSMC_CAP_ALL);
}

static int caps_undefined(enum xsmc_profile p, const struct xsmc_domain *d)
{
    return d && (d->caps & ~xsmc_profile_caps(p));
}

/* xen/include/xsm/dummy.h:xsm_console_io */
static int console_io(enum xsmc_profile p, uint32_t opt, const struct xsmc_request *q,
                      struct xsmc_resolution *r)
{
    if (q->src->flags & XSMC_DOMF_CONSOLE)
        return verdict(r, 1, 0, XSMC_ACT_HOOK, XSMC_WHY_IS_CONSOLE);
    if ((opt & XSMC_OPT_VERBOSE_DEBUG) && q->subop == XSMC_CONSOLEIO_write)
        return verdict(r, 1, 0, XSMC_ACT_HOOK, XSMC_WHY_VERBOSE_WRITE);
    /* Every proposal turns the final fallback from PRIV into HW_PRIV. */
    return check(r, p == XSMC_PROFILE_UPSTREAM ? XSMC_ACT_PRIV : XSMC_ACT_HW_PRIV,
                 q->src, 0);
}

/* xen/include/xsm/dummy.h:xsm_xen_version (XENVER_* values from public/version.h) */
static int xen_version(const struct xsmc_request *q, struct xsmc_resolution *r)
{
    switch (q->subop) {
    case 0:  /* XENVER_version */
    case 5:  /* XENVER_platform_parameters */
    case 6:  /* XENVER_get_features */
        return verdict(r, 1, 0, XSMC_ACT_NONE, XSMC_WHY_NO_CHECK);
    case 1:  /* XENVER_extraversion */
    case 11: /* XENVER_extraversion2 */
    case 2:  /* XENVER_compile_info */
    case 3:  /* XENVER_capabilities */
    case 12: /* XENVER_capabilities2 */
    case 4:  /* XENVER_changeset */
    case 13: /* XENVER_changeset2 */
    case 7:  /* XENVER_pagesize */
    case 8:  /* XENVER_guest_handle */
        return check(r, XSMC_ACT_HOOK, q->src, 0);
    default: /* commandline, commandline2, build_id, anything new */
        return check(r, XSMC_ACT_PRIV, q->src, 0);
    }
}

/* xen/include/xsm/dummy.h:xsm_pmu_op: (d, current), i.e. the caller on itself */
static int pmu_op(const struct xsmc_request *q, struct xsmc_resolution *r)
{
    switch (q->subop) {
    case 4: /* XENPMU_init */
    case 5: /* XENPMU_finish */
    case 6: /* XENPMU_lvtpc_set */
    case 7: /* XENPMU_flush */
        return check(r, XSMC_ACT_HOOK, q->src, q->src);
    default: /* mode and feature get/set */
        return check(r, XSMC_ACT_PRIV, q->src, q->src);
    }
}

/* xen/include/xsm/dummy.h:xsm_hvm_altp2mhvm_op: subop = mode, subop2 = op */
static int altp2m(const struct xsmc_request *q, const struct xsmc_domain *t,
                  struct xsmc_resolution *r)
{
    switch (q->subop) {
    case XSMC_XEN_ALTP2M_mixed:
        return check(r, XSMC_ACT_TARGET, q->src, t);
    case XSMC_XEN_ALTP2M_external:
        return check(r, XSMC_ACT_DM_PRIV, q->src, t);
    case XSMC_XEN_ALTP2M_limited:
        if (q->subop2 == XSMC_HVMOP_altp2m_vcpu_enable_notify)
            return check(r, XSMC_ACT_TARGET, q->src, t);
        return check(r, XSMC_ACT_DM_PRIV, q->src, t);
    default:
        return verdict(r, 0, -XSMC_XEN_EPERM, XSMC_ACT_OTHER, XSMC_WHY_ALTP2M_MODE);
    }
}

/*
 * xen/include/xsm/dummy.h:xsm_domctl at HEAD: these commands are checked by
 * their own hooks in do_domctl/arch_do_domctl and must never reach here.
 */
static int domctl_has_own_hook(uint32_t cmd)
{
    switch (cmd) {
    case 38: /* XEN_DOMCTL_bind_pt_irq */
    case 5:  /* XEN_DOMCTL_getdomaininfo */
    case 50: /* XEN_DOMCTL_get_device_group */
    case 90: /* XEN_DOMCTL_get_domain_state */
    case 88: /* XEN_DOMCTL_gsi_permission */
    case 20: /* XEN_DOMCTL_iomem_permission */
    case 40: /* XEN_DOMCTL_ioport_mapping */
    case 21: /* XEN_DOMCTL_ioport_permission */
    case 19: /* XEN_DOMCTL_irq_permission */
    case 39: /* XEN_DOMCTL_memory_mapping */
    case 46: /* XEN_DOMCTL_set_target */
    case 48: /* XEN_DOMCTL_unbind_pt_irq */
        return 1;
    default:
        return 0;
    }
}

/* June 2025 4/4 (hwpriv-dm only): readconsole and physinfo for the hwdom. */
static int sysctl(enum xsmc_profile p, const struct xsmc_request *q, struct xsmc_resolution *r)
{
    if (p == XSMC_PROFILE_HWPRIV_DM) {
        if (q->subop == XSMC_XEN_SYSCTL_readconsole)
            return check(r, XSMC_ACT_HW_PRIV, q->src, 0);
        if (q->subop == XSMC_XEN_SYSCTL_physinfo && (q->src->caps & XSMC_CAP_HARDWARE))
            return check(r, XSMC_ACT_HW_PRIV, q->src, 0);
    }
    return check(r, XSMC_ACT_PRIV, q->src, 0);
}

/* v2 07/17: a control domain may always HVMOP_get_param. */
static int hvm_param(enum xsmc_profile p, const struct xsmc_request *q,
                     const struct xsmc_domain *t, struct xsmc_resolution *r)
{
    int control = (q->src->caps & XSMC_CAP_CONTROL) || (q->src->flags & XSMC_DOMF_IDLE_BOOT);
    if (p == XSMC_PROFILE_HWPRIV_V2 && q->subop == XSMC_HVMOP_get_param && control)
        return verdict(r, 1, 0, XSMC_ACT_OTHER, XSMC_WHY_CONTROL);
    return check(r, XSMC_ACT_TARGET, q->src, t);
}

int xsmc_resolve(enum xsmc_profile p, uint32_t opt, const struct xsmc_request *q,
                 struct xsmc_resolution *r)
{
    r->final = 0;
    r->nchecks = 0;
    r->silo = 0;
    r->rc = 0;
    r->why = 0;
    r->action = XSMC_ACT_NONE;
    if ((unsigned)p >= XSMC_PROFILE_COUNT)
        return bad(r, XSMC_EBADPROFILE);
    if (opt & ~XSMC_OPT_ALL)
        return bad(r, XSMC_EBADOPT);
    if (!q || !q->src)
        return bad(r, XSMC_EBADARG);
    const struct xsmc_hook_info *h = xsmc_hook_info(q->hook);
    if (!h)
        return bad(r, XSMC_EBADHOOK);
    if (caps_bad(q->src) || caps_bad(q->target) || caps_bad(q->other))
        return bad(r, XSMC_EBADCAP);

    const struct xsmc_domain *t = 0;
    if (h->target == XSMC_T_DOMAIN) {
        t = q->target;
        if (!t && h->logic != XSMC_L_DOMCTL && h->logic != XSMC_L_NONE &&
            h->logic != XSMC_L_ENOSYS)
            return bad(r, XSMC_EBADARG);
    } else if (h->target == XSMC_T_SELF) {
        t = q->src;
    }

    r->action = h->action[p];
    if (caps_undefined(p, q->src) || caps_undefined(p, t) || caps_undefined(p, q->other))
        return verdict(r, 0, -XSMC_XEN_EPERM, (enum xsmc_action)h->action[p],
                       XSMC_WHY_CAP_UNDEFINED);

    if ((opt & XSMC_OPT_SILO) && h->silo) {
        r->silo = 1;
        int status = xsmc_silo_check(p, q, r);
        if (status || r->final)
            return status;
    }

    switch ((enum xsmc_logic)h->logic) {
    case XSMC_L_DEFAULT:
        return check(r, (enum xsmc_action)h->action[p], q->src, t);
    case XSMC_L_NONE:
        return verdict(r, 1, 0, XSMC_ACT_NONE, XSMC_WHY_NO_DECISION);
    case XSMC_L_ENOSYS:
        return verdict(r, 0, -XSMC_XEN_ENOSYS, XSMC_ACT_NONE, XSMC_WHY_ENOSYS);
    case XSMC_L_SYSTEM_ACTIVE:
        /* xsm_set_system_active: only the idle domain, while still privileged */
        if (q->src->domid == XSMC_DOMID_IDLE && (q->src->flags & XSMC_DOMF_IDLE_BOOT))
            return verdict(r, 1, 0, XSMC_ACT_OTHER, XSMC_WHY_IDLE_BOOT);
        return verdict(r, 0, -XSMC_XEN_EPERM, XSMC_ACT_OTHER, XSMC_WHY_NOT_IDLE);
    case XSMC_L_CONSOLE:
        return console_io(p, opt, q, r);
    case XSMC_L_XENVER:
        return xen_version(q, r);
    case XSMC_L_PMU:
        return pmu_op(q, r);
    case XSMC_L_ALTP2M:
        return altp2m(q, t, r);
    case XSMC_L_DOMCTL:
        if (domctl_has_own_hook(q->subop))
            return verdict(r, 0, -XSMC_XEN_EILSEQ, XSMC_ACT_PRIV, XSMC_WHY_DOMCTL_OWN_HOOK);
        return check(r, XSMC_ACT_PRIV, q->src, t);
    case XSMC_L_SYSCTL:
        return sysctl(p, q, r);
    case XSMC_L_HVM_PARAM:
        return hvm_param(p, q, t, r);
    case XSMC_L_MMU_UPDATE:
        /* against the page owner, then against the page-table owner if any */
        check(r, XSMC_ACT_TARGET, q->src, t);
        if (q->other)
            check(r, XSMC_ACT_TARGET, q->src, q->other);
        return 0;
    }
    return bad(r, XSMC_EBADHOOK);
}
