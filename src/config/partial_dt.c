/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A passthrough partial device tree: the blob a domain receives as its
 * multiboot,device-tree module (docs/misc/arm/passthrough.txt).  It is not
 * a boot configuration; xsmcap lists the devices it hands over and checks
 * Xen's rules for xen,reg and xen,path (dom0less-build.c:handle_prop_pfdt).
 */
#include <libfdt.h>
#include <string.h>

#include "dt_readers.h"

#define PAGE_MASK_4K 0xfffull

struct pdt {
    const struct dt *dt;
    struct xsmc_system *sys;
    uint32_t acells, scells;
    int cells_ok;                /* 1 or 2 each, as Xen requires */
    unsigned devices;
};

/* xen,reg = <host-address size guest-address>..., each page aligned. */
static void check_xen_reg(struct pdt *p, int node, const char *path)
{
    int len;
    const fdt32_t *c = fdt_getprop(p->dt->fdt, node, "xen,reg", &len);
    uint32_t entry = 2 * p->acells + p->scells;
    if (!c || !entry || len % (int)(4 * entry) != 0) {
        xsmc_report(p->sys, XSMC_R_PARTIAL_DT_RULE, path,
                    "xen,reg length %d is not a multiple of <host-address size guest-address> (%u cells)",
                    len, entry);
        return;
    }
    for (int i = 0; i < len / 4; i += (int)entry) {
        uint64_t host = dt_read_cells(c + i, p->acells);
        uint64_t size = dt_read_cells(c + i + p->acells, p->scells);
        uint64_t guest = dt_read_cells(c + i + p->acells + p->scells, p->acells);
        if ((host | size | guest) & PAGE_MASK_4K)
            xsmc_report(p->sys, XSMC_R_PARTIAL_DT_RULE, path,
                        "xen,reg range 0x%llx+0x%llx -> 0x%llx is not page aligned",
                        (unsigned long long)host, (unsigned long long)size,
                        (unsigned long long)guest);
    }
}

static void visit(struct pdt *p, int node, const char *path)
{
    const struct dt *dt = p->dt;
    int has_reg = dt_has(dt, node, "xen,reg");
    const char *host = NULL;
    int has_path = dt_string(dt, node, "xen,path", &host) == DT_STR_OK;
    int force = dt_has(dt, node, "xen,force-assign-without-iommu");
    if (has_reg && p->cells_ok)
        check_xen_reg(p, node, path);
    if (has_reg || has_path) {
        p->devices++;
        if (has_reg != has_path && !(has_reg && force))
            xsmc_report(p->sys, XSMC_R_PARTIAL_DT_RULE, path, "xen,reg or xen,path missing: %s without %s",
                        has_reg ? "xen,reg" : "xen,path", has_reg ? "xen,path" : "xen,reg");
        else
            xsmc_report(p->sys, XSMC_R_PARTIAL_DT, path, "device handed to the domain: host %s%s",
                        has_path ? host : "(no xen,path)",
                        force ? ", assigned without IOMMU protection" : "");
    }
    int child;
    char sub[DT_MAX_PATH];
    fdt_for_each_subnode(child, dt->fdt, node) {
        if (!dt_child_path(sub, sizeof(sub), path, fdt_get_name(dt->fdt, child, NULL)))
            visit(p, child, sub);
    }
}

struct xsmc_system *xsmc_read_partial_dt(const struct dt *dt, int passthrough, char *err,
                                         size_t errlen)
{
    struct pdt p = {.dt = dt};
    p.sys = xsmc_system_new(dt->file, XSMC_SRC_PARTIAL_DT);
    if (!p.sys)
        return xsmc_fail(err, errlen, dt->file, "/passthrough", XSMC_R_FILE_READ, "out of memory");
    p.acells = dt_cells(dt, passthrough, "#address-cells", 2);
    p.scells = dt_cells(dt, passthrough, "#size-cells", 1);
    p.cells_ok = p.acells >= 1 && p.acells <= 2 && p.scells >= 1 && p.scells <= 2;
    if (!p.cells_ok)
        xsmc_report(p.sys, XSMC_R_PARTIAL_DT_RULE, "/passthrough",
                    "Invalid address_cells %u or size_cells %u: Xen accepts 1 or 2", p.acells, p.scells);
    xsmc_report(p.sys, XSMC_R_PARTIAL_DT, "/passthrough",
                "a passthrough partial device tree, not a boot configuration: load it as a domain's "
                "multiboot,device-tree module");
    visit(&p, passthrough, "/passthrough");
    return p.sys;
}
