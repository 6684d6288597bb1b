/*
 * Rules about power.  Each asks the engine (xsmc_decide) and looks at why a
 * check passed or failed, so the rules follow the profile by themselves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lint_internal.h"

/* Domains other than src and its own target that src passes `hook` against because of `why`. */
struct reach {
    size_t count;
    const struct xsmc_dom *control; /* the first control domain among them */
    const struct xsmc_dom *first;
};

static struct reach reach_of(const struct lint_ctx *ctx, const struct xsmc_dom *src,
                             uint32_t hook, enum xsmc_why why)
{
    struct reach r = {0};
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *t = &ctx->sys->doms[i];
        struct xsmc_decision dec;
        if (t == src || t->core.domid == src->core.target)
            continue;
        if (lint_decide(ctx, hook, src, t, &dec) || !dec.allow || dec.why != why)
            continue;
        r.count++;
        if (!r.first)
            r.first = t;
        if (!r.control && lint_is_control(t))
            r.control = t;
    }
    return r;
}

/* ", control domain 'c' included" or ", e.g. 'x'" */
static const char *reach_tail(const struct reach *r, char *buf, size_t len)
{
    if (r->control)
        snprintf(buf, len, ", control domain '%s' included", r->control->name);
    else
        snprintf(buf, len, ", e.g. '%s'", r->first->name);
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
        struct reach r = reach_of(ctx, d, XSMC_HOOK_dm_op, XSMC_WHY_HARDWARE);
        char tail[160];
        if (r.count)
            lint_emit(ctx, d->where,
                      "under %s hardware domain '%s' passes DM_PRIV (dm_op) against %zu "
                      "domain%s it does not serve%s", xsmc_profile_name(ctx->profile), d->name,
                      r.count, r.count == 1 ? "" : "s", reach_tail(&r, tail, sizeof(tail)));
    }
}

void lint_check_dm_cap_targets_all(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!(d->core.caps & XSMC_CAP_DEVICE_MODEL))
            continue;
        struct reach tg = reach_of(ctx, d, XSMC_HOOK_map_gmfn_foreign, XSMC_WHY_DM_CAP);
        struct reach xs = reach_of(ctx, d, XSMC_HOOK_getdomaininfo, XSMC_WHY_DM_CAP);
        if (!tg.count && !xs.count)
            continue;
        /* XS_PRIV may pass for another reason first (the domain is also xenstore) */
        char part[2][96] = {"", ""}, tail[160];
        if (tg.count)
            snprintf(part[0], sizeof(part[0]), "TARGET (map_gmfn_foreign) against %zu domain%s",
                     tg.count, tg.count == 1 ? "" : "s");
        if (xs.count)
            snprintf(part[1], sizeof(part[1]), "%sXS_PRIV (getdomaininfo) against %zu domain%s",
                     tg.count ? " and " : "", xs.count, xs.count == 1 ? "" : "s");
        lint_emit(ctx, d->where, "under %s device_model domain '%s' passes %s%s it does not "
                  "serve%s", xsmc_profile_name(ctx->profile), d->name, part[0], part[1],
                  reach_tail(tg.count >= xs.count ? &tg : &xs, tail, sizeof(tail)));
    }
}

void lint_check_untargetable_served(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *dm = &ctx->sys->doms[i];
        const struct xsmc_dom *g = lint_dom(ctx, dm->core.target);
        struct xsmc_decision dec;
        if (!g || g == dm || lint_decide(ctx, XSMC_HOOK_dm_op, dm, g, &dec))
            continue;
        if (!dec.allow && dec.why == XSMC_WHY_UNTARGETABLE)
            lint_emit(ctx, g->where,
                      "'%s' is not_hypercall_target but '%s' is its device model: under %s "
                      "dm_op against it is denied, so it cannot be emulated",
                      g->name, dm->name, xsmc_profile_name(ctx->profile));
    }
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

/* The first SILO-overridden hook that denies service s against guest g, or NULL. */
static const char *silo_denial(const struct lint_ctx *ctx, const struct xsmc_dom *s,
                               const struct xsmc_dom *g)
{
    static const uint32_t hooks[] = {XSMC_HOOK_evtchn_interdomain, XSMC_HOOK_grant_mapref};
    for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
        struct xsmc_decision dec;
        if (lint_decide(ctx, hooks[i], s, g, &dec) == 0 && !dec.allow && dec.why == XSMC_WHY_SILO)
            return xsmc_hook_info(hooks[i])->name;
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
