/* SPDX-License-Identifier: GPL-2.0-only */
/* The device-tree readers behind xsmc_read_dtb, one layout each. */
#ifndef XSMC_CONFIG_DT_READERS_H
#define XSMC_CONFIG_DT_READERS_H

#include "fdt_read.h"

/*
 * Arm dom0less: the xen,domain children of the node `chosen`, named
 * `chosen_path` in messages (the fragment of an overlay that targets
 * &chosen reads as /chosen).
 */
struct xsmc_system *xsmc_read_dom0less(const struct dt *dt, int chosen, const char *chosen_path,
                                       char *err, size_t errlen);

/* x86 hyperlaunch: the xen,domain children of /chosen/hypervisor (v6 and design layouts). */
struct xsmc_system *xsmc_read_hyperlaunch(const struct dt *dt, int hypervisor, char *err,
                                          size_t errlen);

/* A passthrough partial device tree (/passthrough): described, checked, no domains. */
struct xsmc_system *xsmc_read_partial_dt(const struct dt *dt, int passthrough, char *err,
                                         size_t errlen);

/* The domain nodes a reader met, in order, with their xsmcap,target phandles (0: none). */
struct dt_domain_index {
    int *nodes;          /* increasing offsets */
    uint32_t *phandles;
    size_t count, cap;
};

/* Record the next domain node; 0, or -1 when out of memory. */
int dt_index_add(struct dt_domain_index *ix, const struct dt *dt, int node);
void dt_index_free(struct dt_domain_index *ix);

/*
 * Resolve xsmcap,target = <&node> into target_name for the domains
 * sys->doms[first ...], which were read from the nodes of `ix` in order.
 */
void xsmc_dt_link_targets(const struct dt *dt, struct xsmc_system *sys, size_t first,
                          const struct dt_domain_index *ix);

/*
 * Static event channels (xen,evtchn-v1) under /chosen and its domains:
 * each pair must point at each other, and is listed on both domains (the
 * xen,domain children of `chosen` are sys->doms[first ...], in ix's order).
 */
void xsmc_dt_check_evtchns(const struct dt *dt, struct xsmc_system *sys, int chosen, const char *chosen_path,
                           const struct dt_domain_index *ix, size_t first);

/*
 * Report the properties of a domain node Xen does not read (prop-unknown),
 * with the nearest known names: a misspelling Xen would ignore silently.
 */
void xsmc_dt_check_domain_props(const struct dt *dt, struct xsmc_system *sys, int node, const char *where,
                                const char *domain, int hyperlaunch);

/* Give `hw` every host device the hardware domain receives; 0 or -1 (out of memory). */
int xsmc_dt_hwdom_devices(const struct dt *dt, struct xsmc_dom *hw);

#endif
