/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An operation decided as Xen decides it: the hypercall table, then each
 * gate of the catalogue row in order, the first that refuses deciding.
 * XSM gates go to the policy engine; the others are Xen's own tests of the
 * caller and the target (is_hardware_domain, the guest type, DOMID_SELF).
 */
#include <string.h>

#include "xsmcap/ops.h"

#define GATE_SKIPPED 2 /* gate_result.pass: the check does not run on this platform */

struct party {
    const struct xsmc_domain *src, *tgt, *other;
    uint32_t src_bit;   /* XSMC_P_* of the caller */
    int tgt_is_self;    /* the hypercall named DOMID_SELF and no lookup has resolved it yet */
};

static int is_control(const struct xsmc_domain *d)
{
    /* is_control_domain(): d->is_privileged, which the idle domain holds during boot */
    return (d->caps & XSMC_CAP_CONTROL) || (d->flags & XSMC_DOMF_IDLE_BOOT);
}

static uint32_t guest_bit(enum xsmc_arch arch, const struct xsmc_domain *d)
{
    return xsmc_platform_bit(arch, (enum xsmc_guest)XSMC_DOM_GUEST(d));
}

static int deny(struct xsmc_op_result *out, uint8_t gate, int err)
{
    out->allow = 0;
    out->rc = -err;
    out->decided_by = gate;
    return 0;
}

/* Is the hypercall in the caller's table in this build?  0, or -ENOSYS with out filled. */
static int entry_check(const struct xsmc_hypercall *hc, const struct xsmc_kconfig *k,
                       uint32_t src_bit, struct xsmc_op_result *out)
{
    if (hc->kopt >= 0 && xsmc_kconfig_on(k, (unsigned)hc->kopt) == hc->kopt_off) {
        out->entry_kopt = (uint8_t)hc->kopt;
        return deny(out, XSMC_GATE_ENTRY, XSMC_XEN_ENOSYS), -1;
    }
    if (!(hc->reach & src_bit))
        return deny(out, XSMC_GATE_ENTRY, XSMC_XEN_ENOSYS), -1;
    return 0;
}

/* One XSM gate: the hook on the gate's pair. */
static int xsm_gate(const struct xsmc_op_env *env, uint32_t options, const struct xsmc_gate *g,
                    const struct party *p, struct xsmc_gate_result *r)
{
    /* domain_create() sees a domain that exists in no system yet: plain, no target */
    static const struct xsmc_domain created = {.domid = XSMC_DOMID_FIRST_RESERVED - 1,
                                               .target = XSMC_DOMID_NONE};
    const struct xsmc_domain *s = p->src, *t = p->tgt;
    switch (g->pair) {
    case XSMC_PAIR_CALLER_TARGET: break;
    case XSMC_PAIR_CALLER_CALLER: t = p->src; break;
    case XSMC_PAIR_CALLER_OTHER: t = p->other; break;
    case XSMC_PAIR_TARGET_OTHER: s = p->tgt; t = p->other; break;
    case XSMC_PAIR_CALLER_NEW: t = &created; break;
    default: return XSMC_EBADARG;
    }
    const struct xsmc_hook_info *h = xsmc_hook_info(g->hook);
    if (!h || !s)
        return XSMC_EBADHOOK;
    struct xsmc_request rq = {.hook = g->hook, .subop = g->subop, .subop2 = g->subop2,
                              .src = s, .target = h->target == XSMC_T_NONE ? NULL : t,
                              .other = p->other};
    int status = xsmc_decide(env->profile, options, &rq, &r->xsm);
    if (status)
        return status;
    r->pass = r->xsm.allow;
    r->rc = r->xsm.rc;
    return 0;
}

/* Does an allowing gate explain anything (not every domain passes it)? */
static int explains_allow(const struct xsmc_gate *g, const struct xsmc_gate_result *r)
{
    switch (g->kind) {
    case XSMC_G_XSM:
    case XSMC_G_XSM_FILTER:
        return r->xsm.why != XSMC_WHY_HOOK && r->xsm.why != XSMC_WHY_NO_DECISION &&
               r->xsm.why != XSMC_WHY_NO_CHECK;
    case XSMC_G_HWDOM:
    case XSMC_G_CONTROL:
    case XSMC_G_SELF:
    case XSMC_G_NOT_SELF:
    case XSMC_G_GUEST:
    case XSMC_G_TARGET_TYPE:
        return 1;
    default:
        return 0;
    }
}

/* Run gate i; 0 with r filled, or a negative XSMC_E* status. */
static int run_gate(const struct xsmc_op_env *env, const struct xsmc_kconfig *k, uint32_t options,
                    const struct xsmc_gate *g, struct party *p, struct xsmc_gate_result *r)
{
    r->pass = 1;
    r->rc = 0;
    switch (g->kind) {
    case XSMC_G_XSM:
    case XSMC_G_XSM_FILTER: {
        /*
         * A hook that receives the named domain before any lookup gate: Xen
         * looked it up on the way (rcu_lock_domain_by_any_id), so DOMID_SELF is
         * the caller.  A hook that takes no target leaves the domid unresolved
         * for a later lookup gate.
         */
        const struct xsmc_hook_info *h = xsmc_hook_info(g->hook);
        int uses_target = g->pair == XSMC_PAIR_CALLER_TARGET || g->pair == XSMC_PAIR_TARGET_OTHER;
        if (p->tgt_is_self && uses_target && h && h->target == XSMC_T_DOMAIN)
            p->tgt = p->src, p->tgt_is_self = 0;
        return xsm_gate(env, options, g, p, r);
    }
    case XSMC_G_GUEST: r->pass = (g->allow & p->src_bit) != 0; break;
    case XSMC_G_KCONFIG: r->pass = xsmc_kconfig_on(k, g->kopt); break;
    case XSMC_G_NOT_KCONFIG: r->pass = !xsmc_kconfig_on(k, g->kopt); break;
    case XSMC_G_HWDOM: r->pass = (p->src->caps & XSMC_CAP_HARDWARE) != 0; break;
    case XSMC_G_CONTROL: r->pass = is_control(p->src); break;
    case XSMC_G_LOOKUP:
        if (!p->tgt_is_self && (g->flags & XSMC_LK_OWN_ID_ERR) && p->tgt &&
            p->tgt->domid == p->src->domid) {
            r->pass = 0;
            break;
        }
        if (p->tgt_is_self) {
            if (g->flags & XSMC_LK_SELF_OK) {
                p->tgt = p->src;
                p->tgt_is_self = 0;
            } else {
                r->pass = 0;
                if ((g->flags & XSMC_LK_DOMCTL_ERR) && !is_control(p->src)) {
                    r->rc = -XSMC_XEN_EPERM;
                    return 0;
                }
            }
        }
        break;
    case XSMC_G_SELF:
    case XSMC_G_NOT_SELF: {
        if (p->tgt_is_self)
            p->tgt = p->src, p->tgt_is_self = 0;
        int same = p->tgt && p->tgt->domid == p->src->domid;
        r->pass = g->kind == XSMC_G_SELF ? same : !same;
        break;
    }
    case XSMC_G_TARGET_TYPE:
        if (p->tgt_is_self)
            p->tgt = p->src, p->tgt_is_self = 0;
        r->pass = p->tgt && (g->allow & guest_bit(env->arch, p->tgt)) != 0;
        break;
    default:
        return XSMC_EBADARG;
    }
    if (!r->pass)
        r->rc = -(int32_t)g->err;
    return 0;
}

int xsmc_op_decide(const struct xsmc_op_env *env, const struct xsmc_op *op,
                   const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                   enum xsmc_target_form form, const struct xsmc_domain *other,
                   struct xsmc_op_result *out)
{
    memset(out, 0, sizeof(*out));
    deny(out, XSMC_GATE_NONE, XSMC_XEN_EPERM); /* fail closed until decided */
    if (!env || !op || !src || !xsmc_arch_name(env->arch) || !xsmc_profile_name(env->profile))
        return XSMC_EBADARG;
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    struct xsmc_kconfig defk;
    const struct xsmc_kconfig *k = env->kconfig;
    if (!k) {
        xsmc_kconfig_default(env->arch, &defk);
        k = &defk;
    }
    struct party p = {.src = src, .other = other, .src_bit = guest_bit(env->arch, src)};
    if (!hc || !xsmc_op_exists(op, env->arch) || !p.src_bit || op->ngates > XSMC_OP_MAX_GATES)
        return XSMC_EBADARG;
    switch (op->target) {
    case XSMC_ON_NONE: p.tgt = NULL; break;
    case XSMC_ON_CALLER: p.tgt = src; break;
    default:
        if (form == XSMC_TF_DOMID_SELF)
            p.tgt_is_self = 1;
        else if (!tgt)
            return XSMC_EBADARG;
        else
            p.tgt = tgt;
    }
    uint32_t options = env->options;
    if (xsmc_kconfig_on(k, XSMC_K_VERBOSE_DEBUG))
        options |= XSMC_OPT_VERBOSE_DEBUG;
    out->entry_kopt = 0xff;
    if (entry_check(hc, k, p.src_bit, out))
        return 0;
    /* an allow is explained by its first XSM check that not everyone passes, else by another gate */
    uint8_t explained = XSMC_GATE_NONE, explained_other = XSMC_GATE_NONE;
    for (unsigned i = 0; i < op->ngates; i++) {
        const struct xsmc_gate *g = &op->gates[i];
        struct xsmc_gate_result *r = &out->gates[i];
        out->nrun = (uint8_t)(i + 1);
        if (g->runs && !(g->runs & p.src_bit)) {
            r->pass = GATE_SKIPPED;
            continue;
        }
        int status = run_gate(env, k, options, g, &p, r);
        if (status)
            return deny(out, (uint8_t)i, XSMC_XEN_EPERM), status;
        if (!r->pass) {
            if (g->kind == XSMC_G_XSM_FILTER) {
                out->filtered = 1;
                out->rc = 0;
                out->allow = 0;
                out->decided_by = (uint8_t)i;
                return 0;
            }
            out->allow = 0;
            out->rc = r->rc;
            out->decided_by = (uint8_t)i;
            return 0;
        }
        if (!explains_allow(g, r))
            continue;
        int xsm = g->kind == XSMC_G_XSM || g->kind == XSMC_G_XSM_FILTER;
        if (xsm && explained == XSMC_GATE_NONE)
            explained = (uint8_t)i;
        else if (!xsm && explained_other == XSMC_GATE_NONE)
            explained_other = (uint8_t)i;
    }
    out->allow = 1;
    out->rc = 0;
    out->decided_by = explained != XSMC_GATE_NONE ? explained : explained_other;
    return 1;
}
