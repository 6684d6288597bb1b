/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Write a dom0less device tree with N domains to a file, for the config
 * benchmark: a hardware+xenstore domain, a control domain, and N-2 guests
 * asking for xenstore, each with memory, cpus and a kernel module, under a
 * host tree with an IOMMU.  Usage: gen-dom0less N FILE
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

static void domain(void *fdt, unsigned i, uint32_t caps)
{
    char name[32];
    snprintf(name, sizeof(name), "domU%u", i);
    fdt_begin_node(fdt, name);
    fdt_property_string(fdt, "compatible", "xen,domain");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    if (caps)
        fdt_property_u32(fdt, "capabilities", caps);
    fdt_property_u64(fdt, "memory", 0x40000);
    fdt_property_u32(fdt, "cpus", 1);
    fdt_property(fdt, "vpl011", NULL, 0);
    fdt_property_string(fdt, "xen,enhanced", "enabled");
    fdt_begin_node(fdt, "module@40000000");
    fdt_property(fdt, "compatible", "multiboot,kernel\0multiboot,module",
                 sizeof("multiboot,kernel\0multiboot,module"));
    fdt32_t reg[4] = {0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(0x1000000)};
    fdt_property(fdt, "reg", reg, sizeof(reg));
    fdt_property_string(fdt, "bootargs", "console=ttyAMA0");
    fdt_end_node(fdt);
    fdt_end_node(fdt);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return fprintf(stderr, "usage: gen-dom0less N FILE\n"), 2;
    unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
    size_t size = 4096 + (size_t)n * 512;
    void *fdt = malloc(size);
    if (!fdt || n < 2)
        return 2;
    fdt_create(fdt, (int)size);
    fdt_finish_reservemap(fdt);
    fdt_begin_node(fdt, "");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    fdt_begin_node(fdt, "iommu@fd800000");
    fdt_property_string(fdt, "compatible", "arm,smmu-v3");
    fdt_property_u32(fdt, "#iommu-cells", 1);
    fdt_end_node(fdt);
    fdt_begin_node(fdt, "chosen");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    domain(fdt, 0, 0x6);
    domain(fdt, 1, 0x1);
    for (unsigned i = 2; i < n; i++)
        domain(fdt, i, 0);
    fdt_end_node(fdt);
    fdt_end_node(fdt);
    if (fdt_finish(fdt))
        return fprintf(stderr, "gen-dom0less: buffer too small\n"), 1;
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(fdt, 1, fdt_totalsize(fdt), f) != fdt_totalsize(fdt) || fclose(f))
        return 1;
    free(fdt);
    return 0;
}
