/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmc_lattice() and xsmc_lattice_allowed() (cell table) against the
 * readable lattice, which the truth-tables test holds to the reference
 * tables: same status, same decision field by field, same allow, over every
 * profile and action (valid or not) and every source and target this file
 * enumerates, bad input included:
 *  - sources: NULL, or domids 1, 7, idle and DOMID_NONE; no target, target
 *    7, 9 or its own domid; every capability set and two invalid ones; flags
 *    none, console, idle at boot, all three with a guest type, every bit;
 *  - targets: NULL, the source itself, and domains with the source's domid,
 *    7, 9 or DOMID_NONE, each with every capability set and two invalid ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "fixtures.h"
#include "lattice_internal.h"

static const uint32_t bad_caps[] = {0x20, XSMC_CAP_CONTROL | 0x80000000u};
#define NCAPS (XSMC_CAP_ALL + 1 + sizeof(bad_caps) / sizeof(bad_caps[0]))

static uint32_t caps_at(size_t i)
{
    return i <= XSMC_CAP_ALL ? (uint32_t)i : bad_caps[i - XSMC_CAP_ALL - 1];
}

static unsigned long compared, allowed;

static void compare(uint32_t p, uint32_t a, const struct xsmc_domain *s, const struct xsmc_domain *t)
{
    struct xsmc_decision fast, spec;
    memset(&fast, 0x00, sizeof(fast));
    memset(&spec, 0xff, sizeof(spec));
    int fs = xsmc_lattice((enum xsmc_profile)p, (enum xsmc_action)a, s, t, &fast);
    int ss = xsmc_lattice_spec((enum xsmc_profile)p, (enum xsmc_action)a, s, t, &spec);
    int quick = xsmc_lattice_allowed((enum xsmc_profile)p, (enum xsmc_action)a, s, t);
    if (fs != ss || memcmp(&fast, &spec, sizeof(fast)) != 0 || quick != (fs == 0 && fast.allow))
        fail_msg("profile %u action %u src %s%x/%x/%x/%x tgt %s%x/%x/%x: status %d/%d why %u/%u "
                 "allow %u/%u/%d",
                 p, a, s ? "" : "NULL ", s ? s->domid : 0, s ? s->target : 0, s ? s->caps : 0,
                 s ? s->flags : 0, t ? "" : "NULL ", t ? t->domid : 0, t ? t->target : 0,
                 t ? t->caps : 0, fs, ss, fast.why, spec.why, fast.allow, spec.allow, quick);
    compared++;
    allowed += (unsigned long)quick;
}

static const uint32_t profiles[] = {XSMC_PROFILE_UPSTREAM, XSMC_PROFILE_HWPRIV, XSMC_PROFILE_HWPRIV_DM,
                                    XSMC_PROFILE_HWPRIV_V2, XSMC_PROFILE_COUNT, UINT32_MAX};
static const uint32_t actions[] = {XSMC_ACT_HOOK, XSMC_ACT_DM_PRIV, XSMC_ACT_TARGET, XSMC_ACT_PRIV,
                                   XSMC_ACT_XS_PRIV, XSMC_ACT_HW_PRIV, XSMC_ACT_OTHER, XSMC_ACT_NONE,
                                   XSMC_ACT_COUNT, UINT32_MAX};
#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* Every target situation against one source, under every profile and action. */
static void against_targets(const struct xsmc_domain *s)
{
    static const uint32_t other_domids[] = {7, 9, XSMC_DOMID_NONE};
    for (size_t pi = 0; pi < NELEM(profiles); pi++)
        for (size_t ai = 0; ai < NELEM(actions); ai++) {
            uint32_t p = profiles[pi], a = actions[ai];
            compare(p, a, s, NULL);
            compare(p, a, s, s);
            for (size_t di = 0; di <= NELEM(other_domids); di++)
                for (size_t ci = 0; ci < NCAPS; ci++) {
                    struct xsmc_domain t = dom(di ? other_domids[di - 1] : s->domid, caps_at(ci));
                    compare(p, a, s, &t);
                }
        }
}

static void every_source_and_target(void **st)
{
    (void)st;
    static const uint32_t domids[] = {1, 7, XSMC_DOMID_IDLE, XSMC_DOMID_NONE};
    static const uint32_t targets[] = {XSMC_DOMID_NONE, 7, 9, 0 /* its own domid */};
    static const uint32_t flags[] = {0, XSMC_DOMF_CONSOLE, XSMC_DOMF_IDLE_BOOT,
                                     XSMC_DOMF_CONSOLE | XSMC_DOMF_IDLE_BOOT | XSMC_DOMF_GUEST(2),
                                     UINT32_MAX};
    for (size_t pi = 0; pi < NELEM(profiles); pi++)
        for (size_t ai = 0; ai < NELEM(actions); ai++)
            compare(profiles[pi], actions[ai], NULL, NULL);
    for (size_t di = 0; di < NELEM(domids); di++)
        for (size_t ti = 0; ti < NELEM(targets); ti++)
            for (size_t ci = 0; ci < NCAPS; ci++)
                for (size_t fi = 0; fi < NELEM(flags); fi++) {
                    struct xsmc_domain s = dom(domids[di], caps_at(ci));
                    s.target = targets[ti] ? targets[ti] : domids[di];
                    s.flags = flags[fi];
                    against_targets(&s);
                }
    print_message("%lu requests compared, %lu allowed\n", compared, allowed);
    assert_true(allowed > 0 && allowed < compared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_source_and_target)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
