/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The smoke set: a few harmless operations whose answers the real
 * hypervisor gave in live-xen.md ("What the real hypervisor answered"),
 * issued by every domain against every domain.  Each form returns right
 * after its permission checks or changes nothing that lasts; the Xen
 * function that makes the order of checks is cited at each.
 *
 * Layouts are the arm64 ones of xen/include/public/ at the reference
 * snapshot (struct xen_sysctl, xen_domctl, xen_platform_op, evtchn_*).
 */
#include <stdio.h>
#include <string.h>

#include "probe.h"

/* Hypercall numbers (xen/include/public/xen.h). */
#define HC_PLATFORM_OP 7
#define HC_XEN_VERSION 17
#define HC_CONSOLE_IO  18
#define HC_EVTCHN_OP   32
#define HC_SYSCTL      35
#define HC_DOMCTL      36

#define XEN_SYSCTL_INTERFACE_VERSION 0x16
#define XEN_DOMCTL_INTERFACE_VERSION 0x18
#define XENPF_INTERFACE_VERSION      0x03000001
#define XEN_SYSCTL_physinfo          3
#define XEN_DOMCTL_getdomaininfo     5
#define XEN_DOMCTL_getvcpuinfo       14
#define XENVER_commandline2          14
#define CONSOLEIO_write              0
#define EVTCHNOP_close               3
#define EVTCHNOP_alloc_unbound       6
#define XENPF_settime64              62

/* A domid no plan has (at most XSMP_MAX_DOMAINS domains, numbered from 1). */
#define ABSENT_DOMID 100u
#define TARGET_NONE   0xFFFFFFFFu
#define TARGET_ABSENT 0xFFFFFFFEu

enum smoke_op {
    SMOKE_PHYSINFO,
    SMOKE_CMDLINE2,
    SMOKE_GETDOMAININFO,
    SMOKE_GETVCPUINFO,
    SMOKE_ALLOC_UNBOUND,
    SMOKE_CLOSE,
    SMOKE_CONSOLE_WRITE,
    SMOKE_SETTIME64,
    SMOKE_COUNT
};

static const char *const op_names[SMOKE_COUNT] = {
    "sysctl:physinfo",
    "xen_version:commandline2",
    "domctl:getdomaininfo",
    "domctl:getvcpuinfo",
    "event_channel_op:alloc_unbound",
    "event_channel_op:close",
    "console_io:write",
    "platform_op:settime64",
};

static struct xsmp_record blank(enum smoke_op op, uint32_t target, uint32_t hypercall)
{
    struct xsmp_record r;
    memset(&r, 0, sizeof(r));
    r.key.op = op;
    r.key.target = target;
    r.hypercall = hypercall;
    return r;
}

static void arg(struct xsmp_record *r, uint8_t kind, uint64_t value)
{
    r->arg_kind[r->nargs] = kind;
    r->arg_value[r->nargs] = value;
    r->nargs++;
}

/*
 * XEN_SYSCTL_physinfo: do_sysctl checks the interface version, then
 * xsm_sysctl (XSM_PRIV), then fills a read-only answer
 * (xen/common/sysctl.c:do_sysctl).
 */
static struct xsmp_record physinfo(void)
{
    struct xsmp_record r = blank(SMOKE_PHYSINFO, TARGET_NONE, HC_SYSCTL);
    arg(&r, XSMP_ARG_BUF, 0);
    xsmp_put(&r, 0, 4, XEN_SYSCTL_physinfo);
    xsmp_put(&r, 4, 4, XEN_SYSCTL_INTERFACE_VERSION);
    return r;
}

/*
 * XENVER_commandline2 with a NULL buffer asks only for the length, after
 * xsm_xen_version (xen/common/kernel.c:do_xen_version, xenver_varbuf_op).
 */
static struct xsmp_record cmdline2(void)
{
    struct xsmp_record r = blank(SMOKE_CMDLINE2, TARGET_NONE, HC_XEN_VERSION);
    arg(&r, XSMP_ARG_IMM, XENVER_commandline2);
    arg(&r, XSMP_ARG_IMM, 0);
    return r;
}

/*
 * A domctl on `domid`: do_domctl checks the interface version, looks the
 * domain up (a missing one: -ESRCH for a control domain, -EPERM for the
 * others), then the XSM check of the command (xen/common/domctl.c).
 * getdomaininfo and getvcpuinfo (vCPU 0) only read.
 */
static struct xsmp_record domctl(enum smoke_op op, uint32_t target, uint32_t cmd, uint32_t domid)
{
    struct xsmp_record r = blank(op, target, HC_DOMCTL);
    arg(&r, XSMP_ARG_BUF, 0);
    xsmp_put(&r, 0, 4, cmd);
    xsmp_put(&r, 4, 4, XEN_DOMCTL_INTERFACE_VERSION);
    xsmp_put(&r, 8, 2, domid);
    return r;
}

/*
 * EVTCHNOP_alloc_unbound(DOMID_SELF, remote) allocates a port in the
 * caller (xsm_evtchn_unbound, and SILO's check of the pair, in
 * xen/common/event_channel.c:evtchn_alloc_unbound); the port (offset 4) is
 * read back and closed by the next record.
 */
static struct xsmp_record alloc_unbound(uint32_t target, uint32_t remote)
{
    struct xsmp_record r = blank(SMOKE_ALLOC_UNBOUND, target, HC_EVTCHN_OP);
    arg(&r, XSMP_ARG_IMM, EVTCHNOP_alloc_unbound);
    arg(&r, XSMP_ARG_BUF, 0);
    xsmp_put(&r, 0, 2, XSMP_DOMID_SELF);
    xsmp_put(&r, 2, 2, remote);
    r.nreads = 1;
    r.reads[0] = (struct xsmp_read){.buf = 1, .width = 4, .off = 4};
    return r;
}

/* EVTCHNOP_close of the port the previous record read back (port 0 after a refusal: -EINVAL). */
static struct xsmp_record close_port(uint32_t target)
{
    struct xsmp_record r = blank(SMOKE_CLOSE, target, HC_EVTCHN_OP);
    arg(&r, XSMP_ARG_IMM, EVTCHNOP_close);
    arg(&r, XSMP_ARG_BUF, 0);
    r.init_len = 4;
    r.npatches = 1;
    r.patches[0] = (struct xsmp_patch){.off = 0, .width = 4, .kind = XSMP_PATCH_PREV_R0};
    return r;
}

/* CONSOLEIO_write of nothing: xsm_console_io, then a loop that writes 0 bytes (drivers/char/console.c). */
static struct xsmp_record console_write(void)
{
    struct xsmp_record r = blank(SMOKE_CONSOLE_WRITE, TARGET_NONE, HC_CONSOLE_IO);
    arg(&r, XSMP_ARG_IMM, CONSOLEIO_write);
    arg(&r, XSMP_ARG_IMM, 0);
    arg(&r, XSMP_ARG_BUF, 0);
    return r;
}

/*
 * XENPF_settime64 with mbz set: Arm's do_platform_op checks the interface
 * version, then xsm_platform_op, then refuses mbz != 0 with -EINVAL before
 * touching the clock (xen/arch/arm/platform_hypercall.c).
 */
static struct xsmp_record settime64(void)
{
    struct xsmp_record r = blank(SMOKE_SETTIME64, TARGET_NONE, HC_PLATFORM_OP);
    arg(&r, XSMP_ARG_BUF, 0);
    xsmp_put(&r, 0, 4, XENPF_settime64);
    xsmp_put(&r, 4, 4, XENPF_INTERFACE_VERSION);
    xsmp_put(&r, 20, 4, 1);
    return r;
}

/* By value, for the builders' results above; xsmp_plan_add reports the failure. */
static int add(struct xsmp_list *l, struct xsmp_record r, struct xsmp_error *err)
{
    return xsmp_plan_add(l, &r, err);
}

static int smoke_plan(struct xsmp_plan *plan, struct xsmp_error *err)
{
    if (xsmp_plan_targets(plan, err))
        return -1;
    for (size_t i = 0; i < plan->ndoms; i++) {
        struct xsmp_list *l = &plan->lists[i];
        int rc = add(l, physinfo(), err) || add(l, cmdline2(), err);
        for (size_t j = 0; j < plan->ndoms && !rc; j++)
            rc = add(l, domctl(SMOKE_GETDOMAININFO, (uint32_t)j, XEN_DOMCTL_getdomaininfo,
                               plan->doms[j].domid), err);
        if (!rc)
            rc = add(l, domctl(SMOKE_GETDOMAININFO, TARGET_ABSENT, XEN_DOMCTL_getdomaininfo,
                               ABSENT_DOMID), err);
        for (size_t j = 0; j < plan->ndoms && !rc; j++)
            rc = add(l, domctl(SMOKE_GETVCPUINFO, (uint32_t)j, XEN_DOMCTL_getvcpuinfo,
                               plan->doms[j].domid), err);
        for (size_t j = 0; j < plan->ndoms && !rc; j++)
            if (j != i)
                rc = add(l, alloc_unbound((uint32_t)j, plan->doms[j].domid), err) ||
                     add(l, close_port((uint32_t)j), err);
        if (!rc)
            rc = add(l, console_write(), err) || add(l, settime64(), err);
        if (rc)
            return -1;
    }
    return 0;
}

static void smoke_describe(const struct xsmp_plan *plan, const struct xsmp_key *key, char *op,
                           size_t oplen, char *target, size_t targetlen)
{
    if (xsmp_describe_setup(plan, key, op, oplen, target, targetlen))
        return;
    snprintf(op, oplen, "%s", key->op < SMOKE_COUNT ? op_names[key->op] : "?");
    if (key->target == TARGET_NONE)
        snprintf(target, targetlen, "-");
    else if (key->target == TARGET_ABSENT)
        snprintf(target, targetlen, "d%u (absent)", ABSENT_DOMID);
    else if (key->target < plan->ndoms)
        snprintf(target, targetlen, "%s", plan->doms[key->target].dom->name);
    else
        snprintf(target, targetlen, "?");
}

const struct xsmp_planner xsmp_planner_smoke = {
    .name = "smoke",
    .plan = smoke_plan,
    .describe = smoke_describe,
};
