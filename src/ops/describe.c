/* SPDX-License-Identifier: GPL-2.0-only */
/* The catalogue in short words: a gate as one phrase, and where an operation can be reached. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/ops.h"

/* "pv, hvm" of a XSMC_P_* mask, naming Arm as "arm". */
static const char *types(uint32_t mask, char *buf, size_t len)
{
    static const struct { uint32_t bit; const char *name; } t[] = {
        {XSMC_P_ARM, "arm"}, {XSMC_P_PV, "pv"}, {XSMC_P_HVM, "hvm"}, {XSMC_P_PVH, "pvh"}};
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (mask & t[i].bit) {
            int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", t[i].name);
            if (n > 0 && (size_t)n < len - used)
                used += (size_t)n;
        }
    if (!used)
        snprintf(buf, len, "none");
    return buf;
}

static const char *err(unsigned e)
{
    const char *n = xsmc_errno_name((int)e);
    return n ? n : "?";
}

const char *xsmc_gate_text(const struct xsmc_gate *g, char *buf, size_t len)
{
    char a[64], where[64] = "";
    if (g->runs == XSMC_P_X86)
        snprintf(where, sizeof(where), " [x86 only]");
    else if (g->runs)
        snprintf(where, sizeof(where), " [%s only]", types(g->runs, a, sizeof(a)));
    switch (g->kind) {
    case XSMC_G_XSM:
    case XSMC_G_XSM_FILTER: {
        static const char *const pairs[] = {"", " on (caller, caller)", " on (caller, third)",
                                            " on (target, third)", " on (caller, new domain)"};
        char sub[32] = "";
        const struct xsmc_hook_info *h = xsmc_hook_info(g->hook);
        if (h && h->logic != XSMC_L_DEFAULT && h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS)
            snprintf(sub, sizeof(sub), "(%u)", g->subop);
        snprintf(buf, len, "xsm_%s%s%s%s%s", h ? h->name : "?", sub,
                 g->pair < 5 ? pairs[g->pair] : "", g->kind == XSMC_G_XSM_FILTER ? " filters" : "",
                 where);
        break;
    }
    case XSMC_G_GUEST:
        snprintf(buf, len, "caller is %s, else -%s%s", types(g->allow, a, sizeof(a)), err(g->err), where);
        break;
    case XSMC_G_KCONFIG:
    case XSMC_G_NOT_KCONFIG:
        snprintf(buf, len, "CONFIG_%s %s, else -%s%s", xsmc_kopt_name(g->kopt),
                 g->kind == XSMC_G_KCONFIG ? "on" : "off", err(g->err), where);
        break;
    case XSMC_G_HWDOM:
        snprintf(buf, len, "is_hardware_domain(caller), else -%s%s", err(g->err), where);
        break;
    case XSMC_G_CONTROL:
        snprintf(buf, len, "is_control_domain(caller), else -%s%s", err(g->err), where);
        break;
    case XSMC_G_LOOKUP:
        if (g->flags & XSMC_LK_SELF_OK)
            snprintf(buf, len, "look up the target (DOMID_SELF is the caller)%s", where);
        else if (g->flags & XSMC_LK_DOMCTL_ERR)
            snprintf(buf, len, "look up the target (DOMID_SELF: -%s for control, else -EPERM)%s",
                     err(g->err), where);
        else
            snprintf(buf, len, "look up the target (DOMID_SELF: -%s)%s", err(g->err), where);
        break;
    case XSMC_G_SELF:
        snprintf(buf, len, "target is the caller, else -%s%s", err(g->err), where);
        break;
    case XSMC_G_NOT_SELF:
        snprintf(buf, len, "target is not the caller, else -%s%s", err(g->err), where);
        break;
    case XSMC_G_TARGET_TYPE:
        snprintf(buf, len, "target is %s, else -%s%s", types(g->allow, a, sizeof(a)), err(g->err), where);
        break;
    default:
        snprintf(buf, len, "unknown gate");
    }
    return buf;
}

uint32_t xsmc_op_reach(const struct xsmc_op *op)
{
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    uint32_t mask = op->arches & (hc ? hc->reach : 0u);
    for (unsigned i = 0; i < op->ngates; i++) {
        const struct xsmc_gate *g = &op->gates[i];
        if (g->kind == XSMC_G_GUEST)
            mask &= ~((g->runs ? g->runs : XSMC_P_ALL) & ~(uint32_t)g->allow);
    }
    return mask;
}
