/* SPDX-License-Identifier: GPL-2.0-only */
/* Operations, diffs, target wording and explanations on the embedded default (arm64). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/analysis.h"

enum { DOM0, DOMU1, DOMU2, DM1, CTL }; /* XSMC_BUILTIN_SPEC's order */

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
        if (strcmp(m->ops[i]->name, name) == 0)
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
    for (size_t i = 0; i < xsmc_op_count(); i++)
        assert_true(*xsmc_op_words(xsmc_op_at(i)));
}

/*
 * Issue 11's first complaint: on the embedded default a plain guest may not
 * create a domain (XEN_DOMCTL_createdomain stops at xsm_domctl), make a late
 * hardware domain, write PCI configuration or map IRQs.  No operation it is
 * allowed reaches those hooks.
 */
static void test_guest_powers_are_real(void **state)
{
    (void)state;
    static const uint32_t never[] = {XSMC_HOOK_domain_create, XSMC_HOOK_init_hardware_domain,
                                     XSMC_HOOK_pci_config_permission, XSMC_HOOK_map_domain_irq,
                                     XSMC_HOOK_iomem_mapping_vpci, XSMC_HOOK_memory_pin_page};
    struct xsmc_system *sys = builtin();
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        struct xsmc_matrix *m = xsmc_matrix_new(sys, (enum xsmc_profile)p, 0);
        for (size_t op = 0; op < m->nops; op++) {
            if (!xsmc_matrix_allowed_count(m, op, DOMU1))
                continue;
            for (size_t h = 0; h < sizeof(never) / sizeof(never[0]); h++)
                if (xsmc_op_checks_hook(m->ops[op], never[h]))
                    fail_msg("%s: domu1 may %s, which reaches xsm_%s", xsmc_profile_name(p),
                             m->ops[op]->name, xsmc_hook_info(never[h])->name);
        }
        assert_int_equal(xsmc_matrix_allowed_count(m, op_index(m, "XEN_DOMCTL_createdomain"), DOMU1), 0);
        assert_int_equal(xsmc_matrix_allowed_count(m, op_index(m, "XEN_DOMCTL_createdomain"), CTL), 1);
        xsmc_matrix_free(m);
    }
    xsmc_system_free(sys);
}

/*
 * upstream -> hwpriv on arm64: ctl loses XENPF_settime64 (the only
 * platform_op of Arm), dom0 gains it and DM_PRIV over every domain; nothing
 * x86-only (apic, GSI, the other XENPF_*) appears.
 */
static void test_diff_upstream_hwpriv(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    struct xsmc_matrix *a = xsmc_matrix_new(sys, XSMC_PROFILE_UPSTREAM, 0);
    struct xsmc_matrix *b = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0);
    struct xsmc_diff d;
    assert_int_equal(xsmc_diff_compute(a, b, &d), 0);
    size_t settime = op_index(a, "XENPF_settime64"), mapping = op_index(a, "XEN_DOMCTL_memory_mapping");
    int ctl_lost_settime = 0, dom0_gained_settime = 0;
    size_t dom0_mapping = 0;
    for (size_t i = 0; i < d.nchanges; i++) {
        const struct xsmc_change *c = &d.changes[i];
        assert_true(xsmc_op_exists(a->ops[c->op], XSMC_ARCH_ARM64));
        assert_false(xsmc_op_checks_hook(a->ops[c->op], XSMC_HOOK_apic));
        assert_false(xsmc_op_checks_hook(a->ops[c->op], XSMC_HOOK_resource_setup_gsi));
        ctl_lost_settime |= c->src == CTL && c->op == settime && !c->gained;
        dom0_gained_settime |= c->src == DOM0 && c->op == settime && c->gained;
        dom0_mapping += c->src == DOM0 && c->op == mapping && c->gained;
        assert_true(c->src == DOM0 || c->src == CTL);
    }
    assert_true(ctl_lost_settime && dom0_gained_settime);
    /* xsm_iomem_mapping is DM_PRIV: under hwpriv the hardware domain passes it on every domain */
    assert_int_equal(dom0_mapping, sys->ndoms);
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
    struct xsmc_matrix *a = xsmc_matrix_new(x, XSMC_PROFILE_HWPRIV, 0);
    struct xsmc_matrix *b = xsmc_matrix_new(y, XSMC_PROFILE_HWPRIV, 0);
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
    struct xsmc_matrix *m = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0);
    char buf[256];
    size_t mapping = op_index(m, "XEN_DOMCTL_memory_mapping");
    size_t setup = op_index(m, "GNTTABOP_setup_table");
    assert_string_equal(xsmc_targets_text(m, mapping, DM1, 8, buf, sizeof(buf)), "its target domu1");
    assert_string_equal(xsmc_targets_text(m, mapping, DOM0, 8, buf, sizeof(buf)), "every domain");
    assert_string_equal(xsmc_targets_text(m, mapping, DOMU1, 8, buf, sizeof(buf)), "no domain");
    assert_string_equal(xsmc_targets_text(m, setup, DM1, 8, buf, sizeof(buf)), "itself and its target domu1");
    assert_string_equal(xsmc_targets_text(m, op_index(m, "XEN_DOMCTL_getdomaininfo"), DM1, 8, buf,
                                          sizeof(buf)), "its target domu1"); /* XS_PRIV: not even itself */
    assert_string_equal(xsmc_targets_text(m, setup, DOMU1, 8, buf, sizeof(buf)), "itself");
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
}

static void test_explain(void **state)
{
    (void)state;
    struct xsmc_system *sys = builtin();
    struct xsmc_op_env env;
    xsmc_env_of(sys, XSMC_PROFILE_HWPRIV, 0, &env);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    xsmc_explain(mem, &env, sys, xsmc_op_find("XENPF_settime64"), &sys->doms[CTL], NULL,
                 XSMC_TF_DOMAIN, NULL);
    fclose(mem);
    assert_non_null(strstr(buf, "predicates: ctl is control yes, hardware no"));
    assert_non_null(strstr(buf, "under upstream: allow"));
    /* dom0 is the hardware domain: Xen boots no second one, so that is no change to offer */
    assert_null(strstr(buf, "if ctl had the hardware capability"));
    assert_null(strstr(buf, "if ctl lacked the control capability")); /* no change: not listed */
    free(buf);
    xsmc_system_free(sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_complete),
        cmocka_unit_test(test_guest_powers_are_real),
        cmocka_unit_test(test_diff_upstream_hwpriv),
        cmocka_unit_test(test_diff_two_systems),
        cmocka_unit_test(test_targets_text),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
