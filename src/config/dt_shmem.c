/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory in a device tree (booting.txt "Static Shared
 * Memory"): nodes compatible "xen,domain-shared-memory-v1" under a
 * xen,domain node, or directly under /chosen for the classic dom0.  The
 * early scan reads and registers each node (xsmc_dt_read_shm_node,
 * shm_register); once the domains exist each is mapped into its domain in
 * the order Xen builds them (xsmc_dt_map_shmem).
 */
#include <libfdt.h>
#include <string.h>

#include "dt_early.h"

int xsmc_dt_read_shm_node(const struct dt *dt, struct xsmc_system *sys, int node, uint32_t ac, uint32_t sc,
                          struct shm_node *n)
{
    const char *role = NULL;
    if (ac < 1 || sc < 1) {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid #address-cells or #size-cells for static shared memory node (%u, %u)", ac, sc);
        return -1;
    }
    if (dt_string(dt, node, "xen,shm-id", &n->id) != DT_STR_OK) {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shm-id is missing or not a string");
        return -1;
    }
    if (!*n->id) {
        /* process_shm: BUG_ON(strlen(shm_id) <= 0), a crash rather than a message */
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shm-id is empty: Xen stops at a BUG_ON");
        return -1;
    }
    if (strlen(n->id) >= SHM_ID_LENGTH) {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid xen,shm-id %.24s, it must be limited to %u characters", n->id, SHM_ID_LENGTH - 1);
        return -1;
    }
    int r = dt_string(dt, node, "role", &role);
    n->role = XSMC_SHM_DEFAULT;
    if (r == DT_STR_OK && strcmp(role, "owner") == 0)
        n->role = XSMC_SHM_OWNER;
    else if (r == DT_STR_OK && strcmp(role, "borrower") == 0)
        n->role = XSMC_SHM_BORROWER;
    else if (r != DT_STR_ABSENT) {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid `role` property for static shared memory node: it must be \"owner\" or \"borrower\"");
        return -1;
    }
    int len;
    const fdt32_t *cell = fdt_getprop(dt->fdt, node, "xen,shared-mem", &len);
    if (!cell) {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shared-mem is missing");
        return -1;
    }
    if ((uint64_t)len == (2ull * ac + sc) * 4) {
        n->host_given = 1;
        n->host = dt_read_cells(cell, ac);
        n->guest = dt_read_cells(cell + ac, ac);
        n->size = dt_read_cells(cell + 2 * ac, sc);
    } else if ((uint64_t)len == (1ull * ac + sc) * 4) {
        n->guest = dt_read_cells(cell, ac);
        n->size = dt_read_cells(cell + ac, sc);
    } else {
        xsmc_report(sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid `xen,shared-mem` property: %d bytes, not <HOST GUEST SIZE> nor <GUEST SIZE> "
                    "in %u address and %u size cells", len, ac, sc);
        return -1;
    }
    return 0;
}

/* The domain built from domain node `node` (sys->doms[first + i] for ix->nodes[i]), or NULL. */
static struct xsmc_dom *domain_of(struct xsmc_system *sys, const struct dt_domain_index *ix, size_t first,
                                  int node)
{
    size_t lo = 0, hi = ix->count;
    while (lo < hi) { /* the index is in increasing offsets */
        size_t mid = (lo + hi) / 2;
        if (ix->nodes[mid] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->count && ix->nodes[lo] == node && first + lo < sys->ndoms)
        return &sys->doms[first + lo];
    return NULL;
}

void xsmc_dt_map_shmem(struct dt_early *e, struct xsmc_system *sys, int chosen,
                       const struct dt_domain_index *ix, size_t first)
{
    struct xsmc_dom *dom0 = sys->ndoms && sys->doms[0].classic_dom0 ? &sys->doms[0] : NULL;
    /* construct_dom0 maps /chosen's regions before create_domUs builds any domain */
    for (size_t i = 0; i < e->nshms; i++) {
        const struct dt_shm_record *r = &e->shms[i];
        if (r->parent != chosen)
            continue;
        if (dom0)
            shm_map(&e->shm, sys, dom0, r->bank, &r->n);
        else
            xsmc_report(sys, XSMC_R_SHM_UNUSED, r->n.where,
                        "static shared memory %s at /chosen level but no classic dom0: no domain maps it",
                        r->n.id);
    }
    /* then each domain in node order, its regions in child order: tree order, the records' order */
    for (size_t i = 0; i < e->nshms; i++) {
        struct xsmc_dom *d = e->shms[i].parent != chosen ? domain_of(sys, ix, first, e->shms[i].parent) : NULL;
        if (d)
            shm_map(&e->shm, sys, d, e->shms[i].bank, &e->shms[i].n);
    }
    shm_report_unshared(&e->shm, sys);
}
