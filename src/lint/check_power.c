/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rules about power.  Each asks the engine (xsmc_decide) and looks at why a
 * check passed or failed, so the rules follow the profile by themselves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "xsmcap/analysis.h"
#include "lint_internal.h"

/*
 * What src may do to domains other than itself and its own target because
 * of `why` (the lattice step of the deciding XSM check, e.g. the hardware
 * domain passing DM_PRIV): the domains, and the operations that do it.
 */
struct reach {
    size_t count;                   /* domains */
    const struct xsmc_dom *control; /* the first control domain among them */
    const struct xsmc_dom *first;
    size_t nops;                    /* operations */
    const struct xsmc_op *ops[3];   /* the first ones, for the message */
};

static struct reach reach_of(const struct lint_ctx *ctx, const struct xsmc_dom *src,
                             uint8_t action, enum xsmc_why why)
{
    struct reach r = {0};
    size_t nops;
    const struct xsmc_op **ops = xsmc_platform_ops((enum xsmc_arch)ctx->sys->arch, &nops);
    uint8_t *seen = calloc(ctx->sys->ndoms ? ctx->sys->ndoms : 1, 1);
    if (!ops || !seen) {
        free((void *)ops);
        free(seen);
        return r;
    }
    for (size_t o = 0; o < nops; o++) {
        if (ops[o]->target != XSMC_ON_DOMAIN)
            continue;
        int used = 0;
        for (size_t i = 0; i < ctx->sys->ndoms; i++) {
            const struct xsmc_dom *t = &ctx->sys->doms[i];
            struct xsmc_op_result res;
            if (t == src || t->core.domid == src->core.target)
                continue;
            if (lint_decide_op(ctx, ops[o], src, t, &res) != 1)
                continue;
            const struct xsmc_decision *d = lint_deciding_xsm(ops[o], &res);
            if (!d || d->why != why || (action != XSMC_ACT_COUNT && d->action != action))
                continue;
            used = 1;
            if (seen[i])
                continue;
            seen[i] = 1;
            r.count++;
            if (!r.first)
                r.first = t;
            if (!r.control && lint_is_control(t))
                r.control = t;
        }
        if (used && r.nops++ < 3)
            r.ops[r.nops - 1] = ops[o];
    }
    free((void *)ops);
    free(seen);
    return r;
}

/* ", control domain 'c' included, through A, B, C and 4 more" */
static const char *reach_tail(const struct reach *r, char *buf, size_t len)
{
    int n = r->control ? snprintf(buf, len, ", control domain '%s' included", r->control->name)
                       : snprintf(buf, len, ", e.g. '%s'", r->first->name);
    size_t used = n > 0 && (size_t)n < len ? (size_t)n : 0;
    for (size_t i = 0; i < r->nops && i < 3; i++) {
        n = snprintf(buf + used, len - used, "%s%s", i ? ", " : ", through ", r->ops[i]->name);
        used += n > 0 && (size_t)n < len - used ? (size_t)n : 0;
    }
    if (r->nops > 3)
        snprintf(buf + used, len - used, " and %zu more operation%s", r->nops - 3,
                 r->nops - 3 == 1 ? "" : "s");
    return buf;
}

void lint_check_dm_in_control(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!lint_is_control(d))
            continue;
        if (d->core.target != XSMC_DOMID_NONE) {
            const struct xsmc_dom *g = lint_dom(ctx, d->core.target);
            if (g)
                lint_emit(ctx, d->where, "control domain '%s' is the device model of '%s': "
                          "a guest that exploits it gets every PRIV power", d->name, g->name);
            else
                lint_emit(ctx, d->where, "control domain '%s' is the device model of domid %u: "
                          "a guest that exploits it gets every PRIV power", d->name, d->core.target);
        } else if (d->core.caps & XSMC_CAP_DEVICE_MODEL) {
            lint_emit(ctx, d->where, "control domain '%s' has the device_model capability: "
                      "a guest that exploits its device model gets every PRIV power", d->name);
        }
    }
}

void lint_check_hwdom_dm_priv_over_all(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!lint_is_hardware(d))
            continue;
        struct reach r = reach_of(ctx, d, XSMC_ACT_DM_PRIV, XSMC_WHY_HARDWARE);
        char tail[320];
        if (r.count)
            lint_emit(ctx, d->where,
                      "under %s hardware domain '%s' passes DM_PRIV against %zu domain%s it "
                      "does not serve%s", xsmc_profile_name(ctx->profile), d->name,
                      r.count, r.count == 1 ? "" : "s", reach_tail(&r, tail, sizeof(tail)));
    }
}

void lint_check_dm_cap_targets_all(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!(d->core.caps & XSMC_CAP_DEVICE_MODEL))
            continue;
        struct reach r = reach_of(ctx, d, XSMC_ACT_COUNT, XSMC_WHY_DM_CAP);
        char tail[320];
        if (r.count)
            lint_emit(ctx, d->where, "under %s device_model domain '%s' passes TARGET, XS_PRIV "
                      "and DM_PRIV checks against %zu domain%s it does not serve%s",
                      xsmc_profile_name(ctx->profile), d->name, r.count, r.count == 1 ? "" : "s",
                      reach_tail(&r, tail, sizeof(tail)));
    }
}

void lint_check_untargetable_served(struct lint_ctx *ctx)
{
    size_t nops;
    const struct xsmc_op **ops = xsmc_platform_ops((enum xsmc_arch)ctx->sys->arch, &nops);
    if (!ops) {
        ctx->lost = 1;
        return;
    }
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *dm = &ctx->sys->doms[i];
        const struct xsmc_dom *g = lint_dom(ctx, dm->core.target);
        if (!g || g == dm)
            continue;
        size_t denied = 0;
        const struct xsmc_op *example = NULL;
        for (size_t o = 0; o < nops; o++) {
            struct xsmc_op_result r;
            if (ops[o]->target != XSMC_ON_DOMAIN || lint_decide_op(ctx, ops[o], dm, g, &r) != 0)
                continue;
            const struct xsmc_decision *d = lint_deciding_xsm(ops[o], &r);
            if (d && d->why == XSMC_WHY_UNTARGETABLE) {
                denied++;
                if (!example)
                    example = ops[o];
            }
        }
        if (denied)
            lint_emit(ctx, g->where,
                      "'%s' is not_hypercall_target but '%s' is its device model: under %s "
                      "%zu operation%s on it %s denied (%s%s), so it cannot be emulated",
                      g->name, dm->name, xsmc_profile_name(ctx->profile), denied,
                      denied == 1 ? "" : "s", denied == 1 ? "is" : "are", example->name,
                      denied > 1 ? " ..." : "");
    }
    free((void *)ops);
}

/*
 * Does guest g use PV frontends?  xen,enhanced says so; an inline spec or
 * the builtin records nothing, so a plain guest (no capability, no target)
 * is taken to use them.
 */
static int needs_pv(const struct xsmc_system *sys, const struct xsmc_dom *g)
{
    if (g->xenstore_requested)
        return 1;
    return (sys->kind == XSMC_SRC_SPEC || sys->kind == XSMC_SRC_BUILTIN) && g->core.caps == 0 &&
           g->core.target == XSMC_DOMID_NONE;
}

/* The first operation a backend needs that SILO refuses service s on guest g, or NULL. */
static const char *silo_denial(const struct lint_ctx *ctx, const struct xsmc_dom *s,
                               const struct xsmc_dom *g)
{
    static const char *const needed[] = {"EVTCHNOP_bind_interdomain", "GNTTABOP_map_grant_ref"};
    for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
        const struct xsmc_op *op = xsmc_op_find(needed[i]);
        struct xsmc_op_result r;
        if (!op || lint_decide_op(ctx, op, s, g, &r) != 0)
            continue;
        const struct xsmc_decision *d = lint_deciding_xsm(op, &r);
        if (d && d->why == XSMC_WHY_SILO)
            return op->name;
    }
    return NULL;
}

void lint_check_silo_no_bridge(struct lint_ctx *ctx)
{
    if (!(ctx->options & XSMC_OPT_SILO))
        return;
    const struct xsmc_system *sys = ctx->sys;
    const struct xsmc_dom *xs = lint_xenstore_domain(sys);
    /* the service domains, found once: guests times services stays linear in practice */
    size_t *svc = calloc(sys->ndoms ? sys->ndoms : 1, sizeof(size_t));
    size_t nsvc = 0;
    if (!svc) {
        ctx->lost = 1;
        return;
    }
    for (size_t j = 0; j < sys->ndoms; j++)
        if (&sys->doms[j] == xs || lint_runs_backends(ctx, &sys->doms[j]))
            svc[nsvc++] = j;
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *g = &sys->doms[i];
        if (!needs_pv(sys, g))
            continue;
        for (size_t j = 0; j < nsvc; j++) {
            const struct xsmc_dom *s = &sys->doms[svc[j]];
            int is_xs = s == xs, is_be = lint_runs_backends(ctx, s);
            const char *hook = s == g ? NULL : silo_denial(ctx, s, g);
            if (hook)
                lint_emit(ctx, g->where,
                          "SILO under %s: guest '%s' needs %s domain '%s', but neither may "
                          "bridge (%s denied)", xsmc_profile_name(ctx->profile), g->name,
                          is_xs && is_be ? "its xenstore and backend" : is_xs ? "its xenstore"
                                                                          : "its backend",
                          s->name, hook);
        }
    }
    free(svc);
}
