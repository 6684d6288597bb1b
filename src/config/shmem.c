/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory banks (booting.txt "Static Shared Memory";
 * static-shmem.c): one bank per xen,shm-id, at most NR_SHMEM_BANKS, whose
 * host region must not overlap any reserved bank, module or other bank.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shmem.h"

#define PAGE_BYTES 4096u /* Arm's PAGE_SIZE */

static int aligned(uint64_t v)
{
    return (v & (PAGE_BYTES - 1)) == 0;
}

static void report_overlap(struct xsmc_system *sys, const char *where, uint64_t start, uint64_t size,
                           const struct region *r)
{
    char name[1200];
    uint64_t end = start + size;
    xsmc_report(sys, XSMC_R_MEMORY_OVERLAP, where,
                "Region: [%#llx, %#llx) overlapping with %s, then Early FDT parsing failed (-22)",
                (unsigned long long)start, (unsigned long long)end, region_name(r, name, sizeof(name)));
}

int regions_reserve(struct regions *rs, struct xsmc_system *sys, uint64_t start, uint64_t size,
                    enum region_kind kind, const char *where)
{
    const struct region *r = regions_overlap(rs, start, size, 1);
    if (r) {
        report_overlap(sys, where, start, size, r);
        return -1;
    }
    if (!size)
        return 0;
    if (rs->reserved == REGIONS_RESERVED_MAX) {
        xsmc_report(sys, XSMC_R_STATIC_MEM_TOO_MANY, where,
                    "Warning: Max number of supported memory regions reached: more than %d reserved banks "
                    "(/memreserve/, /reserved-memory, xen,static-heap and xen,static-mem together)",
                    REGIONS_RESERVED_MAX);
        return -1;
    }
    if (regions_add(rs, start, size, kind, where)) {
        xsmc_report(sys, XSMC_R_FILE_READ, where, "out of memory");
        return -1;
    }
    return 0;
}

/* Alignment, size and overflow, in process_shm_node's order. */
static int check_geometry(struct xsmc_system *sys, const struct shm_node *n)
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
    xsmc_report(sys, XSMC_R_SHM_MISALIGNED, n->where,
                "fdt: %s (%s: host %s, guest %#llx, size %#llx; pages are 4 KiB)", why, n->id, host,
                (unsigned long long)n->guest, (unsigned long long)n->size);
    return -1;
}

int shm_register(struct shm_banks *b, struct regions *rs, struct xsmc_system *sys,
                 const struct shm_node *n)
{
    if (check_geometry(sys, n))
        return -1;
    for (size_t i = 0; i < b->count; i++) {
        struct shm_bank *k = &b->banks[i];
        if (strcmp(k->id, n->id) == 0) {
            /* a heap bank has no host address (INVALID_PADDR): a node giving one differs */
            if ((!n->host_given || (k->host_given && n->host == k->start)) && n->size == k->size)
                return (int)i;
            xsmc_report(sys, XSMC_R_SHM_ID_CONFLICT, n->where,
                        "fdt: different shared memory region could not share the same shm ID %s "
                        "(first declared at %s)", n->id, k->declared_at);
            return -1;
        }
        if (n->host_given && k->host_given && n->host == k->start && n->size == k->size) {
            xsmc_report(sys, XSMC_R_SHM_ID_CONFLICT, n->where,
                        "fdt: xen,shm-id %s does not match for all the nodes using the same region (%s uses %s)",
                        n->id, k->declared_at, k->id);
            return -1;
        }
    }
    if (b->count == REGIONS_SHM_MAX) {
        xsmc_report(sys, XSMC_R_SHM_TOO_MANY, n->where,
                    "Warning: Max number of supported memory regions reached: more than %d shm ids",
                    REGIONS_SHM_MAX);
        return -1;
    }
    if (n->host_given) {
        const struct region *r = regions_overlap(rs, n->host, n->size, 0);
        if (r) {
            report_overlap(sys, n->where, n->host, n->size, r);
            return -1;
        }
    }
    struct shm_bank *k = &b->banks[b->count];
    memset(k, 0, sizeof(*k));
    memcpy(k->id, n->id, strlen(n->id) + 1);
    k->host_given = n->host_given;
    k->start = n->host;
    k->size = n->size;
    k->declared_at = strdup(n->where);
    if (!k->declared_at || (n->host_given && regions_add(rs, n->host, n->size, REGION_SHM, n->where))) {
        free(k->declared_at);
        xsmc_report(sys, XSMC_R_FILE_READ, n->where, "out of memory");
        return -1;
    }
    return (int)b->count++;
}

void shm_map(struct shm_banks *b, struct xsmc_system *sys, struct xsmc_dom *d, int bank,
             const struct shm_node *n)
{
    struct shm_bank *k = &b->banks[bank];
    if (d->direct_map == XSMC_YES && (!k->host_given || n->guest != k->start)) {
        if (k->host_given)
            xsmc_report(sys, XSMC_R_SHM_NOT_DIRECT, n->where,
                        "%s: physical address %#llx and guest address %#llx are not direct-mapped.", d->name,
                        (unsigned long long)k->start, (unsigned long long)n->guest);
        else
            xsmc_report(sys, XSMC_R_SHM_NOT_DIRECT, n->where,
                        "%s: host and guest physical address must be supplied for direct-mapped domains", d->name);
        return;
    }
    /* handle_shared_mem_bank: an owner acquires the pages, no role gives them to DOMID_IO */
    k->owners += n->role == XSMC_SHM_OWNER;
    k->defaults += n->role == XSMC_SHM_DEFAULT;
    if (n->role != XSMC_SHM_BORROWER && k->owners + (k->defaults > 0) > 1)
        xsmc_report(sys, XSMC_R_SHM_OWNERS, n->where,
                    "%s: failed to acquire static memory for %s: %s already owns its pages", d->name, n->id,
                    k->owners > 1 ? "another owner" : "DOMID_IO (a node without role) or an owner");
    k->users++;
    struct xsmc_shm shm = {.role = n->role, .host_given = k->host_given, .host = k->start,
                           .guest = n->guest, .size = k->size};
    if (xsmc_dom_add_shm(d, n->id, &shm))
        xsmc_report(sys, XSMC_R_FILE_READ, n->where, "out of memory");
}

void shm_report_unshared(const struct shm_banks *b, struct xsmc_system *sys)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->banks[i].users == 1)
            xsmc_report(sys, XSMC_R_SHM_UNSHARED, b->banks[i].declared_at,
                        "only one domain maps static shared memory %s: nothing shares it", b->banks[i].id);
}

void shm_banks_free(struct shm_banks *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->banks[i].declared_at);
    b->count = 0;
}
