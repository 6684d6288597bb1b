/* SPDX-License-Identifier: GPL-2.0-only */
/* Rules about the arrangement: control and xenstore domains, targets, capabilities. */
#include <string.h>

#include "lint_internal.h"

void lint_check_control_multiple(struct lint_ctx *ctx)
{
    const struct xsmc_dom *first = NULL;
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (!lint_is_control(d))
            continue;
        if (first)
            lint_emit(ctx, d->where,
                      "'%s' is another control domain (the first is '%s'): each passes every "
                      "PRIV check against every domain", d->name, first->name);
        else
            first = d;
    }
}

void lint_check_control_none(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++)
        if (lint_is_control(&ctx->sys->doms[i]))
            return;
    lint_emit(ctx, "", "no domain has the control capability: after boot no domain can create, "
                       "pause or destroy domains or set a device model's target");
}

void lint_check_xenstore_missing(struct lint_ctx *ctx)
{
    if (lint_xenstore_domain(ctx->sys))
        return;
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (d->xenstore_requested)
            lint_emit(ctx, d->where, "domain '%s' requests xenstore (xen,enhanced) but no domain "
                      "is the xenstore domain: Xen panics at boot", d->name);
    }
}

void lint_check_xenstore_with_backends(struct lint_ctx *ctx)
{
    const struct xsmc_dom *xs = lint_xenstore_domain(ctx->sys);
    if (!xs || lint_is_control(xs) || !lint_runs_backends(ctx, xs))
        return;
    if (xs->nbackends)
        lint_emit(ctx, xs->where, "xenstore domain '%s' also runs guest-facing backends (%s%s)",
                  xs->name, xs->backends[0], xs->nbackends > 1 ? ", ..." : "");
    else
        lint_emit(ctx, xs->where, "xenstore domain '%s' also runs the PV backends (assumed: it is "
                  "the hardware domain and no domain declares backends)", xs->name);
}

void lint_check_target_missing(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (d->target_name && !xsmc_system_find(ctx->sys, d->target_name))
            lint_emit(ctx, d->where, "domain '%s' names target '%s', which is not a domain of "
                      "the system", d->name, d->target_name);
        else if (!d->target_name && d->core.target != XSMC_DOMID_NONE &&
                 !lint_dom(ctx, d->core.target))
            lint_emit(ctx, d->where, "domain '%s' has target domid %u, which is not a domain "
                      "of the system", d->name, d->core.target);
    }
}

void lint_check_target_self(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        if (d->core.target == d->core.domid ||
            (d->target_name && strcmp(d->target_name, d->name) == 0))
            lint_emit(ctx, d->where, "domain '%s' is its own target", d->name);
    }
}

void lint_check_target_chain(struct lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        const struct xsmc_dom *t = lint_dom(ctx, d->core.target);
        if (!t || t == d || t->core.target == XSMC_DOMID_NONE || t->core.target == t->core.domid)
            continue;
        const struct xsmc_dom *third = lint_dom(ctx, t->core.target);
        lint_emit(ctx, d->where, "'%s' is the device model of '%s', which is itself the device "
                  "model of '%s'", d->name, t->name, third ? third->name : "a missing domain");
    }
}

void lint_check_cap_not_in_profile(struct lint_ctx *ctx)
{
    uint32_t undefined = XSMC_CAP_ALL & ~xsmc_profile_caps(ctx->profile);
    for (size_t i = 0; i < ctx->sys->ndoms; i++) {
        const struct xsmc_dom *d = &ctx->sys->doms[i];
        uint32_t extra = d->core.caps & undefined;
        char names[96];
        if (extra)
            lint_emit(ctx, d->where, "domain '%s' has %s, which profile %s does not define: "
                      "Xen of that version refuses it and the engine denies every check "
                      "involving it", d->name, xsmc_caps_text(extra, names, sizeof(names)),
                      xsmc_profile_name(ctx->profile));
    }
}
