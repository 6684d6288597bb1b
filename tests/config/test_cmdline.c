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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_and_vcpus),
        cmocka_unit_test(llc_coloring_booleans),
        cmocka_unit_test(gnttab_max_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
