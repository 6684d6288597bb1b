/*
 * Every catalogue row decides through the engine, for every profile, with
 * and without SILO, for a source of each role and each target the row
 * admits, and the answers keep Xen's rules: all checks in order, the first
 * denial ends the walk, and no row ever lands on a domctl command's
 * -EILSEQ or on bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/ops.h"

enum { HWXS, CTL, GUEST, DM, OTHER_GUEST, DMCAP, UNTARGETABLE, NDOMS };

static const struct xsmc_domain doms[NDOMS] = {
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

static uint32_t hook(const char *name)
{
    uint32_t h = XSMC_HOOK_COUNT;
    assert_int_equal(xsmc_hook_from_name(name, &h), 0);
    return h;
}

/* Decide a row as `xsmcap query` does: each check in order until one denies. */
static int decide_row(const struct xsmc_op *op, enum xsmc_profile p, uint32_t options,
                      const struct xsmc_domain *src, const struct xsmc_domain *tgt)
{
    int allow = 1;
    for (unsigned s = 0; s < op->nsteps && allow; s++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(op->steps[s].hook);
        struct xsmc_request rq = {.hook = op->steps[s].hook, .subop = op->steps[s].subop,
                                  .subop2 = op->steps[s].subop2, .src = src,
                                  .target = h->target == XSMC_T_NONE ? NULL : tgt};
        struct xsmc_decision d;
        int status = xsmc_decide(p, options, &rq, &d);
        if (status)
            fail_msg("%s step %s, profile %s: status %d", op->name, h->name,
                     xsmc_profile_name(p), status);
        if (d.hook != op->steps[s].hook || d.why == XSMC_WHY_BAD_INPUT ||
            d.rc == -XSMC_XEN_EILSEQ || (d.allow != 0) != (d.rc == 0))
            fail_msg("%s step %s, profile %s: inconsistent decision (rc %d, why %u)", op->name,
                     h->name, xsmc_profile_name(p), d.rc, d.why);
        if (xsmc_allowed(p, options, &rq) != d.allow)
            fail_msg("%s step %s: fast path disagrees", op->name, h->name);
        allow = d.allow;
    }
    return allow;
}

static void test_every_row_every_profile(void **state)
{
    (void)state;
    size_t decisions = 0;
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
            for (uint32_t opt = 0; opt <= XSMC_OPT_SILO; opt += XSMC_OPT_SILO)
                for (int s = 0; s < NDOMS; s++) {
                    if (op->target != XSMC_ON_DOMAIN) {
                        const struct xsmc_domain *t = op->target == XSMC_ON_CALLER ? &doms[s] : NULL;
                        decide_row(op, (enum xsmc_profile)p, opt, &doms[s], t);
                        decisions++;
                        continue;
                    }
                    for (int t = 0; t < NDOMS; t++, decisions++)
                        decide_row(op, (enum xsmc_profile)p, opt, &doms[s], &doms[t]);
                }
    }
    assert_true(decisions > 10000);
}

static int row_allows(const char *name, enum xsmc_profile p, int src, int tgt)
{
    const struct xsmc_op *op = xsmc_op_find(name);
    if (!op)
        fail_msg("%s missing", name);
    return decide_row(op, p, 0, &doms[src], tgt < 0 ? NULL : &doms[tgt]);
}

/* The reviewers' concern: what the control domain loses under hwpriv. */
static void test_hwpriv_moves_hardware_ops(void **state)
{
    (void)state;
    static const char *const moved[] = {"XENPF_settime64", "PHYSDEVOP_setup_gsi",
                                        "PHYSDEVOP_apic_write", "PHYSDEVOP_pci_device_add",
                                        "PHYSDEVOP_pci_device_reset", "CONSOLEIO_read"};
    for (size_t i = 0; i < sizeof(moved) / sizeof(moved[0]); i++) {
        assert_true(row_allows(moved[i], XSMC_PROFILE_UPSTREAM, CTL, -1));
        assert_false(row_allows(moved[i], XSMC_PROFILE_HWPRIV, CTL, -1));
        assert_true(row_allows(moved[i], XSMC_PROFILE_HWPRIV, HWXS, -1));
        assert_false(row_allows(moved[i], XSMC_PROFILE_HWPRIV, GUEST, -1));
    }
    /* domctl stays with control everywhere */
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        assert_true(row_allows("XEN_DOMCTL_createdomain", (enum xsmc_profile)p, CTL, -1));
        assert_false(row_allows("XEN_DOMCTL_createdomain", (enum xsmc_profile)p, GUEST, -1));
    }
    /* hwpriv-dm lets the hardware domain read the console through sysctl */
    assert_true(row_allows("XEN_SYSCTL_readconsole", XSMC_PROFILE_HWPRIV_DM, HWXS, -1));
    assert_false(row_allows("XEN_SYSCTL_readconsole", XSMC_PROFILE_HWPRIV, HWXS, -1));
}

/* A multi-check row stops at the first denial and needs every check. */
static void test_checks_in_order(void **state)
{
    (void)state;
    const struct xsmc_op *map = xsmc_op_find("physdev_op:map_pirq");
    assert_non_null(map);
    assert_int_equal(map->steps[0].hook, hook("map_domain_pirq"));
    assert_true(row_allows("physdev_op:map_pirq", XSMC_PROFILE_HWPRIV, DM, GUEST));
    assert_false(row_allows("physdev_op:map_pirq", XSMC_PROFILE_HWPRIV, DM, OTHER_GUEST));
    assert_false(row_allows("physdev_op:map_pirq", XSMC_PROFILE_HWPRIV, GUEST, OTHER_GUEST));
    /* getdomaininfolist: sysctl (PRIV) first, so the xenstore domain cannot list */
    assert_false(row_allows("XEN_SYSCTL_getdomaininfolist", XSMC_PROFILE_UPSTREAM, HWXS, GUEST));
    assert_true(row_allows("XEN_DOMCTL_getdomaininfo", XSMC_PROFILE_UPSTREAM, HWXS, GUEST));
    assert_true(row_allows("XEN_SYSCTL_getdomaininfolist", XSMC_PROFILE_UPSTREAM, CTL, GUEST));
    /* pmu_op acts on the caller: mode changes need privilege, init does not */
    assert_true(row_allows("XENPMU_init", XSMC_PROFILE_HWPRIV, GUEST, GUEST));
    assert_false(row_allows("XENPMU_mode_set", XSMC_PROFILE_HWPRIV, GUEST, GUEST));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_every_profile),
        cmocka_unit_test(test_hwpriv_moves_hardware_ops),
        cmocka_unit_test(test_checks_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
