/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The devices of a host device tree that the hardware domain receives:
 * Xen hands it every enabled device node except those marked
 * xen,passthrough (kept for domUs) and those Xen drives itself (interrupt
 * controllers, IOMMUs).  Whether a device can master DMA is what the
 * IOMMU rules and lints care about; the tree tells it by iommus, dmas or
 * dma-coherent, and otherwise it is unknown.
 */
#include <libfdt.h>
#include <string.h>

#include "dt_readers.h"

static int enabled(const struct dt *dt, int node)
{
    const char *status = NULL;
    int r = dt_string(dt, node, "status", &status);
    return r != DT_STR_OK || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

static int xen_owns(const struct dt *dt, int node)
{
    return dt_has(dt, node, "interrupt-controller") || dt_has(dt, node, "#iommu-cells");
}

static int visit(const struct dt *dt, struct xsmc_dom *hw, int node, const char *path)
{
    if (!enabled(dt, node) || dt_has(dt, node, "xen,passthrough"))
        return 0;
    if (dt_has(dt, node, "reg") && !xen_owns(dt, node)) {
        int dma = dt_has(dt, node, "iommus") || dt_has(dt, node, "dmas") ||
                  dt_has(dt, node, "dma-coherent") ? XSMC_YES : XSMC_UNKNOWN;
        if (xsmc_dom_add_device(hw, path, dma))
            return -1;
    }
    int child;
    char sub[DT_MAX_PATH];
    fdt_for_each_subnode(child, dt->fdt, node) {
        if (dt_child_path(sub, sizeof(sub), path, fdt_get_name(dt->fdt, child, NULL)) == 0 &&
            visit(dt, hw, child, sub))
            return -1;
    }
    return 0;
}

int xsmc_dt_hwdom_devices(const struct dt *dt, struct xsmc_dom *hw)
{
    int child;
    char path[DT_MAX_PATH];
    if (!dt->host_nodes)
        return 0;
    fdt_for_each_subnode(child, dt->fdt, 0) {
        const char *name = fdt_get_name(dt->fdt, child, NULL);
        if (dt_is_bookkeeping_node(name))
            continue;
        if (dt_child_path(path, sizeof(path), "/", name) == 0 && visit(dt, hw, child, path))
            return -1;
    }
    return 0;
}
