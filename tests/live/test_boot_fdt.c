/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot device tree (src/probe/boot_fdt.c) against the dom0less binding
 * Xen reads at the reference snapshot (docs/misc/arm/device-tree/booting.txt;
 * xen/common/device-tree/dom0less-bindings.c:parse_dom0less_node):
 * xen,domain nodes under /chosen in domid order, cpus, memory in KiB,
 * capabilities, direct-map with xen,static-mem for the hardware domain, a
 * multiboot,kernel module each, nothing overlapping, all inside RAM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libfdt.h>

#include "boot.h"
#include "fsutil.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x80000000ull

struct fixture {
    char dir[64], qemu[96], out[96];
    struct xsmc_system *sys;
    struct xsmp_plan plan;
    struct xsmp_error err;
    uint64_t sizes[XSMP_MAX_DOMAINS];
};

/* The nodes of QEMU's virt tree the layout relies on. */
static void write_qemu_tree(const char *path, int with_memory)
{
    char buf[4096];
    assert_int_equal(fdt_create_empty_tree(buf, sizeof(buf)), 0);
    assert_int_equal(fdt_setprop_u32(buf, 0, "#address-cells", 2), 0);
    assert_int_equal(fdt_setprop_u32(buf, 0, "#size-cells", 2), 0);
    if (with_memory) {
        int m = fdt_add_subnode(buf, 0, "memory@40000000");
        assert_true(m >= 0);
        assert_int_equal(fdt_setprop_u64(buf, m, "reg", RAM_BASE), 0);
        assert_int_equal(fdt_appendprop_u64(buf, m, "reg", RAM_SIZE), 0);
    }
    assert_true(fdt_add_subnode(buf, 0, "pl011@9000000") >= 0);
    assert_true(fdt_add_subnode(buf, 0, "chosen") >= 0);
    fdt_pack(buf);
    assert_int_equal(xsmp_write_file(path, buf, fdt_totalsize(buf), 0644), 0);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char e[256];
    snprintf(f->dir, sizeof(f->dir), "/tmp/xsmcap-fdt-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->qemu, sizeof(f->qemu), "%s/qemu.dtb", f->dir);
    snprintf(f->out, sizeof(f->out), "%s/boot.dtb", f->dir);
    write_qemu_tree(f->qemu, 1);
    f->sys = xsmc_spec_parse("ctl:control;hw:hardware,xenstore;guest", e, sizeof(e));
    assert_non_null(f->sys);
    assert_int_equal(xsmp_plan_init(&f->plan, f->sys, &f->err), 0);
    for (size_t i = 0; i < f->plan.ndoms; i++)
        f->sizes[i] = 8192 + 4096 * i;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    xsmp_rmtree(f->dir);
    xsmp_plan_free(&f->plan);
    xsmc_system_free(f->sys);
    free(f);
    return 0;
}

static void *load(const char *path)
{
    uint8_t *data;
    size_t len;
    assert_int_equal(xsmp_read_file(path, 1 << 20, &data, &len), 0);
    assert_int_equal(fdt_check_header(data), 0);
    return data;
}

static uint64_t u64_at(const void *fdt, int node, const char *prop, int index)
{
    int len = 0;
    const uint8_t *v = fdt_getprop(fdt, node, prop, &len);
    assert_non_null(v);
    assert_true((index + 1) * 8 <= len);
    /* a property is only 4-byte aligned in the blob: fdt64_ld reads it bytewise */
    return fdt64_ld((const fdt64_t *)(const void *)(v + (size_t)index * 8));
}

static uint32_t u32_of(const void *fdt, int node, const char *prop)
{
    int len = 0;
    const fdt32_t *v = fdt_getprop(fdt, node, prop, &len);
    assert_non_null(v);
    assert_int_equal(len, 4);
    return fdt32_to_cpu(*v);
}

static void domains_in_domid_order(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(xsmp_boot_dtb(f->qemu, &f->plan, XSMP_POLICY_DEFAULT, f->sizes, f->out,
                                   &f->err), 0);
    void *fdt = load(f->out);
    int chosen = fdt_path_offset(fdt, "/chosen");
    assert_true(chosen >= 0);
    const char *args = fdt_getprop(fdt, chosen, "xen,xen-bootargs", NULL);
    assert_non_null(args);
    assert_non_null(strstr(args, "console=dtuart dtuart=/pl011@9000000"));
    assert_non_null(strstr(args, "bootscrub=0"));
    assert_null(strstr(args, "xsm="));
    static const uint32_t caps[] = {1, 2 | 4, 0}; /* DOMAIN_CAPS_CONTROL, _HARDWARE | _XENSTORE */
    uint64_t mods[3][2];
    size_t n = 0;
    int node;
    /* Xen creates the domains in node order (dom0less-build.c:create_domUs) */
    fdt_for_each_subnode(node, fdt, chosen) {
        char want[16];
        assert_true(n < 3);
        snprintf(want, sizeof(want), "dom%zu", n + 1);
        assert_string_equal(fdt_get_name(fdt, node, NULL), want);
        assert_int_equal(fdt_node_check_compatible(fdt, node, "xen,domain"), 0);
        assert_int_equal(u32_of(fdt, node, "cpus"), 1);
        assert_int_equal(u64_at(fdt, node, "memory", 0), 65536); /* KiB */
        assert_int_equal(u32_of(fdt, node, "capabilities"), caps[n]);
        int hw = n == 1;
        assert_int_equal(fdt_getprop(fdt, node, "direct-map", NULL) != NULL, hw);
        if (hw) {
            uint64_t base = u64_at(fdt, node, "xen,static-mem", 0);
            uint64_t size = u64_at(fdt, node, "xen,static-mem", 1);
            assert_int_equal(size, 65536 * 1024ull); /* matches memory */
            assert_true(base >= RAM_BASE && base + size <= RAM_BASE + RAM_SIZE);
        } else {
            assert_null(fdt_getprop(fdt, node, "xen,static-mem", NULL));
        }
        int mod = fdt_first_subnode(fdt, node);
        assert_true(mod >= 0);
        assert_int_equal(fdt_node_check_compatible(fdt, mod, "multiboot,kernel"), 0);
        mods[n][0] = u64_at(fdt, mod, "reg", 0);
        mods[n][1] = u64_at(fdt, mod, "reg", 1);
        assert_int_equal(mods[n][1], f->sizes[n]);
        assert_true(mods[n][0] >= RAM_BASE && mods[n][0] + mods[n][1] <= RAM_BASE + RAM_SIZE);
        n++;
    }
    assert_int_equal(n, 3);
    /* Xen refuses overlapping modules; QEMU puts the tree itself at RAM + 128 MiB */
    for (size_t i = 0; i < n; i++) {
        assert_true(mods[i][0] >= RAM_BASE + 0x8000000 + 0x100000);
        for (size_t j = i + 1; j < n; j++)
            assert_true(mods[i][0] + mods[i][1] <= mods[j][0] ||
                        mods[j][0] + mods[j][1] <= mods[i][0]);
    }
    free(fdt);
}

static void silo_is_chosen_on_the_command_line(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(xsmp_boot_dtb(f->qemu, &f->plan, XSMP_POLICY_SILO, f->sizes, f->out, &f->err),
                     0);
    void *fdt = load(f->out);
    const char *args = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "xen,xen-bootargs", NULL);
    assert_non_null(args);
    assert_non_null(strstr(args, " xsm=silo"));
    free(fdt);
}

static void a_machine_without_the_ram_is_refused(void **state)
{
    struct fixture *f = *state;
    write_qemu_tree(f->qemu, 0);
    assert_int_equal(xsmp_boot_dtb(f->qemu, &f->plan, XSMP_POLICY_DEFAULT, f->sizes, f->out,
                                   &f->err), -1);
    assert_non_null(strstr(f->err.msg, "/memory@40000000"));
    assert_int_equal(access(f->out, F_OK), -1); /* no partial output */
}

static void a_module_too_big_for_its_slot_is_refused(void **state)
{
    struct fixture *f = *state;
    f->sizes[2] = xsmp_module_max() + 1;
    assert_int_equal(xsmp_boot_dtb(f->qemu, &f->plan, XSMP_POLICY_DEFAULT, f->sizes, f->out,
                                   &f->err), -1);
    assert_non_null(strstr(f->err.msg, "does not fit"));
}

static void not_a_device_tree_is_refused(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(xsmp_write_file(f->qemu, "not a tree", 10, 0644), 0);
    assert_int_equal(xsmp_boot_dtb(f->qemu, &f->plan, XSMP_POLICY_DEFAULT, f->sizes, f->out,
                                   &f->err), -1);
    assert_non_null(strstr(f->err.msg, "not a device tree blob"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(domains_in_domid_order, setup, teardown),
        cmocka_unit_test_setup_teardown(silo_is_chosen_on_the_command_line, setup, teardown),
        cmocka_unit_test_setup_teardown(a_machine_without_the_ram_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_module_too_big_for_its_slot_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(not_a_device_tree_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
