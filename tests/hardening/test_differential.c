/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The engine against the reference model (ref_policy.c) over a chosen grid
 * of requests: every profile and action with every capability set, flag
 * set and target relation for the lattice; for the hooks, every profile,
 * option set that matters, sub-op value that some hook's logic names (and
 * neighbours), and source, target and third domain drawn from the
 * capability sets below.  The fuzz target fuzz/fuzz_engine_diff.c samples
 * the rest (any sub-op, any domid) at random.
 *
 *   test-differential CSV [HOOK]   CSV: tests/data/xsm-hooks.csv; HOOK: only
 *                                  that hook's requests (scripts/mutate.sh)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ref_policy.h"

#define CAP_SETS 32u /* every combination of the five capability bits */
#define SRC_ID 1u
#define TGT_ID 2u
#define OTH_ID 3u

static unsigned long compared;
static const char *only_hook; /* NULL: every hook */

static void expect_agree(unsigned p, uint32_t opt, const struct xsmc_request *q)
{
    char msg[512];
    compared++;
    if (ref_compare(p, opt, q, msg, sizeof(msg)))
        fail_msg("engine and reference disagree: %s", msg);
}

/* src->target: none, the target domain, or the third domain. */
static const uint32_t target_rel[] = {XSMC_DOMID_NONE, TGT_ID, OTH_ID};

static void test_lattice_exhaustive(void **state)
{
    (void)state;
    if (only_hook)
        return; /* the lattice does not depend on the catalogue */
    for (unsigned p = 0; p < XSMC_PROFILE_COUNT; p++)
    for (unsigned a = 0; a < XSMC_LATTICE_ACTIONS; a++)
    for (uint32_t sc = 0; sc < CAP_SETS; sc++)
    for (uint32_t sf = 0; sf < 4; sf++)
    for (unsigned r = 0; r < 3; r++)
    for (int tk = -2; tk < (int)(CAP_SETS * 2); tk++) {
        struct xsmc_domain s = {SRC_ID, target_rel[r], sc, sf};
        struct xsmc_domain t = {TGT_ID, XSMC_DOMID_NONE, (uint32_t)tk / 2, (uint32_t)tk & 1};
        const struct xsmc_domain *tp = tk == -2 ? NULL : tk == -1 ? &s : &t;
        enum ref_verdict want = ref_lattice(p, a, &s, tp);
        struct xsmc_decision d;
        assert_int_equal(xsmc_lattice((enum xsmc_profile)p, (enum xsmc_action)a, &s, tp, &d), 0);
        int fast = xsmc_lattice_allows(p, a, xsmc_role((enum xsmc_profile)p, &s),
                                       xsmc_relation((enum xsmc_profile)p, &s, tp));
        if (d.allow != (want == REF_ALLOW) || fast != (want == REF_ALLOW))
            fail_msg("lattice: profile %u action %u src caps %#x flags %#x target-rel %u "
                     "tgt %d: reference %d, xsmc_lattice %u, table %d",
                     p, a, sc, sf, r, tk, want, d.allow, fast);
        compared++;
    }
}

/* The reference's row (the CSV) says how wide to sweep, not the engine's. */
static int has_own_logic(const struct ref_hook *h)
{
    for (unsigned p = 0; p < REF_PROFILES; p++)
        if (h->action[p] == REF_A_OTHER)
            return 1;
    return h->own_logic;
}

static int is(const struct ref_hook *h, const char *name) { return strcmp(h->name, name) == 0; }

/* Sub-op values any hook's logic distinguishes, and their neighbours. */
static const uint32_t subops[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                  19, 20, 21, 22, 38, 39, 40, 46, 48, 50, 88, 90, 0xffffffffu};

/* The third domain: absent, plain, untargetable, or (full sweep) every cap set. */
static void sweep_other(unsigned p, uint32_t opt, struct xsmc_request *q, int full)
{
    struct xsmc_domain o = {OTH_ID, XSMC_DOMID_NONE, 0, 0};
    q->other = NULL;
    expect_agree(p, opt, q);
    q->other = &o;
    for (uint32_t oc = 0; oc < CAP_SETS; oc++) {
        if (!full && oc != 0 && oc != 0x10 && oc != 0x8)
            continue;
        o.caps = oc;
        expect_agree(p, opt, q);
    }
    q->other = NULL; /* o goes out of scope */
}

static void sweep_domains(unsigned p, uint32_t opt, struct xsmc_request *q, int full_target,
                          int full_other, int idle_ids)
{
    for (uint32_t sc = 0; sc < CAP_SETS; sc++)
    for (uint32_t sf = 0; sf < 4; sf++)
    for (unsigned r = 0; r < 3; r++)
    for (unsigned idle = 0; idle <= (unsigned)idle_ids; idle++) {
        struct xsmc_domain s = {idle ? XSMC_DOMID_IDLE : SRC_ID, target_rel[r], sc, sf};
        struct xsmc_domain self = s;
        struct xsmc_domain t = {TGT_ID, XSMC_DOMID_NONE, 0, 0};
        q->src = &s;
        q->target = NULL;
        sweep_other(p, opt, q, full_other);
        q->target = &self;
        sweep_other(p, opt, q, full_other);
        q->target = &t;
        for (uint32_t tc = 0; tc < CAP_SETS; tc++) {
            if (!full_target && tc != 0 && tc != 1 && tc != 2 && tc != 4 && tc != 8 &&
                tc != 16 && tc != 3 && tc != 31)
                continue;
            t.caps = tc;
            sweep_other(p, opt, q, full_other);
        }
        q->src = q->target = NULL; /* s, self and t go out of scope */
    }
}

static void test_hooks_exhaustive(void **state)
{
    (void)state;
    unsigned swept = 0;
    for (uint32_t hook = 0; hook < XSMC_HOOK_COUNT; hook++) {
        const struct ref_hook *h = ref_policy_row(hook);
        assert_non_null(h);
        if (only_hook && !is(h, only_hook))
            continue;
        swept++;
        int own = has_own_logic(h);
        int uses_other = is(h, "mmu_update") || h->silo;
        size_t nsub = own ? sizeof(subops) / sizeof(subops[0]) : 1;
        for (unsigned p = 0; p < XSMC_PROFILE_COUNT; p++)
        for (uint32_t opt = 0; opt <= XSMC_OPT_ALL; opt++) {
            /* options matter to console_io and the SILO hooks; elsewhere two sets suffice */
            if (!(h->silo || is(h, "console_io")) && opt != 0 && opt != XSMC_OPT_ALL)
                continue;
            for (size_t i = 0; i < nsub; i++)
            for (uint32_t sub2 = 0; sub2 <= (is(h, "hvm_altp2mhvm_op") ? 4u : 0u); sub2++) {
                struct xsmc_request q = {.hook = hook, .subop = subops[i], .subop2 = sub2};
                sweep_domains(p, opt, &q, !own, uses_other, is(h, "set_system_active"));
            }
        }
    }
    if (only_hook && swept != 1)
        fail_msg("no hook '%s' in the catalogue", only_hook);
}

/* Inputs the engine must reject: both sides must say "bad", never allow. */
static void test_bad_input_agrees(void **state)
{
    (void)state;
    struct xsmc_domain s = {SRC_ID, XSMC_DOMID_NONE, XSMC_CAP_CONTROL, 0};
    struct xsmc_domain t = {TGT_ID, XSMC_DOMID_NONE, 0, 0};
    struct xsmc_domain wild = {OTH_ID, XSMC_DOMID_NONE, 0x20, 0};
    const uint32_t bad_hooks[] = {XSMC_HOOK_COUNT, XSMC_HOOK_COUNT + 1, 0x7fffffffu, 0xffffffffu};
    for (size_t i = 0; i < sizeof(bad_hooks) / sizeof(bad_hooks[0]); i++) {
        struct xsmc_request q = {.hook = bad_hooks[i], .src = &s, .target = &t};
        assert_int_equal(ref_decide(0, 0, &q), REF_BAD);
        expect_agree(XSMC_PROFILE_HWPRIV, 0, &q);
    }
    for (uint32_t hook = 0; hook < XSMC_HOOK_COUNT; hook++) {
        struct xsmc_request q = {.hook = hook, .src = &s, .target = &t};
        expect_agree(XSMC_PROFILE_COUNT, 0, &q);
        expect_agree(0xffffffffu, 0, &q);
        expect_agree(XSMC_PROFILE_HWPRIV, XSMC_OPT_ALL + 1, &q);
        expect_agree(XSMC_PROFILE_HWPRIV, 0x80000000u, &q);
        q.src = &wild;
        expect_agree(XSMC_PROFILE_HWPRIV_V2, 0, &q);
        q.src = &s;
        q.target = &wild;
        expect_agree(XSMC_PROFILE_HWPRIV_V2, 0, &q);
        q.target = &t;
        q.other = &wild;
        expect_agree(XSMC_PROFILE_HWPRIV_V2, 0, &q);
        q.src = NULL;
        expect_agree(XSMC_PROFILE_HWPRIV, 0, &q);
    }
    expect_agree(XSMC_PROFILE_HWPRIV, 0, NULL);
}

/* The reference's SILO list is its own; the catalogue's flag must match it. */
static void test_silo_list_matches_catalogue(void **state)
{
    (void)state;
    struct xsmc_domain a = {SRC_ID, XSMC_DOMID_NONE, 0, 0};
    struct xsmc_domain b = {TGT_ID, XSMC_DOMID_NONE, 0, 0};
    struct xsmc_domain c = {OTH_ID, XSMC_DOMID_NONE, 0, 0};
    unsigned silo_hooks = 0;
    for (uint32_t hook = 0; hook < XSMC_HOOK_COUNT; hook++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(hook);
        struct xsmc_request q = {.hook = hook, .src = &a, .target = &b, .other = &c};
        /* two plain domUs: SILO denies exactly the hooks it overrides */
        int plain = ref_decide(XSMC_PROFILE_UPSTREAM, 0, &q) == REF_ALLOW;
        int silo = ref_decide(XSMC_PROFILE_UPSTREAM, XSMC_OPT_SILO, &q) == REF_ALLOW;
        if (plain && !silo)
            assert_true(h->silo);
        silo_hooks += h->silo;
    }
    assert_int_equal(silo_hooks, 7);
}

static void test_space_was_covered(void **state)
{
    (void)state;
    /* a guard against a sweep that silently shrinks to nothing */
    assert_true(compared > (only_hook ? 1000ul : 10000000ul));
    printf("compared %lu requests\n", compared);
}

int main(int argc, char **argv)
{
    char err[512];
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: test-differential XSM-HOOKS-CSV [HOOK]\n");
        return 2;
    }
    if (ref_policy_load(argv[1], err, sizeof(err))) {
        fprintf(stderr, "test-differential: %s\n", err);
        return 1;
    }
    only_hook = argc == 3 ? argv[2] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lattice_exhaustive),
        cmocka_unit_test(test_hooks_exhaustive),
        cmocka_unit_test(test_bad_input_agrees),
        cmocka_unit_test(test_silo_list_matches_catalogue),
        cmocka_unit_test(test_space_was_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
