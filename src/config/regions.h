/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's register of boot-time memory (xen/common/device-tree/bootinfo.c):
 * the reserved banks (bootinfo's reserved_mem: /memreserve/,
 * /reserved-memory, xen,static-heap, xen,static-mem), the static shared
 * memory banks and the boot modules.  Every new region is checked against
 * all earlier ones (check_reserved_regions_overlap), so the order in which a
 * reader adds them is the order Xen meets them.  Shared by the device-tree
 * and ImageBuilder readers.
 */
#ifndef XSMC_CONFIG_REGIONS_H
#define XSMC_CONFIG_REGIONS_H

#include <stddef.h>
#include <stdint.h>

#define REGIONS_RESERVED_MAX 256  /* NR_MEM_BANKS: the size of reserved_mem */
#define REGIONS_SHM_MAX 32        /* NR_SHMEM_BANKS */
#define REGIONS_MODULES_MAX 32    /* MAX_MODULES, Xen's image and the DTB included */
#define REGIONS_FIRST_MODULE 2    /* mod[0] is Xen, mod[1] the DTB (arch/arm/setup.c, boot_fdt_info) */

enum region_kind {
    REGION_MEMRESERVE = 0,  /* MEMBANK_FDT_RESVMEM: a module may lie inside one */
    REGION_RESERVED,        /* a /reserved-memory child */
    REGION_STATIC_HEAP,     /* MEMBANK_STATIC_HEAP */
    REGION_STATIC_MEM,      /* MEMBANK_STATIC_DOMAIN */
    REGION_SHM,             /* a static shared memory bank at a given host address */
    REGION_MODULE           /* a boot module */
};

struct region {
    uint64_t start, size;
    enum region_kind kind;
    unsigned index;   /* its bank[] or mod[] number, as Xen prints it */
    char *where;      /* where the configuration declares it */
};

struct regions {
    struct region *items;
    size_t count;
    size_t reserved;  /* reserved_mem banks */
    size_t shms;
    size_t modules;   /* configuration modules (Xen's own two not counted) */
};

/*
 * check_reserved_regions_overlap: the first earlier region that
 * [start, start + size) overlaps, reserved banks first, then static shared
 * memory, then modules, as Xen searches; NULL when none.  With
 * allow_memreserve, a region wholly inside a /memreserve/ bank is not an
 * overlap (U-Boot reserves the modules it loads).
 */
const struct region *regions_overlap(const struct regions *rs, uint64_t start, uint64_t size,
                                     int allow_memreserve);
/* Append a region (where is copied); 0, or -1 out of memory. */
int regions_add(struct regions *rs, uint64_t start, uint64_t size, enum region_kind kind,
                const char *where);
void regions_free(struct regions *rs);
/* "xen,static-mem bank[3]", "mod[2]"... into buf (len bytes): how Xen names the region. */
const char *region_name(const struct region *r, char *buf, size_t len);

#endif
