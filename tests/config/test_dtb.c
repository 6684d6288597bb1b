/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device-tree readers and Xen's boot-time rules, on trees built in
 * memory (tests/config/dt_builder.h) and on corpus files (argv[1]).
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

static const char *corpus_dir = "tests/corpus";
static char blob[TB_SIZE];

static struct xsmc_system *read_blob(const void *b, size_t len, char *err, size_t errlen)
{
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    /* an exact-size copy, so ASan sees a read past the end */
    void *copy = malloc(len ? len : 1);
    memcpy(copy, b, len);
    struct xsmc_system *sys = xsmc_read_dtb("test.dtb", copy, len, &opts, err, errlen);
    free(copy);
    return sys;
}

static struct xsmc_system *read_built(void)
{
    char err[512] = "";
    struct xsmc_system *sys = read_blob(blob, fdt_totalsize(blob), err, sizeof(err));
    if (!sys)
        fail_msg("reader refused a built tree: %s", err);
    return sys;
}

static struct xsmc_system *load_corpus(const char *name, int iommu)
{
    char path[1024], err[512] = "";
    snprintf(path, sizeof(path), "%s/%s", corpus_dir, name);
    struct xsmc_load_opts opts = {.iommu = iommu};
    struct xsmc_system *sys = xsmc_config_load(path, &opts, err, sizeof(err));
    if (!sys)
        fail_msg("%s: %s", name, err);
    xsmc_config_apply_opts(sys, &opts);
    return sys;
}

static size_t count_rule(const struct xsmc_system *sys, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0;
    return n;
}

static void expect_dom(const struct xsmc_system *sys, size_t i, uint32_t domid, const char *name,
                       uint32_t caps)
{
    assert_true(i < sys->ndoms);
    assert_int_equal(sys->doms[i].core.domid, domid);
    assert_string_equal(sys->doms[i].name, name);
    assert_int_equal(sys->doms[i].core.caps, caps);
}

/* Acceptance: the arrangement tested with the original patch, Arm form. */
static void arm_split_hwdom_xenstore_plus_control(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("synthetic-arm-split-hwdom-xenstore-plus-control.dts", XSMC_YES);
    assert_int_equal(sys->kind, XSMC_SRC_DOM0LESS);
    assert_int_equal(sys->ndoms, 3);
    expect_dom(sys, 0, 1, "hwdom", XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE);
    expect_dom(sys, 1, 2, "control", XSMC_CAP_CONTROL);
    expect_dom(sys, 2, 3, "domU1", 0);
    assert_string_equal(sys->doms[0].where, "/chosen/hwdom");
    assert_int_equal(sys->doms[0].memory_kb, 0xaf000);
    assert_int_equal(sys->doms[0].cpus, 2);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    xsmc_system_free(sys);
}

/* Acceptance: the same arrangement as x86 hyperlaunch (v6 layout). */
static void x86_hyperlaunch_hwxs_dom0_control_dom3(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("synthetic-x86-hyperlaunch-hwxs-dom0-control-dom3.dts", XSMC_UNKNOWN);
    assert_int_equal(sys->kind, XSMC_SRC_HYPERLAUNCH);
    assert_int_equal(sys->ndoms, 2);
    expect_dom(sys, 0, 0, "dom0", XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE);
    expect_dom(sys, 1, 3, "control", XSMC_CAP_CONTROL);
    assert_int_equal(sys->doms[0].memory_kb, 0x200000);
    assert_int_equal(sys->doms[1].cpus, 1);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    assert_int_equal(count_rule(sys, "hl-single-domain"), 1);
    xsmc_system_free(sys);
}

static void classic_dom0_is_d0_with_all_caps(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("synthetic-arm-classic-dom0-implicit-all-caps.dts", XSMC_UNKNOWN);
    assert_int_equal(sys->ndoms, 2);
    expect_dom(sys, 0, 0, "dom0", XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE);
    assert_true(sys->doms[0].classic_dom0);
    assert_int_equal(sys->doms[0].memory_kb, 1024 * 1024); /* dom0_mem=1G */
    assert_int_equal(sys->doms[0].cpus, 2);                 /* dom0_max_vcpus=2 */
    expect_dom(sys, 1, 1, "domU1", 0);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    xsmc_system_free(sys);
}

static void dom0less_ids_never_start_at_zero(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("synthetic-arm-dom0less-explicit-all-caps.dts", XSMC_YES);
    expect_dom(sys, 0, 1, "dom0", 0x7);
    expect_dom(sys, 1, 2, "domU1", 0);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    xsmc_system_free(sys);
}

static void overlay_and_fragment(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("real-epam-meta-xt-rpi5-bcm2712-raspberrypi5-xen.dtso", XSMC_UNKNOWN);
    assert_int_equal(sys->ndoms, 2);
    expect_dom(sys, 0, 0, "dom0", 0x7);
    expect_dom(sys, 1, 1, "domD", 0);
    assert_int_equal(sys->doms[1].boot.static_mem_kb, 512 * 1024);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    assert_int_equal(count_rule(sys, "module-not-registered"), 1); /* the xenpolicy typo */
    xsmc_system_free(sys);
    sys = load_corpus("real-epam-meta-xt-rcar-gen4-xen-chosen.dtsi", XSMC_UNKNOWN);
    assert_int_equal(sys->ndoms, 1);
    expect_dom(sys, 0, 0, "dom0", 0x7);
    assert_string_equal(sys->doms[0].where, "/chosen/modules/module@1");
    assert_int_equal(sys->doms[0].memory_kb, 256 * 1024);
    xsmc_system_free(sys);
}

static void partial_device_tree_is_described(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_corpus("real-xilinx-passthrough-zcu102-ethernet-ff0e0000.dts", XSMC_UNKNOWN);
    assert_int_equal(sys->kind, XSMC_SRC_PARTIAL_DT);
    assert_int_equal(sys->ndoms, 0);
    assert_int_equal(count_rule(sys, "partial-dt"), 2);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    xsmc_system_free(sys);
}

static void dtc_error_names_file_and_line(void **state)
{
    (void)state;
    char path[1024], err[512] = "";
    snprintf(path, sizeof(path), "%s/real-xen-docs-cache-coloring-BROKEN.dts", corpus_dir);
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    assert_null(xsmc_config_load(path, &opts, err, sizeof(err)));
    assert_non_null(strstr(err, "BROKEN.dts:10.19-77: error: [dtc-failed] syntax error"));
    assert_null(strchr(err, '\n'));
}

static void dtc_missing_is_a_clear_error(void **state)
{
    (void)state;
    char path[1024], err[512] = "";
    const char *saved = getenv("PATH");
    char *copy = saved ? strdup(saved) : NULL;
    snprintf(path, sizeof(path), "%s/real-xen-docs-booting-two-domUs.dts", corpus_dir);
    setenv("PATH", "/nonexistent", 1);
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    struct xsmc_system *sys = xsmc_config_load(path, &opts, err, sizeof(err));
    if (copy)
        setenv("PATH", copy, 1);
    free(copy);
    assert_null(sys);
    assert_non_null(strstr(err, "[dtc-missing]"));
}

/* Each malformed blob: NULL, one line, the rule named. */
static void expect_refused(const void *b, size_t len, const char *rule)
{
    char err[512] = "";
    struct xsmc_system *sys = read_blob(b, len, err, sizeof(err));
    if (sys) {
        xsmc_system_free(sys);
        fail_msg("accepted a blob that should fail with %s", rule);
    }
    assert_non_null(strstr(err, rule));
    assert_null(strchr(err, '\n'));
}

static void build_small(void)
{
    tb_begin(blob);
    tb_domain(blob, "domU1", TB_NO_CAPS, 0, 0, 0);
    tb_end(blob, 0);
    fdt_pack(blob);
}

static void malformed_blobs_are_refused(void **state)
{
    (void)state;
    build_small();
    size_t len = fdt_totalsize(blob);
    char bad[TB_SIZE];
    expect_refused(blob, len / 2, "[dtb-malformed] truncated");
    expect_refused(blob, 10, "[dtb-malformed] 10 bytes is shorter");
    memcpy(bad, blob, len);
    bad[0] = 0x12;
    expect_refused(bad, len, "[dtb-malformed] not a device-tree blob (bad magic)");
    memcpy(bad, blob, len);
    fdt_set_totalsize(bad, 0x7fffffff);
    expect_refused(bad, len, "[dtb-malformed] truncated");
    memcpy(bad, blob, len);
    fdt_set_off_dt_struct(bad, (uint32_t)len + 64);
    expect_refused(bad, len, "[dtb-malformed] truncated");
    memcpy(bad, blob, len);
    fdt_set_off_dt_strings(bad, fdt_off_dt_struct(bad) + 8);
    expect_refused(bad, len, "[dtb-malformed] blocks overlap");
    memcpy(bad, blob, len);
    fdt_set_size_dt_struct(bad, 0xfffffff0u);
    expect_refused(bad, len, "[dtb-malformed] truncated");
    expect_refused(blob, 0, "[dtb-malformed]");
    memcpy(bad, blob, len);
    /* the root's first property: a length that wraps libfdt back to the same tag (a loop) */
    fdt32_t wrap = cpu_to_fdt32(0xfffffff4u);
    memcpy(bad + fdt_off_dt_struct(bad) + 12, &wrap, 4);
    expect_refused(bad, len, "[dtb-malformed] corrupt structure");
    memcpy(bad, blob, len);
    fdt_set_version(bad, 8); /* libfdt 1.6's fdt_check_full crashes on old versions (found by fuzzing) */
    fdt_set_last_comp_version(bad, 0);
    expect_refused(bad, len, "[dtb-malformed] device-tree version 8");
}

static void structure_without_end_is_refused(void **state)
{
    (void)state;
    build_small();
    size_t len = fdt_totalsize(blob);
    char bad[TB_SIZE];
    memcpy(bad, blob, len);
    /* turn the final FDT_END into FDT_BEGIN_NODE: nodes left open */
    uint32_t end_off = fdt_off_dt_struct(bad) + fdt_size_dt_struct(bad) - 4;
    fdt32_t tag = cpu_to_fdt32(FDT_BEGIN_NODE);
    memcpy(bad + end_off, &tag, 4);
    expect_refused(bad, len, "[dtb-malformed]");
}

static void deep_nesting_hits_the_limit(void **state)
{
    (void)state;
    fdt_create(blob, TB_SIZE);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    for (int i = 0; i < 40; i++)
        fdt_begin_node(blob, "n");
    for (int i = 0; i < 40; i++)
        fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_finish(blob);
    expect_refused(blob, fdt_totalsize(blob), "[dtb-limit]");
}

static void too_many_domains(void **state)
{
    (void)state;
    size_t size = 8u << 20;
    char *big = malloc(size);
    char name[16];
    fdt_create(big, (int)size);
    fdt_finish_reservemap(big);
    fdt_begin_node(big, "");
    fdt_begin_node(big, "chosen");
    for (unsigned i = 0; i < XSMC_MAX_DOMAINS; i++) {
        snprintf(name, sizeof(name), "d%u", i);
        fdt_begin_node(big, name);
        fdt_property_string(big, "compatible", "xen,domain");
        fdt_end_node(big);
    }
    fdt_end_node(big);
    fdt_end_node(big);
    assert_int_equal(fdt_finish(big), 0);
    expect_refused(big, fdt_totalsize(big), "[domid-exhausted]");
    free(big);
}

static void not_a_boot_config(void **state)
{
    (void)state;
    fdt_create(blob, TB_SIZE);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    fdt_end_node(blob);
    fdt_finish(blob);
    expect_refused(blob, fdt_totalsize(blob), "[dtb-not-config]");
}

/* Every hardware-domain rule at once: all reported, none stops the others. */
static void hwdom_rules_all_reported(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "hw", 0x2, TB_PASSTHROUGH | TB_PARTIAL_DT | TB_NR_SPIS, 0, 0);
    tb_domain(blob, "hw2", 0x6, TB_DIRECT_MAP | TB_STATIC_MEM, 0, 0);
    tb_domain(blob, "xs2", 0x4, TB_DIRECT_MAP, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(sys->iommu, XSMC_UNKNOWN);
    int errors = xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    assert_int_equal(count_rule(sys, "passthrough-on-hwdom"), 1);
    assert_int_equal(count_rule(sys, "partial-dt-on-hwdom"), 1);
    assert_int_equal(count_rule(sys, "nr-spis-on-hwdom"), 1);
    /* hw is not direct-mapped and nobody says whether there is an IOMMU; hw2 is direct-mapped */
    assert_int_equal(count_rule(sys, "hwdom-iommu-unknown"), 1);
    assert_int_equal(count_rule(sys, "hwdom-needs-iommu"), 0);
    assert_int_equal(count_rule(sys, "hwdom-duplicate"), 1);
    assert_int_equal(count_rule(sys, "xenstore-duplicate"), 1);
    assert_int_equal(count_rule(sys, "direct-map-without-static-mem"), 1);
    assert_int_equal(errors, 6);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_INVALID);
    xsmc_system_free(sys);
}

static void iommu_in_tree_satisfies_hwdom(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "hw", 0x7, 0, 0, 0);
    tb_end(blob, 1);
    struct xsmc_system *sys = read_built();
    assert_int_equal(sys->iommu, XSMC_YES);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    /* --iommu no overrides what the file says */
    struct xsmc_load_opts opts = {.iommu = XSMC_NO};
    xsmc_config_apply_opts(sys, &opts);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 1);
    assert_int_equal(count_rule(sys, "hwdom-needs-iommu"), 1);
    xsmc_system_free(sys);
}

/* Xen's whole-tree search: a later domain's partial DT reaches the hwdom. */
static void partial_dt_quirk(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "hw", 0x7, 0, 0, 0);
    tb_domain(blob, "domU1", TB_NO_CAPS, TB_PARTIAL_DT, 0, 0);
    tb_end(blob, 1);
    struct xsmc_system *sys = read_built();
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 1);
    assert_int_equal(count_rule(sys, "partial-dt-on-hwdom"), 1);
    xsmc_system_free(sys);
    tb_begin(blob);
    tb_domain(blob, "domU1", TB_NO_CAPS, TB_PARTIAL_DT, 0, 0);
    tb_domain(blob, "hw", 0x7, 0, 0, 0);
    tb_end(blob, 1);
    sys = read_built();
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    xsmc_system_free(sys);
}

static void domain_node_rules(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "a", TB_NO_CAPS, TB_NO_CPUS | TB_NO_MEMORY | TB_NO_KERNEL, 0, 0);
    tb_domain(blob, "b", TB_NO_CAPS, TB_SHORT_CPUS | TB_TRAP_2 | TB_ENHANCED, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_rule(sys, "prop-short"), 1);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    assert_int_equal(count_rule(sys, "cpus-missing"), 2);
    assert_int_equal(count_rule(sys, "memory-missing"), 1);
    assert_int_equal(count_rule(sys, "kernel-missing"), 1);
    assert_int_equal(count_rule(sys, "trap-unmapped-invalid"), 1);
    assert_int_equal(count_rule(sys, "xenstore-missing"), 1);
    xsmc_system_free(sys);
}

/* A classic dom0 is the hardware and xenstore domain: a node asking again is refused. */
static void classic_dom0_counts(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_module(blob, "module@40000000", "multiboot,kernel");
    tb_domain(blob, "hw", 0x6, TB_ENHANCED, 0, 0);
    tb_end(blob, 1);
    struct xsmc_system *sys = read_built();
    expect_dom(sys, 0, 0, "dom0", 0x7);
    expect_dom(sys, 1, 1, "hw", 0x6);
    xsmc_validate(sys, XSMC_PROFILE_UPSTREAM);
    assert_int_equal(count_rule(sys, "hwdom-duplicate"), 1);
    assert_int_equal(count_rule(sys, "xenstore-duplicate"), 1);
    assert_int_equal(count_rule(sys, "xenstore-missing"), 0);
    xsmc_system_free(sys);
}

/* Capability bits are checked against the profile's definitions. */
static void capability_bits_per_profile(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "hw", 0xe, 0, 0, 0);
    tb_domain(blob, "safety", TB_NO_CAPS, TB_UNTARGETABLE, 0, 0);
    tb_domain(blob, "odd", 0x21, 0, 0, 0);
    tb_end(blob, 1);
    static const struct {
        enum xsmc_profile p;
        size_t caps_invalid, untargetable;
    } want[] = {
        {XSMC_PROFILE_UPSTREAM, 2, 1},
        {XSMC_PROFILE_HWPRIV, 2, 1},
        {XSMC_PROFILE_HWPRIV_DM, 1, 1},
        {XSMC_PROFILE_HWPRIV_V2, 1, 0},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct xsmc_system *sys = read_built();
        xsmc_validate(sys, want[i].p);
        assert_int_equal(count_rule(sys, "caps-invalid"), want[i].caps_invalid);
        assert_int_equal(count_rule(sys, "untargetable-unknown"), want[i].untargetable);
        assert_true(sys->doms[1].core.caps & XSMC_CAP_NOT_HYPERCALL_TARGET);
        xsmc_system_free(sys);
    }
}

static void target_property_and_option(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "guest", TB_NO_CAPS, 0, 7, 0);
    tb_domain(blob, "dm", TB_NO_CAPS, 0, 0, 7);
    tb_domain(blob, "self", TB_NO_CAPS, 0, 9, 9);
    tb_domain(blob, "dangling", TB_NO_CAPS, 0, 0, 0x55);
    tb_domain(blob, "other", TB_NO_CAPS, 0, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_string_equal(sys->doms[1].target_name, "guest");
    assert_int_equal(sys->doms[1].core.target, 1);
    assert_int_equal(count_rule(sys, "target-bad"), 2);
    struct xsmc_target_opt ok = {"other", "guest"}, twice = {"dm", "other"}, unknown = {"nobody", "guest"};
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN, .targets = &ok, .ntargets = 1};
    assert_int_equal(xsmc_config_apply_opts(sys, &opts), 0);
    assert_int_equal(sys->doms[4].core.target, 1);
    opts.targets = &twice;
    assert_int_equal(xsmc_config_apply_opts(sys, &opts), 1);
    assert_int_equal(count_rule(sys, "target-twice"), 1);
    opts.targets = &unknown;
    assert_int_equal(xsmc_config_apply_opts(sys, &opts), 1);
    assert_int_equal(count_rule(sys, "target-unknown-domain"), 1);
    xsmc_system_free(sys);
}

static void evtchn_node(void *buf, const char *name, uint32_t phandle, uint32_t peer)
{
    fdt_begin_node(buf, name);
    fdt_property_string(buf, "compatible", "xen,evtchn-v1");
    fdt32_t v[2] = {cpu_to_fdt32(0xa), cpu_to_fdt32(peer)};
    fdt_property(buf, "xen,evtchn", v, sizeof(v));
    fdt_property_u32(buf, "phandle", phandle);
    fdt_end_node(buf);
}

/* xen,vcpu ids below cpus; static event channels in reciprocal pairs. */
static void vcpu_and_evtchn_rules(void **state)
{
    (void)state;
    tb_begin(blob);
    fdt_begin_node(blob, "domU1");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 2);
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_begin_node(blob, "vcpu0");
    fdt_property_string(blob, "compatible", "xen,vcpu");
    fdt_property_u32(blob, "id", 2);
    fdt_end_node(blob);
    fdt_begin_node(blob, "vcpu1");
    fdt_property_string(blob, "compatible", "xen,vcpu");
    fdt_end_node(blob);
    evtchn_node(blob, "ec1", 1, 2);  /* ec1 <-> ec2: a pair */
    evtchn_node(blob, "ec3", 3, 2);  /* ec3 -> ec2, but ec2 points at ec1 */
    evtchn_node(blob, "ec4", 4, 99); /* dangling */
    fdt_end_node(blob);
    fdt_begin_node(blob, "domU2");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    tb_module(blob, "kernel", "multiboot,kernel");
    evtchn_node(blob, "ec2", 2, 1);
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_rule(sys, "vcpu-invalid"), 2);
    assert_int_equal(count_rule(sys, "evtchn-invalid"), 2);
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0); /* reader errors stay counted */
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 4);
    xsmc_system_free(sys);
}

/* A domain node with one u32 property beyond the builder's defaults. */
static void domain_with(const char *name, const char *prop, uint32_t value)
{
    fdt_begin_node(blob, name);
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    fdt_property_u32(blob, prop, value);
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_end_node(blob);
}

/* Grant limits: parse_dom0less_node, then grant_table_init under gnttab=max-ver:1. */
static void grant_table_rules(void **state)
{
    (void)state;
    tb_begin(blob);
    fdt_property_string(blob, "xen,xen-bootargs", "console=dtuart gnttab=max-ver:1");
    domain_with("frames", "max_grant_frames", 0x80000000u);
    domain_with("maptrack", "max_maptrack_frames", 0xffffffffu);
    domain_with("maptrack-ok", "max_maptrack_frames", 0x7fffffffu);
    domain_with("no-frames", "max_grant_frames", 0);
    domain_with("version0", "max_grant_version", 0x10); /* masked to 0 */
    domain_with("version2", "max_grant_version", 2);    /* above max-ver:1 */
    domain_with("version1", "max_grant_version", 0x11); /* masked to 1 */
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_rule(sys, "grant-frames-overflow"), 2);
    assert_int_equal(count_rule(sys, "grant-table-invalid"), 3);
    assert_int_equal(sys->ndiags, 5);
    for (size_t i = 0; i < sys->ndiags; i++)
        assert_null(strstr(sys->diags[i].where, "-ok"));
    assert_string_equal(sys->diags[4].where, "/chosen/version2");
    assert_non_null(strstr(sys->diags[4].message, "greater than supported (1)"));
    xsmc_system_free(sys);
}

/* sve: a multiple of 128 up to 2048; Xen's int and uint8_t make two quirks. */
static void sve_rules(void **state)
{
    (void)state;
    tb_begin(blob);
    domain_with("ok-512", "sve", 512);
    domain_with("ok-2048", "sve", 2048);
    domain_with("ok-off", "sve", 0);
    domain_with("odd", "sve", 100);
    domain_with("too-long", "sve", 4096);     /* stored as 32 * 128 */
    domain_with("wraps-to-0", "sve", 32768);  /* 256 * 128: the uint8_t keeps 0 */
    domain_with("negative", "sve", 0x80000000u);
    fdt_begin_node(blob, "short");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    fdt_property(blob, "sve", "\0\1", 2);
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_end_node(blob);
    fdt_begin_node(blob, "ok-empty");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    fdt_property(blob, "sve", NULL, 0);
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_rule(sys, "sve-invalid"), 3);
    assert_int_equal(count_rule(sys, "sve-quirk"), 2);
    assert_int_equal(sys->ndiags, 5);
    static const char *const where[] = {"/chosen/odd", "/chosen/too-long", "/chosen/wraps-to-0", "/chosen/negative",
                                        "/chosen/short"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(sys->diags[i].where, where[i]);
    assert_non_null(strstr(sys->diags[2].message, "that is no SVE"));
    xsmc_system_free(sys);
}

static void spec_and_builtin_pass_role_rules_only(void **state)
{
    (void)state;
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 0);
    /* arm64's defconfig makes SILO Xen's default module, which nothing chose here */
    assert_int_equal(sys->ndiags, 1);
    assert_int_equal(count_rule(sys, "xsm-silo-default"), 1);
    assert_int_equal(xsmc_config_verdict(sys), XSMC_VALID);
    xsmc_system_free(sys);
    sys = xsmc_spec_parse("a:hardware;b:hardware,device_model", err, sizeof(err));
    assert_int_equal(xsmc_validate(sys, XSMC_PROFILE_UPSTREAM), 2);
    xsmc_system_free(sys);
}


/* A domain node with one extra property `name` (u32 1). */
static struct xsmc_system *domain_with_prop(const char *name)
{
    tb_begin(blob);
    fdt_begin_node(blob, "ctl");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x40000);
    fdt_property_u32(blob, "cpus", 1);
    fdt_property_u32(blob, name, 1);
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_end_node(blob);
    tb_end(blob, 0);
    return read_built();
}

/*
 * Issue 13 point 9: Xen reads the properties it knows and ignores the
 * rest, so a misspelt capabilities leaves the domain without control.
 */
static void unknown_properties_are_named(void **state)
{
    (void)state;
    struct xsmc_system *sys = domain_with_prop("capabilites");
    assert_int_equal(sys->doms[0].core.caps, 0);
    assert_int_equal(count_rule(sys, "prop-unknown"), 1);
    const struct xsmc_diag *g = &sys->diags[0];
    assert_string_equal(g->where, "/chosen/ctl");
    assert_int_equal(g->severity, XSMC_WARNING);
    assert_non_null(strstr(g->message, "'capabilites'"));
    assert_non_null(strstr(g->message, "did you mean 'capabilities'?"));
    xsmc_system_free(sys);
    sys = domain_with_prop("capabilities");
    assert_int_equal(sys->doms[0].core.caps, XSMC_CAP_CONTROL);
    assert_int_equal(count_rule(sys, "prop-unknown"), 0);
    xsmc_system_free(sys);
    /* a downstream binding is named as such */
    sys = domain_with_prop("xen,tee");
    assert_int_equal(count_rule(sys, "prop-unknown"), 1);
    assert_non_null(strstr(sys->diags[0].message, "upstream Xen ignores it"));
    xsmc_system_free(sys);
    /* status is ignored on a xen,domain node: the domain is created anyway */
    sys = domain_with_prop("status");
    assert_int_equal(count_rule(sys, "prop-unknown"), 1);
    assert_int_equal(sys->ndoms, 1);
    xsmc_system_free(sys);
}

/* The hyperlaunch binding's names (v6 and design layouts). */
static void unknown_hyperlaunch_properties(void **state)
{
    (void)state;
    static const char *const props[] = {"capabilities", "capabilties", "permissions", "permisions"};
    for (size_t i = 0; i < 4; i++) {
        tb_hyperlaunch_domain(blob, "dom0");
        fdt_property_u32(blob, props[i], 3);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_end_node(blob);
        fdt_finish(blob);
        struct xsmc_system *sys = read_built();
        assert_int_equal(count_rule(sys, "prop-unknown"), i % 2);
        if (i % 2)
            assert_non_null(strstr(sys->diags[0].message, i == 1 ? "'capabilities'" : "'permissions'"));
        xsmc_system_free(sys);
    }
}

static void rule_table_is_complete(void **state)
{
    (void)state;
    assert_true(xsmc_rule_count() > 40);
    for (size_t i = 0; i < xsmc_rule_count(); i++) {
        const struct xsmc_rule_info *r = xsmc_rule_at(i);
        assert_non_null(r->fix);
        assert_true(strlen(r->fix) > 10);
        assert_ptr_equal(xsmc_rule_by_id(r->id), r); /* ids are unique */
    }
    assert_null(xsmc_rule_at(xsmc_rule_count()));
}

int main(int argc, char **argv)
{
    if (argc > 1)
        corpus_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arm_split_hwdom_xenstore_plus_control),
        cmocka_unit_test(x86_hyperlaunch_hwxs_dom0_control_dom3),
        cmocka_unit_test(classic_dom0_is_d0_with_all_caps),
        cmocka_unit_test(dom0less_ids_never_start_at_zero),
        cmocka_unit_test(overlay_and_fragment),
        cmocka_unit_test(partial_device_tree_is_described),
        cmocka_unit_test(dtc_error_names_file_and_line),
        cmocka_unit_test(dtc_missing_is_a_clear_error),
        cmocka_unit_test(malformed_blobs_are_refused),
        cmocka_unit_test(structure_without_end_is_refused),
        cmocka_unit_test(deep_nesting_hits_the_limit),
        cmocka_unit_test(too_many_domains),
        cmocka_unit_test(not_a_boot_config),
        cmocka_unit_test(hwdom_rules_all_reported),
        cmocka_unit_test(iommu_in_tree_satisfies_hwdom),
        cmocka_unit_test(partial_dt_quirk),
        cmocka_unit_test(domain_node_rules),
        cmocka_unit_test(classic_dom0_counts),
        cmocka_unit_test(capability_bits_per_profile),
        cmocka_unit_test(target_property_and_option),
        cmocka_unit_test(vcpu_and_evtchn_rules),
        cmocka_unit_test(grant_table_rules),
        cmocka_unit_test(sve_rules),
        cmocka_unit_test(spec_and_builtin_pass_role_rules_only),
        cmocka_unit_test(unknown_properties_are_named),
        cmocka_unit_test(unknown_hyperlaunch_properties),
        cmocka_unit_test(rule_table_is_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
