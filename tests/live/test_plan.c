/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The plan (src/probe/plan.c): what a dom0less boot can carry, and the
 * set-up records of device models.  Facts: dom0less domids start at 1
 * (xen/common/domid.c: 0 is kept for the first boot domain), a xen,domain
 * node's capabilities are DOMAIN_CAPS_CONTROL, _HARDWARE, _XENSTORE only
 * (xen/include/public/bootfdt.h), one hardware domain
 * (dom0less-bindings.c: "Only 1 hardware domain"), and the device-model
 * relation exists only through XEN_DOMCTL_set_target (46), from a control
 * domain (xen/common/domctl.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "probe.h"

static struct xsmc_system *spec(const char *text)
{
    char e[256];
    struct xsmc_system *s = xsmc_spec_parse(text, e, sizeof(e));
    if (!s)
        fail_msg("%s: %s", text, e);
    return s;
}

static void expect_plan_error(const char *text, const char *needle)
{
    struct xsmc_system *s = spec(text);
    struct xsmp_plan plan;
    struct xsmp_error err;
    int rc = xsmp_plan_init(&plan, s, &err);
    if (rc == 0)
        rc = xsmp_plan_targets(&plan, &err);
    assert_int_equal(rc, -1);
    if (!strstr(err.msg, needle))
        fail_msg("%s: error '%s' lacks '%s'", text, err.msg, needle);
    xsmp_plan_free(&plan);
    xsmc_system_free(s);
}

static void domids_from_one_with_xen_caps(void **state)
{
    (void)state;
    struct xsmc_system *s = spec("a:control;b:hardware,xenstore;c;d:xenstore");
    struct xsmp_plan plan;
    struct xsmp_error err;
    assert_int_equal(xsmp_plan_init(&plan, s, &err), 0);
    assert_int_equal(plan.ndoms, 4);
    static const uint32_t caps[] = {1, 6, 0, 4};
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(plan.doms[i].domid, i + 1);
        assert_int_equal(plan.doms[i].xen_caps, caps[i]);
        assert_ptr_equal(xsmp_plan_domid(&plan, i + 1), &plan.doms[i]);
    }
    assert_null(xsmp_plan_domid(&plan, 0));
    xsmp_plan_free(&plan);
    xsmc_system_free(s);
}

static void what_dom0less_cannot_carry(void **state)
{
    (void)state;
    expect_plan_error("a:control;b:device_model", "only control, hardware and xenstore");
    expect_plan_error("a:control;b:not_hypercall_target", "only control, hardware and xenstore");
    expect_plan_error("a:hardware;b:hardware", "both hardware domains");
    expect_plan_error("d0;d1;d2;d3;d4;d5;d6;d7;d8;d9;d10;d11;d12;d13;d14;d15;d16",
                      "the probe boots 1 to 16");
    expect_plan_error("hw:hardware;g;dm>g", "no control domain");
}

static void x86_systems_are_refused(void **state)
{
    (void)state;
    char e[256];
    struct xsmc_system *s = xsmc_spec_parse_arch("a:control;b", XSMC_ARCH_X86_64, e, sizeof(e));
    assert_non_null(s);
    struct xsmp_plan plan;
    struct xsmp_error err;
    assert_int_equal(xsmp_plan_init(&plan, s, &err), -1);
    assert_non_null(strstr(err.msg, "the probe boots arm64"));
    xsmc_system_free(s);
}

/* set_target from the control domain first; the device model waits on its guest. */
static void device_models_are_set_up_first(void **state)
{
    (void)state;
    struct xsmc_system *s = spec("hw:hardware;g;dm>g;ctl:control");
    struct xsmp_plan plan;
    struct xsmp_error err;
    assert_int_equal(xsmp_plan_init(&plan, s, &err), 0);
    assert_int_equal(xsmp_plan_targets(&plan, &err), 0);
    const struct xsmp_list *ctl = &plan.lists[3], *dm = &plan.lists[2];
    assert_int_equal(ctl->n, 1);
    const struct xsmp_record *set = &ctl->v[0];
    assert_int_equal(set->key.op, XSMP_OP_SET_TARGET);
    assert_int_equal(set->hypercall, 36);                 /* __HYPERVISOR_domctl */
    assert_int_equal(set->init[0], 46);                   /* XEN_DOMCTL_set_target */
    assert_int_equal(set->init[4], 0x18);                 /* XEN_DOMCTL_INTERFACE_VERSION */
    assert_int_equal(set->init[8], 3);                    /* domain: dm, domid 3 */
    assert_int_equal(set->init[16], 2);                   /* u.set_target.target: g, domid 2 */
    assert_int_equal(dm->n, 1);
    const struct xsmp_record *wait = &dm->v[0];
    assert_int_equal(wait->key.op, XSMP_OP_WAIT_TARGET);
    assert_int_equal(wait->hypercall, 34);                /* __HYPERVISOR_hvm_op */
    assert_int_equal(wait->arg_value[0], 1);              /* HVMOP_get_param */
    assert_int_equal(wait->init[0], 2);                   /* xen_hvm_param.domid: g */
    assert_true(wait->wait);
    assert_int_equal(wait->wait_rc, 0);
    assert_int_equal(plan.lists[0].n + plan.lists[1].n, 0);

    /* the answers: a refused set_target is an error naming both domains */
    struct xsmp_result rset = {.rc = -1}, rwait = {.rc = 0};
    struct xsmp_answers answers[XSMP_MAX_DOMAINS];
    memset(answers, 0, sizeof(answers));
    answers[3] = (struct xsmp_answers){.res = &rset, .n = 1, .started = 1, .done = 1};
    answers[2] = (struct xsmp_answers){.res = &rwait, .n = 1, .started = 1, .done = 1};
    assert_int_equal(xsmp_plan_check_setup(&plan, answers, &err), -1);
    assert_non_null(strstr(err.msg, "ctl could not make dm a device model"));
    rset.rc = 0;
    assert_int_equal(xsmp_plan_check_setup(&plan, answers, &err), 0);
    rwait.rc = -1;
    assert_int_equal(xsmp_plan_check_setup(&plan, answers, &err), -1);
    assert_non_null(strstr(err.msg, "device model dm never gained its relation over g"));
    xsmp_plan_free(&plan);
    xsmc_system_free(s);
}

/* A control domain that is its own guest's device model sets the relation itself, first. */
static void a_control_device_model_needs_no_wait(void **state)
{
    (void)state;
    struct xsmc_system *s = spec("g;ctl:control>g");
    struct xsmp_plan plan;
    struct xsmp_error err;
    assert_int_equal(xsmp_plan_init(&plan, s, &err), 0);
    assert_int_equal(xsmp_plan_targets(&plan, &err), 0);
    assert_int_equal(plan.lists[1].n, 1);
    assert_int_equal(plan.lists[1].v[0].key.op, XSMP_OP_SET_TARGET);
    xsmp_plan_free(&plan);
    xsmc_system_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(domids_from_one_with_xen_caps),
        cmocka_unit_test(what_dom0less_cannot_carry),
        cmocka_unit_test(x86_systems_are_refused),
        cmocka_unit_test(device_models_are_set_up_first),
        cmocka_unit_test(a_control_device_model_needs_no_wait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
