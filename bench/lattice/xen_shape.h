/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's xsm_default_action in Xen's shape, the other side of the lattice
 * benchmark.  Written from the description in the shared reference
 * (xsm-truth-tables.md, xsm-policy-versions.md sections 2 and 5.1), not
 * from Xen's code:
 *  - one profile per build: BENCH_PROFILE (0 upstream, 1 hwpriv) selects at
 *    compile time the one function compiled, as a Xen build has one dummy.h;
 *  - each predicate reads the domain structure as Xen's does: control from a
 *    privileged flag, hardware as a pointer compare with the global
 *    hardware_domain, xenstore from an options bit, the target relation as
 *    a pointer compare of src->target with the target;
 *  - evaluate_nospec() is the identity and CONFIG_PV_SHIM_EXCLUSIVE is off,
 *    as in the reference's own check of these tables against Xen.
 */
#ifndef BENCH_XEN_SHAPE_H
#define BENCH_XEN_SHAPE_H

#include <stdbool.h>
#include <stdint.h>

#define BENCH_UPSTREAM 0
#define BENCH_HWPRIV   1
#if BENCH_PROFILE != BENCH_UPSTREAM && BENCH_PROFILE != BENCH_HWPRIV
#error "BENCH_PROFILE must be 0 (upstream) or 1 (hwpriv)"
#endif

#define XEN_EPERM 1
/* xen/include/public/domctl.h: XEN_DOMCTL_CDF_xs_domain */
#define XEN_DOMCTL_CDF_xs_domain (1u << 4)

typedef uint16_t domid_t;

/* The fields of xen/include/xen/sched.h:struct domain the lattice reads. */
struct domain {
    domid_t domain_id;
    bool is_privileged;     /* control domain, and the idle domain during boot */
    unsigned int options;   /* XEN_DOMCTL_CDF_* */
    struct domain *target;  /* set by XEN_DOMCTL_set_target */
};

/* xen/common/domain.c: the hardware domain, one per system. */
static struct domain *hardware_domain;

/* xen/include/xen/sched.h:is_control_domain */
static inline bool is_control_domain(const struct domain *d)
{
    return d->is_privileged;
}

/* xen/include/xen/sched.h:is_hardware_domain */
static inline bool is_hardware_domain(const struct domain *d)
{
    return d == hardware_domain;
}

/* xen/include/xen/sched.h:is_xenstore_domain */
static inline bool is_xenstore_domain(const struct domain *d)
{
    return d->options & XEN_DOMCTL_CDF_xs_domain;
}

/* xen/include/xsm/xsm.h:enum xsm_default; the proposal puts HW_PRIV after PRIV. */
typedef enum xsm_default {
    XSM_HOOK,
    XSM_DM_PRIV,
    XSM_TARGET,
    XSM_PRIV,
#if BENCH_PROFILE == BENCH_HWPRIV
    XSM_HW_PRIV,
#endif
    XSM_XS_PRIV,
    XSM_OTHER
} xsm_default_t;

/*
 * xen/include/xsm/dummy.h:xsm_default_action, always inlined as in Xen.
 * Cases in Xen's order with fall-through: TARGET passes self, XS_PRIV the
 * xenstore domain, DM_PRIV the source's own target, PRIV a control domain.
 * Under hwpriv (March 2025 PATCH 15/23) PRIV and HW_PRIV share the last
 * body: control passes all but HW_PRIV, hardware passes HW_PRIV and DM_PRIV.
 */
static inline __attribute__((always_inline)) int xsm_default_action(xsm_default_t action,
                                                                   struct domain *src,
                                                                   struct domain *target)
{
    switch (action) {
    case XSM_HOOK:
        return 0;
    case XSM_TARGET:
        if (src == target)
            return 0;
        /* fall through */
    case XSM_XS_PRIV:
        if (action == XSM_XS_PRIV && is_xenstore_domain(src))
            return 0;
        /* fall through */
    case XSM_DM_PRIV:
        if (target && src->target == target)
            return 0;
#if BENCH_PROFILE == BENCH_UPSTREAM
        /* fall through */
    case XSM_PRIV:
        if (is_control_domain(src))
            return 0;
        return -XEN_EPERM;
#else
        /* fall through */
    case XSM_PRIV:
    case XSM_HW_PRIV:
        if (is_control_domain(src) && action != XSM_HW_PRIV)
            return 0;
        if (is_hardware_domain(src) && (action == XSM_HW_PRIV || action == XSM_DM_PRIV))
            return 0;
        return -XEN_EPERM;
#endif
    default: /* Xen: LINKER_BUG_ON(1) */
        return -XEN_EPERM;
    }
}

#endif
