/* SPDX-License-Identifier: GPL-2.0-only */
/* Hooks with their own logic, and SILO, decided as Xen's code does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"

static struct xsmc_decision decide(int p, uint32_t opt, uint32_t hook, uint32_t subop,
                                   const struct xsmc_domain *s, const struct xsmc_domain *t)
{
    struct xsmc_request rq = {.hook = hook, .subop = subop, .src = s, .target = t};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(p, opt, &rq, &d), 0);
    assert_int_equal(d.allow, xsmc_allowed(p, opt, &rq));
    return d;
}

static void console_io(void **st)
{
    (void)st;
    struct xsmc_domain guest = dom(1, 0), ctl = dom(2, XSMC_CAP_CONTROL), hw = dom(3, XSMC_CAP_HARDWARE);
    struct xsmc_domain dom0less_guest = guest;
    dom0less_guest.flags = XSMC_DOMF_CONSOLE;
    /* is_console passes whatever the profile */
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        struct xsmc_decision d = decide(p, 0, XSMC_HOOK_console_io, XSMC_CONSOLEIO_read, &dom0less_guest, NULL);
        assert_true(d.allow);
        assert_int_equal(d.why, XSMC_WHY_IS_CONSOLE);
        assert_false(decide(p, 0, XSMC_HOOK_console_io, XSMC_CONSOLEIO_write, &guest, NULL).allow);
        /* CONFIG_VERBOSE_DEBUG: writes pass, reads do not */
        assert_true(decide(p, XSMC_OPT_VERBOSE_DEBUG, XSMC_HOOK_console_io, XSMC_CONSOLEIO_write, &guest, NULL).allow);
        assert_false(decide(p, XSMC_OPT_VERBOSE_DEBUG, XSMC_HOOK_console_io, XSMC_CONSOLEIO_read, &guest, NULL).allow);
    }
    /* the fallback: PRIV upstream, HW_PRIV in the proposals */
    struct xsmc_decision d = decide(XSMC_PROFILE_UPSTREAM, 0, XSMC_HOOK_console_io, 1, &ctl, NULL);
    assert_true(d.allow);
    assert_int_equal(d.action, XSMC_ACT_PRIV);
    assert_false(decide(XSMC_PROFILE_UPSTREAM, 0, XSMC_HOOK_console_io, 1, &hw, NULL).allow);
    d = decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_console_io, 1, &ctl, NULL);
    assert_false(d.allow);
    assert_int_equal(d.action, XSMC_ACT_HW_PRIV);
    assert_int_equal(d.why, XSMC_WHY_CONTROL_NOT_HW);
    assert_true(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_console_io, 1, &hw, NULL).allow);
    assert_true(decide(XSMC_PROFILE_HWPRIV_DM, 0, XSMC_HOOK_console_io, 1, &ctl, NULL).allow);
    assert_false(decide(XSMC_PROFILE_HWPRIV_V2, 0, XSMC_HOOK_console_io, 1, &ctl, NULL).allow);
}

static void xen_version(void **st)
{
    (void)st;
    struct xsmc_domain guest = dom(1, 0), ctl = dom(2, XSMC_CAP_CONTROL), hw = dom(3, XSMC_CAP_HARDWARE);
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        /* version, platform_parameters, get_features: no check */
        for (uint32_t op = 0; op <= 6; op += 5)
            assert_int_equal(decide(p, 0, XSMC_HOOK_xen_version, op, &guest, NULL).why, XSMC_WHY_NO_CHECK);
        assert_true(decide(p, 0, XSMC_HOOK_xen_version, 6, &guest, NULL).allow);
        /* extraversion .. guest_handle: HOOK */
        static const uint32_t hook_ops[] = {1, 2, 3, 4, 7, 8, 11, 12, 13};
        for (size_t i = 0; i < 9; i++)
            assert_true(decide(p, 0, XSMC_HOOK_xen_version, hook_ops[i], &guest, NULL).allow);
        /* commandline(9), build_id(10), commandline2(14), unknown: PRIV */
        static const uint32_t priv_ops[] = {9, 10, 14, 99};
        for (size_t i = 0; i < 4; i++) {
            assert_false(decide(p, 0, XSMC_HOOK_xen_version, priv_ops[i], &guest, NULL).allow);
            assert_false(decide(p, 0, XSMC_HOOK_xen_version, priv_ops[i], &hw, NULL).allow);
            assert_true(decide(p, 0, XSMC_HOOK_xen_version, priv_ops[i], &ctl, NULL).allow);
        }
    }
}

static void pmu_op(void **st)
{
    (void)st;
    struct xsmc_domain guest = dom(1, 0), ctl = dom(2, XSMC_CAP_CONTROL);
    for (uint32_t op = 0; op < 8; op++) {
        int hook = op >= 4; /* init, finish, lvtpc_set, flush */
        assert_int_equal(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_pmu_op, op, &guest, NULL).allow, hook);
        assert_true(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_pmu_op, op, &ctl, NULL).allow);
    }
}

static void altp2m(void **st)
{
    (void)st;
    struct xsmc_domain guest = dom(1, 0), stub = dm_for(2, 0, 1), other = dom(3, 0);
    struct xsmc_request rq = {.hook = XSMC_HOOK_hvm_altp2mhvm_op, .src = &guest, .target = &guest};
    struct xsmc_decision d;
    rq.subop = XSMC_XEN_ALTP2M_mixed; /* TARGET: self passes */
    assert_true(xsmc_allowed(0, 0, &rq));
    rq.subop = XSMC_XEN_ALTP2M_external; /* DM_PRIV: self does not */
    assert_false(xsmc_allowed(0, 0, &rq));
    rq.subop = XSMC_XEN_ALTP2M_limited;
    rq.subop2 = XSMC_HVMOP_altp2m_vcpu_enable_notify;
    assert_true(xsmc_allowed(0, 0, &rq));
    rq.subop2 = 4;
    assert_false(xsmc_allowed(0, 0, &rq));
    rq.src = &stub;
    assert_true(xsmc_allowed(0, 0, &rq));
    rq.target = &other;
    assert_false(xsmc_allowed(0, 0, &rq));
    rq.subop = 0; /* disabled: -EPERM whoever asks */
    rq.src = &guest;
    rq.target = &guest;
    assert_int_equal(xsmc_decide(0, 0, &rq, &d), 0);
    assert_false(d.allow);
    assert_int_equal(d.why, XSMC_WHY_ALTP2M_MODE);
}

static void domctl(void **st)
{
    (void)st;
    struct xsmc_domain ctl = dom(2, XSMC_CAP_CONTROL), guest = dom(1, 0);
    static const uint32_t own_hook[] = {38, 5, 50, 90, 88, 20, 40, 21, 19, 39, 46, 48};
    for (size_t i = 0; i < 12; i++) {
        struct xsmc_decision d = decide(XSMC_PROFILE_UPSTREAM, 0, XSMC_HOOK_domctl, own_hook[i], &ctl, &guest);
        assert_false(d.allow);
        assert_int_equal(d.rc, -XSMC_XEN_EILSEQ);
    }
    /* createdomain passes no domain */
    assert_true(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_domctl, 1, &ctl, NULL).allow);
    assert_false(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_domctl, 1, &guest, NULL).allow);
    assert_false(decide(XSMC_PROFILE_HWPRIV, 0, XSMC_HOOK_domctl, 2, &guest, &guest).allow);
}

static void sysctl(void **st)
{
    (void)st;
    struct xsmc_domain ctl = dom(2, XSMC_CAP_CONTROL), hw = dom(0, XSMC_CAP_HARDWARE);
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        int dm = p == XSMC_PROFILE_HWPRIV_DM;
        assert_int_equal(decide(p, 0, XSMC_HOOK_sysctl, XSMC_XEN_SYSCTL_readconsole, &hw, NULL).allow, dm);
        assert_int_equal(decide(p, 0, XSMC_HOOK_sysctl, XSMC_XEN_SYSCTL_physinfo, &hw, NULL).allow, dm);
        assert_false(decide(p, 0, XSMC_HOOK_sysctl, 4, &hw, NULL).allow);
        assert_true(decide(p, 0, XSMC_HOOK_sysctl, XSMC_XEN_SYSCTL_readconsole, &ctl, NULL).allow);
        assert_true(decide(p, 0, XSMC_HOOK_sysctl, 4, &ctl, NULL).allow);
    }
}

static void hvm_param_v2_control_get(void **st)
{
    (void)st;
    struct xsmc_domain ctl = dom(2, XSMC_CAP_CONTROL);
    struct xsmc_domain safe = dom(5, XSMC_CAP_NOT_HYPERCALL_TARGET);
    assert_true(decide(XSMC_PROFILE_HWPRIV_V2, 0, XSMC_HOOK_hvm_param, XSMC_HVMOP_get_param, &ctl, &safe).allow);
    assert_false(decide(XSMC_PROFILE_HWPRIV_V2, 0, XSMC_HOOK_hvm_param, XSMC_HVMOP_set_param, &ctl, &safe).allow);
}

static void mmu_update_checks_both_owners(void **st)
{
    (void)st;
    struct xsmc_domain stub = dm_for(2, 0, 1), guest = dom(1, 0), other = dom(3, 0);
    struct xsmc_request rq = {.hook = XSMC_HOOK_mmu_update, .src = &stub, .target = &guest};
    assert_true(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
    rq.other = &other;
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &d), 0);
    assert_false(d.allow);
    assert_false(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
    rq.other = &guest;
    assert_true(xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq));
}

static void set_system_active(void **st)
{
    (void)st;
    struct xsmc_domain idle = idle_at_boot(), ctl = dom(2, XSMC_CAP_CONTROL), done = idle_at_boot();
    done.flags = 0;
    assert_true(decide(0, 0, XSMC_HOOK_set_system_active, 0, &idle, NULL).allow);
    assert_false(decide(0, 0, XSMC_HOOK_set_system_active, 0, &ctl, NULL).allow);
    assert_false(decide(0, 0, XSMC_HOOK_set_system_active, 0, &done, NULL).allow);
    /* after boot the idle domain is no longer privileged */
    assert_false(lattice_both(0, XSMC_ACT_PRIV, &done, NULL));
    assert_true(lattice_both(0, XSMC_ACT_PRIV, &idle, NULL));
}

static void housekeeping_and_enosys(void **st)
{
    (void)st;
    struct xsmc_domain guest = dom(1, 0);
    struct xsmc_decision d = decide(0, 0, XSMC_HOOK_alloc_security_domain, 0, &guest, &guest);
    assert_true(d.allow);
    assert_int_equal(d.why, XSMC_WHY_NO_DECISION);
    d = decide(0, 0, XSMC_HOOK_do_xsm_op, 0, &guest, NULL);
    assert_false(d.allow);
    assert_int_equal(d.rc, -XSMC_XEN_ENOSYS);
}

static void silo(void **st)
{
    (void)st;
    struct xsmc_domain a = dom(1, 0), b = dom(2, 0), ctl = dom(3, XSMC_CAP_CONTROL),
                       hw = dom(4, XSMC_CAP_HARDWARE), xs = dom(5, XSMC_CAP_XENSTORE);
    const struct xsmc_domain *bridges[] = {&ctl, &hw, &xs};
    /* who may bridge, per profile: upstream/hwpriv control; June all three; v2 hw, xs */
    static const int allowed[XSMC_PROFILE_COUNT][3] = {{1, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}};
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        struct xsmc_decision d = decide(p, XSMC_OPT_SILO, XSMC_HOOK_grant_mapref, 0, &a, &b);
        assert_false(d.allow);
        assert_int_equal(d.why, XSMC_WHY_SILO);
        assert_true(decide(p, 0, XSMC_HOOK_grant_mapref, 0, &a, &b).allow);
        /* unaffected hooks */
        assert_true(decide(p, XSMC_OPT_SILO, XSMC_HOOK_grant_unmapref, 0, &a, &b).allow);
        for (int k = 0; k < 3; k++) {
            assert_int_equal(decide(p, XSMC_OPT_SILO, XSMC_HOOK_grant_mapref, 0, &a, bridges[k]).allow,
                             allowed[p][k]);
            assert_int_equal(decide(p, XSMC_OPT_SILO, XSMC_HOOK_argo_send, 0, bridges[k], &a).allow,
                             allowed[p][k]);
        }
        /* a domain with itself is always allowed */
        assert_true(decide(p, XSMC_OPT_SILO, XSMC_HOOK_evtchn_interdomain, 0, &a, &a).allow);
    }
    /* evtchn_unbound: the remote end is looked up first */
    struct xsmc_request rq = {.hook = XSMC_HOOK_evtchn_unbound, .src = &a, .target = &a};
    struct xsmc_decision d;
    assert_int_equal(xsmc_decide(0, XSMC_OPT_SILO, &rq, &d), 0);
    assert_int_equal(d.rc, -XSMC_XEN_ESRCH);
    rq.other = &b;
    assert_int_equal(xsmc_decide(0, XSMC_OPT_SILO, &rq, &d), 0);
    assert_int_equal(d.rc, -XSMC_XEN_EPERM);
    rq.other = &ctl;
    assert_int_equal(xsmc_decide(0, XSMC_OPT_SILO, &rq, &d), 0);
    assert_true(d.allow);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(console_io),     cmocka_unit_test(xen_version),
        cmocka_unit_test(pmu_op),         cmocka_unit_test(altp2m),
        cmocka_unit_test(domctl),         cmocka_unit_test(sysctl),
        cmocka_unit_test(hvm_param_v2_control_get),
        cmocka_unit_test(mmu_update_checks_both_owners),
        cmocka_unit_test(set_system_active),
        cmocka_unit_test(housekeeping_and_enosys),
        cmocka_unit_test(silo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
