/*
 * Static shared memory (booting.txt "Static Shared Memory"): nodes
 * compatible "xen,domain-shared-memory-v1" under a xen,domain node, or
 * directly under /chosen for the classic dom0.  Xen checks each node while
 * it scans the tree (static-shmem.c:process_shm_node: one bank per
 * xen,shm-id, at most NR_SHMEM_BANKS) and maps it while it builds each
 * domain (process_shm, acquire_shared_memory_bank).  Host regions must not
 * overlap each other nor the xen,static-mem banks
 * (bootinfo.c:check_reserved_regions_overlap); the scan meets both in one
 * walk, a domain's banks before its children.  Only what /chosen holds is
 * modelled: /reserved-memory and /memreserve/ are not read.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_readers.h"

#define SHM_ID_LENGTH 16    /* MAX_SHM_ID_LENGTH, the NUL included */
#define SHM_BANKS 32        /* NR_SHMEM_BANKS */
#define RESERVED_BANKS 256  /* NR_MEM_BANKS, the size of reserved_mem */
#define PAGE_BYTES 4096u    /* Arm's PAGE_SIZE */

/* A region the scan has registered: a static-mem bank or a shm bank. */
struct region {
    uint64_t start, size;
    int shm;                    /* index into banks[], or -1 for a static-mem bank */
};

struct bank {
    char id[SHM_ID_LENGTH];
    int host_given;
    uint64_t start, size;
    int users, owners, defaults; /* mapping domains; role "owner"; no role */
    char declared_at[DT_MAX_PATH];
};

struct shm_scan {
    const struct dt *dt;
    struct xsmc_system *sys;
    struct region regions[SHM_BANKS + RESERVED_BANKS];
    size_t nregions, nreserved;
    struct bank banks[SHM_BANKS];
    size_t nbanks;
};

/* One node of a region being checked, as process_shm_node reads it. */
struct shm_node {
    const char *where;
    const char *id;
    int role;
    int host_given;
    uint64_t host, guest, size;
};

static int aligned(uint64_t v)
{
    return (v & (PAGE_BYTES - 1)) == 0;
}

/* check_reserved_regions_overlap: a new region against every earlier one. */
static int overlaps(struct shm_scan *s, const char *where, uint64_t start, uint64_t size)
{
    uint64_t end = start + size;
    for (size_t i = 0; i < s->nregions; i++) {
        const struct region *r = &s->regions[i];
        uint64_t r_end = r->start + r->size;
        if (end <= r->start || start >= r_end)
            continue;
        xsmc_report(s->sys, XSMC_R_MEMORY_OVERLAP, where,
                    "Region: [%#llx, %#llx) overlapping with %s [%#llx, %#llx)", (unsigned long long)start,
                    (unsigned long long)end, r->shm >= 0 ? "static shared memory" : "xen,static-mem bank",
                    (unsigned long long)r->start, (unsigned long long)r_end);
        return 1;
    }
    return 0;
}

static void add_region(struct shm_scan *s, uint64_t start, uint64_t size, int shm)
{
    if (s->nregions < sizeof(s->regions) / sizeof(s->regions[0]))
        s->regions[s->nregions++] = (struct region){start, size, shm};
}

/* device_tree_get_meminfo for a domain's xen,static-mem, in the parent's cells. */
static void scan_static_mem(struct shm_scan *s, int node, const char *where, uint32_t ac, uint32_t sc)
{
    int len;
    const fdt32_t *cell = fdt_getprop(s->dt->fdt, node, "xen,static-mem", &len);
    if (!cell || ac < 1 || sc < 1 || ac > 2 || sc > 2)
        return; /* the domain's reader has reported the property as malformed */
    size_t banks = (size_t)len / ((ac + sc) * 4);
    for (size_t i = 0; i < banks; i++, cell += ac + sc) {
        uint64_t start = dt_read_cells(cell, ac), size = dt_read_cells(cell + ac, sc);
        if (overlaps(s, where, start, size))
            return;
        if (!size)
            continue;
        if (s->nreserved == RESERVED_BANKS) {
            xsmc_report(s->sys, XSMC_R_STATIC_MEM_TOO_MANY, where,
                        "Warning: Max number of supported memory regions reached: more than %d xen,static-mem banks",
                        RESERVED_BANKS);
            return;
        }
        s->nreserved++;
        add_region(s, start, size, -1);
    }
}

/* The properties of one node; 0, or -1 after reporting why Xen stops. */
static int read_node(struct shm_scan *s, int node, uint32_t ac, uint32_t sc, struct shm_node *n)
{
    const struct dt *dt = s->dt;
    const char *role = NULL;
    if (ac < 1 || sc < 1) {
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid #address-cells or #size-cells for static shared memory node (%u, %u)", ac, sc);
        return -1;
    }
    if (dt_string(dt, node, "xen,shm-id", &n->id) != DT_STR_OK) {
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shm-id is missing or not a string");
        return -1;
    }
    if (!*n->id) {
        /* process_shm: BUG_ON(strlen(shm_id) <= 0), a crash rather than a message */
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shm-id is empty: Xen stops at a BUG_ON");
        return -1;
    }
    if (strlen(n->id) >= SHM_ID_LENGTH) {
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where,
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
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid `role` property for static shared memory node: it must be \"owner\" or \"borrower\"");
        return -1;
    }
    int len;
    const fdt32_t *cell = fdt_getprop(dt->fdt, node, "xen,shared-mem", &len);
    if (!cell) {
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where, "xen,shared-mem is missing");
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
        xsmc_report(s->sys, XSMC_R_SHM_MALFORMED, n->where,
                    "fdt: invalid `xen,shared-mem` property: %d bytes, not <HOST GUEST SIZE> nor <GUEST SIZE> "
                    "in %u address and %u size cells", len, ac, sc);
        return -1;
    }
    return 0;
}

/* Alignment, size and overflow, in process_shm_node's order. */
static int check_geometry(struct shm_scan *s, const struct shm_node *n)
{
    const char *why = NULL;
    if (n->host_given && !aligned(n->host))
        why = "physical address is not suitably aligned";
    else if (n->host_given && n->host + n->size <= n->host)
        why = "region overflows the address space";
    else if (!aligned(n->guest))
        why = "guest address is not suitably aligned";
    else if (!n->size)
        why = "the size for static shared memory region can not be zero";
    else if (!aligned(n->size))
        why = "size is not suitably aligned";
    if (!why)
        return 0;
    char host[32] = "from Xen's heap";
    if (n->host_given)
        snprintf(host, sizeof(host), "%#llx", (unsigned long long)n->host);
    xsmc_report(s->sys, XSMC_R_SHM_MISALIGNED, n->where,
                "fdt: %s (%s: host %s, guest %#llx, size %#llx; pages are 4 KiB)", why, n->id, host,
                (unsigned long long)n->guest, (unsigned long long)n->size);
    return -1;
}

/* The bank of n's id, registering it on first sight; NULL when Xen stops. */
static struct bank *register_bank(struct shm_scan *s, const struct shm_node *n)
{
    for (size_t i = 0; i < s->nbanks; i++) {
        struct bank *b = &s->banks[i];
        if (strcmp(b->id, n->id) == 0) {
            /* a heap bank has no host address (INVALID_PADDR): a node giving one differs */
            if ((!n->host_given || (b->host_given && n->host == b->start)) && n->size == b->size)
                return b;
            xsmc_report(s->sys, XSMC_R_SHM_ID_CONFLICT, n->where,
                        "fdt: different shared memory region could not share the same shm ID %s "
                        "(first declared at %s)", n->id, b->declared_at);
            return NULL;
        }
        if (n->host_given && b->host_given && n->host == b->start && n->size == b->size) {
            xsmc_report(s->sys, XSMC_R_SHM_ID_CONFLICT, n->where,
                        "fdt: xen,shm-id %s does not match for all the nodes using the same region (%s uses %s)",
                        n->id, b->declared_at, b->id);
            return NULL;
        }
    }
    if (s->nbanks == SHM_BANKS) {
        xsmc_report(s->sys, XSMC_R_SHM_TOO_MANY, n->where,
                    "Warning: Max number of supported memory regions reached: more than %d shm ids", SHM_BANKS);
        return NULL;
    }
    if (n->host_given && overlaps(s, n->where, n->host, n->size))
        return NULL;
    struct bank *b = &s->banks[s->nbanks];
    memset(b, 0, sizeof(*b));
    memcpy(b->id, n->id, strlen(n->id) + 1);
    b->host_given = n->host_given;
    b->start = n->host;
    b->size = n->size;
    snprintf(b->declared_at, sizeof(b->declared_at), "%s", n->where);
    if (n->host_given)
        add_region(s, n->host, n->size, (int)s->nbanks);
    s->nbanks++;
    return b;
}

/* process_shm for one domain's node: the mapping, and who owns the pages. */
static void map_into(struct shm_scan *s, struct xsmc_dom *d, struct bank *b, const struct shm_node *n)
{
    if (d->direct_map == XSMC_YES && (!b->host_given || n->guest != b->start)) {
        if (b->host_given)
            xsmc_report(s->sys, XSMC_R_SHM_NOT_DIRECT, n->where,
                        "%s: physical address %#llx and guest address %#llx are not direct-mapped.", d->name,
                        (unsigned long long)b->start, (unsigned long long)n->guest);
        else
            xsmc_report(s->sys, XSMC_R_SHM_NOT_DIRECT, n->where,
                        "%s: host and guest physical address must be supplied for direct-mapped domains", d->name);
        return;
    }
    /* handle_shared_mem_bank: an owner acquires the pages, no role gives them to DOMID_IO */
    b->owners += n->role == XSMC_SHM_OWNER;
    b->defaults += n->role == XSMC_SHM_DEFAULT;
    if (n->role != XSMC_SHM_BORROWER && b->owners + (b->defaults > 0) > 1)
        xsmc_report(s->sys, XSMC_R_SHM_OWNERS, n->where,
                    "%s: failed to acquire static memory for %s: %s already owns its pages", d->name, n->id,
                    b->owners > 1 ? "another owner" : "DOMID_IO (a node without role) or an owner");
    b->users++;
    struct xsmc_shm shm = {.role = n->role, .host_given = b->host_given, .host = b->start,
                           .guest = n->guest, .size = b->size};
    if (xsmc_dom_add_shm(d, n->id, &shm))
        xsmc_report(s->sys, XSMC_R_FILE_READ, n->where, "out of memory");
}

/* One xen,domain-shared-memory-v1 node, in the inherited cells ac/sc; d maps it (NULL: nobody). */
static void scan_node(struct shm_scan *s, int node, const char *where, uint32_t ac, uint32_t sc,
                      struct xsmc_dom *d)
{
    struct shm_node n = {.where = where};
    if (read_node(s, node, ac, sc, &n) || check_geometry(s, &n))
        return;
    struct bank *b = register_bank(s, &n);
    if (!b)
        return;
    if (d)
        map_into(s, d, b, &n);
    else
        xsmc_report(s->sys, XSMC_R_SHM_UNUSED, where,
                    "static shared memory %s at /chosen level but no classic dom0: no domain maps it", n.id);
}

/* A domain node: its xen,static-mem banks, then its shared memory children. */
static void scan_domain(struct shm_scan *s, int node, const char *path, uint32_t ac, uint32_t sc,
                        struct xsmc_dom *d)
{
    const struct dt *dt = s->dt;
    char sub[DT_MAX_PATH];
    int child;
    scan_static_mem(s, node, path, ac, sc);
    ac = dt_cells(dt, node, "#address-cells", ac);
    sc = dt_cells(dt, node, "#size-cells", sc);
    fdt_for_each_subnode(child, dt->fdt, node) {
        if (dt_compat(dt, child, "xen,domain-shared-memory-v1") &&
            !dt_child_path(sub, sizeof(sub), path, fdt_get_name(dt->fdt, child, NULL)))
            scan_node(s, child, sub, ac, sc, d);
    }
}

void xsmc_dt_read_shmem(const struct dt *dt, struct xsmc_system *sys, int chosen,
                        const char *chosen_path, size_t first)
{
    int has_static_mem = 0;
    for (size_t i = first; i < sys->ndoms && !has_static_mem; i++)
        has_static_mem = sys->doms[i].static_mem;
    if (!dt->shms && !has_static_mem)
        return;
    struct shm_scan *s = calloc(1, sizeof(*s));
    if (!s) {
        xsmc_report(sys, XSMC_R_FILE_READ, chosen_path, "out of memory");
        return;
    }
    s->dt = dt;
    s->sys = sys;
    /* device_tree_for_each_node: cells are inherited from the nearest ancestor that has them */
    uint32_t ac = dt_cells(dt, chosen, "#address-cells", dt_cells(dt, 0, "#address-cells", 2));
    uint32_t sc = dt_cells(dt, chosen, "#size-cells", dt_cells(dt, 0, "#size-cells", 1));
    struct xsmc_dom *dom0 = sys->ndoms && sys->doms[0].classic_dom0 ? &sys->doms[0] : NULL;
    char path[DT_MAX_PATH];
    size_t next = first;
    int child;
    /* early_scan_node meets /chosen's children and grandchildren in tree order */
    fdt_for_each_subnode(child, dt->fdt, chosen) {
        int domain = dt_compat(dt, child, "xen,domain");
        struct xsmc_dom *d = domain && next < sys->ndoms ? &sys->doms[next++] : NULL;
        if (dt_child_path(path, sizeof(path), chosen_path, fdt_get_name(dt->fdt, child, NULL)))
            continue;
        if (domain && d)
            scan_domain(s, child, path, ac, sc, d);
        else if (dt_compat(dt, child, "xen,domain-shared-memory-v1"))
            scan_node(s, child, path, ac, sc, dom0);
    }
    for (size_t i = 0; i < s->nbanks; i++)
        if (s->banks[i].users == 1)
            xsmc_report(sys, XSMC_R_SHM_UNSHARED, s->banks[i].declared_at,
                        "only one domain maps static shared memory %s: nothing shares it", s->banks[i].id);
    free(s);
}
