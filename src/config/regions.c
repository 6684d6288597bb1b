/* SPDX-License-Identifier: GPL-2.0-only */
/* The register of boot-time memory, in bootinfo.c's order of search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regions.h"

static int is_reserved(enum region_kind kind)
{
    return kind != REGION_SHM && kind != REGION_MODULE;
}

/* meminfo_overlap_check and boot_modules_overlap_check: ends are exclusive. */
static int apart(const struct region *r, uint64_t start, uint64_t end)
{
    return end <= r->start || start >= r->start + r->size;
}

const struct region *regions_overlap(const struct regions *rs, uint64_t start, uint64_t size,
                                     int allow_memreserve)
{
    uint64_t end = start + size;
    /* reserved_mem, then the shared memory banks, then the modules */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < rs->count; i++) {
            const struct region *r = &rs->items[i];
            int family = is_reserved(r->kind) ? 0 : r->kind == REGION_SHM ? 1 : 2;
            if (family != pass || apart(r, start, end))
                continue;
            if (allow_memreserve && r->kind == REGION_MEMRESERVE && start >= r->start &&
                end <= r->start + r->size)
                continue;
            return r;
        }
    }
    return NULL;
}

int regions_add(struct regions *rs, uint64_t start, uint64_t size, enum region_kind kind,
                const char *where)
{
    if ((rs->count & (rs->count - 1)) == 0) {
        size_t cap = rs->count ? rs->count * 2 : 8;
        struct region *items = realloc(rs->items, cap * sizeof(*items));
        if (!items)
            return -1;
        rs->items = items;
    }
    struct region *r = &rs->items[rs->count];
    r->where = strdup(where ? where : "");
    if (!r->where)
        return -1;
    r->start = start;
    r->size = size;
    r->kind = kind;
    r->index = is_reserved(kind) ? (unsigned)rs->reserved++
             : kind == REGION_SHM ? (unsigned)rs->shms++
                                  : (unsigned)(REGIONS_FIRST_MODULE + rs->modules++);
    rs->count++;
    return 0;
}

void regions_free(struct regions *rs)
{
    for (size_t i = 0; i < rs->count; i++)
        free(rs->items[i].where);
    free(rs->items);
    memset(rs, 0, sizeof(*rs));
}

const char *region_name(const struct region *r, char *buf, size_t len)
{
    static const char *const kinds[] = {
        [REGION_MEMRESERVE] = "/memreserve/ bank", [REGION_RESERVED] = "/reserved-memory bank",
        [REGION_STATIC_HEAP] = "xen,static-heap bank", [REGION_STATIC_MEM] = "xen,static-mem bank",
        [REGION_SHM] = "static shared memory bank", [REGION_MODULE] = "boot module mod",
    };
    uint64_t end = r->start + r->size;
    snprintf(buf, len, "%s[%u] [%#llx, %#llx) at %s", kinds[r->kind], r->index,
             (unsigned long long)r->start, (unsigned long long)end, r->where);
    return buf;
}
