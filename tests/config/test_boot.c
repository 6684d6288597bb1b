/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What Xen's command line and build decide for the whole system (issue 13
 * point 5, issue 11 point 3): xsm= (xen/xsm/xsm_core.c:parse_xsm_param,
 * accepted only for modules the build has), the build's default module
 * (CONFIG_XSM_SILO_DEFAULT in arm64's defconfig), iommu= (xen/drivers/
 * passthrough/iommu.c: a boolean turns iommu_enable off; force/required
 * panics "Couldn't enable IOMMU and iommu=required/force" without one).
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

static size_t count(const struct xsmc_system *sys, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0;
    return n;
}

/*
 * A host tree (with /cpus) whose hardware domain is not direct-mapped,
 * with an SMMU node or not, and Xen's command line `bootargs`; read with
 * --iommu `opt`, not validated.
 */
static struct xsmc_system *host_read(const char *bootargs, int smmu, int opt)
{
    tb_begin(blob);
    if (bootargs)
        fdt_property_string(blob, "xen,xen-bootargs", bootargs);
    tb_domain(blob, "hwdom", 0x6, 0, 0, 0);
    tb_domain(blob, "domU1", TB_NO_CAPS, 0, 0, 0);
    fdt_end_node(blob); /* /chosen */
    fdt_begin_node(blob, "cpus");
    fdt_end_node(blob);
    if (smmu) {
        fdt_begin_node(blob, "iommu@fd800000");
        fdt_property_string(blob, "compatible", "arm,smmu-v3");
        fdt_property_u32(blob, "#iommu-cells", 1);
        fdt_end_node(blob);
    }
    fdt_end_node(blob);
    fdt_finish(blob);
    char err[512] = "";
    struct xsmc_load_opts opts = {.iommu = opt};
    struct xsmc_system *sys = xsmc_read_dtb("t.dtb", blob, fdt_totalsize(blob), &opts, err, sizeof(err));
    if (!sys)
        fail_msg("refused: %s", err);
    xsmc_config_apply_opts(sys, &opts);
    return sys;
}

/* The same, validated. */
static struct xsmc_system *host(const char *bootargs, int smmu, int opt)
{
    struct xsmc_system *sys = host_read(bootargs, smmu, opt);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    return sys;
}

static void iommu_off_on_the_command_line(void **state)
{
    (void)state;
    static const char *const off[] = {"console=dtuart iommu=no", "iommu=0", "iommu=off", "iommu=false",
                                      "no-iommu"};
    for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
        struct xsmc_system *sys = host(off[i], 1, XSMC_UNKNOWN);
        assert_int_equal(sys->iommu, XSMC_NO);
        assert_int_equal(count(sys, "hwdom-needs-iommu"), 1);
        assert_int_equal(xsmc_config_verdict(sys), XSMC_INVALID);
        xsmc_system_free(sys);
        /* --iommu says what the platform has; the command line still turns it off */
        sys = host(off[i], 1, XSMC_YES);
        assert_int_equal(sys->iommu, XSMC_NO);
        assert_int_equal(count(sys, "hwdom-needs-iommu"), 1);
        xsmc_system_free(sys);
    }
    struct xsmc_system *sys = host("console=dtuart", 1, XSMC_UNKNOWN);
    assert_int_equal(sys->iommu, XSMC_YES);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID);
    xsmc_system_free(sys);
}

static void iommu_required_without_one(void **state)
{
    (void)state;
    struct xsmc_system *sys = host("iommu=force", 0, XSMC_UNKNOWN); /* /cpus and no IOMMU node: none */
    assert_int_equal(count(sys, "iommu-required"), 1);
    xsmc_system_free(sys);
    sys = host("iommu=required", 1, XSMC_UNKNOWN);
    assert_int_equal(count(sys, "iommu-required"), 0);
    xsmc_system_free(sys);
    sys = host("iommu=off,force", 1, XSMC_UNKNOWN);
    assert_int_equal(count(sys, "iommu-required"), 1);
    xsmc_system_free(sys);
}

static void xsm_module_notes(void **state)
{
    (void)state;
    /* arm64's defconfig: SILO unless xsm= says otherwise */
    struct xsmc_system *sys = host("console=dtuart", 1, XSMC_UNKNOWN);
    assert_int_equal(xsmc_system_xsm_module(sys), XSMC_XSM_SILO);
    assert_int_equal(count(sys, "xsm-silo-default"), 1);
    assert_non_null(strstr(sys->diags[0].message, "Xen built this way applies SILO unless booted with xsm=dummy"));
    xsmc_system_free(sys);
    sys = host("xsm=dummy", 1, XSMC_UNKNOWN);
    assert_int_equal(xsmc_system_xsm_module(sys), XSMC_XSM_DUMMY);
    assert_int_equal(count(sys, "xsm-silo-default") + count(sys, "xsm-flask"), 0);
    xsmc_system_free(sys);
    sys = host("xsm=silo", 1, XSMC_UNKNOWN);
    assert_int_equal(sys->xsm_boot, XSMC_XSM_SILO);
    assert_int_equal(count(sys, "xsm-silo-default"), 0);
    xsmc_system_free(sys);
    sys = host("xsm=flask", 1, XSMC_UNKNOWN);
    assert_int_equal(xsmc_system_xsm_module(sys), XSMC_XSM_FLASK);
    assert_int_equal(count(sys, "xsm-flask"), 1);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID); /* a note: Xen boots */
    xsmc_system_free(sys);
    /* a name Xen does not know: ignored, the default stays */
    sys = host("xsm=selinux", 1, XSMC_UNKNOWN);
    assert_int_equal(count(sys, "xsm-param-ignored"), 1);
    assert_int_equal(count(sys, "xsm-silo-default"), 1);
    xsmc_system_free(sys);
}

/* A build without Flask ignores xsm=flask (parse_xsm_param: -EINVAL) and keeps its default. */
static void xsm_flask_needs_the_build(void **state)
{
    (void)state;
    struct xsmc_system *sys = host_read("xsm=flask", 1, XSMC_UNKNOWN);
    struct xsmc_kconfig k = sys->kconfig;
    k.on[XSMC_K_XSM_FLASK / 64] &= ~(1ull << (XSMC_K_XSM_FLASK % 64));
    assert_int_equal(xsmc_system_set_platform(sys, XSMC_ARCH_ARM64, &k), 0);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    assert_int_equal(xsmc_system_xsm_module(sys), XSMC_XSM_SILO);
    assert_int_equal(count(sys, "xsm-param-ignored"), 1);
    assert_int_equal(count(sys, "xsm-flask"), 0);
    assert_int_equal(count(sys, "xsm-silo-default"), 1);
    xsmc_system_free(sys);
    /* without CONFIG_XSM there is no xsm= at all: the default policy */
    sys = host_read("xsm=silo", 1, XSMC_UNKNOWN);
    k = sys->kconfig;
    k.on[XSMC_K_XSM / 64] &= ~(1ull << (XSMC_K_XSM % 64));
    assert_int_equal(xsmc_system_set_platform(sys, XSMC_ARCH_ARM64, &k), 0);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    assert_int_equal(xsmc_system_xsm_module(sys), XSMC_XSM_DUMMY);
    assert_int_equal(count(sys, "xsm-param-ignored"), 1);
    assert_int_equal(count(sys, "xsm-silo-default"), 0);
    xsmc_system_free(sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iommu_off_on_the_command_line),
        cmocka_unit_test(iommu_required_without_one),
        cmocka_unit_test(xsm_module_notes),
        cmocka_unit_test(xsm_flask_needs_the_build),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
