/* SPDX-License-Identifier: GPL-2.0-only */
/* An unknown hook, profile, action, option or capability bit never allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"

static const struct xsmc_domain *all_powerful(void)
{
    static struct xsmc_domain d;
    d = dom(0, XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE);
    return &d;
}

static void unknown_hook(void **st)
{
    (void)st;
    struct xsmc_request rq = {.hook = XSMC_HOOK_COUNT, .src = all_powerful()};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &d), XSMC_EBADHOOK);
    assert_false(d.allow);
    assert_int_equal(d.rc, -XSMC_XEN_EPERM);
    assert_false(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
    rq.hook = UINT32_MAX;
    assert_false(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
}

static void unknown_profile(void **st)
{
    (void)st;
    struct xsmc_request rq = {.hook = XSMC_HOOK_domain_create, .src = all_powerful(), .target = all_powerful()};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_COUNT, 0, &rq, &d), XSMC_EBADPROFILE);
    assert_false(d.allow);
    assert_false(xsmc_allowed((enum xsmc_profile)-1, 0, &rq));
    assert_int_equal(xsmc_lattice(XSMC_PROFILE_COUNT, XSMC_ACT_HOOK, all_powerful(), NULL, &d), XSMC_EBADPROFILE);
    assert_false(d.allow);
    assert_false(xsmc_lattice_allows(XSMC_PROFILE_COUNT, XSMC_ACT_HOOK, 0, XSMC_REL_NULL));
    assert_false(xsmc_lattice_allowed(XSMC_PROFILE_COUNT, XSMC_ACT_HOOK, all_powerful(), NULL));
    assert_false(xsmc_lattice_allowed((enum xsmc_profile)-1, XSMC_ACT_HOOK, all_powerful(), NULL));
    enum xsmc_profile p;
    assert_int_equal(xsmc_profile_from_name("HWPRIV", &p), XSMC_EBADPROFILE);
    assert_int_equal(xsmc_profile_from_name("", &p), XSMC_EBADPROFILE);
    assert_int_equal(xsmc_profile_from_name(NULL, &p), XSMC_EBADPROFILE);
}

static void unknown_action(void **st)
{
    (void)st;
    struct xsmc_decision d;
    for (int a = XSMC_ACT_OTHER; a < XSMC_ACT_COUNT + 3; a++) {
        assert_int_equal(xsmc_lattice(XSMC_PROFILE_HWPRIV, a, all_powerful(), NULL, &d), XSMC_EBADACTION);
        assert_false(d.allow);
        assert_false(xsmc_lattice_allows(XSMC_PROFILE_HWPRIV, (unsigned)a, XSMC_ROLE_CONTROL, XSMC_REL_NULL));
        assert_false(xsmc_lattice_allowed(XSMC_PROFILE_HWPRIV, a, all_powerful(), NULL));
    }
    enum xsmc_action a;
    assert_int_equal(xsmc_action_from_name("ROOT", &a), XSMC_EBADACTION);
    assert_int_equal(xsmc_action_from_name("XSM_HW_PRIV", &a), 0);
    assert_int_equal(a, XSMC_ACT_HW_PRIV);
}

static void unknown_capability_bit(void **st)
{
    (void)st;
    struct xsmc_domain s = dom(1, XSMC_CAP_CONTROL | 0x20), t = dom(2, 0);
    struct xsmc_request rq = {.hook = XSMC_HOOK_domain_create, .src = &s, .target = &t};
    struct xsmc_decision d;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        assert_int_equal(xsmc_decide(p, 0, &rq, &d), XSMC_EBADCAP);
        assert_false(d.allow);
        assert_false(xsmc_allowed(p, 0, &rq));
        assert_int_equal(xsmc_lattice(p, XSMC_ACT_HOOK, &s, NULL, &d), XSMC_EBADCAP);
        assert_false(d.allow);
        assert_false(xsmc_lattice_allowed(p, XSMC_ACT_HOOK, &s, NULL));
    }
    /* on the target side too */
    s.caps = XSMC_CAP_CONTROL;
    t.caps = 0x80000000u;
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV, 0, &rq));
    assert_false(xsmc_lattice_allowed(XSMC_PROFILE_HWPRIV, XSMC_ACT_HOOK, &s, &t));
    assert_false(xsmc_lattice_allowed(XSMC_PROFILE_HWPRIV, XSMC_ACT_HOOK, NULL, &t));
    uint32_t bit;
    assert_int_equal(xsmc_cap_from_name("root", &bit), XSMC_EBADCAP);
    assert_null(xsmc_cap_name(5));
}

/* device_model is known to xsmcap but not to upstream: denied there, even HOOK. */
static void capability_undefined_by_profile(void **st)
{
    (void)st;
    struct xsmc_domain s = dom(1, XSMC_CAP_CONTROL | XSMC_CAP_DEVICE_MODEL), t = dom(2, 0);
    struct xsmc_request rq = {.hook = XSMC_HOOK_domain_create, .src = &s, .target = &t};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &d), 0);
    assert_false(d.allow);
    assert_int_equal(d.why, XSMC_WHY_CAP_UNDEFINED);
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV, 0, &rq));
    assert_true(xsmc_allowed(XSMC_PROFILE_HWPRIV_DM, 0, &rq));
    /* not_hypercall_target only exists in v2 */
    s.caps = XSMC_CAP_CONTROL;
    t.caps = XSMC_CAP_NOT_HYPERCALL_TARGET;
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV_DM, 0, &rq));
    assert_true(xsmc_allowed(XSMC_PROFILE_HWPRIV_V2, 0, &rq));
}

static void unknown_option_and_bad_arguments(void **st)
{
    (void)st;
    struct xsmc_request rq = {.hook = XSMC_HOOK_domain_create, .src = all_powerful(), .target = all_powerful()};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_HWPRIV, 1u << 7, &rq, &d), XSMC_EBADOPT);
    assert_false(d.allow);
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV, 1u << 7, &rq));
    rq.src = NULL;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_HWPRIV, 0, &rq, &d), XSMC_EBADARG);
    assert_false(d.allow);
    assert_int_equal(xsmc_decide(XSMC_PROFILE_HWPRIV, 0, NULL, &d), XSMC_EBADARG);
    assert_false(d.allow);
    /* a hook that takes a domain, without one */
    rq.src = all_powerful();
    rq.target = NULL;
    rq.hook = XSMC_HOOK_dm_op;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_HWPRIV, 0, &rq, &d), XSMC_EBADARG);
    assert_false(d.allow);
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV, 0, &rq));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unknown_hook),         cmocka_unit_test(unknown_profile),
        cmocka_unit_test(unknown_action),       cmocka_unit_test(unknown_capability_bit),
        cmocka_unit_test(capability_undefined_by_profile),
        cmocka_unit_test(unknown_option_and_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
