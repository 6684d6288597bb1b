/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory and the reserved regions it must not overlap
 * (src/config/dt_shmem.c), on the fixtures of tests/config/data/ (argv[1])
 * and on trees built in memory for the limits.
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

static const char *data_dir = "tests/config/data";
static char blob[TB_SIZE];

static struct xsmc_system *load_fixture(const char *name)
{
    char path[1024], err[512] = "";
    snprintf(path, sizeof(path), "%s/%s", data_dir, name);
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    struct xsmc_system *sys = xsmc_config_load(path, &opts, err, sizeof(err));
    if (!sys)
        fail_msg("%s: %s", name, err);
    return sys;
}

static struct xsmc_system *read_built(void)
{
    char err[512] = "";
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    struct xsmc_system *sys = xsmc_read_dtb("test.dtb", blob, fdt_totalsize(blob), &opts, err, sizeof(err));
    if (!sys)
        fail_msg("reader refused a built tree: %s", err);
    return sys;
}

/* How many diagnostics of `rule` there are; with `where`, only those there. */
static size_t count_at(const struct xsmc_system *sys, const char *rule, const char *where)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += strcmp(sys->diags[i].rule, rule) == 0 && (!where || strcmp(sys->diags[i].where, where) == 0);
    return n;
}

static void expect_shm(const struct xsmc_shm *m, const char *id, int role, int host_given, uint64_t host,
                       uint64_t guest, uint64_t size)
{
    assert_string_equal(m->id, id);
    assert_int_equal(m->role, role);
    assert_int_equal(m->host_given, host_given);
    if (host_given)
        assert_int_equal(m->host, host);
    assert_int_equal(m->guest, guest);
    assert_int_equal(m->size, size);
}

/* booting.txt's example, extended: every region is read, nothing is flagged. */
static void documented_layout_is_read(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_fixture("shmem-good.dts");
    assert_int_equal(sys->ndiags, 0);
    assert_int_equal(sys->ndoms, 5);
    const struct xsmc_dom *dom0 = &sys->doms[0], *u1 = &sys->doms[1], *u2 = &sys->doms[2];
    assert_true(dom0->classic_dom0);
    assert_int_equal(dom0->nshms, 1);
    expect_shm(&dom0->shms[0], "my-shared-mem-0", XSMC_SHM_OWNER, 1, 0x10000000, 0x10000000, 0x10000000);
    assert_int_equal(u1->nshms, 3);
    expect_shm(&u1->shms[0], "my-shared-mem-0", XSMC_SHM_BORROWER, 1, 0x10000000, 0x50000000, 0x10000000);
    expect_shm(&u1->shms[1], "my-shared-mem-1", XSMC_SHM_DEFAULT, 1, 0x50000000, 0x60000000, 0x20000000);
    expect_shm(&u1->shms[2], "my-shared-mem-2", XSMC_SHM_OWNER, 0, 0, 0x80000000, 0x20000000);
    assert_int_equal(u2->nshms, 2);
    expect_shm(&u2->shms[1], "my-shared-mem-2", XSMC_SHM_BORROWER, 0, 0, 0x90000000, 0x20000000);
    /* the direct-mapped domain maps its region 1:1 */
    expect_shm(&sys->doms[3].shms[0], "rt-channel", XSMC_SHM_DEFAULT, 1, 0x70000000, 0x70000000, 0x100000);
    xsmc_system_free(sys);
}

/*
 * One mistake per node, each reported at its node, all in one run: first
 * what the early scan refuses, in tree order, then what building the
 * domains refuses (the classic dom0's /chosen-level regions first).
 */
static void every_mistake_is_reported_at_its_node(void **state)
{
    (void)state;
    struct xsmc_system *sys = load_fixture("shmem-bad.dts");
    static const struct {
        const char *rule, *where;
    } expected[] = {
        {"shm-malformed", "/chosen/domU1/no-id"},
        {"shm-malformed", "/chosen/domU1/empty-id"},
        {"shm-malformed", "/chosen/domU1/long-id"},
        {"shm-malformed", "/chosen/domU1/bad-role"},
        {"shm-malformed", "/chosen/domU1/no-mem"},
        {"shm-malformed", "/chosen/domU1/bad-len"},
        {"shm-misaligned", "/chosen/domU1/guest-misaligned"},
        {"shm-misaligned", "/chosen/domU1/zero-size"},
        {"memory-overlap", "/chosen/domU1/on-static-mem"},
        {"shm-malformed", "/chosen/domU2/zero-cells"},
        {"shm-id-conflict", "/chosen/domU3/a-other-size"},
        {"shm-id-conflict", "/chosen/domU3/a-renamed"},
        {"shm-misaligned", "/chosen/domU4/overflow"},
        {"shm-unused", "/chosen/orphan-shm"},
        {"shm-owners", "/chosen/domU3/a-second-owner"},
        {"shm-not-direct-mapped", "/chosen/rt/not-1-to-1"},
        {"shm-not-direct-mapped", "/chosen/rt/from-heap"},
        {"shm-unshared", "/chosen/domU4/lonely"},
    };
    size_t n = sizeof(expected) / sizeof(expected[0]);
    assert_int_equal(sys->ndiags, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(sys->diags[i].rule, expected[i].rule);
        assert_string_equal(sys->diags[i].where, expected[i].where);
    }
    /* a node Xen refuses maps nothing; the 1:1 violations map nothing either */
    assert_int_equal(sys->doms[0].nshms, 1);
    assert_int_equal(sys->doms[4].nshms, 0);
    xsmc_system_free(sys);
}

static void shm_node(const char *name, const char *id, const char *role, uint32_t guest)
{
    fdt_begin_node(blob, name);
    fdt_property_string(blob, "compatible", "xen,domain-shared-memory-v1");
    fdt_property_string(blob, "xen,shm-id", id);
    if (role)
        fdt_property_string(blob, "role", role);
    fdt32_t mem[4] = {0, cpu_to_fdt32(guest), 0, cpu_to_fdt32(0x1000)};
    fdt_property(blob, "xen,shared-mem", mem, sizeof(mem));
    fdt_end_node(blob);
}

/* Two domains naming `ids` heap regions each: NR_SHMEM_BANKS is 32. */
static struct xsmc_system *domains_sharing(unsigned ids)
{
    char name[16], id[16];
    tb_begin(blob);
    for (int dom = 0; dom < 2; dom++) {
        snprintf(name, sizeof(name), "domU%d", dom + 1);
        fdt_begin_node(blob, name);
        fdt_property_string(blob, "compatible", "xen,domain");
        fdt_property_u32(blob, "#address-cells", 2);
        fdt_property_u32(blob, "#size-cells", 2);
        fdt_property_u64(blob, "memory", 0x40000);
        fdt_property_u32(blob, "cpus", 1);
        tb_module(blob, "kernel", "multiboot,kernel");
        for (unsigned i = 0; i < ids; i++) {
            snprintf(name, sizeof(name), "shm%u", i);
            snprintf(id, sizeof(id), "id-%u", i);
            shm_node(name, id, dom == 0 ? "owner" : "borrower", 0x80000000u + i * 0x1000u);
        }
        fdt_end_node(blob);
    }
    tb_end(blob, 0);
    return read_built();
}

static void thirty_two_regions_at_most(void **state)
{
    (void)state;
    struct xsmc_system *sys = domains_sharing(32);
    assert_int_equal(sys->ndiags, 0);
    assert_int_equal(sys->doms[1].nshms, 32);
    xsmc_system_free(sys);
    sys = domains_sharing(33);
    /* the 33rd id is refused where it first appears; domU2 names it again */
    assert_int_equal(count_at(sys, "shm-too-many", "/chosen/domU1/shm32"), 1);
    assert_int_equal(count_at(sys, "shm-too-many", NULL), 2);
    assert_int_equal(sys->doms[0].nshms, 32);
    xsmc_system_free(sys);
}

/* reserved_mem holds NR_MEM_BANKS (256) banks, xen,static-mem ones included. */
static struct xsmc_system *static_banks(unsigned banks)
{
    fdt32_t *cells = calloc(banks, 4 * sizeof(fdt32_t));
    assert_non_null(cells);
    for (unsigned i = 0; i < banks; i++) {
        cells[4 * i + 1] = cpu_to_fdt32(0x40000000u + i * 0x100000u);
        cells[4 * i + 3] = cpu_to_fdt32(0x100000u);
    }
    tb_begin(blob);
    fdt_begin_node(blob, "domU1");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", (uint64_t)banks * 1024);
    fdt_property_u32(blob, "cpus", 1);
    fdt_property(blob, "xen,static-mem", cells, (int)(banks * 4 * sizeof(fdt32_t)));
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt_end_node(blob);
    tb_end(blob, 0);
    free(cells);
    return read_built();
}

static void two_hundred_fifty_six_reserved_banks_at_most(void **state)
{
    (void)state;
    struct xsmc_system *sys = static_banks(256);
    assert_int_equal(sys->ndiags, 0);
    xsmc_system_free(sys);
    sys = static_banks(257);
    assert_int_equal(count_at(sys, "static-mem-too-many", "/chosen/domU1"), 1);
    assert_int_equal(sys->ndiags, 1);
    xsmc_system_free(sys);
}

/* Two xen,static-mem banks of different domains that overlap. */
static void static_mem_banks_must_not_overlap(void **state)
{
    (void)state;
    tb_begin(blob);
    tb_domain(blob, "domU1", TB_NO_CAPS, TB_STATIC_MEM, 0, 0);
    tb_domain(blob, "domU2", TB_NO_CAPS, TB_STATIC_MEM, 0, 0);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_at(sys, "memory-overlap", "/chosen/domU2"), 1);
    assert_int_equal(count_at(sys, "memory-overlap", NULL), 1);
    xsmc_system_free(sys);
}

/* Xen's scan inherits #address-cells and #size-cells from the nearest ancestor. */
static void cells_are_inherited_from_the_root(void **state)
{
    (void)state;
    fdt_create(blob, TB_SIZE);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    fdt_property_u32(blob, "#address-cells", 1);
    fdt_property_u32(blob, "#size-cells", 1);
    fdt_begin_node(blob, "chosen"); /* no cells of its own */
    fdt_begin_node(blob, "domU1");
    fdt_property_string(blob, "compatible", "xen,domain");
    fdt_property_u64(blob, "memory", 0x10000);
    fdt_property_u32(blob, "cpus", 1);
    fdt32_t bank[2] = {cpu_to_fdt32(0x30000000), cpu_to_fdt32(0x4000000)};
    fdt_property(blob, "xen,static-mem", bank, sizeof(bank));
    tb_module(blob, "kernel", "multiboot,kernel");
    fdt32_t mem[2] = {cpu_to_fdt32(0x80000000), cpu_to_fdt32(0x1000)};
    for (int i = 0; i < 2; i++) {
        fdt_begin_node(blob, i ? "shm-b" : "shm-a");
        fdt_property_string(blob, "compatible", "xen,domain-shared-memory-v1");
        fdt_property_string(blob, "xen,shm-id", i ? "b" : "a");
        fdt_property(blob, "xen,shared-mem", mem, sizeof(mem));
        fdt_end_node(blob);
    }
    fdt_end_node(blob);
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    /* 1/1 cells: a 64 MiB bank matching memory, two <GUEST SIZE> regions of one domain */
    assert_int_equal(count_at(sys, "static-mem-size-mismatch", NULL), 0);
    assert_int_equal(count_at(sys, "shm-malformed", NULL), 0);
    assert_int_equal(sys->doms[0].nshms, 2);
    assert_int_equal(count_at(sys, "shm-unshared", NULL), 2);
    xsmc_system_free(sys);
}

/* A node without role gives the pages to DOMID_IO; an explicit owner then cannot acquire them. */
static void default_owner_and_explicit_owner_conflict(void **state)
{
    (void)state;
    tb_begin(blob);
    for (int dom = 0; dom < 2; dom++) {
        fdt_begin_node(blob, dom ? "domU2" : "domU1");
        fdt_property_string(blob, "compatible", "xen,domain");
        fdt_property_u32(blob, "#address-cells", 2);
        fdt_property_u32(blob, "#size-cells", 2);
        fdt_property_u64(blob, "memory", 0x40000);
        fdt_property_u32(blob, "cpus", 1);
        tb_module(blob, "kernel", "multiboot,kernel");
        shm_node("shm", "chan", dom ? "owner" : NULL, 0x80000000u);
        fdt_end_node(blob);
    }
    tb_end(blob, 0);
    struct xsmc_system *sys = read_built();
    assert_int_equal(count_at(sys, "shm-owners", "/chosen/domU2/shm"), 1);
    assert_int_equal(sys->ndiags, 1);
    xsmc_system_free(sys);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(documented_layout_is_read),
        cmocka_unit_test(every_mistake_is_reported_at_its_node),
        cmocka_unit_test(thirty_two_regions_at_most),
        cmocka_unit_test(two_hundred_fifty_six_reserved_banks_at_most),
        cmocka_unit_test(static_mem_banks_must_not_overlap),
        cmocka_unit_test(cells_are_inherited_from_the_root),
        cmocka_unit_test(default_owner_and_explicit_owner_conflict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
