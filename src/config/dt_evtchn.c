/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static event channels (booting.txt "Static Event Channel"): a node
 * compatible "xen,evtchn-v1" holds xen,evtchn = <local-port &peer>, and
 * the peer's property must point back.  Xen checks this after building
 * every domain (static-evtchn.c:alloc_static_evtchn) and panics "Could
 * not set up domains evtchn" on an empty, malformed, dangling or
 * one-sided pair.  Each bound pair is listed on both its domains.
 */
#include <libfdt.h>
#include <string.h>

#include "dt_readers.h"

/* The peer node of an xen,evtchn-v1 node, or a negative reason. */
static int peer_of(const struct dt *dt, int node, const char **why)
{
    int len;
    const fdt32_t *v = fdt_getprop(dt->fdt, node, "xen,evtchn", &len);
    if (!v || len != 8) {
        *why = !v ? "has no xen,evtchn" : "xen,evtchn is not <local-port &peer>";
        return -1;
    }
    int peer = fdt_node_offset_by_phandle(dt->fdt, fdt32_ld(&v[1]));
    if (peer < 0 || !dt_compat(dt, peer, "xen,evtchn-v1")) {
        *why = "xen,evtchn points at no xen,evtchn-v1 node";
        return -1;
    }
    return peer;
}

/* The domain whose node is `parent`: /chosen's is the hardware domain. */
static struct xsmc_dom *owner(struct xsmc_system *sys, int parent, int chosen, const struct dt_domain_index *ix,
                              size_t first)
{
    if (parent == chosen) {
        for (size_t i = 0; i < sys->ndoms; i++)
            if (sys->doms[i].core.caps & XSMC_CAP_HARDWARE)
                return &sys->doms[i];
        return NULL;
    }
    for (size_t lo = 0, hi = ix->count; lo < hi;) { /* the index is in increasing offsets */
        size_t mid = (lo + hi) / 2;
        if (ix->nodes[mid] == parent)
            return first + mid < sys->ndoms ? &sys->doms[first + mid] : NULL;
        if (ix->nodes[mid] < parent)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static uint32_t local_port(const struct dt *dt, int node)
{
    int len;
    const fdt32_t *v = fdt_getprop(dt->fdt, node, "xen,evtchn", &len);
    return fdt32_ld(&v[0]); /* peer_of checked the length */
}

/* alloc_domain_evtchn: bound once per pair, when its first node is met; both domains list it. */
static void record_pair(const struct dt *dt, struct xsmc_system *sys, int node, int peer, int chosen,
                        const struct dt_domain_index *ix, size_t first, const char *path)
{
    if (peer < node)
        return; /* the pair was met at the peer */
    struct xsmc_dom *a = owner(sys, fdt_parent_offset(dt->fdt, node), chosen, ix, first);
    struct xsmc_dom *b = owner(sys, fdt_parent_offset(dt->fdt, peer), chosen, ix, first);
    if (!a || !b)
        return;
    uint32_t pa = local_port(dt, node), pb = local_port(dt, peer);
    if (xsmc_dom_add_evtchn(a, pa, b->name, pb) || (b != a && xsmc_dom_add_evtchn(b, pb, a->name, pa)))
        xsmc_report(sys, XSMC_R_FILE_READ, path, "out of memory");
}

static void check_one(const struct dt *dt, struct xsmc_system *sys, int node, const char *path, int chosen,
                      const struct dt_domain_index *ix, size_t first)
{
    const char *why = NULL;
    int peer = peer_of(dt, node, &why);
    if (peer >= 0) {
        const char *ignored;
        if (peer_of(dt, peer, &ignored) == node) {
            record_pair(dt, sys, node, peer, chosen, ix, first, path);
            return;
        }
        why = "its peer does not point back at it";
    }
    xsmc_report(sys, XSMC_R_EVTCHN_INVALID, path, "Could not set up domains evtchn: %s", why);
}

static int has_hwdom(const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndoms; i++)
        if (sys->doms[i].core.caps & XSMC_CAP_HARDWARE)
            return 1;
    return 0;
}

struct evtchn_walk {
    const struct dt *dt;
    struct xsmc_system *sys;
    int chosen;
    const struct dt_domain_index *ix;
    size_t first;
};

/* /chosen-level channels are the hardware domain's; with none, Xen ignores them. */
static void check_children(const struct evtchn_walk *w, int parent, const char *path, int chosen_level)
{
    int child;
    char sub[DT_MAX_PATH];
    fdt_for_each_subnode(child, w->dt->fdt, parent) {
        if (dt_child_path(sub, sizeof(sub), path, fdt_get_name(w->dt->fdt, child, NULL)))
            continue;
        if (dt_compat(w->dt, child, "xen,evtchn-v1")) {
            if (chosen_level && !has_hwdom(w->sys))
                xsmc_report(w->sys, XSMC_R_EVTCHN_NO_HWDOM, sub,
                            "static event channel at /chosen level but no hardware domain: Xen ignores it");
            check_one(w->dt, w->sys, child, sub, w->chosen, w->ix, w->first);
        } else if (chosen_level && dt_compat(w->dt, child, "xen,domain")) {
            check_children(w, child, sub, 0);
        }
    }
}

void xsmc_dt_check_evtchns(const struct dt *dt, struct xsmc_system *sys, int chosen, const char *chosen_path,
                           const struct dt_domain_index *ix, size_t first)
{
    struct evtchn_walk w = {dt, sys, chosen, ix, first};
    if (dt->evtchns)
        check_children(&w, chosen, chosen_path, 1);
}
