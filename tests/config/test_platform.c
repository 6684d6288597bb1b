/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform each reader gives a system (issue 11 point 1, issue 13
 * point 6): the architecture, each domain's guest type, console domains.
 * Facts: Xen's arm32 processor table (xen/arch/arm/arm32/proc-v7.S:
 * Cortex-A15, Cortex-A7, Brahma-B15), the zImage header of arm32 Xen
 * (arm32/head.S, what U-Boot's bootz takes), dom0less-build.c:create_domUs
 * (is_console for every xen,domain node), the hyperlaunch mode bits
 * (docs/designs/launch/hyperlaunch-devicetree.rst; posted series:
 * BUILD_MODE_PARAVIRT, BUILD_MODE_ENABLE_DM, an HVM container unless PV).
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

static struct xsmc_system *read_blob(void)
{
    char err[512] = "";
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    struct xsmc_system *sys = xsmc_read_dtb("t.dtb", blob, fdt_totalsize(blob), &opts, err, sizeof(err));
    if (!sys)
        fail_msg("refused: %s", err);
    return sys;
}

static struct xsmc_system *read_cfg(const char *text)
{
    char err[512] = "";
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    struct xsmc_system *sys = xsmc_read_imagebuilder("t.cfg", text, strlen(text), &opts, err, sizeof(err));
    if (!sys)
        fail_msg("refused: %s", err);
    return sys;
}

/* A host tree with the given CPU compatibles and one plain dom0less domain. */
static void host_with_cpus(const char *const *cores, size_t n)
{
    fdt_create(blob, TB_SIZE);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    fdt_begin_node(blob, "cpus");
    for (size_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof(name), "cpu@%zu", i);
        fdt_begin_node(blob, name);
        fdt_property_string(blob, "device_type", "cpu");
        fdt_property_string(blob, "compatible", cores[i]);
        fdt_end_node(blob);
    }
    fdt_end_node(blob);
    fdt_begin_node(blob, "chosen");
    fdt_property_u32(blob, "#address-cells", 2);
    fdt_property_u32(blob, "#size-cells", 2);
    tb_domain(blob, "domU1", TB_NO_CAPS, 0, 0, 0);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_finish(blob);
}

static enum xsmc_arch arch_of_host(const char *const *cores, size_t n)
{
    host_with_cpus(cores, n);
    struct xsmc_system *sys = read_blob();
    enum xsmc_arch arch = (enum xsmc_arch)sys->arch;
    assert_int_equal(sys->kconfig.arch, arch); /* the defconfig of that architecture */
    xsmc_system_free(sys);
    return arch;
}

static void dom0less_arch_from_cpus(void **state)
{
    (void)state;
    static const char *const a15[] = {"arm,cortex-a15", "arm,cortex-a15"};
    static const char *const a7[] = {"arm,cortex-a7"};
    static const char *const brahma[] = {"brcm,brahma-b15"};
    static const char *const a53[] = {"arm,cortex-a53", "arm,cortex-a53"};
    static const char *const big_little[] = {"arm,cortex-a15", "arm,cortex-a53"};
    assert_int_equal(arch_of_host(a15, 2), XSMC_ARCH_ARM32);
    assert_int_equal(arch_of_host(a7, 1), XSMC_ARCH_ARM32);
    assert_int_equal(arch_of_host(brahma, 1), XSMC_ARCH_ARM32);
    assert_int_equal(arch_of_host(a53, 2), XSMC_ARCH_ARM64);
    /* an AArch64 core anywhere: 64-bit Xen can run; 32-bit Xen's table does not know it */
    assert_int_equal(arch_of_host(big_little, 2), XSMC_ARCH_ARM64);
    /* /chosen alone says nothing: arm64, the platform of the series */
    assert_int_equal(arch_of_host(NULL, 0), XSMC_ARCH_ARM64);
}

static void dom0less_domains_are_console_domains(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_module(blob, "dom0-kernel", "multiboot,kernel");
    tb_domain(blob, "domU1", TB_NO_CAPS, 0, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_blob();
    assert_int_equal(sys->ndoms, 2);
    assert_true(sys->doms[0].classic_dom0);
    assert_false(sys->doms[0].core.flags & XSMC_DOMF_CONSOLE); /* create_dom0 does not set it */
    assert_true(sys->doms[1].core.flags & XSMC_DOMF_CONSOLE);
    assert_int_equal(xsmc_dom_guest(&sys->doms[1]), XSMC_GUEST_ARM);
    xsmc_system_free(sys);
}

/* A hyperlaunch tree of one domain node with the given mode (-1: none), v6 or design layout. */
static enum xsmc_guest hyperlaunch_guest(int64_t mode, int design, uint32_t *flags)
{
    tb_hyperlaunch_domain(blob, "dom");
    if (design) {
        fdt_property_u32(blob, "permissions", 3);
        fdt_property_u32(blob, "functions", 0xC000000F); /* BOOT, CRASH, CONSOLE, ..., XENSTORE, LEGACY_DOM0 */
    } else {
        fdt_property_u32(blob, "capabilities", 7);
    }
    if (mode >= 0)
        fdt_property_u32(blob, "mode", (uint32_t)mode);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_finish(blob);
    struct xsmc_system *sys = read_blob();
    assert_int_equal(sys->kind, XSMC_SRC_HYPERLAUNCH);
    assert_int_equal(sys->arch, XSMC_ARCH_X86_64);
    assert_int_equal(sys->ndoms, 1);
    enum xsmc_guest g = xsmc_dom_guest(&sys->doms[0]);
    *flags = sys->doms[0].core.flags;
    xsmc_system_free(sys);
    return g;
}

static void hyperlaunch_mode_is_the_guest_type(void **state)
{
    (void)state;
    uint32_t flags;
    assert_int_equal(hyperlaunch_guest(1, 0, &flags), XSMC_GUEST_PV);
    assert_int_equal(hyperlaunch_guest(5, 0, &flags), XSMC_GUEST_PV);  /* PV, 64-bit */
    assert_int_equal(hyperlaunch_guest(2, 0, &flags), XSMC_GUEST_HVM); /* a device model */
    assert_int_equal(hyperlaunch_guest(0, 0, &flags), XSMC_GUEST_PVH);
    assert_int_equal(hyperlaunch_guest(-1, 0, &flags), XSMC_GUEST_PVH); /* zero-filled boot domain */
    assert_false(flags & XSMC_DOMF_CONSOLE);
    /* design layout: the same bits, and FUNCTION_CONSOLE makes the console domain */
    assert_int_equal(hyperlaunch_guest(5, 1, &flags), XSMC_GUEST_PV);
    assert_true(flags & XSMC_DOMF_CONSOLE);
    assert_int_equal(hyperlaunch_guest(6, 1, &flags), XSMC_GUEST_HVM);
}

static void imagebuilder_platform_and_consoles(void **state)
{
    (void)state;
    static const char cfg[] = "XEN=xen\nDOM0_KERNEL=Image\nNUM_DOMUS=2\n"
                              "DOMU_KERNEL[0]=Image\nDOMU_KERNEL[1]=Image\n";
    struct xsmc_system *sys = read_cfg(cfg);
    assert_int_equal(sys->arch, XSMC_ARCH_ARM64);
    assert_int_equal(sys->ndoms, 3);
    assert_false(sys->doms[0].core.flags & XSMC_DOMF_CONSOLE); /* the classic dom0 */
    assert_true(sys->doms[1].core.flags & XSMC_DOMF_CONSOLE);
    assert_true(sys->doms[2].core.flags & XSMC_DOMF_CONSOLE);
    xsmc_system_free(sys);
    sys = read_cfg("XEN=xen\nBOOT_CMD=bootz\nNUM_DOMUS=1\nDOMU_KERNEL[0]=zImage\n");
    assert_int_equal(sys->arch, XSMC_ARCH_ARM32);
    xsmc_system_free(sys);
    sys = read_cfg("XEN=xen\nBOOT_CMD=booti\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n");
    assert_int_equal(sys->arch, XSMC_ARCH_ARM64);
    xsmc_system_free(sys);
}

/* Point 6: console_io passes for an ImageBuilder domU, as for a dom0less node. */
static void imagebuilder_domu_passes_console_io(void **state)
{
    (void)state;
    struct xsmc_system *sys = read_cfg("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n");
    struct xsmc_decision dec;
    struct xsmc_request rq = {.hook = XSMC_HOOK_console_io, .subop = 0 /* CONSOLEIO_write */,
                              .src = &sys->doms[0].core};
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &dec), 0);
    assert_true(dec.allow);
    rq.subop = 1; /* CONSOLEIO_read: only is_console (or PRIV) passes it */
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &dec), 0);
    assert_true(dec.allow);
    /* the same domain without is_console, as the reader gave it before: denied */
    struct xsmc_domain plain = sys->doms[0].core;
    plain.flags &= ~XSMC_DOMF_CONSOLE;
    rq.src = &plain;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &dec), 0);
    assert_false(dec.allow);
    xsmc_system_free(sys);
}

/* Point 4: XEN_POLICY is ImageBuilder's XSM policy module, not a misspelling. */
static void imagebuilder_xen_policy(void **state)
{
    (void)state;
    struct xsmc_system *sys = read_cfg("XEN=xen\nXEN_POLICY=xenpolicy\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n");
    assert_true(sys->xsm_policy);
    for (size_t i = 0; i < sys->ndiags; i++)
        assert_string_not_equal(sys->diags[i].rule, "ib-unknown-variable");
    xsmc_system_free(sys);
    sys = read_cfg("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n");
    assert_false(sys->xsm_policy);
    xsmc_system_free(sys);
}

static void dom0less_xsm_policy_module(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_module(blob, "dom0-kernel", "multiboot,kernel");
    tb_module(blob, "policy", "xen,xsm-policy");
    tb_end(blob, 0);
    struct xsmc_system *sys = read_blob();
    assert_true(sys->xsm_policy);
    xsmc_system_free(sys);
}


static size_t count_rule(const struct xsmc_system *sys, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0;
    return n;
}

/* A classic dom0 (kernel module outside any domain) with Xen's command line `bootargs`. */
static struct xsmc_system *classic_dom0(const char *bootargs)
{
    tb_begin(blob);
    fdt_property_string(blob, "xen,xen-bootargs", bootargs);
    tb_module(blob, "dom0-kernel", "multiboot,kernel");
    tb_end(blob, 0);
    return read_blob();
}

/*
 * Issue 13 point 10: without dom0_mem both readers give dom0 what Xen
 * gives it, 512 MiB with Xen's warning (arch/arm/domain_build.c:
 * construct_dom0; CONFIG_DOM0_MEM is empty in every defconfig).
 */
static void dom0_memory_without_dom0_mem(void **state)
{
    (void)state;
    struct xsmc_system *dt = classic_dom0("console=dtuart");
    struct xsmc_system *ib = read_cfg("XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"console=dtuart\"\n");
    assert_int_equal(dt->doms[0].memory_kb, 512 * 1024);
    assert_int_equal(ib->doms[0].memory_kb, 512 * 1024);
    assert_int_equal(count_rule(dt, "dom0-mem-default"), 1);
    assert_int_equal(count_rule(ib, "dom0-mem-default"), 1);
    xsmc_system_free(dt);
    xsmc_system_free(ib);
    dt = classic_dom0("console=dtuart dom0_mem=1G");
    ib = read_cfg("XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"console=dtuart dom0_mem=1G\"\n");
    assert_int_equal(dt->doms[0].memory_kb, 1024 * 1024);
    assert_int_equal(ib->doms[0].memory_kb, 1024 * 1024);
    assert_int_equal(count_rule(dt, "dom0-mem-default") + count_rule(ib, "dom0-mem-default"), 0);
    xsmc_system_free(dt);
    xsmc_system_free(ib);
}

/* A hyperlaunch domain whose domid Xen refuses keeps it: the error and the listing name one id. */
static void hyperlaunch_refused_domid_is_shown(void **state)
{
    (void)state;
    static const uint32_t ids[] = {0x7FF5, 5};
    for (size_t i = 0; i < 2; i++) {
        tb_hyperlaunch_domain(blob, "dom");
        fdt_property_u32(blob, "domid", ids[i]);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_finish(blob);
        struct xsmc_system *sys = read_blob();
        assert_int_equal(sys->doms[0].core.domid, ids[i]);
        assert_int_equal(count_rule(sys, "domid-reserved"), i == 0);
        if (i == 0)
            assert_non_null(strstr(sys->diags[0].message, "32757"));
        xsmc_system_free(sys);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dom0less_arch_from_cpus),
        cmocka_unit_test(dom0less_domains_are_console_domains),
        cmocka_unit_test(hyperlaunch_mode_is_the_guest_type),
        cmocka_unit_test(imagebuilder_platform_and_consoles),
        cmocka_unit_test(imagebuilder_domu_passes_console_io),
        cmocka_unit_test(imagebuilder_xen_policy),
        cmocka_unit_test(dom0less_xsm_policy_module),
        cmocka_unit_test(dom0_memory_without_dom0_mem),
        cmocka_unit_test(hyperlaunch_refused_domid_is_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
