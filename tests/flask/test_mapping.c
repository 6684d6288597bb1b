/*
 * The hook -> Flask mapping table and Xen's class table: every hook of the
 * catalogue is mapped or listed with a reason, every row cites the Xen
 * function it models, and every permission it names exists in Xen's layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void class_layout_is_xens(void **state)
{
    (void)state;
    unsigned cls;
    uint32_t bit;
    assert_int_equal(xsmc_flask_perm("xen", "settime", &cls, &bit), 0);
    assert_int_equal(cls, 1);
    assert_int_equal(bit, 1u);
    assert_int_equal(xsmc_flask_perm("xen", "setscheduler", &cls, &bit), 0);
    assert_int_equal(bit, 1u << 28);
    assert_int_equal(xsmc_flask_perm("domain", "create", &cls, &bit), 0);
    assert_int_equal(cls, 3);
    assert_int_equal(bit, 1u << 4);
    assert_int_equal(xsmc_flask_perm("resource", "use_iommu", &cls, &bit), 0);
    assert_int_equal(cls, 7);
    assert_int_equal(bit, 1u << 3);
    assert_int_equal(xsmc_flask_perm("argo", "send", &cls, &bit), 0);
    assert_int_equal(cls, 13);
    assert_int_equal(bit, 1u << 3);
    assert_int_equal(xsmc_flask_perm("xen", "nosuch", &cls, &bit), -1);
    assert_int_equal(xsmc_flask_perm("nosuch", "send", &cls, &bit), -1);
    /* a prefix of a permission is not that permission */
    assert_int_equal(xsmc_flask_perm("xen", "settim", &cls, &bit), -1);
    assert_string_equal(xsmc_flask_class_name(5), "mmu");
    assert_null(xsmc_flask_class_name(XSMC_FLASK_CLASSES));
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_hook_is_mapped_or_listed),
        cmocka_unit_test(rows_cite_xen_and_give_reasons),
        cmocka_unit_test(checks_name_real_permissions),
        cmocka_unit_test(class_layout_is_xens),
        cmocka_unit_test(type_names_are_unique_and_valid),
        cmocka_unit_test(export_refuses_a_system_without_domains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
