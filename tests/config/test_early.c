/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's early scan of boot modules and reserved memory (issue 13 point 1):
 * add_boot_module drops a module that overlaps anything registered before
 * it (bootinfo.c:check_reserved_regions_overlap, printing "Region: ...
 * overlapping with mod[N]"); kernel_probe then finds no kernel ("Missing
 * kernel boot module?"); a reserved bank (xen,static-mem, xen,static-heap,
 * /reserved-memory) that overlaps is "Early FDT parsing failed"; a module
 * wholly inside a /memreserve/ bank is allowed; is_dom0less_mode decides
 * from the registered kernels; with none at all Xen builds dom0 and fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xsmcap/xsmcap.h"
#include "readers.h"
#include "dt_builder.h"

static char blob[TB_SIZE];

static struct xsmc_system *read_built(void)
{
    char err[512] = "";
    struct xsmc_load_opts opts = {.iommu = XSMC_YES};
    struct xsmc_system *sys = xsmc_read_dtb("t.dtb", blob, fdt_totalsize(blob), &opts, err, sizeof(err));
    if (!sys)
        fail_msg("refused: %s", err);
    xsmc_config_apply_opts(sys, &opts);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    return sys;
}

static size_t count(const struct xsmc_system *sys, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0;
    return n;
}

static const struct xsmc_diag *find(const struct xsmc_system *sys, const char *rule)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (strcmp(sys->diags[i].rule, rule) == 0)
            return &sys->diags[i];
    return NULL;
}

/*
 * A plain domU node with memory and cpus, a 256 MiB xen,static-mem bank at
 * `bank` (0: none) and its kernel at kaddr; left open for more children.
 */
static void domu_begin(const char *name, uint64_t kaddr, uint64_t bank)
{
    fdt_begin_node(blob, name);
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u32(blob, "#address-cells", 2);
    fdt_property_u32(blob, "#size-cells", 2);
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    if (bank) {
        fdt32_t b[4] = {cpu_to_fdt32((uint32_t)(bank >> 32)), cpu_to_fdt32((uint32_t)bank), 0,
                        cpu_to_fdt32(0x10000000)};
        fdt_property(blob, "xen,static-mem", b, sizeof(b));
    }
    tb_module_at(blob, "kernel", "multiboot,kernel", kaddr, 0x1000000);
}

/*
 * docs/misc/cache-coloring.rst's shape: dom0 kernel, dom0 ramdisk, then a
 * domU whose kernel lies at `domu_kernel` (inside the ramdisk, or after it).
 */
static struct xsmc_system *dom0_and_domu(uint64_t domu_kernel)
{
    tb_begin(blob);
    tb_module_at(blob, "dom0", "multiboot,kernel", 0x1000000, 0xf00000);
    tb_module_at(blob, "dom0-ramdisk", "multiboot,ramdisk", 0x2000000, 0x13b0000);
    domu_begin("domU0", domu_kernel, 0);
    fdt_end_node(blob);
    tb_end(blob, 0);
    return read_built();
}

static void domu_kernel_inside_dom0_ramdisk(void **state)
{
    (void)state;
    struct xsmc_system *sys = dom0_and_domu(0x2000000);
    const struct xsmc_diag *g = find(sys, "module-overlap");
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_ERROR);
    assert_string_equal(g->where, "/chosen/domU0/kernel");
    assert_non_null(strstr(g->message, "overlapping with boot module mod[3]")); /* Xen, DTB, dom0, ramdisk */
    assert_non_null(strstr(g->message, "Missing kernel boot module?"));
    assert_int_equal(count(sys, "kernel-missing"), 0); /* one cause, one error */
    assert_int_equal(xsmc_config_verdict(sys), XSMC_INVALID);
    xsmc_system_free(sys);
    /* the same kernel after the ramdisk: Xen boots it */
    sys = dom0_and_domu(0x4000000);
    assert_int_equal(count(sys, "module-overlap") + count(sys, "module-dropped"), 0);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID);
    assert_int_equal(sys->ndoms, 2);
    xsmc_system_free(sys);
}

/* Two domUs booting one image at one address: the second is refused, kernel_probe finds the first. */
static void shared_kernel_image_is_found(void **state)
{
    (void)state;
    tb_begin(blob);
    domu_begin("domU1", 0x40000000, 0);
    fdt_end_node(blob);
    domu_begin("domU2", 0x40000000, 0);
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count(sys, "module-overlap") + count(sys, "module-dropped"), 0);
    assert_int_equal(count(sys, "kernel-missing"), 0);
    xsmc_system_free(sys);
}

/* A ramdisk that overlaps is dropped: Xen boots the domain without it. */
static void dropped_ramdisk_is_a_warning(void **state)
{
    (void)state;
    tb_begin(blob);
    domu_begin("domU1", 0x40000000, 0);
    tb_module_at(blob, "ramdisk", "multiboot,ramdisk", 0x40800000, 0x1000000);
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    const struct xsmc_diag *g = find(sys, "module-dropped");
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_WARNING);
    assert_string_equal(g->where, "/chosen/domU1/ramdisk");
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID);
    xsmc_system_free(sys);
}

/*
 * A domU's xen,static-mem, met before dom0's kernel in tree order, covers
 * that kernel: Xen drops it, finds a domU kernel and boots dom0less.
 */
static struct xsmc_system *static_mem_then_dom0_kernel(uint64_t bank)
{
    tb_begin(blob);
    domu_begin("domU1", 0x60000000, bank);
    fdt_end_node(blob);
    tb_module_at(blob, "dom0-kernel", "multiboot,kernel", 0x48000000, 0x1000000);
    tb_end(blob, 0);
    return read_built();
}

static void dom0_kernel_dropped_means_dom0less(void **state)
{
    (void)state;
    struct xsmc_system *sys = static_mem_then_dom0_kernel(0x40000000);
    const struct xsmc_diag *g = find(sys, "module-overlap");
    assert_non_null(g);
    assert_string_equal(g->where, "/chosen/dom0-kernel");
    assert_non_null(strstr(g->message, "xen,static-mem bank[0]"));
    assert_non_null(strstr(g->message, "dom0less mode"));
    assert_int_equal(sys->ndoms, 1); /* no classic dom0 */
    assert_false(sys->doms[0].classic_dom0);
    xsmc_system_free(sys);
    sys = static_mem_then_dom0_kernel(0x80000000);
    assert_int_equal(count(sys, "module-overlap"), 0);
    assert_int_equal(sys->ndoms, 2);
    assert_true(sys->doms[0].classic_dom0);
    xsmc_system_free(sys);
}

/* A module first, then a xen,static-mem bank over it: device_tree_get_meminfo fails the scan. */
static void static_mem_over_an_earlier_module(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_module_at(blob, "dom0-kernel", "multiboot,kernel", 0x48000000, 0x1000000);
    domu_begin("domU1", 0x60000000, 0x40000000);
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    const struct xsmc_diag *g = find(sys, "memory-overlap");
    assert_non_null(g);
    assert_string_equal(g->where, "/chosen/domU1");
    assert_non_null(strstr(g->message, "mod[2]"));
    assert_non_null(strstr(g->message, "Early FDT parsing failed"));
    xsmc_system_free(sys);
}

/* A host tree with /memreserve/ entries and a /reserved-memory node, a dom0 kernel and a domU. */
static struct xsmc_system *host_tree(uint64_t rsv, uint64_t reserved, uint64_t kernel, uint64_t static_mem)
{
    fdt_create(blob, TB_SIZE);
    fdt_add_reservemap_entry(blob, rsv, 0x2000000);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    fdt_property_u32(blob, "#address-cells", 2);
    fdt_property_u32(blob, "#size-cells", 2);
    fdt_begin_node(blob, "reserved-memory");
    fdt_property_u32(blob, "#address-cells", 2);
    fdt_property_u32(blob, "#size-cells", 2);
    fdt_begin_node(blob, "firmware@0");
    fdt32_t r[4] = {0, cpu_to_fdt32((uint32_t)reserved), 0, cpu_to_fdt32(0x100000)};
    fdt_property(blob, "reg", r, sizeof(r));
    fdt_property(blob, "no-map", NULL, 0);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_begin_node(blob, "chosen");
    fdt_property_u32(blob, "#address-cells", 2);
    fdt_property_u32(blob, "#size-cells", 2);
    tb_module_at(blob, "dom0-kernel", "multiboot,kernel", kernel, 0x1000000);
    domu_begin("domU1", 0x70000000, static_mem);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_finish(blob);
    return read_built();
}

static void reserved_memory_and_memreserve(void **state)
{
    (void)state;
    /* the kernel lies inside the /memreserve/ bank (U-Boot reserved it): allowed */
    struct xsmc_system *sys = host_tree(0x48000000, 0x30000000, 0x48000000, 0x80000000);
    assert_int_equal(count(sys, "module-overlap") + count(sys, "memory-overlap"), 0);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID);
    xsmc_system_free(sys);
    /* half inside it: dropped, and dom0 has no kernel */
    sys = host_tree(0x48800000, 0x30000000, 0x48000000, 0x80000000);
    assert_non_null(find(sys, "module-overlap"));
    assert_non_null(strstr(find(sys, "module-overlap")->message, "/memreserve/ bank[0]"));
    xsmc_system_free(sys);
    /* xen,static-mem over a /reserved-memory region */
    sys = host_tree(0x48000000, 0x80000000, 0x48000000, 0x80000000);
    const struct xsmc_diag *g = find(sys, "memory-overlap");
    assert_non_null(g);
    assert_string_equal(g->where, "/chosen/domU1");
    assert_non_null(strstr(g->message, "/reserved-memory bank[1]")); /* bank[0] is the /memreserve/ one */
    xsmc_system_free(sys);
}

/* xen,static-heap is reserved memory too. */
static void static_heap_overlap(void **state)
{
    (void)state;
    for (int overlap = 0; overlap < 2; overlap++) {
        tb_begin(blob);
        fdt32_t heap[4] = {0, cpu_to_fdt32(overlap ? 0x30000000 : 0x50000000), 0, cpu_to_fdt32(0x10000000)};
        fdt_property(blob, "xen,static-heap", heap, sizeof(heap));
        tb_domain(blob, "domU1", TB_NO_CAPS, TB_STATIC_MEM, 0, 0); /* bank at 0x30000000 */
        tb_end(blob, 0);
        struct xsmc_system *sys = read_built();
        assert_int_equal(count(sys, "memory-overlap"), overlap);
        if (overlap)
            assert_non_null(strstr(find(sys, "memory-overlap")->message, "xen,static-heap bank[0]"));
        xsmc_system_free(sys);
    }
}

/* Point 10: with no kernel module at all, Xen's first failure is dom0's. */
static void no_kernel_anywhere_fails_dom0_first(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "domU1", TB_NO_CAPS, TB_NO_KERNEL, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_true(sys->ndiags > 0);
    assert_string_equal(sys->diags[0].rule, "kernel-missing");
    assert_string_equal(sys->diags[0].where, "/chosen");
    assert_non_null(strstr(sys->diags[0].message, "Could not set up d0 guest OS"));
    xsmc_system_free(sys);
    /* one domU with a kernel: dom0less mode, only the other domU lacks one */
    tb_begin(blob);
    tb_domain(blob, "domU1", TB_NO_CAPS, TB_NO_KERNEL, 0, 0);
    tb_domain(blob, "domU2", TB_NO_CAPS, 0, 0, 0);
    tb_end(blob, 0);
    sys = read_built();
    assert_int_equal(count(sys, "kernel-missing"), 1);
    assert_string_equal(find(sys, "kernel-missing")->where, "/chosen/domU1");
    xsmc_system_free(sys);
}


/*
 * Cells no ancestor gives are 2 and 1 (DT_ROOT_NODE_*_CELLS_DEFAULT), so a
 * module written in 2/2 cells under such a /chosen is 0 bytes long to Xen:
 * kernel_probe's "!mod->size" is "Missing kernel boot module?".
 */
static void dom0_kernel_read_in_default_cells(void **state)
{
    (void)state;
    for (int cells = 0; cells < 2; cells++) {
        fdt_create(blob, TB_SIZE);
        fdt_finish_reservemap(blob);
        fdt_begin_node(blob, "");
        fdt_begin_node(blob, "chosen");
        if (cells) {
            fdt_property_u32(blob, "#address-cells", 2);
            fdt_property_u32(blob, "#size-cells", 2);
        }
        tb_module_at(blob, "dom0", "multiboot,kernel", 0x1000000, 0xf00000);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_finish(blob);
        struct xsmc_system *sys = read_built();
        assert_int_equal(count(sys, "kernel-missing"), !cells);
        if (!cells)
            assert_non_null(strstr(find(sys, "kernel-missing")->message, "0 bytes"));
        xsmc_system_free(sys);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(domu_kernel_inside_dom0_ramdisk),
        cmocka_unit_test(shared_kernel_image_is_found),
        cmocka_unit_test(dropped_ramdisk_is_a_warning),
        cmocka_unit_test(dom0_kernel_dropped_means_dom0less),
        cmocka_unit_test(static_mem_over_an_earlier_module),
        cmocka_unit_test(reserved_memory_and_memreserve),
        cmocka_unit_test(static_heap_overlap),
        cmocka_unit_test(no_kernel_anywhere_fails_dom0_first),
        cmocka_unit_test(dom0_kernel_read_in_default_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
