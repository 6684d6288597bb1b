/* SPDX-License-Identifier: GPL-2.0-only */
/* libfdt underneath, Xen's property semantics on top. */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "fdt_read.h"

/* Xen's iommu drivers bind to nodes that provide #iommu-cells. */
static void note_iommu(struct dt *dt, int node)
{
    const char *status = NULL;
    if (!dt_has(dt, node, "#iommu-cells"))
        return;
    int enabled = dt_string(dt, node, "status", &status) != DT_STR_OK ||
                  strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
    if (enabled)
        dt->iommu = XSMC_YES;
    else if (dt->iommu == XSMC_UNKNOWN)
        dt->iommu = XSMC_NO;
}

/*
 * libfdt 1.6 bounds each block by the total size but lets the structure
 * and strings blocks overlap each other or the memory reservation map; a
 * blob like that was not written by dtc and is refused.
 */
static int blocks_overlap(const void *blob)
{
    uint64_t hdr = fdt_header_size(blob);
    uint64_t os = fdt_off_dt_struct(blob), ss = fdt_size_dt_struct(blob);
    uint64_t ot = fdt_off_dt_strings(blob), st = fdt_size_dt_strings(blob);
    uint64_t om = fdt_off_mem_rsvmap(blob);
    int nrsv = fdt_num_mem_rsv(blob);
    if (nrsv < 0 || om < hdr || os < hdr || ot < hdr)
        return 1;
    uint64_t me = om + 16 * ((uint64_t)nrsv + 1);
    if (os < ot + st && ot < os + ss)
        return 1;
    return (om < os + ss && os < me) || (om < ot + st && ot < me);
}

/*
 * One strictly forward pass over the structure block, before any libfdt
 * walk: libfdt 1.6's fdt_next_tag adds a property's length without an
 * overflow check, so a length near 2^32 sends it back to the same tag and
 * fdt_check_full never returns (found by fuzzing).  Returns NULL or why
 * the block is unsound.
 */
static const char *structure_unsound(const void *blob)
{
    const uint8_t *base = (const uint8_t *)blob + fdt_off_dt_struct(blob);
    uint64_t size = fdt_version(blob) >= 17 ? fdt_size_dt_struct(blob)
                                            : (uint64_t)fdt_totalsize(blob) - fdt_off_dt_struct(blob);
    uint64_t off = 0;
    int depth = 0;
    while (off + 4 <= size) {
        uint32_t tag = fdt32_ld((const fdt32_t *)(base + off));
        off += 4;
        switch (tag) {
        case FDT_BEGIN_NODE: {
            const uint8_t *end = memchr(base + off, '\0', size - off);
            if (!end)
                return "a node name runs past the structure block";
            off = (uint64_t)(end - base) + 1;
            depth++;
            break;
        }
        case FDT_PROP: {
            if (off + 8 > size)
                return "a property header runs past the structure block";
            uint64_t len = fdt32_ld((const fdt32_t *)(base + off));
            if (fdt32_ld((const fdt32_t *)(base + off + 4)) >= fdt_size_dt_strings(blob))
                return "a property name lies outside the strings block";
            off += 8 + len;
            if (off > size)
                return "a property value runs past the structure block";
            break;
        }
        case FDT_END_NODE:
            if (--depth < 0)
                return "a node ends that never began";
            break;
        case FDT_NOP:
            break;
        case FDT_END:
            return depth == 0 ? NULL : "the structure block ends inside a node";
        default:
            return "an unknown tag in the structure block";
        }
        off = (off + 3) & ~(uint64_t)3;
    }
    return "the structure block has no end tag";
}

int dt_is_bookkeeping_node(const char *name)
{
    static const char *const skip[] = {"chosen", "cpus", "aliases", "reserved-memory", "__symbols__",
                                       "__fixups__", "__local_fixups__"};
    for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
        if (strcmp(name, skip[i]) == 0)
            return 1;
    return strncmp(name, "memory", 6) == 0 || strncmp(name, "fragment@", 9) == 0;
}

/*
 * The cores in 32-bit Xen's processor table (xen/arch/arm/arm32/proc-v7.S:
 * Cortex-A15, Cortex-A7, Brahma-B15).  None of them runs AArch64, so a host
 * whose CPUs are all of these runs arm32 Xen; 64-bit Xen checks its cores
 * against no table, so no compatible says arm64.
 */
static int arm32_only_core(const struct dt *dt, int node)
{
    static const char *const cores[] = {"arm,cortex-a15", "arm,cortex-a7", "brcm,brahma-b15"};
    for (size_t i = 0; i < sizeof(cores) / sizeof(cores[0]); i++)
        if (dt_compat(dt, node, cores[i]))
            return 1;
    return 0;
}

/* What one node tells the walk of dt_open: where the layouts' roots are. */
static void note_node(struct dt *dt, int node, int depth, int *top)
{
    const char *name = depth <= 2 ? fdt_get_name(dt->fdt, node, NULL) : NULL;
    if (dt_compat(dt, node, "multiboot,device-tree"))
        dt->last_partial_dt = node;
    if (dt_compat(dt, node, "xen,evtchn-v1"))
        dt->evtchns++;
    if (dt_compat(dt, node, "xen,domain-shared-memory-v1"))
        dt->shms++;
    note_iommu(dt, node);
    if (depth <= 2 && !name)
        return;
    if (depth == 1) {
        *top = node;
        if (strcmp(name, "__fixups__") == 0)
            dt->overlay = 1;
        else if (strcmp(name, "cpus") == 0 && !dt->has_cpus) {
            dt->has_cpus = 1;
            dt->cpus = node;
        }
        else if (strcmp(name, "chosen") == 0 && dt->chosen < 0)
            dt->chosen = node;
        else if (strcmp(name, "passthrough") == 0 && dt->passthrough < 0)
            dt->passthrough = node;
        if (!dt_is_bookkeeping_node(name))
            dt->host_nodes++;
    } else if (depth == 2 && *top == dt->chosen && dt->hypervisor < 0 && strcmp(name, "hypervisor") == 0) {
        dt->hypervisor = node;
    } else if (depth == 2 && *top >= 0 && *top == dt->cpus) {
        const char *type = NULL;
        if (dt_string(dt, node, "device_type", &type) == DT_STR_OK && strcmp(type, "cpu") == 0) {
            dt->cpu_nodes++;
            dt->cpu_nodes_arm32 += arm32_only_core(dt, node);
        }
    }
}

int dt_open(struct dt *dt, struct dt_prop_cache *cache, const void *blob, size_t len,
            const char *file, char *err, size_t errlen)
{
    memset(dt, 0, sizeof(*dt));
    dt->cache = cache;
    cache->node = -1;
    dt->fdt = blob;
    dt->file = file;
    dt->last_partial_dt = -1;
    dt->chosen = dt->hypervisor = dt->passthrough = dt->cpus = -1;
    dt->iommu = XSMC_UNKNOWN;
    if (len > DT_MAX_FILE) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_FILE_TOO_LARGE, "%zu bytes, more than the %u-byte limit",
                  len, DT_MAX_FILE);
        return -1;
    }
    if (len < sizeof(struct fdt_header)) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_MALFORMED,
                  "%zu bytes is shorter than a device-tree header", len);
        return -1;
    }
    int rc = fdt_check_header(blob);
    /* before version 16 names and sizes are laid out differently, and
     * libfdt 1.6's fdt_check_full reads a NULL name on such blobs */
    if (rc == 0 && fdt_version(blob) < 16) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_MALFORMED,
                  "device-tree version %u is older than 16: regenerate the blob with dtc", fdt_version(blob));
        return -1;
    }
    if (rc == 0 && fdt_totalsize(blob) <= len && blocks_overlap(blob)) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_MALFORMED,
                  "blocks overlap: the structure, strings and reservation blocks must be disjoint");
        return -1;
    }
    const char *why = rc == 0 && fdt_totalsize(blob) <= len ? structure_unsound(blob) : NULL;
    if (why) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_MALFORMED, "corrupt structure: %s", why);
        return -1;
    }
    if (rc == 0)
        rc = fdt_check_full(blob, len);
    if (rc) {
        xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_MALFORMED, "%s (libfdt: %s)",
                  rc == -FDT_ERR_BADMAGIC ? "not a device-tree blob (bad magic)"
                  : rc == -FDT_ERR_TRUNCATED ? "truncated: a block or size field reaches past the end of the file"
                  : rc == -FDT_ERR_BADVERSION ? "unsupported device-tree version"
                  : rc == -FDT_ERR_BADLAYOUT ? "blocks overlap or are out of order"
                  : "corrupt structure, strings or offsets", fdt_strerror(rc));
        return -1;
    }
    int depth = 0, top = -1;
    for (int node = 0; node >= 0; node = fdt_next_node(blob, node, &depth)) {
        if (depth > DT_MAX_DEPTH) {
            xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_LIMIT, "nodes nested deeper than %d",
                      DT_MAX_DEPTH);
            return -1;
        }
        if (++dt->nodes > (int)DT_MAX_NODES) {
            xsmc_fail(err, errlen, file, "/", XSMC_R_DTB_LIMIT, "more than %u nodes", DT_MAX_NODES);
            return -1;
        }
        note_node(dt, node, depth, &top);
    }
    /*
     * A whole host tree (it describes the CPUs) with no IOMMU node at all:
     * Xen finds no IOMMU driver to bind, so iommu_enabled stays false.  A
     * tree of /chosen alone says nothing about the platform (unknown).
     */
    if (dt->iommu == XSMC_UNKNOWN && dt->has_cpus)
        dt->iommu = XSMC_NO;
    return 0;
}

static void cache_node(const struct dt *dt, int node)
{
    struct dt_prop_cache *c = dt->cache;
    int off;
    c->node = node;
    c->count = 0;
    c->complete = 1;
    fdt_for_each_property_offset(off, dt->fdt, node) {
        if (c->count == DT_CACHED_PROPS) {
            c->complete = 0;
            return;
        }
        const char *name;
        int len;
        const void *v = fdt_getprop_by_offset(dt->fdt, off, &name, &len);
        if (!v || !name) {
            c->complete = 0;
            return;
        }
        c->names[c->count] = name;
        c->values[c->count] = v;
        c->lens[c->count++] = len;
    }
}

static const void *prop(const struct dt *dt, int node, const char *name, int *len)
{
    struct dt_prop_cache *c = dt->cache;
    if (c->node != node)
        cache_node(dt, node);
    for (int i = 0; i < c->count; i++) {
        if (strcmp(c->names[i], name) == 0) {
            *len = c->lens[i];
            return c->values[i];
        }
    }
    *len = -1;
    if (c->complete)
        return NULL;
    int l = 0;
    const void *p = fdt_getprop(dt->fdt, node, name, &l);
    *len = p ? l : -1;
    return p;
}

int dt_has(const struct dt *dt, int node, const char *name)
{
    int len;
    return prop(dt, node, name, &len) != NULL;
}

int dt_u32(const struct dt *dt, int node, const char *name, uint32_t *out)
{
    int len;
    const void *p = prop(dt, node, name, &len);
    if (!p)
        return DT_ABSENT;
    if (len < 4)
        return DT_SHORT;
    *out = fdt32_ld((const fdt32_t *)p);
    return DT_PRESENT;
}

int dt_u64(const struct dt *dt, int node, const char *name, uint64_t *out)
{
    int len;
    const void *p = prop(dt, node, name, &len);
    if (!p)
        return DT_ABSENT;
    if (len < 8)
        return DT_SHORT;
    const fdt32_t *c = p;
    *out = (uint64_t)fdt32_ld(&c[0]) << 32 | fdt32_ld(&c[1]);
    return DT_PRESENT;
}

int dt_string(const struct dt *dt, int node, const char *name, const char **out)
{
    int len;
    const char *p = prop(dt, node, name, &len);
    if (!p)
        return DT_STR_ABSENT;
    if (len == 0)
        return DT_STR_EMPTY;
    if (len > DT_MAX_STRING || memchr(p, '\0', (size_t)len) != p + len - 1)
        return DT_STR_NOT_STRING;
    *out = p;
    return DT_STR_OK;
}

int dt_compat(const struct dt *dt, int node, const char *compat)
{
    int len;
    const char *list = prop(dt, node, "compatible", &len);
    return list && len > 0 && fdt_stringlist_contains(list, len, compat);
}

uint32_t dt_cells(const struct dt *dt, int node, const char *name, uint32_t dflt)
{
    uint32_t v;
    return dt_u32(dt, node, name, &v) == DT_PRESENT ? v : dflt;
}

uint64_t dt_read_cells(const void *cells, uint32_t n)
{
    const fdt32_t *c = cells;
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v = v << 32 | fdt32_ld(&c[i]);
    return v;
}

int dt_reg_size_sum(const struct dt *dt, int node, const char *name, uint32_t acells,
                    uint32_t scells, uint64_t *sum)
{
    int len;
    const fdt32_t *p = prop(dt, node, name, &len);
    *sum = 0;
    if (!p)
        return -1;
    uint32_t entry = acells + scells;
    if (acells > 2 || scells > 2 || scells == 0 || len % (int)(4 * entry) != 0)
        return -1;
    for (int off = 0; off < len / 4; off += (int)entry)
        *sum += dt_read_cells(p + off + acells, scells);
    return 0;
}

int dt_child_path(char *out, size_t size, const char *parent, const char *name)
{
    int n = snprintf(out, size, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}
