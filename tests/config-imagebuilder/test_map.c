/* SPDX-License-Identifier: GPL-2.0-only */
/* From variables to domains: each ImageBuilder variable's effect on the system. */
#include "ib_test.h"

static struct xsmc_system *sys;

static int teardown(void **state)
{
    (void)state;
    xsmc_system_free(sys);
    sys = NULL;
    return 0;
}

/* Read `text`, which must give a system. */
static struct xsmc_system *ok(const char *text)
{
    xsmc_system_free(sys);
    sys = ib_read(text);
    if (!sys)
        fail_msg("rejected: %s", ib_err);
    /* diagnostics come in file order */
    for (size_t i = 1; i < sys->ndiags; i++)
        assert_true(strtoul(sys->diags[i - 1].where + 5, NULL, 10) <=
                    strtoul(sys->diags[i].where + 5, NULL, 10));
    return sys;
}

#define CAPS_DOM0 (XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE)

static void test_classic_dom0(void **state)
{
    (void)state;
    ok("XEN=xen\n\nDOM0_KERNEL=Image\nXEN_CMD=\"console=dtuart dom0_mem=512M dom0_max_vcpus=2\"\n");
    assert_int_equal(sys->kind, XSMC_SRC_IMAGEBUILDER);
    assert_int_equal(sys->iommu, XSMC_UNKNOWN);
    assert_int_equal(sys->ndoms, 1);
    const struct xsmc_dom *d = &sys->doms[0];
    assert_string_equal(d->name, "dom0");
    assert_string_equal(d->where, "line 3");
    assert_int_equal(d->core.domid, 0);
    assert_int_equal(d->core.caps, CAPS_DOM0);
    assert_int_equal(d->core.target, XSMC_DOMID_NONE);
    assert_true(d->classic_dom0);
    assert_true(d->has_kernel);
    assert_false(d->caps_explicit);
    assert_int_equal(d->memory_kb, 512 * 1024);
    assert_int_equal(d->cpus, 2);
    assert_int_equal(d->direct_map, XSMC_YES);
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
    assert_int_equal(xsmc_system_count(sys, XSMC_WARNING), 0);
}

static void test_dom0_resources(void **state)
{
    (void)state;
    ok("XEN=xen\nDOM0_KERNEL=Image\nDOM0_MEM=2048\nDOM0_VCPUS=4\n");
    assert_int_equal(sys->doms[0].memory_kb, 2048 * 1024);
    assert_int_equal(sys->doms[0].cpus, 4);
    ok("XEN=xen\nDOM0_KERNEL=Image\n"); /* ImageBuilder generates XEN_CMD with its defaults */
    assert_int_equal(sys->doms[0].memory_kb, 1500 * 1024);
    assert_int_equal(sys->doms[0].cpus, 1);
    ok("XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"console=dtuart\"\n"); /* Xen's 512M */
    assert_int_equal(sys->doms[0].memory_kb, 512 * 1024);
    assert_int_equal(sys->doms[0].cpus, 0);
    ok("XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"dom0_mem=1G\"\nDOM0_MEM=4096\n");
    assert_int_equal(sys->doms[0].memory_kb, 1024 * 1024);
    /* uboot-script-gen refuses the pair: an error, not a warning */
    const struct xsmc_diag *g = ib_diag(sys, "ib-xen-cmd-dom0-params", 0);
    assert_non_null(g);
    assert_string_equal(g->where, "line 4");
    assert_int_equal(g->severity, XSMC_ERROR);
    ok("XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"dom0_mem=262144\"\n"); /* Xen: kB by default */
    assert_int_equal(sys->doms[0].memory_kb, 262144);
    assert_false(sys->doms[0].boot.given & XSMC_BOOT_CPUS);
}

static void test_domu_ids_names_and_places(void **state)
{
    (void)state;
    ok("XEN=xen\nNUM_DOMUS=3\n"
       "DOMU_KERNEL[2]=k2\n"
       "DOMU_KERNEL[0]=k0\n"
       "DOMU_MEM[1]=64\nDOMU_KERNEL[1]=k1\n");
    assert_int_equal(sys->ndoms, 3);
    static const char *const names[] = {"domU0", "domU1", "domU2"};
    static const char *const wheres[] = {"line 4", "line 5", "line 3"};
    for (uint32_t i = 0; i < 3; i++) {
        assert_string_equal(sys->doms[i].name, names[i]);
        assert_int_equal(sys->doms[i].core.domid, i + 1); /* dom0less ids start at 1 */
        assert_string_equal(sys->doms[i].where, wheres[i]);
        assert_int_equal(sys->doms[i].core.caps, 0);
        assert_false(sys->doms[i].classic_dom0);
        assert_true(sys->doms[i].has_kernel);
        assert_int_equal(sys->doms[i].cpus, 1);
    }
    assert_int_equal(sys->doms[0].memory_kb, 512 * 1024); /* ImageBuilder's default */
    assert_int_equal(sys->doms[1].memory_kb, 64 * 1024);
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
}

static void test_dom0_then_domus(void **state)
{
    (void)state;
    ok("XEN=xen\nDOM0_KERNEL=I\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_VCPUS[0]=3\n");
    assert_int_equal(sys->ndoms, 2);
    assert_int_equal(sys->doms[0].core.domid, 0);
    assert_int_equal(sys->doms[1].core.domid, 1);
    assert_string_equal(sys->doms[1].name, "domU0");
    assert_int_equal(sys->doms[1].cpus, 3);
}

static uint32_t caps_of(const char *caps_value)
{
    char text[256];
    snprintf(text, sizeof(text), "XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_CAPS[0]=%s\n", caps_value);
    ok(text);
    assert_true(sys->doms[0].caps_explicit);
    assert_int_equal(sys->doms[0].raw_caps, sys->doms[0].core.caps);
    return sys->doms[0].core.caps;
}

static void test_caps(void **state)
{
    (void)state;
    assert_int_equal(caps_of("'hardware|xenstore'"), XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE);
    assert_int_equal(caps_of("control"), XSMC_CAP_CONTROL);
    assert_int_equal(caps_of("'Control|HARDWARE'"), XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE);
    assert_int_equal(caps_of("dom0"), CAPS_DOM0);
    assert_int_equal(caps_of("domain0"), CAPS_DOM0);
    assert_int_equal(caps_of("none"), 0);
    assert_int_equal(caps_of("6"), 6);
    assert_int_equal(caps_of("0x8"), XSMC_CAP_DEVICE_MODEL); /* passed on: validation judges it */
    assert_int_equal(caps_of("'2|0x10'"), XSMC_CAP_HARDWARE | XSMC_CAP_NOT_HYPERCALL_TARGET);
    assert_int_equal(caps_of("010"), 8); /* bash arithmetic: octal */
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
    /* unquoted by ImageBuilder: only the first word counts */
    assert_int_equal(caps_of("'hardware xenstore'"), XSMC_CAP_HARDWARE);
    assert_int_equal(ib_count(sys, "ib-caps-dropped"), 1);
    assert_string_equal(ib_diag(sys, "ib-caps-dropped", 0)->where, "line 4");
    /* unknown words stop ImageBuilder: an error */
    caps_of("'hardware|device_model'");
    const struct xsmc_diag *g = ib_diag(sys, "ib-caps", 0);
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_ERROR);
    assert_string_equal(g->where, "line 4");
    assert_non_null(strstr(g->message, "'device_model'"));
    caps_of("0x100000000");
    assert_int_equal(ib_count(sys, "ib-caps"), 1);
    /* a word longer than any capability or number is never cut down to one */
    caps_of("0000000000000000000000000000000000000000000000000000000000000000000001");
    assert_int_equal(ib_count(sys, "ib-caps"), 1);
    assert_int_equal(sys->doms[0].core.caps, 0);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\n");
    assert_false(sys->doms[0].caps_explicit);
    assert_int_equal(sys->doms[0].core.caps, 0);
}

static void test_memory_values(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_MEM[0]=0x100\n");
    assert_int_equal(sys->doms[0].memory_kb, 256 * 1024);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_MEM[0]=0256\n");
    assert_int_equal(sys->doms[0].memory_kb, 174 * 1024);
    assert_int_equal(ib_count(sys, "ib-octal"), 1);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_MEM[0]=0xffffffffffffffff\n");
    assert_true(sys->doms[0].memory_kb == UINT64_MAX); /* saturates, never wraps */
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_MEM[0]=1G\n");
    const struct xsmc_diag *g = ib_diag(sys, "ib-value", 0);
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_ERROR);
    assert_non_null(strstr(g->message, "DOMU_MEM[0]='1G'"));
}

static void test_enhanced(void **state)
{
    (void)state;
    static const struct { const char *dom0, *enhanced; int requested; const char *warning; } cases[] = {
        {"", "", 0, NULL},
        {"", "DOMU_ENHANCED[0]=1\n", 1, NULL},
        {"", "DOMU_ENHANCED[0]=2\n", 0, NULL},
        {"DOM0_KERNEL=I\n", "", 1, NULL},
        {"DOM0_KERNEL=I\n", "DOMU_ENHANCED[0]=0\n", 0, NULL},
        {"DOM0_KERNEL=I\n", "DOMU_ENHANCED[0]=2\n", 1, "ib-enhanced-quirk"},
        {"DOM0_KERNEL=I\n", "DOMU_ENHANCED[0]=yes\n", 1, "ib-enhanced-value"},
        {"", "DOMU_ENHANCED[0]=yes\n", 0, "ib-enhanced-value"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), "XEN=x\n%sNUM_DOMUS=1\nDOMU_KERNEL[0]=k\n%s", cases[i].dom0,
                 cases[i].enhanced);
        ok(text);
        const struct xsmc_dom *d = &sys->doms[sys->ndoms - 1];
        if (d->xenstore_requested != cases[i].requested)
            fail_msg("case %zu: xenstore_requested %d", i, d->xenstore_requested);
        assert_int_equal(xsmc_system_count(sys, XSMC_WARNING), cases[i].warning ? 1 : 0);
        if (cases[i].warning)
            assert_non_null(ib_diag(sys, cases[i].warning, 0));
    }
}

static void test_static_memory_and_direct_map(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\n"
       "DOMU_STATIC_MEM[0]=\"0x50000000 0x10000000 0x70000000 0x10000000\"\n");
    const struct xsmc_dom *d = &sys->doms[0];
    assert_true(d->static_mem);
    assert_int_equal(d->boot.static_mem_kb, 512 * 1024);
    assert_int_equal(d->memory_kb, 512 * 1024);
    assert_int_equal(d->direct_map, XSMC_YES); /* ImageBuilder's default */
    assert_true(d->boot.given & XSMC_BOOT_DIRECT_MAP);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_MEM[0]=128\n"
       "DOMU_STATIC_MEM[0]=\"0x50000000 0x10000000\"\nDOMU_DIRECT_MAP[0]=0\n");
    d = &sys->doms[0];
    assert_int_equal(d->memory_kb, 256 * 1024);
    assert_int_equal(d->direct_map, XSMC_NO);
    assert_false(d->boot.given & XSMC_BOOT_DIRECT_MAP);
    assert_int_equal(ib_count(sys, "ib-mem-mismatch"), 1);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_DIRECT_MAP[0]=1\n");
    d = &sys->doms[0];
    assert_false(d->static_mem);
    assert_int_equal(d->direct_map, XSMC_NO);
    assert_string_equal(ib_diag(sys, "ib-ignored", 0)->where, "line 4");
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_STATIC_MEM[0]=\"0x50000000\"\n");
    assert_int_equal(ib_diag(sys, "ib-static-mem", 0)->severity, XSMC_ERROR);
    assert_false(sys->doms[0].static_mem);
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_STATIC_MEM[0]=\"0x50000000 big\"\n");
    assert_non_null(ib_diag(sys, "ib-static-mem", 0));
}

static void test_passthrough(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=3\nDOMU_KERNEL[0]=k\nDOMU_KERNEL[1]=k\nDOMU_KERNEL[2]=k\n"
       "DOMU_PASSTHROUGH_PATHS[1]=\"/axi/ethernet@ff0e0000  /axi/serial@ff000000\"\n"
       "DOMU_PASSTHROUGH_DTB[1]=eth.dtb\n");
    const struct xsmc_dom *d = &sys->doms[1];
    assert_int_equal(d->ndevices, 2);
    assert_string_equal(d->devices[0].path, "/axi/ethernet@ff0e0000");
    assert_string_equal(d->devices[1].path, "/axi/serial@ff000000");
    assert_int_equal(d->devices[0].dma_capable, XSMC_UNKNOWN);
    assert_true(d->boot.given & XSMC_BOOT_PARTIAL_DT);
    /* Xen's whole-tree search from domU0 finds domU1's partial DT; not from domU2 */
    assert_true(sys->doms[0].boot.given & XSMC_BOOT_LATER_PARTIAL_DT);
    assert_false(sys->doms[0].boot.given & XSMC_BOOT_PARTIAL_DT);
    assert_false(d->boot.given & XSMC_BOOT_LATER_PARTIAL_DT);
    assert_false(sys->doms[2].boot.given & (XSMC_BOOT_PARTIAL_DT | XSMC_BOOT_LATER_PARTIAL_DT));
    /* paths alone mark host nodes; a partial DT comes only with a DTS repo or lopper */
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_PASSTHROUGH_PATHS[0]=/a\n");
    assert_int_equal(sys->doms[0].ndevices, 1);
    assert_false(sys->doms[0].boot.given & XSMC_BOOT_PARTIAL_DT);
    ok("XEN=x\nPASSTHROUGH_DTS_REPO=repo\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_PASSTHROUGH_PATHS[0]=/a\n");
    assert_true(sys->doms[0].boot.given & XSMC_BOOT_PARTIAL_DT);
}

static void test_other_properties(void **state)
{
    (void)state;
    ok("XEN=x\nXEN_CMD=\"llc-coloring=on\"\nNUM_DOMUS=2\nDOMU_KERNEL[0]=k\nDOMU_KERNEL[1]=k\n"
       "DOMU_NR_SPIS[0]=32\nDOMU_COLORS[0]=0-3\nDOMU_TRAP_UNMAP[0]=2\nDOMU_VPL011[0]=0\n");
    assert_int_equal(sys->llc_coloring, XSMC_YES);
    const struct xsmc_dom *d = &sys->doms[0];
    assert_int_equal(d->boot.given & (XSMC_BOOT_NR_SPIS | XSMC_BOOT_LLC_COLORS | XSMC_BOOT_TRAP_UNMAPPED),
                     XSMC_BOOT_NR_SPIS | XSMC_BOOT_LLC_COLORS | XSMC_BOOT_TRAP_UNMAPPED);
    assert_int_equal(d->boot.trap_unmapped, 2);
    assert_false(d->boot.given & XSMC_BOOT_VPL011);
    d = &sys->doms[1];
    assert_true(d->boot.given & XSMC_BOOT_VPL011);
    assert_true(d->boot.given & XSMC_BOOT_CPUS);
    assert_true(d->boot.given & XSMC_BOOT_MEMORY);
    assert_true(d->boot.given & XSMC_BOOT_KERNEL_EXPECTED);
    assert_false(d->boot.given & (XSMC_BOOT_NR_SPIS | XSMC_BOOT_LLC_COLORS | XSMC_BOOT_TRAP_UNMAPPED));
    /* colours without colouring on: a warning, not Xen's llc-colors property */
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_COLORS[0]=0-3\n");
    assert_int_equal(sys->llc_coloring, XSMC_NO);
    assert_false(sys->doms[0].boot.given & XSMC_BOOT_LLC_COLORS);
    assert_string_equal(ib_diag(sys, "ib-colors", 0)->where, "line 4");
}

static void test_not_booted_domus(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=3\nDOMU_KERNEL[0]=k\nDOMU_NOBOOT[1]=1\nDOMU_KERNEL[2]=k\n");
    assert_int_equal(sys->ndoms, 2);
    assert_string_equal(sys->doms[1].name, "domU2");
    assert_int_equal(sys->doms[1].core.domid, 2); /* ids follow the nodes created */
    const struct xsmc_diag *g = ib_diag(sys, "ib-not-booted", 0);
    assert_int_equal(g->severity, XSMC_NOTE);
    assert_string_equal(g->where, "line 4");
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_ROOTFS[0]=r.tar.gz\n");
    assert_int_equal(sys->ndoms, 0);
    ok("XEN=x\nNUM_DOMUS=2\nDOMU_KERNEL[0]=k\nDOMU_KERNEL[1]=k\nDOMU_NOBOOT[0]=0\n");
    assert_int_equal(sys->ndoms, 1);
    assert_string_equal(sys->doms[0].name, "domU1");
    assert_int_equal(sys->doms[0].core.domid, 1);
    assert_string_equal(ib_diag(sys, "ib-noboot-zero", 0)->where, "line 5");
    assert_int_equal(ib_count(sys, "ib-not-booted"), 0);
}

static void test_imagebuilder_refusals(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=2\nDOMU_KERNEL[0]=k\nDOMU_MEM[1]=64\n");
    const struct xsmc_diag *g = ib_diag(sys, "ib-kernel-missing", 0);
    assert_non_null(g);
    assert_string_equal(g->where, "line 4");
    assert_false(sys->doms[1].has_kernel);
    assert_false(sys->doms[1].boot.given & XSMC_BOOT_KERNEL_EXPECTED);
    assert_true(sys->doms[0].boot.given & XSMC_BOOT_KERNEL_EXPECTED);
    ok("XEN=x\nDOM0_MEM=1024\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\n");
    assert_string_equal(ib_diag(sys, "ib-dom0-params", 0)->where, "line 2");
    ok("XEN=x\n");
    assert_non_null(ib_diag(sys, "ib-no-domains", 0));
    ok("NUM_DOMUS=1\nDOMU_KERNEL[0]=k\n");
    assert_string_equal(ib_diag(sys, "ib-no-xen", 0)->where, "line 1");
}

static void test_num_domus(void **state)
{
    (void)state;
    ib_expect_error("XEN=x\nNUM_DOMUS=two\n", 2, "ib-value");
    ib_expect_error("XEN=x\nNUM_DOMUS=0x2\n", 2, "ib-value");
    ib_expect_error("XEN=x\nNUM_DOMUS=32752\n", 2, "ib-limit");
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_KERNEL[1]=k\nDOMU_MEM[5]=1\n");
    assert_int_equal(sys->ndoms, 1);
    assert_int_equal(ib_count(sys, "ib-unused"), 2);
    assert_string_equal(ib_diag(sys, "ib-unused", 0)->where, "line 4");
}

static void test_many_domus(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=32751\n");
    assert_int_equal(sys->ndoms, 32751);
    assert_int_equal(sys->doms[32750].core.domid, 32751);
    assert_string_equal(sys->doms[32750].where, "line 2");
    assert_int_equal(ib_count(sys, "ib-kernel-missing"), 32751);
}

static void test_names_checked(void **state)
{
    (void)state;
    ok("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_CAP[0]=control\nhelper=1\n"
       "used=0x1\nDOMU_MEM[0]=$used\nDOMU_VCPUS=2\nNUM_DOMUS[1]=4\n");
    assert_int_equal(ib_count(sys, "ib-unknown-variable"), 2);
    assert_string_equal(ib_diag(sys, "ib-unknown-variable", 0)->where, "line 4");
    assert_non_null(strstr(ib_diag(sys, "ib-unknown-variable", 0)->message, "DOMU_CAP"));
    assert_non_null(strstr(ib_diag(sys, "ib-unknown-variable", 0)->message, "did you mean 'DOMU_CAPS'"));
    assert_non_null(strstr(ib_diag(sys, "ib-unknown-variable", 1)->message, "helper"));
    assert_null(strstr(ib_diag(sys, "ib-unknown-variable", 1)->message, "did you mean"));
    assert_string_equal(ib_diag(sys, "ib-implicit-index", 0)->where, "line 8");
    assert_int_equal(sys->doms[0].cpus, 2); /* DOMU_VCPUS is DOMU_VCPUS[0] */
    assert_string_equal(ib_diag(sys, "ib-unused", 0)->where, "line 9");
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR), 0);
    /* point 4: XEN_POLICY is ImageBuilder's, not a misspelling */
    ok("XEN=x\nXEN_POLICY=xenpolicy\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\n");
    assert_int_equal(ib_count(sys, "ib-unknown-variable"), 0);
}

static void test_iommu_from_options(void **state)
{
    (void)state;
    struct xsmc_load_opts opts = {.iommu = XSMC_YES};
    const char *text = "XEN=x\nDOM0_KERNEL=I\n";
    struct xsmc_system *s = xsmc_read_imagebuilder("t.cfg", text, strlen(text), &opts, ib_err,
                                                   sizeof(ib_err));
    assert_non_null(s);
    assert_int_equal(s->iommu, XSMC_YES);
    xsmc_system_free(s);
    s = xsmc_read_imagebuilder("t.cfg", text, strlen(text), NULL, ib_err, sizeof(ib_err));
    assert_int_equal(s->iommu, XSMC_UNKNOWN);
    xsmc_system_free(s);
}

/*
 * Point 3: DOMU_SHARED_MEM is read (Xen's CI static-shared-mem test,
 * automation/scripts/qemu-smoke-dom0less-arm64.sh): each domU maps the
 * region, so the checks and lints of static shared memory apply.
 */
#define SHARED_DOMUS "XEN=xen\nDOM0_KERNEL=Image\nXEN_CMD=\"dom0_mem=512M\"\nNUM_DOMUS=2\n" \
                     "DOMU_KERNEL[0]=Image\nDOMU_KERNEL[1]=Image\n"

static void test_shared_memory(void **state)
{
    (void)state;
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"my-shared-mem-0 0x50000000 0x4000000 0x10000000\"\n"
                    "DOMU_SHARED_MEM[1]=\"my-shared-mem-0 0x50000000 0x4000000 0x10000000\"\n");
    for (size_t i = 1; i < 3; i++) {
        assert_int_equal(sys->doms[i].nshms, 1);
        const struct xsmc_shm *m = &sys->doms[i].shms[0];
        assert_string_equal(m->id, "my-shared-mem-0");
        assert_int_equal(m->host, 0x50000000);
        assert_int_equal(m->guest, 0x4000000);
        assert_int_equal(m->size, 0x10000000);
        assert_int_equal(m->role, XSMC_SHM_DEFAULT); /* ImageBuilder writes no role: DOMID_IO owns it */
    }
    assert_int_equal(xsmc_system_count(sys, XSMC_ERROR) + xsmc_system_count(sys, XSMC_WARNING), 0);
    /* SILO keeps two guests apart, and the boot configuration shares memory between them */
    struct xsmc_lint_findings f;
    struct xsmc_lint_config cfg;
    xsmc_lint_config_init(&cfg);
    cfg.options = XSMC_OPT_SILO;
    assert_int_equal(xsmc_lint_run(sys, XSMC_PROFILE_UPSTREAM, &cfg, &f), 0);
    size_t hits = 0;
    for (size_t i = 0; i < f.count; i++)
        hits += strcmp(f.items[i].rule, "shm-bypasses-policy") == 0;
    assert_int_equal(hits, 1);
    xsmc_lint_findings_free(&f);
    /* without DOMU_SHARED_MEM nothing is shared */
    ok(SHARED_DOMUS);
    assert_int_equal(sys->doms[1].nshms + sys->doms[2].nshms, 0);
    /* Xen's rules on the region, in ImageBuilder's words */
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"only 0x50000000 0x4000000 0x10000000\"\n");
    assert_non_null(ib_diag(sys, "shm-unshared", 0));
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"a 0x50000800 0x4000000 0x10000000\"\n");
    assert_non_null(ib_diag(sys, "shm-misaligned", 0));
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"sixteen-chars-id 0x50000000 0x4000000 0x1000\"\n");
    assert_non_null(ib_diag(sys, "shm-malformed", 0));
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"a 0x50000000 0x4000000\"\n");
    const struct xsmc_diag *g = ib_diag(sys, "ib-shared-mem", 0);
    assert_non_null(g);
    assert_int_equal(g->severity, XSMC_ERROR);
    ok(SHARED_DOMUS "DOMU_SHARED_MEM[0]=\"a 0x50000000 nowhere 0x1000\"\n");
    assert_non_null(ib_diag(sys, "ib-shared-mem", 0));
}

/* Point 3: XEN_STATIC_HEAP is reserved memory, which static memory and shared memory must not overlap. */
static void test_static_heap(void **state)
{
    (void)state;
    static const char *const heaps[] = {"0x50000000 0x30000000", "0x80000000 0x10000000"};
    for (int i = 0; i < 2; i++) {
        char cfg[512];
        snprintf(cfg, sizeof(cfg), "XEN=xen\nXEN_STATIC_HEAP=\"%s\"\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n"
                 "DOMU_STATIC_MEM[0]=\"0x60000000 0x10000000\"\n", heaps[i]);
        ok(cfg);
        const struct xsmc_diag *g = ib_diag(sys, "memory-overlap", 0);
        if (i == 0) {
            assert_non_null(g);
            assert_string_equal(g->where, "line 5");
            assert_non_null(strstr(g->message, "xen,static-heap bank[0]"));
        } else {
            assert_null(g);
        }
    }
    ok("XEN=xen\nXEN_STATIC_HEAP=\"0x50000000\"\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\n");
    assert_non_null(ib_diag(sys, "ib-static-heap", 0));
}

/* Point 3: DOMU_CPUPOOL names one of the NUM_CPUPOOLS pools of CPUPOOL[n]. */
static void test_cpupools(void **state)
{
    (void)state;
    ok("XEN=xen\nNUM_CPUPOOLS=1\nCPUPOOL[0]=\"cpu@1 null\"\nNUM_DOMUS=2\n"
       "DOMU_KERNEL[0]=Image\nDOMU_CPUPOOL[0]=0\nDOMU_KERNEL[1]=Image\n");
    assert_string_equal(sys->doms[0].cpupool, "CPUPOOL[0] (cpu@1 null)");
    assert_null(sys->doms[1].cpupool);
    assert_null(ib_diag(sys, "ib-cpupool", 0));
    ok("XEN=xen\nNUM_CPUPOOLS=1\nCPUPOOL[0]=\"cpu@1 null\"\nNUM_DOMUS=1\n"
       "DOMU_KERNEL[0]=Image\nDOMU_CPUPOOL[0]=1\n");
    assert_null(sys->doms[0].cpupool);
    assert_non_null(ib_diag(sys, "ib-cpupool", 0));
}

/* Point 3: DOMU_GRANT_* are the grant-table properties, with Xen's limits. */
static void test_grant_options(void **state)
{
    (void)state;
    ok("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\nDOMU_GRANT_VER[0]=1\nDOMU_GRANT_FRAMES[0]=64\n"
       "DOMU_MAPTRACK_FRAMES[0]=1024\n");
    assert_null(ib_diag(sys, "grant-table-invalid", 0));
    assert_null(ib_diag(sys, "grant-frames-overflow", 0));
    ok("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\nDOMU_GRANT_VER[0]=2\n"); /* gnttab max-ver is 2 */
    assert_null(ib_diag(sys, "grant-table-invalid", 0));
    ok("XEN=xen\nXEN_CMD=\"gnttab=max-ver:1\"\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\nDOMU_GRANT_VER[0]=2\n");
    assert_non_null(ib_diag(sys, "grant-table-invalid", 0));
    ok("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\nDOMU_GRANT_FRAMES[0]=0\n");
    assert_non_null(ib_diag(sys, "grant-table-invalid", 0));
    ok("XEN=xen\nNUM_DOMUS=1\nDOMU_KERNEL[0]=Image\nDOMU_MAPTRACK_FRAMES[0]=2147483648\n");
    const struct xsmc_diag *g = ib_diag(sys, "grant-frames-overflow", 0);
    assert_non_null(g);
    assert_string_equal(g->where, "line 4");
    /* a Xen rule on a .cfg says how to fix the .cfg */
    assert_non_null(strstr(g->fix, "DOMU_MAPTRACK_FRAMES"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_classic_dom0, teardown),
        cmocka_unit_test_teardown(test_dom0_resources, teardown),
        cmocka_unit_test_teardown(test_domu_ids_names_and_places, teardown),
        cmocka_unit_test_teardown(test_dom0_then_domus, teardown),
        cmocka_unit_test_teardown(test_caps, teardown),
        cmocka_unit_test_teardown(test_memory_values, teardown),
        cmocka_unit_test_teardown(test_enhanced, teardown),
        cmocka_unit_test_teardown(test_static_memory_and_direct_map, teardown),
        cmocka_unit_test_teardown(test_passthrough, teardown),
        cmocka_unit_test_teardown(test_other_properties, teardown),
        cmocka_unit_test_teardown(test_not_booted_domus, teardown),
        cmocka_unit_test_teardown(test_imagebuilder_refusals, teardown),
        cmocka_unit_test_teardown(test_num_domus, teardown),
        cmocka_unit_test_teardown(test_many_domus, teardown),
        cmocka_unit_test_teardown(test_names_checked, teardown),
        cmocka_unit_test(test_iommu_from_options),
        cmocka_unit_test_teardown(test_shared_memory, teardown),
        cmocka_unit_test_teardown(test_static_heap, teardown),
        cmocka_unit_test_teardown(test_cpupools, teardown),
        cmocka_unit_test_teardown(test_grant_options, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
