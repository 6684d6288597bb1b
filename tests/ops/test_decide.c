/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every catalogue row decides on every platform: each architecture, each x86
 * guest type, default and modified build configurations, every profile,
 * with and without SILO, for a source of each role and each target the row
 * admits (DOMID_SELF too).  The answers keep Xen's rules: the first gate
 * that fails decides, with its errno; an XSM gate agrees with the engine's
 * fast path; no row lands on a domctl command's -EILSEQ or on bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/ops.h"

enum { HWXS, CTL, GUEST, DM, OTHER_GUEST, DMCAP, UNTARGETABLE, NDOMS };

static const struct xsmc_domain base[NDOMS] = {
    [HWXS] = {.domid = 0, .target = XSMC_DOMID_NONE,
              .caps = XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE, .flags = XSMC_DOMF_CONSOLE},
    [CTL] = {.domid = 1, .target = XSMC_DOMID_NONE, .caps = XSMC_CAP_CONTROL},
    [GUEST] = {.domid = 2, .target = XSMC_DOMID_NONE},
    [DM] = {.domid = 3, .target = 2},
    [OTHER_GUEST] = {.domid = 4, .target = XSMC_DOMID_NONE},
    [DMCAP] = {.domid = 5, .target = XSMC_DOMID_NONE, .caps = XSMC_CAP_DEVICE_MODEL},
    [UNTARGETABLE] = {.domid = 6, .target = XSMC_DOMID_NONE,
                      .caps = XSMC_CAP_NOT_HYPERCALL_TARGET},
};

/* The domains on an architecture, all of guest type g (ignored on Arm). */
static void domains_of(enum xsmc_arch arch, enum xsmc_guest g, struct xsmc_domain *out)
{
    for (int i = 0; i < NDOMS; i++) {
        out[i] = base[i];
        out[i].flags |= XSMC_DOMF_GUEST(arch == XSMC_ARCH_X86_64 ? g : XSMC_GUEST_ARM);
    }
}

static void check(const struct xsmc_op_env *env, const struct xsmc_op *op,
                  const struct xsmc_domain *s, const struct xsmc_domain *t,
                  enum xsmc_target_form form)
{
    struct xsmc_op_result r;
    int status = xsmc_op_decide(env, op, s, t, form, s, &r);
    if (status < 0)
        fail_msg("%s on %s, profile %s: status %d", op->name, xsmc_arch_name(env->arch),
                 xsmc_profile_name(env->profile), status);
    if ((status == 1) != (r.allow == 1) || (r.allow && (r.rc != 0 || r.filtered)) ||
        (!r.allow && !r.filtered && r.rc >= 0) || (r.filtered && r.rc != 0))
        fail_msg("%s: inconsistent result (status %d allow %u rc %d)", op->name, status, r.allow, r.rc);
    if (!r.allow && r.decided_by != XSMC_GATE_ENTRY &&
        (r.decided_by >= op->ngates || r.gates[r.decided_by].pass != 0 ||
         (!r.filtered && r.gates[r.decided_by].rc != r.rc)))
        fail_msg("%s: the deciding gate %u does not carry the refusal", op->name, r.decided_by);
    for (unsigned g = 0; g < r.nrun; g++) {
        const struct xsmc_gate *gt = &op->gates[g];
        const struct xsmc_gate_result *gr = &r.gates[g];
        if ((gt->kind != XSMC_G_XSM && gt->kind != XSMC_G_XSM_FILTER) || gr->pass == 2)
            continue;
        if (gr->xsm.rc == -XSMC_XEN_EILSEQ || gr->xsm.why == XSMC_WHY_BAD_INPUT)
            fail_msg("%s: xsm_%s lands on -EILSEQ or bad input", op->name,
                     xsmc_hook_info(gt->hook)->name);
        if (gr->xsm.hook != gt->hook)
            fail_msg("%s: the decision names another hook", op->name);
    }
}

static void test_every_row_every_platform(void **state)
{
    (void)state;
    size_t decisions = 0;
    for (int a = 0; a < XSMC_ARCH_COUNT; a++) {
        struct xsmc_kconfig k[2];
        xsmc_kconfig_default((enum xsmc_arch)a, &k[0]);
        k[1] = k[0];
        for (unsigned w = 0; w < XSMC_KCONFIG_WORDS; w++)
            k[1].on[w] = ~k[0].on[w]; /* every option flipped */
        for (int g = XSMC_GUEST_ARM; g < XSMC_GUEST_COUNT; g++) {
            if (!xsmc_guest_valid((enum xsmc_arch)a, (enum xsmc_guest)g))
                continue;
            struct xsmc_domain d[NDOMS];
            domains_of((enum xsmc_arch)a, (enum xsmc_guest)g, d);
            for (size_t i = 0; i < xsmc_op_count(); i++) {
                const struct xsmc_op *op = xsmc_op_at(i);
                if (!xsmc_op_exists(op, (enum xsmc_arch)a))
                    continue;
                for (int kc = 0; kc < 2; kc++)
                    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
                        for (uint32_t opt = 0; opt <= XSMC_OPT_SILO; opt += XSMC_OPT_SILO) {
                            struct xsmc_op_env env = {(enum xsmc_arch)a, &k[kc],
                                                      (enum xsmc_profile)p, opt};
                            for (int s = 0; s < NDOMS; s++) {
                                if (op->target != XSMC_ON_DOMAIN) {
                                    check(&env, op, &d[s], NULL, XSMC_TF_DOMAIN);
                                    decisions++;
                                    continue;
                                }
                                check(&env, op, &d[s], NULL, XSMC_TF_DOMID_SELF);
                                for (int t = 0; t < NDOMS; t++, decisions++)
                                    check(&env, op, &d[s], &d[t], XSMC_TF_DOMAIN);
                            }
                        }
            }
        }
    }
    assert_true(decisions > 100000);
}

/* An operation that does not exist on the architecture, or bad input, is refused, never allowed. */
static void test_fails_closed(void **state)
{
    (void)state;
    const struct xsmc_op *apic = xsmc_op_find("PHYSDEVOP_apic_read");
    struct xsmc_domain ctl = base[CTL];
    struct xsmc_op_result r;
    struct xsmc_op_env arm = {XSMC_ARCH_ARM64, NULL, XSMC_PROFILE_UPSTREAM, 0};
    assert_int_equal(xsmc_op_decide(&arm, apic, &ctl, NULL, XSMC_TF_DOMAIN, NULL, &r), XSMC_EBADARG);
    assert_int_equal(r.allow, 0);
    struct xsmc_op_env bad = {XSMC_ARCH_COUNT, NULL, XSMC_PROFILE_UPSTREAM, 0};
    assert_true(xsmc_op_decide(&bad, apic, &ctl, NULL, XSMC_TF_DOMAIN, NULL, &r) < 0);
    struct xsmc_op_env badp = {XSMC_ARCH_X86_64, NULL, XSMC_PROFILE_COUNT, 0};
    ctl.flags |= XSMC_DOMF_GUEST(XSMC_GUEST_PV);
    assert_true(xsmc_op_decide(&badp, apic, &ctl, NULL, XSMC_TF_DOMAIN, NULL, &r) < 0);
    assert_int_equal(r.allow, 0);
    /* a PV guest on Arm does not exist */
    const struct xsmc_op *settime = xsmc_op_find("XENPF_settime64");
    assert_true(xsmc_op_decide(&arm, settime, &ctl, NULL, XSMC_TF_DOMAIN, NULL, &r) < 0);
    /* a targeted operation without a target */
    const struct xsmc_op *pause = xsmc_op_find("XEN_DOMCTL_pausedomain");
    assert_true(xsmc_op_decide(&arm, pause, &base[CTL], NULL, XSMC_TF_DOMAIN, NULL, &r) < 0);
    assert_int_equal(r.allow, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_every_platform),
        cmocka_unit_test(test_fails_closed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
