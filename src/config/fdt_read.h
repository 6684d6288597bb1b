/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a checked flattened device tree the way Xen's device-tree code
 * reads properties (short u32/u64 values count as absent), with the limits
 * that keep a hostile blob from costing more than its size.
 */
#ifndef XSMC_CONFIG_FDT_READ_H
#define XSMC_CONFIG_FDT_READ_H

#include <stddef.h>
#include <stdint.h>

#include "rules.h"

#define DT_MAX_FILE      (16u << 20) /* bytes of a .dtb or .dts */
#define DT_MAX_DEPTH     32
#define DT_MAX_NODES     (1u << 20)
#define DT_MAX_PATH      1024
#define DT_MAX_STRING    4096

/*
 * The properties of the node read last: readers ask a node for a dozen
 * properties in a row, and libfdt finds each by walking the node's whole
 * property list, so one walk that remembers them all is several times
 * cheaper.  A node with more properties falls back to libfdt.
 */
#define DT_CACHED_PROPS 32
struct dt_prop_cache {
    int node;                 /* -1: empty */
    int count;
    int complete;             /* every property of the node is cached */
    const char *names[DT_CACHED_PROPS];
    const void *values[DT_CACHED_PROPS];
    int lens[DT_CACHED_PROPS];
};

/* A device tree being read, with the facts one walk over it collects. */
struct dt {
    struct dt_prop_cache *cache; /* the caller's, for as long as the dt */
    const void *fdt;
    const char *file;          /* for messages */
    int nodes;                 /* node count */
    int last_partial_dt;       /* offset of the last "multiboot,device-tree" node, or -1 */
    int iommu;                 /* enum xsmc_tristate: an IOMMU node, enabled or not */
    int overlay;               /* compiled overlay: /__fixups__ and fragments */
    int chosen;                /* offset of /chosen, or -1 */
    int hypervisor;            /* offset of /chosen/hypervisor, or -1 */
    int passthrough;           /* offset of /passthrough, or -1 */
    int host_nodes;            /* top-level nodes that may be devices */
    int has_cpus;              /* a /cpus node: the file is a whole host tree */
    int cpus;                  /* offset of /cpus, or -1 */
    int cpu_nodes;             /* /cpus children of device_type "cpu" */
    int cpu_nodes_arm32;       /* of those, cores only 32-bit Xen runs on (see fdt_read.c) */
    int evtchns;               /* xen,evtchn-v1 nodes */
    int shms;                  /* xen,domain-shared-memory-v1 nodes */
};

/* Top-level nodes that describe no device: /chosen, /cpus, /memory..., overlay bookkeeping. */
int dt_is_bookkeeping_node(const char *name);

/*
 * Check the blob with libfdt (header, block bounds and overlap, structure,
 * strings) and walk it once for the limits and the facts above.  Returns 0,
 * or -1 after writing the one-line error.
 */
int dt_open(struct dt *dt, struct dt_prop_cache *cache, const void *blob, size_t len,
            const char *file, char *err, size_t errlen);

/* Property readers, as Xen's dt_property_read_*: 1 present, 0 absent or short. */
enum dt_prop { DT_ABSENT = 0, DT_PRESENT = 1, DT_SHORT = 2 };
int dt_u32(const struct dt *dt, int node, const char *name, uint32_t *out);
int dt_u64(const struct dt *dt, int node, const char *name, uint64_t *out);
int dt_has(const struct dt *dt, int node, const char *name);

/* String property: DT_STR_OK, DT_STR_EMPTY (-ENODATA), DT_STR_NOT_STRING (-EILSEQ), DT_STR_ABSENT. */
enum dt_str { DT_STR_ABSENT = 0, DT_STR_OK, DT_STR_EMPTY, DT_STR_NOT_STRING };
int dt_string(const struct dt *dt, int node, const char *name, const char **out);

/* Does the node's compatible list hold `compat`? */
int dt_compat(const struct dt *dt, int node, const char *compat);

/* Cells of a node (#address-cells default 2, #size-cells default 1, as the DT spec). */
uint32_t dt_cells(const struct dt *dt, int node, const char *name, uint32_t dflt);

/* A big-endian number of n cells (n <= 2 in practice; more keeps the low 64 bits). */
uint64_t dt_read_cells(const void *cells, uint32_t n);

/* Sum of the sizes of a reg-like property; -1 if its length is not a whole number of entries. */
int dt_reg_size_sum(const struct dt *dt, int node, const char *name, uint32_t acells,
                    uint32_t scells, uint64_t *sum);

/* child path = parent + "/" + name, bounded; 0 or -1 (too long). */
int dt_child_path(char *out, size_t size, const char *parent, const char *name);

#endif
