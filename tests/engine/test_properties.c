/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Properties that must hold in every profile, over every target situation.
 * The hooks and their actions come from tests/data/xsm-hooks.csv (read by
 * tests/hardening/ref_catalogue.c), never from the engine's catalogue:
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

#include <stdio.h>

#include "fixtures.h"
#include "ref_catalogue.h"

static const char *data_dir;

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

/*
 * Restrict a domain to what the profile defines (others are always denied):
 * Xen's three DOMAIN_CAPS_* bits, DEVICE_MODEL from June 3/4 (hwpriv-dm on),
 * NOT_HYPERCALL_TARGET from v2 04/17 (xsm-policy-versions.md sections 4, 6).
 */
static int defined(int p, const struct xsmc_domain *d)
{
    static const uint32_t caps[XSMC_PROFILE_COUNT] = {0x7, 0x7, 0xf, 0x1f};
    return !d || !(d->caps & ~caps[p]);
}

/* The engine's number for a CSV hook (names are the key between the two). */
static uint32_t hook_number(const struct ref_hook *r)
{
    uint32_t id;
    if (xsmc_hook_from_name(r->name, &id))
        fail_msg("CSV hook %s is not in the catalogue", r->name);
    return id;
}

static int plain_lattice_hook(const struct ref_hook *r, int p)
{
    return r->action[p] < REF_LATTICE_ACTIONS && !r->own_logic;
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
    unsigned checked = 0;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
        for (size_t k = 0; k < ref_catalogue_count(); k++) {
            const struct ref_hook *r = ref_catalogue_at(k);
            if (!plain_lattice_hook(r, p))
                continue;
            uint32_t h = hook_number(r);
            for (int i = 0; i < NTARGETS; i++) {
                const struct xsmc_domain *t = targets(&s, &buf, i);
                if (r->target == REF_T_DOMAIN && !t)
                    continue;
                struct xsmc_request rq = {.hook = h, .src = &s, .target = t};
                struct xsmc_decision d;
                assert_int_equal(xsmc_decide(p, 0, &rq, &d), 0);
                /* the pmu_op kind (the caller itself) has its own logic, so never here */
                const struct xsmc_domain *seen = r->target == REF_T_NONE ? NULL : t;
                int a = r->action[p];
                int want = defined(p, seen) &&
                           (a == REF_A_HOOK || (a == REF_A_TARGET && seen == &s));
                if (d.allow != want)
                    fail_msg("%s %s target %d", xsmc_profile_name(p), r->name, i);
                checked++;
            }
        }
    assert_true(checked > 1000);
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
        unsigned hw_hooks = 0;
        for (size_t k = 0; k < ref_catalogue_count(); k++) {
            const struct ref_hook *r = ref_catalogue_at(k);
            if (r->action[p] != REF_A_HW_PRIV)
                continue;
            struct xsmc_request rq = {.hook = hook_number(r), .src = &ctl};
            if (xsmc_allowed(p, 0, &rq))
                fail_msg("%s: control-only passes HW_PRIV hook %s", xsmc_profile_name(p), r->name);
            hw_hooks++;
        }
        assert_int_equal(hw_hooks, 7); /* the seven reclassified hooks */
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

int main(int argc, char **argv)
{
    char path[1024], err[512];
    data_dir = argc > 1 ? argv[1] : "tests/data";
    snprintf(path, sizeof(path), "%s/xsm-hooks.csv", data_dir);
    if (ref_catalogue_load(path, err, sizeof(err))) {
        fprintf(stderr, "test-properties: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_capability_passes_only_hook_and_self_target),
        cmocka_unit_test(no_capability_through_hooks),
        cmocka_unit_test(all_three_capabilities_pass_everything),
        cmocka_unit_test(control_only_never_passes_hw_priv),
        cmocka_unit_test(hwpriv_hwdom_dm_priv_over_control),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
