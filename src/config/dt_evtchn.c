/*
 * Static event channels (booting.txt "Static Event Channel"): a node
 * compatible "xen,evtchn-v1" holds xen,evtchn = <local-port &peer>, and
 * the peer's property must point back.  Xen checks this after building
 * every domain (static-evtchn.c:alloc_static_evtchn) and panics "Could
 * not set up domains evtchn" on an empty, malformed, dangling or
 * one-sided pair.
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

static void check_one(const struct dt *dt, struct xsmc_system *sys, int node, const char *path)
{
    const char *why = NULL;
    int peer = peer_of(dt, node, &why);
    if (peer >= 0) {
        const char *ignored;
        if (peer_of(dt, peer, &ignored) == node)
            return;
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

/* /chosen-level channels are the hardware domain's; with none, Xen ignores them. */
static void check_children(const struct dt *dt, struct xsmc_system *sys, int parent, const char *path,
                           int chosen_level)
{
    int child;
    char sub[DT_MAX_PATH];
    fdt_for_each_subnode(child, dt->fdt, parent) {
        if (dt_child_path(sub, sizeof(sub), path, fdt_get_name(dt->fdt, child, NULL)))
            continue;
        if (dt_compat(dt, child, "xen,evtchn-v1")) {
            if (chosen_level && !has_hwdom(sys))
                xsmc_report(sys, XSMC_R_EVTCHN_NO_HWDOM, sub,
                            "static event channel at /chosen level but no hardware domain: Xen ignores it");
            check_one(dt, sys, child, sub);
        } else if (chosen_level && dt_compat(dt, child, "xen,domain")) {
            check_children(dt, sys, child, sub, 0);
        }
    }
}

void xsmc_dt_check_evtchns(const struct dt *dt, struct xsmc_system *sys, int chosen, const char *chosen_path)
{
    if (dt->evtchns)
        check_children(dt, sys, chosen, chosen_path, 1);
}
