/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations on a real platform: facts of Xen at the reference snapshot
 * (c447b7308b), each citing the code that makes it so, per architecture,
 * guest type and build configuration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/ops.h"

#define CTL_CAPS XSMC_CAP_CONTROL
#define HW_CAPS (XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE)

static struct xsmc_domain dom(uint32_t domid, uint32_t caps, enum xsmc_guest g)
{
    struct xsmc_domain d = {.domid = domid, .target = XSMC_DOMID_NONE, .caps = caps,
                            .flags = XSMC_DOMF_GUEST(g)};
    return d;
}

static const struct xsmc_op *op(const char *name)
{
    const struct xsmc_op *o = xsmc_op_find(name);
    if (!o)
        fail_msg("%s is not in the catalogue", name);
    return o;
}

/* Decide with the defconfig of `arch` (or k); returns the rc, filling *r. */
static int32_t rc_of(enum xsmc_arch arch, const struct xsmc_kconfig *k, enum xsmc_profile p,
                     const char *name, const struct xsmc_domain *s, const struct xsmc_domain *t,
                     struct xsmc_op_result *r)
{
    struct xsmc_op_env env = {arch, k, p, 0};
    if (xsmc_op_decide(&env, op(name), s, t, XSMC_TF_DOMAIN, s, r) < 0)
        fail_msg("%s: bad input on %s", name, xsmc_arch_name(arch));
    return r->rc;
}

static size_t rows_on(const char *hypercall, enum xsmc_arch arch)
{
    size_t n = 0;
    for (size_t i = 0; i < xsmc_op_count(); i++)
        n += strcmp(xsmc_op_at(i)->hypercall, hypercall) == 0 && xsmc_op_exists(xsmc_op_at(i), arch);
    return n;
}

/* xen/arch/arm/platform_hypercall.c:do_platform_op handles XENPF_settime64 and nothing else. */
static void test_arm_platform_op_is_settime64(void **state)
{
    (void)state;
    assert_int_equal(rows_on("platform_op", XSMC_ARCH_ARM64), 1);
    assert_true(xsmc_op_exists(op("XENPF_settime64"), XSMC_ARCH_ARM64));
    assert_false(xsmc_op_exists(op("XENPF_microcode_update"), XSMC_ARCH_ARM64));
    assert_true(rows_on("platform_op", XSMC_ARCH_X86_64) > 20);
}

/* x86-only hypercalls and sub-operations do not exist on Arm. */
static void test_arm_has_no_x86_operations(void **state)
{
    (void)state;
    static const char *const hypercalls[] = {"mmu_update", "mmuext_op", "update_va_mapping",
                                             "update_va_mapping_otherdomain", "xenpmu_op", "mca",
                                             "kexec_op"};
    for (size_t i = 0; i < sizeof(hypercalls) / sizeof(hypercalls[0]); i++) {
        assert_int_equal(rows_on(hypercalls[i], XSMC_ARCH_ARM64), 0);
        assert_int_equal(rows_on(hypercalls[i], XSMC_ARCH_ARM32), 0);
    }
    static const char *const subops[] = {"PHYSDEVOP_apic_read", "PHYSDEVOP_setup_gsi",
                                         "PHYSDEVOP_map_pirq", "XEN_DOMCTL_ioport_permission",
                                         "XEN_DOMCTL_gsi_permission"};
    for (size_t i = 0; i < sizeof(subops) / sizeof(subops[0]); i++)
        assert_false(xsmc_op_exists(op(subops[i]), XSMC_ARCH_ARM64));
}

/*
 * XEN_DOMCTL_createdomain: xen/common/domctl.c:do_domctl asks xsm_domctl
 * (PRIV, control only) before domain_create() is ever reached.
 */
static void test_createdomain_is_control_only(void **state)
{
    (void)state;
    struct xsmc_domain guest = dom(2, 0, XSMC_GUEST_ARM), ctl = dom(1, CTL_CAPS, XSMC_GUEST_ARM);
    struct xsmc_op_result r;
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, (enum xsmc_profile)p,
                               "XEN_DOMCTL_createdomain", &guest, NULL, &r), -XSMC_XEN_EPERM);
        assert_int_equal(op("XEN_DOMCTL_createdomain")->gates[r.decided_by].hook,
                         XSMC_HOOK_domctl);
        assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, (enum xsmc_profile)p,
                               "XEN_DOMCTL_createdomain", &ctl, NULL, &r), 0);
    }
}

/*
 * xen/arch/x86/hvm/hypercall.c:hvm_physdev_op returns -ENOSYS for
 * PHYSDEVOP_pci_device_add unless the HVM/PVH caller is the hardware
 * domain; a PV caller goes straight to do_physdev_op (xsm_resource_plug_pci).
 */
static void test_pvh_control_cannot_add_pci_devices(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain ctl_pvh = dom(0, CTL_CAPS, XSMC_GUEST_PVH);
    struct xsmc_domain ctl_pv = dom(0, CTL_CAPS, XSMC_GUEST_PV);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM,
                           "PHYSDEVOP_pci_device_add", &ctl_pvh, NULL, &r), -XSMC_XEN_ENOSYS);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM,
                           "PHYSDEVOP_pci_device_add", &ctl_pv, NULL, &r), 0);
    assert_int_equal(r.allow, 1);
    struct xsmc_domain hw_pvh = dom(1, XSMC_CAP_HARDWARE, XSMC_GUEST_PVH);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_HWPRIV,
                           "PHYSDEVOP_pci_device_add", &hw_pvh, NULL, &r), 0);
}

/*
 * mmu_update is in the pv64 column of xen/include/hypercall-defs.c only.
 * Its page owner comes from xen/common/page_alloc.c:get_pg_owner, which
 * takes DOMID_SELF but refuses the caller's own domid given explicitly.
 */
static void test_mmu_update_is_pv_only(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain hvm = dom(2, 0, XSMC_GUEST_HVM), pv = dom(2, 0, XSMC_GUEST_PV);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "MMU_NORMAL_PT_UPDATE",
                           &hvm, &hvm, &r), -XSMC_XEN_ENOSYS);
    assert_int_equal(r.decided_by, XSMC_GATE_ENTRY);
    assert_int_equal(r.entry_kopt, 0xff);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "MMU_NORMAL_PT_UPDATE",
                           &pv, &pv, &r), -XSMC_XEN_ESRCH);
    struct xsmc_op_env env = {XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, 0};
    assert_int_equal(xsmc_op_decide(&env, op("MMU_NORMAL_PT_UPDATE"), &pv, NULL,
                                    XSMC_TF_DOMID_SELF, &pv, &r), 1);
}

/*
 * dm_op is in the hypercall table only with CONFIG_IOREQ_SERVER, which the
 * arm64 defconfig leaves off: -ENOSYS, naming the option.  Built with it, a
 * device model passes on its own target (xsm_dm_op, DM_PRIV).
 */
static void test_dm_op_needs_ioreq_server(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain dm = dom(3, 0, XSMC_GUEST_ARM), guest = dom(2, 0, XSMC_GUEST_ARM);
    dm.target = guest.domid;
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_HWPRIV, "XEN_DMOP_nr_vcpus", &dm,
                           &guest, &r), -XSMC_XEN_ENOSYS);
    assert_int_equal(r.decided_by, XSMC_GATE_ENTRY);
    assert_int_equal(r.entry_kopt, XSMC_K_IOREQ_SERVER);
    struct xsmc_kconfig k;
    xsmc_kconfig_default(XSMC_ARCH_ARM64, &k);
    k.on[XSMC_K_IOREQ_SERVER / 64] |= 1ull << (XSMC_K_IOREQ_SERVER % 64);
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, &k, XSMC_PROFILE_HWPRIV, "XEN_DMOP_nr_vcpus", &dm,
                           &guest, &r), 0);
    struct xsmc_domain other = dom(4, 0, XSMC_GUEST_ARM);
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, &k, XSMC_PROFILE_HWPRIV, "XEN_DMOP_nr_vcpus", &dm,
                           &other, &r), -XSMC_XEN_EPERM);
}

/* Without CONFIG_SYSCTL the sysctl hypercall is not in the table at all. */
static void test_sysctl_compiled_out(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain ctl = dom(1, CTL_CAPS, XSMC_GUEST_ARM);
    struct xsmc_kconfig k;
    xsmc_kconfig_default(XSMC_ARCH_ARM64, &k);
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, &k, XSMC_PROFILE_UPSTREAM, "XEN_SYSCTL_physinfo", &ctl,
                           NULL, &r), 0);
    k.on[XSMC_K_SYSCTL / 64] &= ~(1ull << (XSMC_K_SYSCTL % 64));
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, &k, XSMC_PROFILE_UPSTREAM, "XEN_SYSCTL_physinfo", &ctl,
                           NULL, &r), -XSMC_XEN_ENOSYS);
    assert_int_equal(r.entry_kopt, XSMC_K_SYSCTL);
}

/*
 * XEN_SYSCTL_getdomaininfolist: xsm_sysctl (PRIV) refuses the call; then
 * xsm_getdomaininfo leaves a domain out of the list rather than refusing.
 */
static void test_getdomaininfolist_filters(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain ctl = dom(1, CTL_CAPS, XSMC_GUEST_ARM), guest = dom(2, 0, XSMC_GUEST_ARM);
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM,
                           "XEN_SYSCTL_getdomaininfolist", &guest, &ctl, &r), -XSMC_XEN_EPERM);
    assert_int_equal(r.filtered, 0);
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM,
                           "XEN_SYSCTL_getdomaininfolist", &ctl, &guest, &r), 0);
    assert_int_equal(r.allow, 1);
    const struct xsmc_op *list = op("XEN_SYSCTL_getdomaininfolist");
    int filter = 0;
    for (unsigned g = 0; g < list->ngates; g++)
        filter |= list->gates[g].kind == XSMC_G_XSM_FILTER &&
                  list->gates[g].hook == XSMC_HOOK_getdomaininfo;
    assert_true(filter);
}

/*
 * do_domctl looks the domain up with rcu_lock_domain_by_id, which knows no
 * DOMID_SELF: -ESRCH for a control domain, -EPERM for anyone else
 * (live-xen.md records the same from the running hypervisor).
 */
static void test_domctl_domid_self(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_op_env env = {XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM, 0};
    struct xsmc_domain ctl = dom(1, CTL_CAPS, XSMC_GUEST_ARM), guest = dom(2, 0, XSMC_GUEST_ARM);
    const struct xsmc_op *info = op("XEN_DOMCTL_getvcpuinfo");
    xsmc_op_decide(&env, info, &ctl, NULL, XSMC_TF_DOMID_SELF, &ctl, &r);
    assert_int_equal(r.rc, -XSMC_XEN_ESRCH);
    xsmc_op_decide(&env, info, &guest, NULL, XSMC_TF_DOMID_SELF, &guest, &r);
    assert_int_equal(r.rc, -XSMC_XEN_EPERM);
}

/*
 * xsm_console_io: CONFIG_VERBOSE_DEBUG (on in every defconfig at the
 * snapshot, a debug build) lets every domain write; reads stay privileged
 * for a domain that is not is_console (x86 domains never are).
 */
static void test_console_writes_follow_the_build(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain guest = dom(2, 0, XSMC_GUEST_PV);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "CONSOLEIO_write",
                           &guest, NULL, &r), 0);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "CONSOLEIO_read",
                           &guest, NULL, &r), -XSMC_XEN_EPERM);
    struct xsmc_kconfig k;
    xsmc_kconfig_default(XSMC_ARCH_X86_64, &k);
    k.on[XSMC_K_VERBOSE_DEBUG / 64] &= ~(1ull << (XSMC_K_VERBOSE_DEBUG % 64));
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, &k, XSMC_PROFILE_UPSTREAM, "CONSOLEIO_write",
                           &guest, NULL, &r), -XSMC_XEN_EPERM);
}

/*
 * Behaviour with no XSM decision at all (the guest-type gates).
 * xen/include/hypercall-defs.c routes grant_table_op of hvm32/hvm64 callers
 * (HVM and PVH) to xen/arch/x86/hvm/hypercall.c:hvm_grant_table_op, whose
 * switch lets query_size, setup_table, set_version, get_version, copy,
 * map/unmap_grant_ref and swap_grant_ref through and returns -ENOSYS for
 * every other command ("All other commands need auditing"); PV callers go
 * to do_grant_table_op directly, and Arm's column is `do` with no such
 * switch, so an arm64 domain is never refused there.
 */
static void test_hvm_grant_table_op_gate(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    static const char *const audited[] = {"GNTTABOP_get_status_frames", "GNTTABOP_transfer",
                                          "GNTTABOP_unmap_and_replace"};
    struct xsmc_domain hvm = dom(2, 0, XSMC_GUEST_HVM), pvh = dom(2, 0, XSMC_GUEST_PVH);
    struct xsmc_domain pv = dom(2, 0, XSMC_GUEST_PV), arm = dom(2, 0, XSMC_GUEST_ARM);
    for (size_t i = 0; i < sizeof(audited) / sizeof(audited[0]); i++) {
        assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, audited[i], &hvm, &hvm, &r),
                         -XSMC_XEN_ENOSYS);
        assert_int_equal(r.allow, 0);
        assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, audited[i], &pvh, &pvh, &r),
                         -XSMC_XEN_ENOSYS);
        assert_int_equal(r.allow, 0);
        /* a PV caller is past that gate: whatever it gets, it is not hvm_grant_table_op's -ENOSYS */
        rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, audited[i], &pv, &pv, &r);
        assert_true(r.nrun > 1);
        assert_true(r.gates[0].pass);
        /* arm64: the x86-only gate does not run; the op is not refused with -ENOSYS */
        rc_of(XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM, audited[i], &arm, &arm, &r);
        assert_int_not_equal(r.rc, -XSMC_XEN_ENOSYS);
    }
    /* get_status_frames on itself: lookup and xsm_grant_setup pass (XSM_TARGET, self) */
    assert_int_equal(rc_of(XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM, "GNTTABOP_get_status_frames",
                           &arm, &arm, &r), 0);
    assert_int_equal(r.allow, 1);
    /* a command hvm_grant_table_op lets through is not refused for HVM */
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "GNTTABOP_query_size",
                           &hvm, &hvm, &r), 0);
}

/*
 * xenpmu_op is in every x86 column of xen/include/hypercall-defs.c
 * (`do` for hvm32/hvm64 too), and xen/arch/x86/cpu/vpmu.c:do_xenpmu_op
 * returns -EOPNOTSUPP first thing when has_vlapic(current->domain): every
 * HVM domain and every PVH domain has X86_EMU_LAPIC
 * (xen/arch/x86/domain.c:emulation_flags_ok, PVH domU .min = X86_EMU_LAPIC).
 */
static void test_xenpmu_refuses_non_pv(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    static const char *const ops[] = {"XENPMU_mode_get", "XENPMU_mode_set", "XENPMU_feature_get",
                                      "XENPMU_feature_set", "XENPMU_init", "XENPMU_finish",
                                      "XENPMU_lvtpc_set", "XENPMU_flush"};
    struct xsmc_domain hvm = dom(2, 0, XSMC_GUEST_HVM), pvh = dom(2, 0, XSMC_GUEST_PVH);
    struct xsmc_domain hvm_ctl = dom(0, CTL_CAPS, XSMC_GUEST_HVM);
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, ops[i], &hvm, NULL, &r),
                         -XSMC_XEN_EOPNOTSUPP);
        assert_int_equal(r.allow, 0);
        assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, ops[i], &pvh, NULL, &r),
                         -XSMC_XEN_EOPNOTSUPP);
        assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, ops[i], &hvm_ctl, NULL, &r),
                         -XSMC_XEN_EOPNOTSUPP);
    }
}

/*
 * hvm_op is `do` in the pv32/pv64 columns of xen/include/hypercall-defs.c,
 * so a PV caller reaches xen/arch/x86/hvm/hvm.c:do_hvm_op; HVMOP_flush_tlbs
 * (NULL handle) calls hvmop_flush_tlb_all, which returns -EINVAL unless
 * is_hvm_domain(current->domain).  PVH is an HVM domain and passes.
 */
static void test_flush_tlbs_refuses_pv(void **state)
{
    (void)state;
    struct xsmc_op_result r;
    struct xsmc_domain pv = dom(2, 0, XSMC_GUEST_PV), pv_ctl = dom(0, CTL_CAPS, XSMC_GUEST_PV);
    struct xsmc_domain hvm = dom(2, 0, XSMC_GUEST_HVM), pvh = dom(2, 0, XSMC_GUEST_PVH);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "HVMOP_flush_tlbs", &pv, NULL, &r),
                     -XSMC_XEN_EINVAL);
    assert_int_equal(r.allow, 0);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "HVMOP_flush_tlbs", &pv_ctl, NULL,
                           &r), -XSMC_XEN_EINVAL);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "HVMOP_flush_tlbs", &hvm, NULL, &r),
                     0);
    assert_int_equal(rc_of(XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_UPSTREAM, "HVMOP_flush_tlbs", &pvh, NULL, &r),
                     0);
}

/* kconfig.def: CONFIG_PV is x86 only ('x' for arm64 and arm32), on in the x86_64 defconfig. */
static void test_kopt_pv_exists_on_x86_only(void **state)
{
    (void)state;
    assert_false(xsmc_kopt_exists(XSMC_K_PV, XSMC_ARCH_ARM64));
    assert_false(xsmc_kopt_exists(XSMC_K_PV, XSMC_ARCH_ARM32));
    assert_true(xsmc_kopt_exists(XSMC_K_PV, XSMC_ARCH_X86_64));
    assert_true(xsmc_kopt_default(XSMC_K_PV, XSMC_ARCH_X86_64));
    assert_false(xsmc_kopt_default(XSMC_K_PV, XSMC_ARCH_ARM64));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arm_platform_op_is_settime64),
        cmocka_unit_test(test_arm_has_no_x86_operations),
        cmocka_unit_test(test_createdomain_is_control_only),
        cmocka_unit_test(test_pvh_control_cannot_add_pci_devices),
        cmocka_unit_test(test_mmu_update_is_pv_only),
        cmocka_unit_test(test_dm_op_needs_ioreq_server),
        cmocka_unit_test(test_sysctl_compiled_out),
        cmocka_unit_test(test_getdomaininfolist_filters),
        cmocka_unit_test(test_domctl_domid_self),
        cmocka_unit_test(test_console_writes_follow_the_build),
        cmocka_unit_test(test_hvm_grant_table_op_gate),
        cmocka_unit_test(test_xenpmu_refuses_non_pv),
        cmocka_unit_test(test_flush_tlbs_refuses_pv),
        cmocka_unit_test(test_kopt_pv_exists_on_x86_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
