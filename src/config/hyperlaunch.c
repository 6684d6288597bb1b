/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 hyperlaunch: xen,domain nodes under /chosen/hypervisor, in the
 * layout of the posted v6 series "Hyperlaunch device tree for dom0"
 * (capabilities, mode, domid, multiboot,kernel located by module-index or
 * reg) or of the design document (permissions, functions, module,kernel).
 * Neither is merged; the facts come from boot-config.md section 3.
 *
 * Both layouts give `mode` the same bits (design: MODE_PARAVIRTUALIZED,
 * MODE_ENABLE_DEVICE_MODEL; posted series: BUILD_MODE_PARAVIRT,
 * BUILD_MODE_ENABLE_DM): PV when bit 0 is set, else HVM when bit 1 is set
 * (a device model emulates the platform), else PVH.  The posted series
 * zero-fills the boot domain and builds an HVM container unless bit 0 is
 * set (x86/setup.c:create_dom0), so a node without mode is PVH.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "dt_readers.h"

#define DESIGN_PERM_CONTROL    (1u << 0)
#define DESIGN_PERM_HARDWARE   (1u << 1)
#define DESIGN_FUNC_CONSOLE    (1u << 2)
#define DESIGN_FUNC_XENSTORE   (1u << 30)
#define V6_MODE_PV             (1u << 0)
#define V6_MODE_DEVICE_MODEL   (1u << 1)

struct hl {
    const struct dt *dt;
    struct xsmc_system *sys;
    uint8_t used[XSMC_DOMID_FIRST_RESERVED / 8]; /* domids taken */
    uint8_t *written;  /* per domain: its node gave a domid (kept as written, even a refused one) */
};

static int domid_used(const struct hl *h, uint32_t id)
{
    return id < XSMC_DOMID_FIRST_RESERVED && (h->used[id / 8] >> (id % 8)) & 1;
}

static void domid_take(struct hl *h, uint32_t id)
{
    if (id < XSMC_DOMID_FIRST_RESERVED)
        h->used[id / 8] |= (uint8_t)(1u << (id % 8));
}

static uint32_t read_caps(struct hl *h, struct xsmc_dom *d, int node)
{
    const struct dt *dt = h->dt;
    uint32_t v, perms = 0, funcs = 0;
    if (dt_u32(dt, node, "capabilities", &v) == DT_PRESENT) {
        d->caps_explicit = 1;
        return v;
    }
    int design = dt_u32(dt, node, "permissions", &perms) == DT_PRESENT;
    design |= dt_u32(dt, node, "functions", &funcs) == DT_PRESENT;
    if (!design)
        return 0;
    d->caps_explicit = 1;
    return (perms & DESIGN_PERM_CONTROL ? XSMC_CAP_CONTROL : 0) |
           (perms & DESIGN_PERM_HARDWARE ? XSMC_CAP_HARDWARE : 0) |
           (funcs & DESIGN_FUNC_XENSTORE ? XSMC_CAP_XENSTORE : 0);
}

static void read_modules(struct hl *h, struct xsmc_dom *d, int node, const char *where)
{
    const struct dt *dt = h->dt;
    int child;
    char path[DT_MAX_PATH];
    fdt_for_each_subnode(child, dt->fdt, node) {
        int v6 = dt_compat(dt, child, "multiboot,kernel") || dt_compat(dt, child, "multiboot,ramdisk");
        int design = dt_compat(dt, child, "module,kernel");
        if (!v6 && !design)
            continue;
        if (dt_compat(dt, child, "multiboot,kernel") || design)
            d->has_kernel = 1;
        if (!v6)
            continue;
        int by_index = dt_has(dt, child, "module-index");
        int by_reg = dt_has(dt, child, "reg");
        if (by_index == by_reg && !dt_child_path(path, sizeof(path), where,
                                                 fdt_get_name(dt->fdt, child, NULL)))
            xsmc_report(h->sys, XSMC_R_HL_MODULE_LOCATION, path, "module has %s",
                        by_index ? "both module-index and reg" : "neither module-index nor reg");
    }
}

static struct xsmc_dom *add_domain(struct hl *h, int node, const char *where)
{
    const struct dt *dt = h->dt;
    struct xsmc_dom *d = xsmc_system_add(h->sys, fdt_get_name(dt->fdt, node, NULL), where);
    if (!d)
        return NULL;
    uint32_t v;
    xsmc_dt_check_domain_props(dt, h->sys, node, where, d->name, 1);
    /* a refused domid is shown as written, as the error names it, not replaced by a free one */
    if (dt_u32(dt, node, "domid", &v) == DT_PRESENT) {
        h->written[h->sys->ndoms - 1] = 1;
        d->core.domid = v;
        if (v >= XSMC_DOMID_FIRST_RESERVED)
            xsmc_report(h->sys, XSMC_R_DOMID_RESERVED, where,
                        "domid %u (%#x) is at or above DOMID_FIRST_RESERVED (%u)", v, v, XSMC_DOMID_FIRST_RESERVED);
        else if (domid_used(h, v))
            xsmc_report(h->sys, XSMC_R_DOMID_DUPLICATE, where, "domid %u is already in use", v);
        else
            domid_take(h, v);
    }
    d->core.caps = d->raw_caps = read_caps(h, d, node);
    if (dt_has(dt, node, "hypercall-untargetable")) {
        d->boot.given |= XSMC_BOOT_UNTARGETABLE;
        d->core.caps |= XSMC_CAP_NOT_HYPERCALL_TARGET;
    }
    int design = dt_has(dt, node, "permissions") || dt_has(dt, node, "functions");
    uint32_t mode = 0, funcs = 0;
    dt_u32(dt, node, "mode", &mode);
    if (!design && (mode & (V6_MODE_PV | V6_MODE_DEVICE_MODEL)) == (V6_MODE_PV | V6_MODE_DEVICE_MODEL))
        xsmc_report(h->sys, XSMC_R_HL_MODE_PV_DM, where,
                    "mode 0x%x asks for a PV domain with a device model", mode);
    enum xsmc_guest guest = mode & V6_MODE_PV ? XSMC_GUEST_PV
                          : mode & V6_MODE_DEVICE_MODEL ? XSMC_GUEST_HVM : XSMC_GUEST_PVH;
    d->core.flags |= XSMC_DOMF_GUEST(guest);
    /* the design's FUNCTION_CONSOLE: the domain the console input goes to */
    if (design && dt_u32(dt, node, "functions", &funcs) == DT_PRESENT && (funcs & DESIGN_FUNC_CONSOLE))
        d->core.flags |= XSMC_DOMF_CONSOLE;
    uint64_t mem;
    if (dt_u64(dt, node, "memory", &mem) == DT_PRESENT) {
        d->memory_kb = mem;
        d->boot.given |= XSMC_BOOT_MEMORY;
    }
    if (dt_u32(dt, node, "cpus", &v) == DT_PRESENT)
        d->cpus = v;
    else
        d->cpus = 1; /* both layouts default to one vCPU */
    d->boot.given |= XSMC_BOOT_CPUS | XSMC_BOOT_KERNEL_EXPECTED;
    read_modules(h, d, node, where);
    return d;
}

/* Nodes without a domid take the lowest free ids, after the explicit ones. */
static void assign_free_domids(struct hl *h)
{
    uint32_t next = 0;
    for (size_t i = 0; i < h->sys->ndoms; i++) {
        struct xsmc_dom *d = &h->sys->doms[i];
        if (h->written[i])
            continue;
        while (next < XSMC_DOMID_FIRST_RESERVED && domid_used(h, next))
            next++;
        d->core.domid = next;
        domid_take(h, next);
    }
}

struct xsmc_system *xsmc_read_hyperlaunch(const struct dt *dt, int hypervisor, char *err,
                                          size_t errlen)
{
    static const char base[] = "/chosen/hypervisor";
    struct hl *h = calloc(1, sizeof(*h));
    struct dt_domain_index index = {0};
    char path[DT_MAX_PATH];
    /* at most one domain per node: dt_open bounded the node count */
    uint8_t *written = calloc((size_t)dt->nodes + 1, 1);
    if (!h || !written || !(h->sys = xsmc_system_new(dt->file, XSMC_SRC_HYPERLAUNCH))) {
        free(h);
        free(written);
        return xsmc_fail(err, errlen, dt->file, base, XSMC_R_FILE_READ, "out of memory");
    }
    h->written = written;
    struct xsmc_system *sys = h->sys;
    h->dt = dt;
    sys->iommu = dt->iommu;
    xsmc_system_set_platform(sys, XSMC_ARCH_X86_64, NULL);
    int child;
    fdt_for_each_subnode(child, dt->fdt, hypervisor) {
        if (!dt_compat(dt, child, "xen,domain"))
            continue;
        if (sys->ndoms >= XSMC_DOMID_FIRST_RESERVED) {
            xsmc_fail(err, errlen, dt->file, base, XSMC_R_DOMID_EXHAUSTED,
                      "No more domain IDs available: more than %u domains", XSMC_DOMID_FIRST_RESERVED);
            goto fail;
        }
        dt_child_path(path, sizeof(path), base, fdt_get_name(dt->fdt, child, NULL));
        if (dt_index_add(&index, dt, child) || !add_domain(h, child, path))
            goto oom;
    }
    assign_free_domids(h);
    if (sys->ndoms > 1)
        xsmc_report(sys, XSMC_R_HL_SINGLE_DOMAIN, base,
                    "%zu domain nodes: the posted v6 series warns \"only creating first 1 domains\"",
                    sys->ndoms);
    if (sys->ndoms == 0)
        xsmc_report(sys, XSMC_R_KERNEL_MISSING, base, "no xen,domain node under %s", base);
    xsmc_dt_link_targets(dt, sys, 0, &index);
    dt_index_free(&index);
    free(h->written);
    free(h);
    return sys;
oom:
    xsmc_fail(err, errlen, dt->file, base, XSMC_R_FILE_READ, "out of memory");
fail:
    dt_index_free(&index);
    xsmc_system_free(sys);
    free(h->written);
    free(h);
    return NULL;
}
