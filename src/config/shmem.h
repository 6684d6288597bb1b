/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory as Xen checks it, whatever the configuration's
 * form (xen,domain-shared-memory-v1 nodes, ImageBuilder DOMU_SHARED_MEM):
 * each region when the early scan meets it (static-shmem.c:process_shm_node)
 * and each domain's mapping when the domain is built (process_shm,
 * acquire_shared_memory_bank).
 */
#ifndef XSMC_CONFIG_SHMEM_H
#define XSMC_CONFIG_SHMEM_H

#include <stdint.h>

#include "regions.h"
#include "rules.h"

#define SHM_ID_LENGTH 16 /* MAX_SHM_ID_LENGTH, the NUL included */

/* One region as a domain's configuration gives it. */
struct shm_node {
    const char *where;
    const char *id;
    int role;         /* enum xsmc_shm_role */
    int host_given;   /* 0: Xen allocates the host pages from its heap */
    uint64_t host, guest, size;
};

/* One xen,shm-id: the host pages every node naming it shares. */
struct shm_bank {
    char id[SHM_ID_LENGTH];
    int host_given;
    uint64_t start, size;
    int users, owners, defaults; /* mapping domains; role "owner"; no role */
    char *declared_at;
};

struct shm_banks {
    struct shm_bank banks[REGIONS_SHM_MAX];
    size_t count;
};

/*
 * process_shm_node, once the node is read: alignment and size, then the
 * bank of its id (a new one is registered in rs).  Returns the bank's
 * index, or -1 after reporting why Xen stops.
 */
int shm_register(struct shm_banks *b, struct regions *rs, struct xsmc_system *sys,
                 const struct shm_node *n);
/* process_shm for domain d's node n of bank `bank`: the mapping and who owns the pages. */
void shm_map(struct shm_banks *b, struct xsmc_system *sys, struct xsmc_dom *d, int bank,
             const struct shm_node *n);
/* After every domain: the regions only one domain maps. */
void shm_report_unshared(const struct shm_banks *b, struct xsmc_system *sys);
void shm_banks_free(struct shm_banks *b);

/*
 * Register a reserved bank (REGION_MEMRESERVE .. REGION_STATIC_MEM) as
 * device_tree_get_meminfo does: an overlap with anything earlier (a
 * /memreserve/ bank holding it excepted) or a 257th bank is Xen's "Early FDT
 * parsing failed" (reported at where).  A zero-size bank is checked, not
 * kept.  Returns 0, or -1 after reporting.
 */
int regions_reserve(struct regions *rs, struct xsmc_system *sys, uint64_t start, uint64_t size,
                    enum region_kind kind, const char *where);

#endif
