/* Operations, diffs, target wording and explanations on the embedded default. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/analysis.h"

static struct xsmc_system *builtin(void)
{
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    assert_non_null(sys);
    return sys;
}

static size_t op_index(const struct xsmc_matrix *m, const char *name)
{
    for (size_t i = 0; i < m->nops; i++)
        if (strcmp(m->ops[i].name, name) == 0)
            return i;
    fail_msg("no operation %s", name);
    return 0;
}

static void test_words_complete(void **state)
{
    (void)state;
    for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
        const struct xsmc_hook_words *w = xsmc_hook_words(h);
        assert_non_null(w);
        assert_true(*w->group && *w->topic && *w->words);
    }
    assert_null(xsmc_hook_words(XSMC_HOOK_COUNT));
}

/* Every catalogue sub-op decides under every profile, on a target and without. */
static void test_every_subop_decides(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    size_t n;
    struct xsmc_aop *ops = xsmc_aop_list(XSMC_OPS_SUBOPS, &n);
    assert_non_null(ops);
    assert_int_equal(n, xsmc_op_count());
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
            for (size_t s = 0; s < sys->ndoms; s++) {
                struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
                unsigned done;
                int r = xsmc_aop_decide((enum xsmc_profile)p, 0, &ops[i], &sys->doms[s].core,
                                        &sys->doms[1].core, NULL, dec, &done);
                if (r < 0)
                    fail_msg("%s under profile %d: %s", ops[i].name, p, xsmc_strerror(r));
                assert_true(done >= 1 && done <= ops[i].nsteps);
            }
    free(ops);
    xsmc_system_free(sys);
}

/* upstream -> hwpriv: ctl loses the eight HW_PRIV hooks; dom0 gains them and DM_PRIV everywhere. */
static void test_diff_upstream_hwpriv(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    struct xsmc_matrix *a = xsmc_matrix_new(sys, XSMC_PROFILE_UPSTREAM, 0, XSMC_OPS_HOOKS);
    struct xsmc_matrix *b = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0, XSMC_OPS_HOOKS);
    struct xsmc_diff d;
    assert_int_equal(xsmc_diff_compute(a, b, &d), 0);
    assert_int_equal(d.lost, 8);
    assert_int_equal(d.domains_changed, 2);
    size_t ctl_lost = 0, dom0_dm_op = 0;
    size_t dm_op = op_index(a, "dm_op");
    for (size_t i = 0; i < d.nchanges; i++) {
        const struct xsmc_change *c = &d.changes[i];
        if (c->src == 4)
            ctl_lost += !c->gained;
        if (c->src == 0 && c->op == dm_op && c->gained)
            dom0_dm_op++;
        assert_true(c->src == 0 || c->src == 4);
    }
    assert_int_equal(ctl_lost, 8);
    assert_int_equal(dom0_dm_op, sys->ndoms); /* over every domain, itself included */
    xsmc_diff_free(&d);
    assert_int_equal(xsmc_diff_compute(b, b, &d), 0);
    assert_int_equal(d.nchanges, 0);
    xsmc_diff_free(&d);
    xsmc_matrix_free(a);
    xsmc_matrix_free(b);
    xsmc_system_free(sys);
}

/* Two systems: matched by name, a domain in one only is listed and not compared. */
static void test_diff_two_systems(void **state)
{
    (void)state;
    char err[256];
    struct xsmc_system *x = xsmc_spec_parse("hw:hardware,xenstore;g;ctl:control", err, sizeof(err));
    struct xsmc_system *y = xsmc_spec_parse("hw:hardware,xenstore,control;g;extra", err, sizeof(err));
    struct xsmc_matrix *a = xsmc_matrix_new(x, XSMC_PROFILE_HWPRIV, 0, XSMC_OPS_HOOKS);
    struct xsmc_matrix *b = xsmc_matrix_new(y, XSMC_PROFILE_HWPRIV, 0, XSMC_OPS_HOOKS);
    struct xsmc_diff d;
    assert_int_equal(xsmc_diff_compute(a, b, &d), 0);
    assert_int_equal(d.nonly_before, 1);
    assert_string_equal(d.only_before[0], "ctl");
    assert_int_equal(d.nonly_after, 1);
    assert_string_equal(d.only_after[0], "extra");
    assert_true(d.gained > 0);
    for (size_t i = 0; i < d.nchanges; i++)
        assert_int_equal(d.changes[i].src, 0); /* only hw changed */
    xsmc_diff_free(&d);
    xsmc_matrix_free(a);
    xsmc_matrix_free(b);
    xsmc_system_free(x);
    xsmc_system_free(y);
}

static void test_targets_text(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    struct xsmc_matrix *m = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0, XSMC_OPS_HOOKS);
    char buf[256];
    size_t dm_op = op_index(m, "dm_op"), setup = op_index(m, "grant_setup");
    assert_string_equal(xsmc_targets_text(m, dm_op, 3, 8, buf, sizeof(buf)), "its target domu1");
    assert_string_equal(xsmc_targets_text(m, dm_op, 0, 8, buf, sizeof(buf)), "every domain");
    assert_string_equal(xsmc_targets_text(m, dm_op, 1, 8, buf, sizeof(buf)), "no domain");
    assert_string_equal(xsmc_targets_text(m, setup, 3, 8, buf, sizeof(buf)), "itself and its target domu1");
    assert_string_equal(xsmc_targets_text(m, op_index(m, "getdomaininfo"), 3, 8, buf, sizeof(buf)),
                        "its target domu1"); /* XS_PRIV: not even itself */
    assert_string_equal(xsmc_targets_text(m, setup, 1, 8, buf, sizeof(buf)), "itself");
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
}

static void test_explain(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    struct xsmc_aop aop;
    assert_int_equal(xsmc_aop_from_name("platform_op", 0, &aop), 0);
    assert_int_equal(xsmc_aop_from_name("no_such_thing", 0, &aop), -1);
    assert_int_equal(xsmc_aop_from_name("xsm_platform_op", 0, &aop), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    xsmc_explain(mem, XSMC_PROFILE_HWPRIV, 0, &aop, &sys->doms[4], NULL, NULL);
    fclose(mem);
    assert_non_null(strstr(buf, "predicates: ctl is control yes, hardware no"));
    assert_non_null(strstr(buf, "under upstream: allow"));
    assert_non_null(strstr(buf, "if ctl had the hardware capability: allow"));
    assert_null(strstr(buf, "if ctl lacked the control capability")); /* no change: not listed */
    free(buf);
    xsmc_system_free(sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_complete),
        cmocka_unit_test(test_every_subop_decides),
        cmocka_unit_test(test_diff_upstream_hwpriv),
        cmocka_unit_test(test_diff_two_systems),
        cmocka_unit_test(test_targets_text),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
