/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The early scan (bootinfo-fdt.c:boot_fdt_info, early_scan_node,
 * process_multiboot_node, process_chosen_node, process_domain_node,
 * static-shmem.c:process_shm_node): one walk in tree order, each node
 * given its parent's #address-cells and #size-cells as
 * device_tree_for_each_node gives them.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_early.h"

struct scan {
    const struct dt *dt;
    struct xsmc_system *sys;
    struct dt_early *e;
    int guessed;          /* process_multiboot_node's kind_guess */
    int overlay_noted;
    int failed;           /* out of memory */
    int too_long;         /* a node path past DT_MAX_PATH */
};

/* bootinfo-fdt.c: only nodes with a generic compatible become boot modules. */
int dt_is_boot_module(const struct dt *dt, int node)
{
    return dt_compat(dt, node, "multiboot,module") || dt_compat(dt, node, "xen,multiboot-module");
}

static enum mod_kind explicit_kind(const struct dt *dt, int node)
{
    if (dt_compat(dt, node, "multiboot,kernel") || dt_compat(dt, node, "xen,linux-zimage"))
        return MOD_KERNEL;
    if (dt_compat(dt, node, "multiboot,ramdisk") || dt_compat(dt, node, "xen,linux-initrd"))
        return MOD_RAMDISK;
    if (dt_compat(dt, node, "xen,xsm-policy"))
        return MOD_XSM;
    if (dt_compat(dt, node, "multiboot,device-tree"))
        return MOD_DTB;
    if (dt_compat(dt, node, "multiboot,microcode"))
        return MOD_MICROCODE;
    return MOD_UNKNOWN;
}

static int record_module(struct scan *s, const struct dt_module *m, const char *path, const char *clash)
{
    struct dt_early *e = s->e;
    if ((e->nmods & (e->nmods - 1)) == 0) {
        size_t cap = e->nmods ? e->nmods * 2 : 8;
        struct dt_module *mods = realloc(e->mods, cap * sizeof(*mods));
        if (!mods)
            return -1;
        e->mods = mods;
    }
    struct dt_module *slot = &e->mods[e->nmods];
    *slot = *m;
    slot->path = strdup(path);
    slot->clash = clash ? strdup(clash) : NULL;
    if (!slot->path || (clash && !slot->clash)) {
        free(slot->path);
        free(slot->clash);
        return -1;
    }
    e->nmods++;
    return 0;
}

/* add_boot_module: refused when it overlaps anything registered before (or past MAX_MODULES). */
static void register_module(struct scan *s, struct dt_module *m, const char *path)
{
    char clash[1200] = "";
    if (m->located) {
        const struct region *r = regions_overlap(&s->e->regions, m->start, m->size, 1);
        if (r)
            region_name(r, clash, sizeof(clash));
        else if (s->e->regions.modules + REGIONS_FIRST_MODULE >= REGIONS_MODULES_MAX)
            snprintf(clash, sizeof(clash), "the end of Xen's module table (MAX_MODULES is %d: \"too many\")",
                     REGIONS_MODULES_MAX);
        else if (regions_add(&s->e->regions, m->start, m->size, REGION_MODULE, path))
            s->failed = 1;
        else
            m->registered = 1;
    }
    if (record_module(s, m, path, *clash ? clash : NULL))
        s->failed = 1;
    else if (m->registered && s->e->nregistered < REGIONS_MODULES_MAX)
        s->e->registered[s->e->nregistered++] = s->e->nmods - 1;
}

/* process_multiboot_node: a node at depth 3 or less under /chosen. */
static void scan_module(struct scan *s, int node, int parent, const char *path, uint32_t ac, uint32_t sc)
{
    const struct dt *dt = s->dt;
    struct dt_module m = {.node = node, .parent = parent, .kind = explicit_kind(dt, node)};
    if (!dt_is_boot_module(dt, node)) {
        if (m.kind != MOD_UNKNOWN)
            xsmc_report(s->sys, XSMC_R_MODULE_NOT_REGISTERED, path,
                        "module lacks the generic compatible \"multiboot,module\": Xen ignores it");
        return;
    }
    m.domU = parent >= 0 && dt_compat(dt, parent, "xen,domain");
    int len = 0;
    const void *reg = fdt_getprop(dt->fdt, node, "reg", &len);
    if (!reg && !dt_has(dt, node, "xen,uefi-binary")) {
        if (!dt->overlay)
            xsmc_report(s->sys, XSMC_R_MODULE_REG_MISSING, path, "node %s missing `reg' property",
                        fdt_get_name(dt->fdt, node, NULL));
        else if (!s->overlay_noted++)
            xsmc_report(s->sys, XSMC_R_OVERLAY_DEFERRED, path,
                        "module without reg in an overlay: the boot loader is expected to add it");
    } else if (reg && (uint64_t)len < 4 * ((uint64_t)ac + sc)) {
        xsmc_report(s->sys, XSMC_R_MODULE_REG_MISSING, path, "fdt: node `%s': `reg` property length is too short",
                    fdt_get_name(dt->fdt, node, NULL));
    } else if (reg) {
        m.located = 1;
        m.start = dt_read_cells(reg, ac);
        m.size = dt_read_cells((const fdt32_t *)reg + ac, sc);
    }
    if (m.kind == MOD_UNKNOWN) {
        /* the first two modules of unknown kind, over the whole tree: kernel, then ramdisk */
        s->guessed++;
        m.kind = s->guessed == 1 ? MOD_KERNEL : s->guessed == 2 ? MOD_RAMDISK : MOD_UNKNOWN;
        if (m.domU)
            xsmc_report(s->sys, XSMC_R_MODULE_GENERIC_ONLY, path,
                        "module has only the generic compatible: the domain's kernel lookup does not find it");
    }
    register_module(s, &m, path);
}

/* device_tree_get_meminfo for reserved_mem: bank after bank, stopping at the first refusal. */
static void reserve_banks(struct scan *s, int node, const char *prop, uint32_t ac, uint32_t sc,
                          enum region_kind kind, const char *where)
{
    int len;
    const fdt32_t *cell = fdt_getprop(s->dt->fdt, node, prop, &len);
    if (!cell || ac < 1 || sc < 1 || ac > 2 || sc > 2)
        return; /* the reader of the property reports it as malformed */
    size_t banks = (size_t)len / ((ac + sc) * 4);
    for (size_t i = 0; i < banks; i++, cell += ac + sc)
        if (regions_reserve(&s->e->regions, s->sys, dt_read_cells(cell, ac), dt_read_cells(cell + ac, sc),
                            kind, where))
            return;
}

/* device_tree_node_is_available: no status, or "ok"/"okay". */
static int available(const struct dt *dt, int node)
{
    const char *status;
    int r = dt_string(dt, node, "status", &status);
    return r == DT_STR_ABSENT || (r == DT_STR_OK && (strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0));
}

static int record_shm(struct scan *s, int parent, int bank, const struct shm_node *n)
{
    struct dt_early *e = s->e;
    if ((e->nshms & (e->nshms - 1)) == 0) {
        size_t cap = e->nshms ? e->nshms * 2 : 8;
        struct dt_shm_record *r = realloc(e->shms, cap * sizeof(*r));
        if (!r)
            return -1;
        e->shms = r;
    }
    struct dt_shm_record *r = &e->shms[e->nshms];
    r->parent = parent;
    r->bank = bank;
    r->n = *n;
    r->n.where = strdup(n->where);
    r->n.id = strdup(n->id);
    if (!r->n.where || !r->n.id) {
        free((char *)r->n.where);
        free((char *)r->n.id);
        return -1;
    }
    e->nshms++;
    return 0;
}

static void scan_shm(struct scan *s, int node, int parent, const char *path, uint32_t ac, uint32_t sc)
{
    struct shm_node n = {.where = path};
    if (xsmc_dt_read_shm_node(s->dt, s->sys, node, ac, sc, &n))
        return;
    int bank = shm_register(&s->e->shm, &s->e->regions, s->sys, &n);
    if (bank >= 0 && record_shm(s, parent, bank, &n))
        s->failed = 1;
}

/* process_chosen_node: the static heap, and an initrd U-Boot placed. */
static void scan_chosen(struct scan *s, int node, const char *path, uint32_t ac, uint32_t sc)
{
    const struct dt *dt = s->dt;
    if (dt_has(dt, node, "xen,static-heap")) {
        reserve_banks(s, node, "xen,static-heap", ac, sc, REGION_STATIC_HEAP, path);
    }
    int ls, le;
    const void *start = fdt_getprop(dt->fdt, node, "linux,initrd-start", &ls);
    const void *end = fdt_getprop(dt->fdt, node, "linux,initrd-end", &le);
    if (!start || !end || (ls != 4 && ls != 8) || (le != 4 && le != 8))
        return;
    uint64_t a = dt_read_cells(start, (uint32_t)ls / 4), b = dt_read_cells(end, (uint32_t)le / 4);
    if (a >= b)
        return;
    char where[DT_MAX_PATH + 24];
    snprintf(where, sizeof(where), "%s (linux,initrd-start)", path);
    struct dt_module m = {.node = node, .parent = -1, .kind = MOD_RAMDISK, .located = 1,
                          .start = a, .size = b - a};
    register_module(s, &m, where);
}

/* One node of early_scan_node's chain, with its parent's cells. */
static void scan_node(struct scan *s, int node, int parent, int depth, const char *path, uint32_t ac,
                      uint32_t sc, int under_chosen)
{
    const struct dt *dt = s->dt;
    const char *name = fdt_get_name(dt->fdt, node, NULL);
    if (!name)
        return;
    if (depth <= 3 && under_chosen && (dt_is_boot_module(dt, node) || explicit_kind(dt, node) != MOD_UNKNOWN)) {
        scan_module(s, node, parent, path, ac, sc);
    } else if (depth == 1 && node == dt->chosen) {
        scan_chosen(s, node, path, ac, sc);
    } else if (depth == 2 && dt_compat(dt, node, "xen,domain")) {
        if (dt_has(dt, node, "xen,static-mem"))
            reserve_banks(s, node, "xen,static-mem", ac, sc, REGION_STATIC_MEM, path);
    } else if (depth <= 3 && dt_compat(dt, node, "xen,domain-shared-memory-v1")) {
        scan_shm(s, node, parent, path, ac, sc);
    }
}

/* process_reserved_memory: every available node below /reserved-memory with reg. */
static void scan_reserved_memory(struct scan *s, int top, const char *top_path)
{
    const struct dt *dt = s->dt;
    uint32_t acs[DT_MAX_DEPTH + 2], scs[DT_MAX_DEPTH + 2];
    char path[DT_MAX_PATH];
    int depth = 0;
    acs[0] = dt_cells(dt, top, "#address-cells", 2);
    scs[0] = dt_cells(dt, top, "#size-cells", 1);
    for (int node = fdt_next_node(dt->fdt, top, &depth); node >= 0 && depth > 0;
         node = fdt_next_node(dt->fdt, node, &depth)) {
        if (depth > DT_MAX_DEPTH)
            continue;
        acs[depth] = dt_cells(dt, node, "#address-cells", acs[depth - 1]);
        scs[depth] = dt_cells(dt, node, "#size-cells", scs[depth - 1]);
        if (!available(dt, node) || !dt_has(dt, node, "reg") ||
            dt_child_path(path, sizeof(path), top_path, fdt_get_name(dt->fdt, node, NULL)))
            continue;
        reserve_banks(s, node, "reg", acs[depth - 1], scs[depth - 1], REGION_RESERVED, path);
    }
}

/*
 * device_tree_for_each_node from `top` (the root, or an overlay's chosen
 * fragment read as /chosen at depth 1): paths, parents and cells per depth.
 */
static void walk(struct scan *s, int top, int top_depth, const char *top_path)
{
    const struct dt *dt = s->dt;
    uint32_t acs[DT_MAX_DEPTH + 2], scs[DT_MAX_DEPTH + 2];
    int nodes[DT_MAX_DEPTH + 2];
    size_t path_len[DT_MAX_DEPTH + 2];
    char path[DT_MAX_PATH + 1];
    int under_chosen = top_depth == 1; /* the current node is /chosen or below it */
    snprintf(path, sizeof(path), "%s", top_path);
    path_len[top_depth] = strcmp(top_path, "/") == 0 ? 0 : strlen(path);
    nodes[top_depth] = top;
    acs[top_depth] = dt_cells(dt, top, "#address-cells", top ? dt_cells(dt, 0, "#address-cells", 2) : 2);
    scs[top_depth] = dt_cells(dt, top, "#size-cells", top ? dt_cells(dt, 0, "#size-cells", 1) : 1);
    int rel = 0;
    for (int node = fdt_next_node(dt->fdt, top, &rel); node >= 0 && rel > 0 && !s->failed && !s->too_long;
         node = fdt_next_node(dt->fdt, node, &rel)) {
        int depth = top_depth + rel;
        if (depth > DT_MAX_DEPTH)
            continue;
        const char *name = fdt_get_name(dt->fdt, node, NULL);
        int n = snprintf(path + path_len[depth - 1], sizeof(path) - path_len[depth - 1], "/%s", name ? name : "");
        if (n < 0 || path_len[depth - 1] + (size_t)n >= DT_MAX_PATH) {
            s->too_long = 1;
            return;
        }
        path_len[depth] = path_len[depth - 1] + (size_t)n;
        nodes[depth] = node;
        acs[depth] = dt_cells(dt, node, "#address-cells", acs[depth - 1]);
        scs[depth] = dt_cells(dt, node, "#size-cells", scs[depth - 1]);
        if (depth == 1)
            under_chosen = node == dt->chosen;
        if (depth == 1 && name && strcmp(name, "reserved-memory") == 0)
            scan_reserved_memory(s, node, path);
        else
            scan_node(s, node, nodes[depth - 1], depth, path, acs[depth - 1], scs[depth - 1], under_chosen);
    }
}

int xsmc_dt_early_scan(const struct dt *dt, struct xsmc_system *sys, int chosen, const char *chosen_path,
                       struct dt_early *out, char *err, size_t errlen)
{
    struct scan s = {.dt = dt, .sys = sys, .e = out};
    memset(out, 0, sizeof(*out));
    if (dt->overlay) {
        walk(&s, chosen, 1, chosen_path);
    } else {
        /* boot_fdt_info: the reservation map first, then the tree */
        int n = fdt_num_mem_rsv(dt->fdt);
        for (int i = 0; i < n && !s.failed; i++) {
            uint64_t addr, size;
            if (fdt_get_mem_rsv(dt->fdt, i, &addr, &size) == 0 && size &&
                regions_add(&out->regions, addr, size, REGION_MEMRESERVE, "/memreserve/"))
                s.failed = 1;
        }
        if (!s.failed)
            walk(&s, 0, 0, "/");
    }
    if (s.too_long) {
        xsmc_fail(err, errlen, dt->file, chosen_path, XSMC_R_DTB_LIMIT, "node path longer than %d characters",
                  DT_MAX_PATH);
        return -1;
    }
    if (s.failed) {
        xsmc_fail(err, errlen, dt->file, chosen_path, XSMC_R_FILE_READ, "out of memory");
        return -1;
    }
    return 0;
}

void xsmc_dt_early_free(struct dt_early *e)
{
    for (size_t i = 0; i < e->nmods; i++) {
        free(e->mods[i].path);
        free(e->mods[i].clash);
    }
    free(e->mods);
    for (size_t i = 0; i < e->nshms; i++) {
        free((char *)e->shms[i].n.where);
        free((char *)e->shms[i].n.id);
    }
    free(e->shms);
    shm_banks_free(&e->shm);
    regions_free(&e->regions);
    memset(e, 0, sizeof(*e));
}

const struct dt_module *dt_early_find(const struct dt_early *e, enum mod_kind kind, uint64_t start)
{
    /* at most MAX_MODULES are registered, however many nodes there are */
    for (size_t i = 0; i < e->nregistered; i++) {
        const struct dt_module *m = &e->mods[e->registered[i]];
        if (m->kind == kind && m->start == start)
            return m;
    }
    return NULL;
}

/* Present for Xen: registered, or without an address yet (EFI stub, boot loader) */
static int present(const struct dt_module *m)
{
    return m->registered || !m->located;
}

const struct dt_module *dt_early_dom0_module(const struct dt_early *e, enum mod_kind kind)
{
    for (size_t i = 0; i < e->nmods; i++)
        if (!e->mods[i].domU && e->mods[i].kind == kind && present(&e->mods[i]))
            return &e->mods[i];
    return NULL;
}

const struct dt_module *dt_early_first_dom0_kernel(const struct dt_early *e)
{
    for (size_t i = 0; i < e->nmods; i++)
        if (!e->mods[i].domU && e->mods[i].kind == MOD_KERNEL)
            return &e->mods[i];
    return NULL;
}

const struct dt_module *dt_early_module_at(const struct dt_early *e, int node)
{
    size_t lo = 0, hi = e->nmods;
    while (lo < hi) { /* recorded in tree order: increasing offsets */
        size_t mid = (lo + hi) / 2;
        if (e->mods[mid].node < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < e->nmods && e->mods[lo].node == node ? &e->mods[lo] : NULL;
}

int dt_early_domu_kernels(const struct dt_early *e)
{
    for (size_t i = 0; i < e->nmods; i++)
        if (e->mods[i].domU && e->mods[i].kind == MOD_KERNEL && present(&e->mods[i]))
            return 1;
    return 0;
}

static const char *kind_text(enum mod_kind kind)
{
    static const char *const names[] = {
        [MOD_UNKNOWN] = "module", [MOD_KERNEL] = "kernel", [MOD_RAMDISK] = "ramdisk",
        [MOD_XSM] = "XSM policy", [MOD_DTB] = "partial device tree", [MOD_MICROCODE] = "microcode"};
    return names[kind];
}

void xsmc_dt_report_dropped(const struct dt *dt, const struct dt_early *e, struct xsmc_system *sys,
                            int dom0_kernel)
{
    for (size_t i = 0; i < e->nmods; i++) {
        const struct dt_module *m = &e->mods[i];
        if (!m->clash)
            continue;
        /* kernel_probe finds a module by kind and address: a registered twin serves as well */
        const struct dt_module *twin = m->domU ? dt_early_find(e, m->kind, m->start)
                                               : dt_early_dom0_module(e, m->kind);
        if (twin)
            continue;
        char head[1400];
        uint64_t end = m->start + m->size; /* as Xen computes it, wrapping */
        snprintf(head, sizeof(head), "Region: [%#llx, %#llx) overlapping with %s: Xen drops this %s",
                 (unsigned long long)m->start, (unsigned long long)end, m->clash, kind_text(m->kind));
        const char *owner = m->domU ? fdt_get_name(dt->fdt, m->parent, NULL) : NULL;
        if (m->kind == MOD_KERNEL && owner)
            xsmc_report(sys, XSMC_R_MODULE_OVERLAP, m->path,
                        "%s, so domain %s has none: \"Missing kernel boot module?\", then panic "
                        "\"Could not set up domain %s (rc = -2)\"", head, owner, owner);
        else if (m->kind == MOD_KERNEL && m->node == dom0_kernel)
            xsmc_report(sys, XSMC_R_MODULE_OVERLAP, m->path, "%s, so there is no dom0 kernel: %s", head,
                        dt_early_domu_kernels(e)
                            ? "Xen finds domU kernels and boots in dom0less mode, without the classic dom0"
                            : "Xen builds dom0 anyway: \"Missing kernel boot module?\", then panic "
                              "\"Could not set up d0 guest OS (rc = -2)\"");
        else
            xsmc_report(sys, XSMC_R_MODULE_DROPPED, m->path, "%s; the boot goes on without it", head);
    }
}
