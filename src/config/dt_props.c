/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The properties a domain node may carry, so that a misspelt one, which
 * Xen silently ignores, is reported with the nearest known names.  Lists:
 * Xen's dom0less parser (dom0less-bindings.c:parse_dom0less_node,
 * arch/arm/dom0less-build.c:arch_parse_dom0less_node, dom0less-build.c:
 * construct_domU, bootinfo-fdt.c:process_domain_node) and booting.txt; the
 * hyperlaunch layouts of boot-config.md section 3 (design document, posted
 * v6 series); the proposals xsmcap models and its own binding.
 */
#include <libfdt.h>
#include <string.h>

#include "xsmcap/suggest.h"
#include "dt_readers.h"

/* Every node may carry these: dtc and the device-tree specification add them. */
#define GENERIC_PROPS "compatible", "#address-cells", "#size-cells", "phandle", "linux,phandle", "name"

static const char *const dom0less_props[] = {
    GENERIC_PROPS,
    "memory", "cpus", "capabilities", "xen,static-mem", "direct-map", "passthrough", "domain-cpupool",
    "max_grant_version", "max_grant_frames", "max_maptrack_frames", "llc-colors", "vpl011", "nr_spis",
    "sve", "trap-unmapped-accesses", "xen,enhanced", "xen,domain-p2m-mem-mb", "xen,sci_type",
    "v8r_el1_msa",
    "hypercall-untargetable", /* proposed, v2 04/17 */
    "xsmcap,target",          /* xsmcap's device-model binding */
};

static const char *const hyperlaunch_props[] = {
    GENERIC_PROPS,
    "domid", "mode", "memory", "mem-min", "mem-max", "cpus", "capabilities",     /* posted v6 */
    "permissions", "functions", "domain-uuid", "security-id",                   /* design document */
    "hypercall-untargetable", "xsmcap,target",
};

/* Names real configurations use that upstream Xen does not read. */
static const struct {
    const char *name;
    const char *what;
} downstream[] = {
    {"domid", "the Xilinx/xen fork's explicit domain id"},
    {"xen,tee", "a downstream binding of xen-troops (EPAM)"},
};

static int known(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static void check_node(const struct dt *dt, struct xsmc_system *sys, int node, const char *where,
                       const char *domain, const char *const *list, size_t n, int dom0less)
{
    int off;
    fdt_for_each_property_offset(off, dt->fdt, node) {
        const char *name = NULL;
        if (!fdt_getprop_by_offset(dt->fdt, off, &name, NULL) || !name || known(name, list, n))
            continue;
        const char *ds = NULL;
        for (size_t i = 0; dom0less && i < sizeof(downstream) / sizeof(downstream[0]); i++)
            if (strcmp(downstream[i].name, name) == 0)
                ds = downstream[i].what;
        if (ds) {
            xsmc_report(sys, XSMC_R_PROP_UNKNOWN, where,
                        "property '%.64s' of domain %s is %s: upstream Xen ignores it", name, domain, ds);
            continue;
        }
        const char *near[XSMC_SUGGEST_MAX];
        char hint[256];
        size_t k = xsmc_suggest_names(name, list, n, near);
        xsmc_report(sys, XSMC_R_PROP_UNKNOWN, where,
                    "property '%.64s' of domain %s is not one Xen reads: it is ignored%s%s", name, domain,
                    k ? "; " : "", xsmc_suggest_text(near, k, hint, sizeof(hint)));
    }
}

void xsmc_dt_check_domain_props(const struct dt *dt, struct xsmc_system *sys, int node, const char *where,
                                const char *domain, int hyperlaunch)
{
    if (hyperlaunch)
        check_node(dt, sys, node, where, domain, hyperlaunch_props,
                   sizeof(hyperlaunch_props) / sizeof(hyperlaunch_props[0]), 0);
    else
        check_node(dt, sys, node, where, domain, dom0less_props,
                   sizeof(dom0less_props) / sizeof(dom0less_props[0]), 1);
}
