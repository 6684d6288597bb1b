/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmc_allowed (hook logic + generated table) must give the same answer as
 * xsmc_decide (hook logic + readable lattice) everywhere: every profile,
 * option set and hook, sources of every capability set, flag and target
 * relation, targets of every capability set, with and without a third
 * domain, over the sub-operation values the hooks' logic distinguishes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"

static const uint32_t subops[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 19, 38, 46, 99};

static void decide_equals_allowed(void **st)
{
    (void)st;
    static const uint32_t tcaps[] = {0, XSMC_CAP_CONTROL, XSMC_CAP_HARDWARE, XSMC_CAP_XENSTORE,
                                     XSMC_CAP_DEVICE_MODEL, XSMC_CAP_NOT_HYPERCALL_TARGET,
                                     XSMC_CAP_CONTROL | XSMC_CAP_NOT_HYPERCALL_TARGET, XSMC_CAP_ALL};
    unsigned long n = 0, allowed = 0;
    for (uint32_t caps = 0; caps <= XSMC_CAP_ALL; caps++)
        for (uint32_t flags = 0; flags < 4; flags++)
            for (int rel = 0; rel < 2; rel++) {
                struct xsmc_domain s = dom(flags & XSMC_DOMF_IDLE_BOOT ? XSMC_DOMID_IDLE : 1, caps);
                s.flags = flags;
                s.target = rel ? 7 : XSMC_DOMID_NONE;
                for (int ti = -2; ti < 8; ti++) {
                    struct xsmc_domain tb = dom(7, ti >= 0 ? tcaps[ti] : 0);
                    const struct xsmc_domain *t = ti == -2 ? NULL : ti == -1 ? &s : &tb;
                    for (int oi = 0; oi < 3; oi++) {
                        struct xsmc_domain ob = dom(9, oi == 2 ? XSMC_CAP_CONTROL : 0);
                        const struct xsmc_domain *o = oi ? &ob : NULL;
                        for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
                            for (uint32_t opt = 0; opt <= XSMC_OPT_ALL; opt++)
                                for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
                                    int logic = xsmc_hook_info(h)->logic;
                                    size_t nsub = logic == XSMC_L_DEFAULT || logic == XSMC_L_NONE
                                                  ? 1 : sizeof(subops) / sizeof(subops[0]);
                                    for (size_t k = 0; k < nsub; k++) {
                                        struct xsmc_request rq = {.hook = h, .subop = subops[k],
                                                                  .subop2 = subops[k] & 3,
                                                                  .src = &s, .target = t, .other = o};
                                        struct xsmc_decision d;
                                        int status = xsmc_decide(p, opt, &rq, &d);
                                        int fast = xsmc_allowed(p, opt, &rq);
                                        if (status)
                                            assert_false(d.allow);
                                        if (d.allow != fast)
                                            fail_msg("%s hook %s caps %x flags %x rel %d t %d o %d opt %u sub %u",
                                                     xsmc_profile_name(p), xsmc_hook_info(h)->name,
                                                     caps, flags, rel, ti, oi, opt, subops[k]);
                                        n++;
                                        allowed += fast;
                                    }
                                }
                    }
                }
            }
    print_message("%lu decisions compared, %lu allowed\n", n, allowed);
    assert_true(allowed > 0 && allowed < n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(decide_equals_allowed)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
