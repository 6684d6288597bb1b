/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static event channels: Xen binds xen,evtchn-v1 pairs at boot with the
 * idle domain as the caller, which passes every check, so a channel
 * between two domains the policy keeps apart exists all the same.
 */
#include <string.h>

#include "lint_internal.h"

void lint_check_evtchn_bypasses_policy(struct lint_ctx *ctx)
{
    const struct xsmc_system *sys = ctx->sys;
    /* each channel is listed on both domains: report it at the later one */
    for (size_t j = 0; j < sys->ndoms; j++) {
        const struct xsmc_dom *b = &sys->doms[j];
        for (size_t k = 0; k < b->nevtchns; k++) {
            const struct xsmc_evtchn *c = &b->evtchns[k];
            const struct xsmc_dom *a = xsmc_system_find(sys, c->peer);
            if (!a || a >= b || !lint_policy_separates(ctx, "EVTCHNOP_bind_interdomain", a, b))
                continue;
            lint_emit(ctx, b->where,
                      "'%s' and '%s' are joined by a static event channel (port %u <-> port %u), which Xen "
                      "binds at boot as the idle domain, though profile %s%s denies them "
                      "EVTCHNOP_bind_interdomain in both directions", a->name, b->name, c->peer_port, c->port,
                      xsmc_profile_name(ctx->profile), ctx->options & XSMC_OPT_SILO ? " with SILO" : "");
        }
    }
}
