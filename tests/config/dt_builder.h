/* SPDX-License-Identifier: GPL-2.0-only */
/* Device trees for unit tests, written with libfdt's sequential-write API. */
#ifndef XSMC_TEST_DT_BUILDER_H
#define XSMC_TEST_DT_BUILDER_H

#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#define TB_SIZE (1u << 16)

/* What a test domain node carries beyond capabilities, memory, cpus and a kernel. */
enum {
    TB_NO_CPUS = 1 << 0,
    TB_NO_MEMORY = 1 << 1,
    TB_PASSTHROUGH = 1 << 2,
    TB_PARTIAL_DT = 1 << 3,
    TB_NR_SPIS = 1 << 4,
    TB_DIRECT_MAP = 1 << 5,
    TB_STATIC_MEM = 1 << 6,   /* one 256 MiB bank, matching memory */
    TB_ENHANCED = 1 << 7,     /* xen,enhanced = "enabled" */
    TB_NO_KERNEL = 1 << 8,
    TB_UNTARGETABLE = 1 << 9,
    TB_SHORT_CPUS = 1 << 10,  /* cpus with a two-byte value */
    TB_TRAP_2 = 1 << 11,      /* trap-unmapped-accesses = <2> */
};
#define TB_NO_CAPS (-1)

/* Where the next module goes: modules lie one after another, as a boot loader places them. */
static uint32_t tb_next_module = 0xC0000000;

/* Start a tree: root and /chosen, both with 2/2 cells. */
static inline void tb_begin(void *buf)
{
    tb_next_module = 0xC0000000;
    fdt_create(buf, TB_SIZE);
    fdt_finish_reservemap(buf);
    fdt_begin_node(buf, "");
    fdt_property_u32(buf, "#address-cells", 2);
    fdt_property_u32(buf, "#size-cells", 2);
    fdt_begin_node(buf, "chosen");
    fdt_property_u32(buf, "#address-cells", 2);
    fdt_property_u32(buf, "#size-cells", 2);
}

/* A module node of `kind` (plus the generic compatible) at [addr, addr + size), in 2/2 cells. */
static inline void tb_module_at(void *buf, const char *name, const char *kind, uint64_t addr, uint64_t size)
{
    static const char generic[] = "multiboot,module";
    char compat[64];
    size_t k = strlen(kind) + 1;
    memcpy(compat, kind, k);
    memcpy(compat + k, generic, sizeof(generic));
    fdt_begin_node(buf, name);
    fdt_property(buf, "compatible", compat, (int)(k + sizeof(generic)));
    fdt32_t reg[4] = {cpu_to_fdt32((uint32_t)(addr >> 32)), cpu_to_fdt32((uint32_t)addr),
                      cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size)};
    fdt_property(buf, "reg", reg, sizeof(reg));
    fdt_end_node(buf);
}

/* A module after the previous one. */
static inline void tb_module(void *buf, const char *name, const char *kind)
{
    tb_module_at(buf, name, kind, tb_next_module, 0x100000);
    tb_next_module += 0x100000;
}

/* A xen,domain child of /chosen; phandle 0 for none, target 0 for none. */
static inline void tb_domain(void *buf, const char *name, int64_t caps, unsigned flags,
                             uint32_t phandle, uint32_t target)
{
    fdt_begin_node(buf, name);
    fdt_property_string(buf, "compatible", "xen,domain");
    fdt_property_u32(buf, "#address-cells", 2);
    fdt_property_u32(buf, "#size-cells", 2);
    if (caps != TB_NO_CAPS)
        fdt_property_u32(buf, "capabilities", (uint32_t)caps);
    if (!(flags & TB_NO_MEMORY))
        fdt_property_u64(buf, "memory", 0x40000);
    if (flags & TB_SHORT_CPUS)
        fdt_property(buf, "cpus", "\0\1", 2);
    else if (!(flags & TB_NO_CPUS))
        fdt_property_u32(buf, "cpus", 1);
    if (flags & TB_PASSTHROUGH)
        fdt_property_string(buf, "passthrough", "enabled");
    if (flags & TB_NR_SPIS)
        fdt_property_u32(buf, "nr_spis", 64);
    if (flags & TB_DIRECT_MAP)
        fdt_property(buf, "direct-map", NULL, 0);
    if (flags & TB_STATIC_MEM) {
        fdt32_t bank[4] = {0, cpu_to_fdt32(0x30000000), 0, cpu_to_fdt32(0x10000000)};
        fdt_property(buf, "xen,static-mem", bank, sizeof(bank));
    }
    if (flags & TB_ENHANCED)
        fdt_property_string(buf, "xen,enhanced", "enabled");
    if (flags & TB_UNTARGETABLE)
        fdt_property(buf, "hypercall-untargetable", NULL, 0);
    if (flags & TB_TRAP_2)
        fdt_property_u32(buf, "trap-unmapped-accesses", 2);
    if (phandle)
        fdt_property_u32(buf, "phandle", phandle);
    if (target)
        fdt_property_u32(buf, "xsmcap,target", target);
    if (!(flags & TB_NO_KERNEL))
        tb_module(buf, "kernel", "multiboot,kernel");
    if (flags & TB_PARTIAL_DT)
        tb_module(buf, "partial", "multiboot,device-tree");
    fdt_end_node(buf);
}

/*
 * Start a hyperlaunch tree (no cells given) and open its domain node `name`
 * under /chosen/hypervisor, compatible "xen,domain"; the caller adds the
 * properties and closes the domain and the hypervisor node, then tb_end.
 */
static inline void tb_hyperlaunch_domain(void *buf, const char *name)
{
    fdt_create(buf, TB_SIZE);
    fdt_finish_reservemap(buf);
    fdt_begin_node(buf, "");
    fdt_begin_node(buf, "chosen");
    fdt_begin_node(buf, "hypervisor");
    fdt_property_string(buf, "compatible", "hypervisor,xen");
    fdt_begin_node(buf, name);
    fdt_property_string(buf, "compatible", "xen,domain");
}

/* Close /chosen and the root, optionally adding a node with an IOMMU. */
static inline void tb_end(void *buf, int iommu)
{
    fdt_end_node(buf);
    if (iommu) {
        fdt_begin_node(buf, "iommu@fd800000");
        fdt_property_string(buf, "compatible", "arm,smmu-v3");
        fdt_property_u32(buf, "#iommu-cells", 1);
        fdt_end_node(buf);
    }
    fdt_end_node(buf);
    fdt_finish(buf);
}

#endif
