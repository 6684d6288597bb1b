/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook -> Flask mapping table and Xen's class table: every hook of the
 * catalogue is mapped or listed with a reason, every row cites the Xen
 * function it models, and every permission it names exists in Xen's layout;
 * the layout itself against reference/flask.md and against checkpolicy's
 * numbering of a hand-written policy (tests/flask/data/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sepol/policydb/services.h>
#include <sepol/sepol.h>

#include "xsmcap/flask.h"

static void every_hook_is_mapped_or_listed(void **state)
{
    (void)state;
    for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
        size_t rows = 0;
        for (size_t i = 0; i < xsmc_flask_map_count(); i++)
            rows += xsmc_flask_map_at(i)->hook == h;
        if (!rows)
            fail_msg("hook %s has no row in src/flask/hookmap.def", xsmc_hook_info(h)->name);
    }
}

static void rows_cite_xen_and_give_reasons(void **state)
{
    (void)state;
    for (size_t i = 0; i < xsmc_flask_map_count(); i++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(i);
        const char *name = xsmc_hook_info(m->hook)->name;
        if (strncmp(m->flask_fn, "xen/xsm/flask/", 14) != 0 || !strstr(m->flask_fn, ".c:"))
            fail_msg("row %zu (%s) cites '%s', not a file:function of xen/xsm/flask", i, name, m->flask_fn);
        if (m->kind != XSMC_FLASK_FULL && strlen(m->note) < 20)
            fail_msg("row %zu (%s) is %s without a reason", i, name,
                     xsmc_flask_kind_name((enum xsmc_flask_kind)m->kind));
        if (m->kind == XSMC_FLASK_UNMAPPED && m->checks[0].src)
            fail_msg("row %zu (%s) is unmapped but lists checks", i, name);
    }
}

static void checks_name_real_permissions(void **state)
{
    (void)state;
    for (size_t i = 0; i < xsmc_flask_map_count(); i++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(i);
        const struct xsmc_hook_info *h = xsmc_hook_info(m->hook);
        for (unsigned c = 0; c < XSMC_FLASK_MAX_CHECKS && m->checks[c].src; c++) {
            const struct xsmc_flask_check *ck = &m->checks[c];
            /* a hook without a target domain cannot ask about one */
            if (h->target != XSMC_T_DOMAIN &&
                (ck->src == XSMC_FS_TGT || ck->tgt == XSMC_FT_DOM || ck->tgt == XSMC_FT_RAW ||
                 ck->tgt == XSMC_FT_REFUSE_SELF))
                fail_msg("row %zu (%s) asks about a target the hook does not take", i, h->name);
            if (ck->tgt >= XSMC_FT_REFUSE)
                continue;
            char perms[256];
            snprintf(perms, sizeof(perms), "%s", ck->perms);
            for (char *save = NULL, *p = strtok_r(perms, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
                unsigned cls;
                uint32_t bit;
                if (strcmp(p, "@use") == 0)
                    p = "use_iommu";
                if (xsmc_flask_perm(ck->cls, p, &cls, &bit))
                    fail_msg("row %zu (%s): %s:%s is not in Xen's access_vectors", i, h->name, ck->cls, p);
            }
        }
    }
}

/*
 * Xen's access vectors as reference/flask.md records them, never as
 * src/flask/classes.def says: section 3, "seinfo xp30: 13 classes, 177
 * perms" (the stock policy declares every class and permission of
 * access_vectors); section 4, the (class, permission) pairs each
 * hardware-related hook asks.
 */
static const char *const section4[][2] = {
    {"xen", "settime"}, {"xen", "mtrr_add"}, {"xen", "mtrr_del"}, {"xen", "mtrr_read"},
    {"xen", "microcode"}, {"xen", "quirk"}, {"xen", "firmware"}, {"xen", "sleep"},
    {"xen", "frequency"}, {"xen", "getidle"}, {"xen", "pm_op"}, {"xen", "getcpuinfo"},
    {"xen2", "resource_op"}, {"xen2", "get_symbol"}, {"xen2", "get_dom0_console"},
    {"resource", "plug"}, {"resource", "unplug"}, {"resource", "add"}, {"resource", "add_irq"},
    {"resource", "use_iommu"}, {"resource", "use_iommu_nointremap"}, {"resource", "use_noiommu"},
    {"resource", "remove"}, {"resource", "remove_irq"}, {"xen", "readapic"},
    {"xen", "writeapic"}, {"resource", "setup"}, {"xen", "readconsole"},
    {"xen", "writeconsole"}, {"xen", "clearconsole"}, {"xen", "physinfo"},
    {"xen", "heap"}, {"xen", "debug"}, {"xen", "cpupool_op"}, {"xen2", "psr_cmt_op"},
    {"xen2", "psr_alloc"}, {"xen2", "get_cpu_featureset"}, {"xen2", "livepatch_op"},
    {"xen2", "coverage_op"}, {"domain", "getdomaininfo"}, {"resource", "add_iomem"},
    {"resource", "remove_iomem"}, {"resource", "add_ioport"}, {"resource", "remove_ioport"},
    {"hvm", "bind_irq"}, {"resource", "add_device"}, {"resource", "stat_device"},
    {"resource", "remove_device"}, {"mmu", "memorymap"}, {"xen", "mca_op"}, {"xen", "kexec"},
    {"xen", "hypfs_op"}, {"hvm", "dm"}, {"domain2", "resource_map"}, {"hvm", "setparam"},
    {"hvm", "getparam"}, {"hvm", "hvmctl"}, {"mmu", "target_hack"}, {"mmu", "map_read"},
    {"mmu", "map_write"}, {"domain2", "make_priv_for"}, {"domain2", "set_as_target"},
    {"domain", "set_target"}, {"domain2", "create_hardware_domain"}, {"domain", "create"},
};

static void access_vectors_count_is_xens(void **state)
{
    (void)state;
    unsigned perms = 0;
    assert_int_equal(XSMC_FLASK_CLASSES, 13);
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++) {
        char list[1024];
        snprintf(list, sizeof(list), "%s", xsmc_flask_class_perms(i));
        for (char *save = NULL, *p = strtok_r(list, " ", &save); p; p = strtok_r(NULL, " ", &save))
            perms++;
    }
    assert_int_equal(perms, 177);
    assert_null(xsmc_flask_class_name(XSMC_FLASK_CLASSES));
}

static void section4_permissions_exist(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(section4) / sizeof(section4[0]); i++) {
        unsigned cls;
        uint32_t bit;
        if (xsmc_flask_perm(section4[i][0], section4[i][1], &cls, &bit))
            fail_msg("flask.md section 4 names %s:%s; the layout lacks it", section4[i][0],
                     section4[i][1]);
    }
    unsigned cls;
    uint32_t bit;
    assert_int_equal(xsmc_flask_perm("xen", "nosuch", &cls, &bit), -1);
    assert_int_equal(xsmc_flask_perm("nosuch", "send", &cls, &bit), -1);
    /* a prefix of a permission is not that permission */
    assert_int_equal(xsmc_flask_perm("xen", "settim", &cls, &bit), -1);
}

/*
 * Class values and permission bits as checkpolicy numbers them (flask.md
 * section 2: value = position in security_classes, bit = 1 << (position - 1)
 * in access_vectors), read with libsepol from tests/flask/data/
 * builtin-hwpriv.xenpolicy, checkpolicy's build of a hand-written source
 * whose declarations are Xen's files written out again (test
 * flask-fixture keeps the binary that build).
 */
static const char *fixture;

static void layout_is_checkpolicys(void **state)
{
    (void)state;
    FILE *f = fopen(fixture, "rb");
    if (!f)
        fail_msg("cannot open %s", fixture);
    sepol_debug(0);
    int loaded = sepol_set_policydb_from_file(f);
    fclose(f);
    assert_int_equal(loaded, 0);
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++) {
        const char *name = xsmc_flask_class_name(i);
        sepol_security_class_t c;
        if (sepol_string_to_security_class(name, &c) || c != i + 1)
            fail_msg("class %s: value %u here, checkpolicy's is not", name, i + 1);
        char list[1024];
        snprintf(list, sizeof(list), "%s", xsmc_flask_class_perms(i));
        unsigned pos = 0;
        for (char *save = NULL, *p = strtok_r(list, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
            sepol_access_vector_t av;
            unsigned cls;
            uint32_t bit;
            assert_int_equal(xsmc_flask_perm(name, p, &cls, &bit), 0);
            if (sepol_string_to_av_perm(c, p, &av) || av != bit || bit != 1u << pos)
                fail_msg("%s:%s: bit %#x here, checkpolicy's %#x", name, p, bit, av);
            pos++;
        }
    }
}

static void type_names_are_unique_and_valid(void **state)
{
    (void)state;
    struct xsmc_system *sys = xsmc_system_new("<test>", XSMC_SRC_SPEC);
    assert_non_null(sys);
    const char *names[] = {"xen", "a-b", "1x", "a_b"};
    for (unsigned i = 0; i < 4; i++) {
        struct xsmc_dom *d = xsmc_system_add(sys, names[i], "test");
        assert_non_null(d);
        d->core.domid = i;
    }
    struct xsmc_flask_types ty;
    char err[256];
    assert_int_equal(xsmc_flask_types_build(sys, &ty, err, sizeof(err)), 0);
    assert_string_equal(ty.names[0], "xen_0_t"); /* xen_t is Xen's own label */
    assert_string_equal(ty.names[1], "a_b_t");
    assert_string_equal(ty.names[2], "d1x_t");
    assert_string_equal(ty.names[3], "a_b_3_t");  /* a_b_t is taken by "a-b" */
    xsmc_flask_types_free(&ty);
    assert_string_equal(xsmc_flask_use_perm(sys), "use_iommu");
    sys->iommu = XSMC_NO;
    assert_string_equal(xsmc_flask_use_perm(sys), "use_noiommu");
    xsmc_system_free(sys);
}

static void export_refuses_a_system_without_domains(void **state)
{
    (void)state;
    struct xsmc_system *sys = xsmc_system_new("<empty>", XSMC_SRC_PARTIAL_DT);
    struct xsmc_flask_export ex;
    char err[256] = "";
    assert_int_equal(xsmc_flask_export(sys, XSMC_PROFILE_HWPRIV, 0, &ex, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "no domains"));
    assert_null(ex.source);
    xsmc_system_free(sys);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test-flask-mapping BUILTIN-HWPRIV.XENPOLICY\n");
        return 2;
    }
    fixture = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_hook_is_mapped_or_listed),
        cmocka_unit_test(rows_cite_xen_and_give_reasons),
        cmocka_unit_test(checks_name_real_permissions),
        cmocka_unit_test(access_vectors_count_is_xens),
        cmocka_unit_test(section4_permissions_exist),
        cmocka_unit_test(layout_is_checkpolicys),
        cmocka_unit_test(type_names_are_unique_and_valid),
        cmocka_unit_test(export_refuses_a_system_without_domains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
