/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory: domains that name one xen,shm-id share host pages
 * from boot on.  No XSM hook sees that channel (Xen maps the pages while
 * building the domains, before any policy decision), so a policy that keeps
 * two domains apart is silently undone by the boot configuration.
 */
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"

/* Decisions one run may spend on pairs: hostile input stays bounded. */
#define PAIR_BUDGET (1u << 20)

/* The region of d named id, or NULL. */
static const struct xsmc_shm *region_named(const struct xsmc_dom *d, const char *id)
{
    for (size_t i = 0; i < d->nshms; i++)
        if (strcmp(d->shms[i].id, id) == 0)
            return &d->shms[i];
    return NULL;
}

void lint_check_shm_bypasses_policy(struct lint_ctx *ctx)
{
    const struct xsmc_system *sys = ctx->sys;
    size_t spent = 0;
    /* pairs (a, b), a before b, reported at b: once per region and pair */
    for (size_t j = 0; j < sys->ndoms; j++) {
        const struct xsmc_dom *b = &sys->doms[j];
        for (size_t k = 0; k < b->nshms; k++) {
            const char *id = b->shms[k].id;
            if (region_named(b, id) != &b->shms[k])
                continue; /* the same id twice in one domain: one region */
            for (size_t i = 0; i < j; i++) {
                const struct xsmc_dom *a = &sys->doms[i];
                if (!a->nshms || !region_named(a, id))
                    continue;
                if (spent++ == PAIR_BUDGET) {
                    lint_emit(ctx, b->where, "more than %u pairs of domains share static memory: "
                              "the rest were not checked", PAIR_BUDGET);
                    return;
                }
                if (lint_policy_separates(ctx, "GNTTABOP_map_grant_ref", a, b))
                    lint_emit(ctx, b->where,
                              "'%s' and '%s' share static memory '%s', which no XSM hook mediates, "
                              "though profile %s%s denies them GNTTABOP_map_grant_ref in both directions",
                              a->name, b->name, id, xsmc_profile_name(ctx->profile),
                              ctx->options & XSMC_OPT_SILO ? " with SILO" : "");
            }
        }
    }
}
