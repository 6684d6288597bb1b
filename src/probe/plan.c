/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The plan of a probe: the system's domains as a dom0less Xen numbers
 * them, their record lists, and the records every plan shares (the
 * device-model relations set at run time).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

/* Hypercall ABI of the records below (xen/include/public/). */
#define HC_HVM_OP             34
#define HC_DOMCTL             36
#define HVMOP_GET_PARAM       1
#define HVM_PARAM_CALLBACK_IRQ 0
#define XEN_DOMCTL_SET_TARGET 46
#define XEN_DOMCTL_INTERFACE_VERSION 0x18

int xsmp_fail(struct xsmp_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

const char *xsmp_policy_name(enum xsmp_policy p)
{
    return p == XSMP_POLICY_SILO ? "SILO" : "default";
}

int xsmp_list_add(struct xsmp_list *l, const struct xsmp_record *r)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        struct xsmp_record *v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *r;
    return 0;
}

int xsmp_plan_add(struct xsmp_list *l, const struct xsmp_record *r, struct xsmp_error *err)
{
    return xsmp_list_add(l, r) ? xsmp_fail(err, "out of memory") : 0;
}

void xsmp_list_free(struct xsmp_list *l)
{
    free(l->v);
    memset(l, 0, sizeof(*l));
}

void xsmp_put(struct xsmp_record *r, unsigned off, unsigned width, uint64_t v)
{
    if (off + width > XSMP_INIT_MAX)
        return;
    for (unsigned i = 0; i < width; i++)
        r->init[off + i] = (uint8_t)(v >> (8 * i));
    if (off + width > r->init_len)
        r->init_len = (uint16_t)(off + width);
}

int xsmp_plan_init(struct xsmp_plan *plan, const struct xsmc_system *sys, struct xsmp_error *err)
{
    memset(plan, 0, sizeof(*plan));
    plan->sys = sys;
    /* hyperlaunch is x86's boot configuration, whatever arch a reader left */
    if (sys->kind == XSMC_SRC_HYPERLAUNCH)
        return xsmp_fail(err, "%s is an x86 hyperlaunch configuration; the probe boots arm64 Xen",
                         sys->source);
    if (sys->arch != XSMC_ARCH_ARM64)
        return xsmp_fail(err, "%s is an %s system; the probe boots arm64 Xen", sys->source,
                         xsmc_arch_name((enum xsmc_arch)sys->arch));
    if (sys->ndoms == 0 || sys->ndoms > XSMP_MAX_DOMAINS)
        return xsmp_fail(err, "%s has %zu domains; the probe boots 1 to %d", sys->source,
                         sys->ndoms, XSMP_MAX_DOMAINS);
    const char *hardware = NULL;
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        uint32_t caps = d->core.caps;
        if (caps & ~(uint32_t)(XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE)) {
            char text[128];
            return xsmp_fail(err, "domain %s: capabilities %s: a dom0less xen,domain node "
                                  "carries only control, hardware and xenstore",
                             d->name, xsmc_caps_text(caps, text, sizeof(text)));
        }
        if (caps & XSMC_CAP_HARDWARE) {
            if (hardware)
                return xsmp_fail(err, "domains %s and %s are both hardware domains", hardware,
                                 d->name);
            hardware = d->name;
        }
        plan->doms[i].dom = d;
        /* dom0less gives domids 1, 2, ... in node order (xen/common/domid.c: 0 is reserved) */
        plan->doms[i].domid = (uint32_t)i + 1;
        plan->doms[i].xen_caps = ((caps & XSMC_CAP_CONTROL) ? XSMP_DOMAIN_CAPS_CONTROL : 0) |
                                 ((caps & XSMC_CAP_HARDWARE) ? XSMP_DOMAIN_CAPS_HARDWARE : 0) |
                                 ((caps & XSMC_CAP_XENSTORE) ? XSMP_DOMAIN_CAPS_XENSTORE : 0);
    }
    plan->ndoms = sys->ndoms;
    return 0;
}

void xsmp_plan_free(struct xsmp_plan *plan)
{
    for (size_t i = 0; i < XSMP_MAX_DOMAINS; i++)
        xsmp_list_free(&plan->lists[i]);
}

const struct xsmp_domain *xsmp_plan_domid(const struct xsmp_plan *plan, uint32_t domid)
{
    for (size_t i = 0; i < plan->ndoms; i++)
        if (plan->doms[i].domid == domid)
            return &plan->doms[i];
    return NULL;
}

/* Index in the plan of the domain whose system domid is `domid`, or -1. */
static int index_of(const struct xsmp_plan *plan, uint32_t domid)
{
    for (size_t i = 0; i < plan->ndoms; i++)
        if (plan->doms[i].dom->core.domid == domid)
            return (int)i;
    return -1;
}

static int control_index(const struct xsmp_plan *plan)
{
    for (size_t i = 0; i < plan->ndoms; i++)
        if (plan->doms[i].dom->core.caps & XSMC_CAP_CONTROL)
            return (int)i;
    return -1;
}

/*
 * XEN_DOMCTL_set_target(dm, guest) from the control domain
 * (xen/common/domctl.c:do_domctl): the relation a device model holds over
 * its guest; Xen has no boot-time binding for it.
 */
static struct xsmp_record set_target_record(uint32_t dm_index, uint32_t dm, uint32_t guest)
{
    struct xsmp_record r;
    memset(&r, 0, sizeof(r));
    r.key.op = XSMP_OP_SET_TARGET;
    r.key.target = dm_index;
    r.hypercall = HC_DOMCTL;
    r.nargs = 1;
    r.arg_kind[0] = XSMP_ARG_BUF;
    xsmp_put(&r, 0, 4, XEN_DOMCTL_SET_TARGET);
    xsmp_put(&r, 4, 4, XEN_DOMCTL_INTERFACE_VERSION);
    xsmp_put(&r, 8, 2, dm);
    xsmp_put(&r, 16, 2, guest);
    return r;
}

/*
 * The device model waits until the relation holds: HVMOP_get_param on its
 * guest is XSM_TARGET (xen/arch/arm/hvm.c:do_hvm_op), which a domain that
 * is neither the guest nor control passes only as the guest's device model.
 */
static struct xsmp_record wait_target_record(uint32_t guest_index, uint32_t guest)
{
    struct xsmp_record r;
    memset(&r, 0, sizeof(r));
    r.key.op = XSMP_OP_WAIT_TARGET;
    r.key.target = guest_index;
    r.hypercall = HC_HVM_OP;
    r.nargs = 2;
    r.arg_kind[0] = XSMP_ARG_IMM;
    r.arg_value[0] = HVMOP_GET_PARAM;
    r.arg_kind[1] = XSMP_ARG_BUF;
    xsmp_put(&r, 0, 2, guest);
    xsmp_put(&r, 4, 4, HVM_PARAM_CALLBACK_IRQ);
    r.wait = 1;
    r.wait_rc = 0;
    r.wait_ms = XSMP_TARGET_WAIT_MS;
    return r;
}

int xsmp_plan_targets(struct xsmp_plan *plan, struct xsmp_error *err)
{
    int ctl = control_index(plan);
    for (size_t i = 0; i < plan->ndoms; i++) {
        const struct xsmc_dom *d = plan->doms[i].dom;
        if (d->core.target == XSMC_DOMID_NONE)
            continue;
        int g = index_of(plan, d->core.target);
        if (g < 0)
            return xsmp_fail(err, "domain %s: its target is not a domain of the system", d->name);
        if (ctl < 0)
            return xsmp_fail(err, "domain %s serves %s, but no control domain can set the "
                                  "relation (XEN_DOMCTL_set_target) at run time",
                             d->name, plan->doms[g].dom->name);
        struct xsmp_record set = set_target_record((uint32_t)i, plan->doms[i].domid,
                                                   plan->doms[g].domid);
        if (xsmp_plan_add(&plan->lists[ctl], &set, err))
            return -1;
        /* the control domain sets its own relation before anything else it runs */
        if ((int)i == ctl)
            continue;
        struct xsmp_record wait = wait_target_record((uint32_t)g, plan->doms[g].domid);
        if (xsmp_plan_add(&plan->lists[i], &wait, err))
            return -1;
    }
    return 0;
}

int xsmp_plan_check_setup(const struct xsmp_plan *plan, const struct xsmp_answers *answers,
                          struct xsmp_error *err)
{
    for (size_t i = 0; i < plan->ndoms; i++) {
        const struct xsmp_list *l = &plan->lists[i];
        for (size_t k = 0; k < l->n && k < answers[i].n; k++) {
            const struct xsmp_record *r = &l->v[k];
            if (r->key.op != XSMP_OP_SET_TARGET && r->key.op != XSMP_OP_WAIT_TARGET)
                continue;
            if (answers[i].res[k].rc == 0)
                continue;
            const char *other = plan->doms[r->key.target].dom->name;
            if (r->key.op == XSMP_OP_SET_TARGET)
                return xsmp_fail(err, "%s could not make %s a device model: "
                                      "XEN_DOMCTL_set_target returned %lld",
                                 plan->doms[i].dom->name, other, (long long)answers[i].res[k].rc);
            return xsmp_fail(err, "device model %s never gained its relation over %s "
                                  "(HVMOP_get_param still returned %lld after %u ms)",
                             plan->doms[i].dom->name, other, (long long)answers[i].res[k].rc,
                             (unsigned)XSMP_TARGET_WAIT_MS);
        }
    }
    return 0;
}

int xsmp_describe_setup(const struct xsmp_plan *plan, const struct xsmp_key *key, char *op,
                        size_t oplen, char *target, size_t targetlen)
{
    if (key->op != XSMP_OP_SET_TARGET && key->op != XSMP_OP_WAIT_TARGET)
        return 0;
    snprintf(op, oplen, "%s", key->op == XSMP_OP_SET_TARGET ? "domctl:set_target (set-up)"
                                                            : "hvm_op:get_param (wait for target)");
    const char *name = key->target < plan->ndoms ? plan->doms[key->target].dom->name : "?";
    snprintf(target, targetlen, "%s", name);
    return 1;
}
