/*
 * Properties that must hold in every profile, over every target situation:
 *  - a domain with no capability and no target passes only HOOK, and TARGET
 *    on itself;
 *  - a domain with control, hardware and xenstore passes every action the
 *    profile defines (but for v2's rule: nobody but the target itself passes
 *    TARGET/DM_PRIV/PRIV against a not_hypercall_target domain);
 *  - under hwpriv (and v2) a control-only domain never passes HW_PRIV.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"

#define NTARGETS 9

/* Every target situation the lattice distinguishes, NULL first. */
static const struct xsmc_domain *targets(const struct xsmc_domain *self, struct xsmc_domain *buf,
                                         int i)
{
    static const uint32_t caps[] = {0, XSMC_CAP_CONTROL, XSMC_CAP_HARDWARE, XSMC_CAP_XENSTORE,
                                    XSMC_CAP_DEVICE_MODEL, XSMC_CAP_NOT_HYPERCALL_TARGET,
                                    XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE};
    if (i == 0)
        return NULL;
    if (i == 1)
        return self;
    *buf = dom(10 + (uint32_t)i, caps[i - 2]);
    return buf;
}

/* Restrict a domain to what the profile defines (others are always denied). */
static int defined(int p, const struct xsmc_domain *d)
{
    return !d || !(d->caps & ~xsmc_profile_caps(p));
}

static void no_capability_passes_only_hook_and_self_target(void **st)
{
    (void)st;
    struct xsmc_domain s = dom(1, 0), buf;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
        for (int a = 0; a < XSMC_LATTICE_ACTIONS; a++)
            for (int i = 0; i < NTARGETS; i++) {
                const struct xsmc_domain *t = targets(&s, &buf, i);
                int want = defined(p, t) && (a == XSMC_ACT_HOOK || (a == XSMC_ACT_TARGET && t == &s));
                if (lattice_both(p, a, &s, t) != want)
                    fail_msg("%s %s target %d", xsmc_profile_name(p), xsmc_action_name(a), i);
            }
}

/* The same through every hook that uses the lattice directly. */
static void no_capability_through_hooks(void **st)
{
    (void)st;
    struct xsmc_domain s = dom(1, 0), buf;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
        for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
            const struct xsmc_hook_info *hi = xsmc_hook_info(h);
            if (hi->logic != XSMC_L_DEFAULT)
                continue;
            for (int i = 0; i < NTARGETS; i++) {
                const struct xsmc_domain *t = targets(&s, &buf, i);
                if (hi->target == XSMC_T_DOMAIN && !t)
                    continue;
                struct xsmc_request rq = {.hook = h, .src = &s, .target = t};
                struct xsmc_decision d;
                assert_int_equal(xsmc_decide(p, 0, &rq, &d), 0);
                const struct xsmc_domain *seen = hi->target == XSMC_T_NONE ? NULL : t;
                int a = hi->action[p];
                int want = defined(p, seen) &&
                           (a == XSMC_ACT_HOOK || (a == XSMC_ACT_TARGET && seen == &s));
                if (d.allow != want)
                    fail_msg("%s %s target %d", xsmc_profile_name(p), hi->name, i);
            }
        }
}

static void all_three_capabilities_pass_everything(void **st)
{
    (void)st;
    struct xsmc_domain s = dom(1, XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE), buf;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
        for (int a = 0; a < XSMC_LATTICE_ACTIONS; a++)
            for (int i = 0; i < NTARGETS; i++) {
                const struct xsmc_domain *t = targets(&s, &buf, i);
                int want = 1;
                if (p == XSMC_PROFILE_UPSTREAM && a == XSMC_ACT_HW_PRIV)
                    want = 0; /* HW_PRIV does not exist upstream */
                if (!defined(p, t))
                    want = 0;
                /* v2: the documented untargetable rule */
                if (p == XSMC_PROFILE_HWPRIV_V2 && t && t != &s &&
                    (t->caps & XSMC_CAP_NOT_HYPERCALL_TARGET) &&
                    (a == XSMC_ACT_TARGET || a == XSMC_ACT_DM_PRIV || a == XSMC_ACT_PRIV))
                    want = 0;
                if (lattice_both(p, a, &s, t) != want)
                    fail_msg("%s %s target %d", xsmc_profile_name(p), xsmc_action_name(a), i);
            }
}

static void control_only_never_passes_hw_priv(void **st)
{
    (void)st;
    struct xsmc_domain ctl = dom(1, XSMC_CAP_CONTROL), idle = idle_at_boot(), buf;
    static const int excluding[] = {XSMC_PROFILE_HWPRIV, XSMC_PROFILE_HWPRIV_V2};
    for (int k = 0; k < 2; k++) {
        int p = excluding[k];
        for (int i = 0; i < NTARGETS; i++) {
            assert_false(lattice_both(p, XSMC_ACT_HW_PRIV, &ctl, targets(&ctl, &buf, i)));
            assert_false(lattice_both(p, XSMC_ACT_HW_PRIV, &idle, targets(&idle, &buf, i)));
        }
        for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
            if (xsmc_hook_info(h)->action[p] != XSMC_ACT_HW_PRIV)
                continue;
            struct xsmc_request rq = {.hook = h, .src = &ctl};
            assert_false(xsmc_allowed(p, 0, &rq));
        }
        /* console_io's fallback (a read by a domain without is_console) */
        struct xsmc_request con = {.hook = XSMC_HOOK_console_io, .subop = XSMC_CONSOLEIO_read, .src = &ctl};
        assert_false(xsmc_allowed(p, 0, &con));
    }
    /* hwpriv-dm keeps control in HW_PRIV; upstream has PRIV there */
    struct xsmc_request po = {.hook = XSMC_HOOK_platform_op, .src = &ctl};
    assert_true(xsmc_allowed(XSMC_PROFILE_HWPRIV_DM, 0, &po));
    assert_true(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &po));
}

/* The reviewers' concern: hwpriv's hardware domain has DM_PRIV over everyone. */
static void hwpriv_hwdom_dm_priv_over_control(void **st)
{
    (void)st;
    struct xsmc_domain hw = dom(0, XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE), ctl = dom(4, XSMC_CAP_CONTROL);
    struct xsmc_request rq = {.hook = XSMC_HOOK_dm_op, .src = &hw, .target = &ctl};
    assert_true(xsmc_allowed(XSMC_PROFILE_HWPRIV, 0, &rq));
    assert_false(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV_DM, 0, &rq));
    assert_false(xsmc_allowed(XSMC_PROFILE_HWPRIV_V2, 0, &rq));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_capability_passes_only_hook_and_self_target),
        cmocka_unit_test(no_capability_through_hooks),
        cmocka_unit_test(all_three_capabilities_pass_everything),
        cmocka_unit_test(control_only_never_passes_hw_priv),
        cmocka_unit_test(hwpriv_hwdom_dm_priv_over_control),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
