/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's early scan of a boot device tree (bootinfo-fdt.c:boot_fdt_info):
 * the /memreserve/ map, then every node in tree order, registering
 * reserved memory, boot modules, xen,static-mem banks and static shared
 * memory, each checked against everything registered before it.  What it
 * keeps (the modules and the shared memory nodes) the dom0less reader
 * uses once the domains exist.
 */
#ifndef XSMC_CONFIG_DT_EARLY_H
#define XSMC_CONFIG_DT_EARLY_H

#include "dt_readers.h"
#include "shmem.h"

enum mod_kind { MOD_UNKNOWN = 0, MOD_KERNEL, MOD_RAMDISK, MOD_XSM, MOD_DTB, MOD_MICROCODE };

/* A node with a generic multiboot compatible: a boot module. */
struct dt_module {
    int node;
    int parent;           /* a xen,domain node for a domU module */
    enum mod_kind kind;   /* after Xen's guess for the generic-only ones */
    int domU;
    int located;          /* has reg: an address Xen registers */
    uint64_t start, size;
    int registered;       /* add_boot_module kept it */
    char *path;
    char *clash;          /* what it overlaps, when add_boot_module dropped it */
};

/* A static shared memory node the early scan registered, to map into its domain later. */
struct dt_shm_record {
    int parent;           /* its xen,domain node, or -1 at /chosen level (the classic dom0's) */
    int bank;
    struct shm_node n;    /* where and id owned by the record */
};

struct dt_early {
    struct regions regions;
    struct shm_banks shm;
    struct dt_module *mods;
    size_t nmods;
    struct dt_shm_record *shms;
    size_t nshms;
    size_t registered[REGIONS_MODULES_MAX]; /* indices in mods of the registered modules */
    size_t nregistered;
};

/* bootinfo-fdt.c: a node with a generic compatible (multiboot,module or xen,multiboot-module). */
int dt_is_boot_module(const struct dt *dt, int node);

/*
 * Scan `dt` as boot_fdt_info does (an overlay: only the fragment of
 * `chosen`, whose modules the boot loader completes).  Diagnostics go to
 * sys.  Returns 0, or -1 with a one-line error (limits, out of memory).
 */
int xsmc_dt_early_scan(const struct dt *dt, struct xsmc_system *sys, int chosen, const char *chosen_path,
                       struct dt_early *out, char *err, size_t errlen);
void xsmc_dt_early_free(struct dt_early *e);

/* boot_module_find_by_addr_and_kind: a registered module of this kind at start, or NULL. */
const struct dt_module *dt_early_find(const struct dt_early *e, enum mod_kind kind, uint64_t start);
/* boot_module_find_by_kind for dom0: the first registered module of the kind outside any domain. */
const struct dt_module *dt_early_dom0_module(const struct dt_early *e, enum mod_kind kind);
/* The first module of kind kernel outside any domain node, registered or not: the one meant for dom0. */
const struct dt_module *dt_early_first_dom0_kernel(const struct dt_early *e);
/* The module record of `node`, or NULL when the node is no boot module. */
const struct dt_module *dt_early_module_at(const struct dt_early *e, int node);
/* Is any domU kernel registered (is_dom0less_mode's domUfound)? */
int dt_early_domu_kernels(const struct dt_early *e);

/*
 * The modules add_boot_module dropped that nothing else replaces: a kernel
 * is Xen's "Missing kernel boot module?" (module-overlap, an error), any
 * other module a silent loss (module-dropped).  `dom0` is the classic
 * dom0's kernel node when one was meant (-1: none).
 */
void xsmc_dt_report_dropped(const struct dt *dt, const struct dt_early *e, struct xsmc_system *sys,
                            int dom0_kernel);

/*
 * Read one xen,domain-shared-memory-v1 node in its parent's cells, as
 * process_shm_node does; 0, or -1 after reporting why Xen stops.
 */
int xsmc_dt_read_shm_node(const struct dt *dt, struct xsmc_system *sys, int node, uint32_t ac, uint32_t sc,
                          struct shm_node *n);
/*
 * Map each recorded static shared memory node into its domain
 * (process_shm): the classic dom0's (/chosen level) first, then each
 * domain's in the order of `ix`, whose nodes are sys->doms[first ...].
 */
void xsmc_dt_map_shmem(struct dt_early *e, struct xsmc_system *sys, int chosen,
                       const struct dt_domain_index *ix, size_t first);

#endif
