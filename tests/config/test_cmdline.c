/* SPDX-License-Identifier: GPL-2.0-only */
/* The Xen command-line options a dom0less tree's meaning depends on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "xsmcap/system.h"
#include "cmdline.h"

static void sizes_and_vcpus(void **state)
{
    (void)state;
    struct xen_cmdline c;
    xsmc_parse_xen_cmdline("console=dtuart dom0_mem=1G dom0_max_vcpus=2", &c);
    assert_int_equal(c.dom0_mem_kb, 1024 * 1024);
    assert_int_equal(c.dom0_vcpus, 2);
    assert_int_equal(c.llc_coloring, XSMC_NO);
    xsmc_parse_xen_cmdline("dom0_mem=256M dom0_max_vcpus=1-4", &c);
    assert_int_equal(c.dom0_mem_kb, 256 * 1024);
    assert_int_equal(c.dom0_vcpus, 4);
    xsmc_parse_xen_cmdline("dom0_mem=4096", &c);
    assert_int_equal(c.dom0_mem_kb, 4096);
    xsmc_parse_xen_cmdline("dom0_mem=99999999999T", &c);
    assert_true(c.dom0_mem_kb == UINT64_MAX);
}

static void llc_coloring_booleans(void **state)
{
    (void)state;
    struct xen_cmdline c;
    xsmc_parse_xen_cmdline("sched=null llc-coloring=on dom0-llc-colors=2-6", &c);
    assert_int_equal(c.llc_coloring, XSMC_YES);
    xsmc_parse_xen_cmdline("llc-coloring", &c);
    assert_int_equal(c.llc_coloring, XSMC_YES);
    xsmc_parse_xen_cmdline("llc-coloring=0", &c);
    assert_int_equal(c.llc_coloring, XSMC_NO);
    xsmc_parse_xen_cmdline("llc-coloring=maybe", &c);
    assert_int_equal(c.llc_coloring, XSMC_UNKNOWN);
    xsmc_parse_xen_cmdline(NULL, &c);
    assert_int_equal(c.dom0_mem_kb, 0);
    assert_int_equal(c.llc_coloring, XSMC_NO);
}

/* parse_gnttab: max-ver:N (or max_ver:N) in a comma list; N outside 1..2 is refused. */
static void gnttab_max_version(void **state)
{
    (void)state;
    struct xen_cmdline c;
    xsmc_parse_xen_cmdline("console=dtuart", &c);
    assert_int_equal(c.gnttab_max_version, 2);
    xsmc_parse_xen_cmdline("gnttab=transitive,max-ver:1", &c);
    assert_int_equal(c.gnttab_max_version, 1);
    xsmc_parse_xen_cmdline("gnttab=max_ver:1,transfer=0 dom0_mem=1G", &c);
    assert_int_equal(c.gnttab_max_version, 1);
    xsmc_parse_xen_cmdline("gnttab=max-ver:3", &c);
    assert_int_equal(c.gnttab_max_version, 2);
    xsmc_parse_xen_cmdline("gnttab=max-ver:12", &c);
    assert_int_equal(c.gnttab_max_version, 2);
}

/* xsm_core.c:parse_xsm_param compares whole names; anything else is -EINVAL and changes nothing. */
static void xsm_module(void **state)
{
    (void)state;
    struct xen_cmdline c;
    xsmc_parse_xen_cmdline("console=dtuart", &c);
    assert_int_equal(c.xsm, XSMC_XSM_UNSET);
    assert_string_equal(c.xsm_unknown, "");
    xsmc_parse_xen_cmdline("xsm=flask flask=enforcing", &c);
    assert_int_equal(c.xsm, XSMC_XSM_FLASK);
    xsmc_parse_xen_cmdline("xsm=silo", &c);
    assert_int_equal(c.xsm, XSMC_XSM_SILO);
    xsmc_parse_xen_cmdline("xsm=dummy", &c);
    assert_int_equal(c.xsm, XSMC_XSM_DUMMY);
    /* the last valid choice stays; an unknown name is remembered for the warning */
    xsmc_parse_xen_cmdline("xsm=silo xsm=sillo", &c);
    assert_int_equal(c.xsm, XSMC_XSM_SILO);
    assert_string_equal(c.xsm_unknown, "sillo");
    xsmc_parse_xen_cmdline("xsm=FLASK", &c);
    assert_int_equal(c.xsm, XSMC_XSM_UNSET);
    assert_string_equal(c.xsm_unknown, "FLASK");
    xsmc_parse_xen_cmdline("xsm", &c); /* no value: not parsed as a module */
    assert_int_equal(c.xsm, XSMC_XSM_UNSET);
}

/*
 * iommu.c:parse_iommu_param: a comma list where a plain boolean sets
 * iommu_enable and force/required (parse_boolean: NAME, no-NAME, NAME=b)
 * set force_iommu; kernel.c hands "no-iommu" to the parser as "no".
 */
static void iommu_switches(void **state)
{
    (void)state;
    struct xen_cmdline c;
    static const char *const off[] = {"iommu=no", "iommu=0", "iommu=off", "iommu=false",
                                      "iommu=disable", "no-iommu", "iommu=verbose,0"};
    for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
        xsmc_parse_xen_cmdline(off[i], &c);
        assert_int_equal(c.iommu, XSMC_NO);
    }
    xsmc_parse_xen_cmdline("console=dtuart", &c);
    assert_int_equal(c.iommu, XSMC_UNKNOWN);
    assert_false(c.iommu_force);
    xsmc_parse_xen_cmdline("iommu=1", &c);
    assert_int_equal(c.iommu, XSMC_YES);
    xsmc_parse_xen_cmdline("iommu=force", &c);
    assert_int_equal(c.iommu, XSMC_UNKNOWN);
    assert_true(c.iommu_force);
    xsmc_parse_xen_cmdline("iommu=required=1,debug", &c);
    assert_true(c.iommu_force);
    xsmc_parse_xen_cmdline("iommu=force,no-force", &c);
    assert_false(c.iommu_force);
    xsmc_parse_xen_cmdline("iommu=no-forced", &c); /* not the name force: ignored */
    assert_false(c.iommu_force);
    xsmc_parse_xen_cmdline("iommu=off,force", &c);
    assert_int_equal(c.iommu, XSMC_NO);
    assert_true(c.iommu_force);
    xsmc_parse_xen_cmdline("iommus=off", &c); /* another parameter */
    assert_int_equal(c.iommu, XSMC_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xsm_module),
        cmocka_unit_test(iommu_switches),
        cmocka_unit_test(sizes_and_vcpus),
        cmocka_unit_test(llc_coloring_booleans),
        cmocka_unit_test(gnttab_max_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
