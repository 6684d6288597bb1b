/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmcap,target = <&guest>: xsmcap's binding for a device-model relation.
 * Xen has no boot-time property for it (a control domain issues
 * XEN_DOMCTL_set_target after boot); the property lets a file say who
 * will serve whom so the policy can be checked before that happens.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "dt_readers.h"

/* The domain read from `node`, by binary search over increasing offsets. */
static long domain_of_node(const int *nodes, size_t n, int node)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nodes[mid] == node)
            return (long)mid;
        if (nodes[mid] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int dt_index_add(struct dt_domain_index *ix, const struct dt *dt, int node)
{
    if (ix->count == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 16;
        int *nodes = realloc(ix->nodes, cap * sizeof(*nodes));
        if (nodes)
            ix->nodes = nodes;
        uint32_t *ph = realloc(ix->phandles, cap * sizeof(*ph));
        if (ph)
            ix->phandles = ph;
        if (!nodes || !ph)
            return -1;
        ix->cap = cap;
    }
    uint32_t ph = 0;
    ix->nodes[ix->count] = node;
    ix->phandles[ix->count] = dt_u32(dt, node, "xsmcap,target", &ph) == DT_PRESENT ? ph : 0;
    ix->count++;
    return 0;
}

void dt_index_free(struct dt_domain_index *ix)
{
    free(ix->nodes);
    free(ix->phandles);
    memset(ix, 0, sizeof(*ix));
}

void xsmc_dt_link_targets(const struct dt *dt, struct xsmc_system *sys, size_t first,
                          const struct dt_domain_index *ix)
{
    size_t n = sys->ndoms - first < ix->count ? sys->ndoms - first : ix->count;
    for (size_t i = 0; i < n; i++) {
        uint32_t ph = ix->phandles[i];
        struct xsmc_dom *d = &sys->doms[first + i];
        if (!ph)
            continue;
        int node = fdt_node_offset_by_phandle(dt->fdt, ph);
        long t = node < 0 ? -1 : domain_of_node(ix->nodes, n, node);
        if (t < 0) {
            xsmc_report(sys, XSMC_R_TARGET_BAD, d->where,
                        "xsmcap,target phandle 0x%x is not a xen,domain node", ph);
            continue;
        }
        if ((size_t)t == i) {
            xsmc_report(sys, XSMC_R_TARGET_BAD, d->where, "domain '%s' names itself as its target",
                        d->name);
            continue;
        }
        d->target_name = strdup(sys->doms[first + (size_t)t].name);
        if (d->target_name)
            d->core.target = sys->doms[first + (size_t)t].core.domid;
    }
}
