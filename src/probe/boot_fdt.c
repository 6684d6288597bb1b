/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot device tree: QEMU's own (so every device node is what the
 * machine has), plus under /chosen Xen's command line and one xen,domain
 * node per domain of the plan (docs/misc/arm/device-tree/booting.txt at
 * the reference snapshot).
 *
 * Layout in the guest RAM QEMU gives (-m 2048: 0x40000000-0xbfffffff):
 *   0x40200000  Xen, where QEMU loads an arm64 Image
 *   0x48000000  QEMU's copy of this device tree (RAM base + 128 MiB)
 *   0x50000000  the domains' modules, one 16 MiB slot each
 *   0x70000000  the static memory reserved for the hardware domain
 * Xen refuses overlapping modules (xen/common/device-tree/bootinfo.c); the
 * slots cannot overlap, and the checks below keep every region in RAM.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "fsutil.h"

#define RAM_BASE        0x40000000ull
#define RAM_SIZE        0x80000000ull
#define MODULE_BASE     0x50000000ull
#define MODULE_SLOT     0x01000000ull
#define STATIC_MEM_BASE 0x70000000ull
#define DOMAIN_MEM_KB   65536ull
#define FDT_MAX         (1u << 20)

/*
 * Xen's console on QEMU's PL011, every message of Xen and the guests kept
 * (serial_tx_buffer: a thousand lines per boot overflow the default), no
 * seconds spent scrubbing memory, no reboot when something fails.
 */
#define XEN_CMDLINE "console=dtuart dtuart=" UART_PATH " loglvl=all guest_loglvl=all " \
                    "noreboot bootscrub=0 serial_tx_buffer=4M"
#define UART_PATH "/pl011@9000000"

uint64_t xsmp_module_addr(size_t index)
{
    return MODULE_BASE + MODULE_SLOT * index;
}

uint64_t xsmp_module_max(void)
{
    return MODULE_SLOT;
}

static int fdt_err(struct xsmp_error *err, const char *what, int rc)
{
    return xsmp_fail(err, "boot device tree: %s: %s", what, fdt_strerror(rc));
}

/* /memory@40000000 must hold every region this layout uses. */
static int check_ram(const void *fdt, struct xsmp_error *err)
{
    int node = fdt_path_offset(fdt, "/memory@40000000");
    int len = 0;
    const fdt32_t *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
    if (!reg || len != 16)
        return xsmp_fail(err, "QEMU's device tree has no /memory@40000000 with one bank");
    uint64_t base = (uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]);
    uint64_t size = (uint64_t)fdt32_to_cpu(reg[2]) << 32 | fdt32_to_cpu(reg[3]);
    if (base != RAM_BASE || size < RAM_SIZE)
        return xsmp_fail(err, "QEMU's RAM is %#llx+%#llx, not the 2 GiB at %#llx the layout needs",
                         (unsigned long long)base, (unsigned long long)size, RAM_BASE);
    if (fdt_path_offset(fdt, UART_PATH) < 0)
        return xsmp_fail(err, "QEMU's device tree has no %s for Xen's console", UART_PATH);
    return 0;
}

static int add_domain(void *fdt, int chosen, const struct xsmp_domain *d, size_t index,
                      uint64_t module_size, struct xsmp_error *err)
{
    char name[32];
    snprintf(name, sizeof(name), "dom%u", d->domid);
    int node = fdt_add_subnode(fdt, chosen, name);
    if (node < 0)
        return fdt_err(err, name, node);
    int rc = fdt_setprop_string(fdt, node, "compatible", "xen,domain");
    if (!rc)
        rc = fdt_setprop_u32(fdt, node, "#address-cells", 2);
    if (!rc)
        rc = fdt_setprop_u32(fdt, node, "#size-cells", 2);
    if (!rc)
        rc = fdt_setprop_u32(fdt, node, "cpus", 1);
    if (!rc)
        rc = fdt_setprop_u64(fdt, node, "memory", DOMAIN_MEM_KB);
    if (!rc)
        rc = fdt_setprop_u32(fdt, node, "capabilities", d->xen_caps);
    /*
     * Without an IOMMU the hardware domain must be direct-mapped, which Xen
     * allows only with static memory (dom0less-bindings.c:parse_dom0less_node);
     * construct_hwdom then maps it 1:1 and the static bank stays reserved.
     */
    if (!rc && (d->xen_caps & XSMP_DOMAIN_CAPS_HARDWARE)) {
        rc = fdt_setprop_empty(fdt, node, "direct-map");
        if (!rc)
            rc = fdt_setprop_u64(fdt, node, "xen,static-mem", STATIC_MEM_BASE);
        if (!rc)
            rc = fdt_appendprop_u64(fdt, node, "xen,static-mem", DOMAIN_MEM_KB * 1024);
    }
    if (rc)
        return fdt_err(err, name, rc);
    char mod[48];
    uint64_t addr = xsmp_module_addr(index);
    snprintf(mod, sizeof(mod), "module@%llx", (unsigned long long)addr);
    int m = fdt_add_subnode(fdt, node, mod);
    if (m < 0)
        return fdt_err(err, mod, m);
    static const char compat[] = "multiboot,kernel\0multiboot,module";
    rc = fdt_setprop(fdt, m, "compatible", compat, sizeof(compat));
    if (!rc)
        rc = fdt_setprop_u64(fdt, m, "reg", addr);
    if (!rc)
        rc = fdt_appendprop_u64(fdt, m, "reg", module_size);
    return rc ? fdt_err(err, mod, rc) : 0;
}

int xsmp_boot_dtb(const char *qemu_dtb, const struct xsmp_plan *plan, enum xsmp_policy policy,
                  const uint64_t *module_size, const char *out, struct xsmp_error *err)
{
    uint8_t *base;
    size_t len;
    if (xsmp_read_file(qemu_dtb, FDT_MAX, &base, &len) != 0)
        return xsmp_fail(err, "cannot read QEMU's device tree %s: %s", qemu_dtb, strerror(errno));
    if (len < sizeof(struct fdt_header) || fdt_check_header(base) != 0 ||
        fdt_totalsize(base) != len) {
        free(base);
        return xsmp_fail(err, "QEMU's device tree %s is not a device tree blob", qemu_dtb);
    }
    size_t size = len + 4096 + plan->ndoms * 1024;
    void *fdt = malloc(size);
    int rc = fdt ? fdt_open_into(base, fdt, (int)size) : -FDT_ERR_NOSPACE;
    free(base);
    if (rc) {
        free(fdt);
        return fdt_err(err, "open", rc);
    }
    if (check_ram(fdt, err)) {
        free(fdt);
        return -1;
    }
    for (size_t i = 0; i < plan->ndoms; i++)
        if (module_size[i] > MODULE_SLOT || module_size[i] == 0) {
            free(fdt);
            return xsmp_fail(err, "domain %s: a module of %llu bytes does not fit its %llu-byte "
                                  "slot", plan->doms[i].dom->name,
                             (unsigned long long)module_size[i], MODULE_SLOT);
        }
    int chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen < 0)
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    rc = chosen < 0 ? chosen : 0;
    char cmdline[256];
    snprintf(cmdline, sizeof(cmdline), "%s%s", XEN_CMDLINE,
             policy == XSMP_POLICY_SILO ? " xsm=silo" : "");
    if (!rc)
        rc = fdt_setprop_u32(fdt, chosen, "#address-cells", 2);
    if (!rc)
        rc = fdt_setprop_u32(fdt, chosen, "#size-cells", 2);
    if (!rc)
        rc = fdt_setprop_string(fdt, chosen, "xen,xen-bootargs", cmdline);
    if (rc) {
        free(fdt);
        return fdt_err(err, "/chosen", rc);
    }
    /* libfdt adds a subnode first among its siblings: add the last domain first */
    for (size_t i = plan->ndoms; i-- > 0;)
        if (add_domain(fdt, chosen, &plan->doms[i], i, module_size[i], err)) {
            free(fdt);
            return -1;
        }
    fdt_pack(fdt);
    rc = xsmp_write_file(out, fdt, fdt_totalsize(fdt), 0644);
    free(fdt);
    if (rc)
        return xsmp_fail(err, "cannot write %s: %s", out, strerror(errno));
    return 0;
}
