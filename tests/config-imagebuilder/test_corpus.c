/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The corpus .cfg files resolve to the domains their headers and
 * corpus/EXPECTED.tsv describe, with the quirks reported as warnings, and
 * pass Xen's boot rules under the upstream profile.
 */
#include "ib_test.h"

static const char *corpus_dir;

struct want_dom {
    const char *name;
    uint32_t domid, caps;
    uint64_t memory_kb;
    int xenstore_requested;
    size_t ndevices;
};

static struct xsmc_system *load(const char *file, int iommu)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", corpus_dir, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof(text), f);
    fclose(f);
    struct xsmc_load_opts opts = {.iommu = iommu};
    struct xsmc_system *sys = xsmc_read_imagebuilder(file, text, len, &opts, ib_err, sizeof(ib_err));
    if (!sys)
        fail_msg("%s rejected: %s", file, ib_err);
    assert_int_equal(sys->kind, XSMC_SRC_IMAGEBUILDER);
    return sys;
}

static void expect_domains(const struct xsmc_system *sys, const struct want_dom *want, size_t n)
{
    assert_int_equal(sys->ndoms, n);
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        assert_string_equal(d->name, want[i].name);
        assert_int_equal(d->core.domid, want[i].domid);
        assert_int_equal(d->core.caps, want[i].caps);
        assert_int_equal(d->memory_kb, want[i].memory_kb);
        assert_int_equal(d->xenstore_requested, want[i].xenstore_requested);
        assert_int_equal(d->ndevices, want[i].ndevices);
        assert_true(d->has_kernel);
    }
}

static void expect(struct xsmc_system *sys, const struct want_dom *want, size_t n, size_t warnings)
{
    expect_domains(sys, want, n);
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
    assert_int_equal(xsmc_system_count(sys, XSMC_WARNING), warnings);
    /* EXPECTED.tsv: valid under upstream */
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
    xsmc_system_free(sys);
}

#define ALL (XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE)
#define MB(n) ((uint64_t)(n) * 1024)

static void test_hwdom_control_split(void **state)
{
    (void)state;
    struct xsmc_system *sys = load("real-imagebuilder-xen-ci-hwdom-control-split.cfg", XSMC_YES);
    /* NUM_DOMUS=1 then 3: bash keeps 3 */
    const struct xsmc_diag *g = ib_diag(sys, "ib-reassigned", 0);
    assert_non_null(g);
    assert_string_equal(g->where, "line 34");
    assert_string_equal(sys->doms[1].where, "line 24");
    static const struct want_dom want[] = {
        {"domU0", 1, 0, MB(256), 0, 0},
        {"domU1", 2, XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE, MB(700), 0, 0},
        {"domU2", 3, XSMC_CAP_CONTROL, MB(700), 1, 0},
    };
    expect(sys, want, 3, 1);
}

static void test_calinyara_domudomu(void **state)
{
    (void)state;
    struct xsmc_system *sys = load("real-imagebuilder-calinyara-domudomu.cfg", XSMC_UNKNOWN);
    assert_string_equal(ib_diag(sys, "ib-reassigned", 0)->where, "line 20");
    assert_non_null(strstr(ib_diag(sys, "ib-reassigned", 0)->message, "DOMU_CMD[0]"));
    assert_string_equal(ib_diag(sys, "ib-reassigned", 1)->where, "line 22");
    assert_non_null(strstr(ib_diag(sys, "ib-reassigned", 1)->message, "DOMU_MEM[1]"));
    /* the generated script in the same repository: 512 MB and 1024 MB */
    static const struct want_dom want[] = {
        {"domU0", 1, 0, MB(512), 0, 0},
        {"domU1", 2, 0, MB(1024), 0, 0},
    };
    expect(sys, want, 2, 2);
}

static void test_qemu_smoke(void **state)
{
    (void)state;
    struct xsmc_system *sys = load("real-imagebuilder-xen-ci-qemu-smoke-dom0less-arm64.cfg", XSMC_UNKNOWN);
    assert_int_equal(ib_count(sys, "ib-unused"), 3); /* DOMU_*[1] with NUM_DOMUS=1 */
    assert_string_equal(ib_diag(sys, "ib-unused", 0)->where, "line 22");
    assert_true(sys->doms[0].classic_dom0);
    static const struct want_dom want[] = {
        {"dom0", 0, ALL, MB(512), 0, 0},
        {"domU0", 1, 0, MB(256), 1, 0}, /* xen,enhanced by default when dom0 exists */
    };
    expect(sys, want, 2, 3);
}

static void test_xilinx_gem_passthrough(void **state)
{
    (void)state;
    struct xsmc_system *sys = load("real-imagebuilder-xen-ci-xilinx-gem-passthrough.cfg", XSMC_YES);
    assert_string_equal(sys->doms[1].devices[0].path, "/amba/ethernet@ff0e0000");
    assert_true(sys->doms[1].boot.given & XSMC_BOOT_PARTIAL_DT);
    static const struct want_dom want[] = {
        {"dom0", 0, ALL, MB(1024), 0, 0},
        {"domU0", 1, 0, MB(1024), 1, 1},
    };
    expect(sys, want, 2, 0);
}

static void test_readme_example(void **state)
{
    (void)state;
    struct xsmc_system *sys = load("real-imagebuilder-readme-example.cfg", XSMC_UNKNOWN);
    /* DOM0_MEM and DOM0_VCPUS beside XEN_CMD: ImageBuilder writes no boot script */
    assert_int_equal(ib_count(sys, "ib-xen-cmd-dom0-params"), 2);
    assert_true(sys->doms[1].boot.given & XSMC_BOOT_PARTIAL_DT); /* PASSTHROUGH_DTS_REPO */
    assert_int_equal(ib_count(sys, "ib-colors"), 1); /* DOMU_COLORS without llc-coloring=on */
    assert_int_equal(sys->doms[0].cpus, 1);
    static const struct want_dom want[] = {
        {"dom0", 0, ALL, MB(1024), 0, 0},
        {"domU0", 1, 0, MB(512), 1, 2},
        {"domU1", 2, 0, MB(512), 1, 0},
    };
    expect_domains(sys, want, 3);
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 2);
    assert_int_equal(xsmc_system_count(sys, XSMC_WARNING), 1);
    xsmc_system_free(sys);
}

int main(int argc, char **argv)
{
    corpus_dir = argc > 1 ? argv[1] : "tests/corpus";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hwdom_control_split),
        cmocka_unit_test(test_calinyara_domudomu),
        cmocka_unit_test(test_qemu_smoke),
        cmocka_unit_test(test_xilinx_gem_passthrough),
        cmocka_unit_test(test_readme_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
