/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook catalogue: 87 rows, Xen's names; each profile's action, the
 * target kind and the SILO flag against tests/data/xsm-hooks.csv (read off
 * dummy.h and the proposals, read here by tests/hardening/ref_catalogue.c);
 * and each profile's reclassification of the hardware hooks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "xsmcap/policy.h"
#include "ref_catalogue.h"

static const char *data_dir;

static const char *const reclassified[] = {
    "resource_plug_pci", "resource_unplug_pci", "resource_setup_pci", "resource_setup_gsi",
    "resource_setup_misc", "platform_op", "apic",
};

static void count_is_87(void **st)
{
    (void)st;
    assert_int_equal(XSMC_HOOK_COUNT, 87);
    assert_null(xsmc_hook_info(XSMC_HOOK_COUNT));
    assert_null(xsmc_hook_info(UINT32_MAX));
}

static void names_unique_and_found(void **st)
{
    (void)st;
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(i);
        uint32_t found;
        char prefixed[96];
        assert_int_equal(xsmc_hook_from_name(h->name, &found), 0);
        assert_int_equal(found, i);
        snprintf(prefixed, sizeof(prefixed), "xsm_%s", h->name);
        assert_int_equal(xsmc_hook_from_name(prefixed, &found), 0);
        assert_int_equal(found, i);
        for (uint32_t j = i + 1; j < XSMC_HOOK_COUNT; j++)
            assert_string_not_equal(h->name, xsmc_hook_info(j)->name);
        assert_non_null(h->xen_caller);
        assert_non_null(strstr(h->xen_caller, "xen/"));
    }
    uint32_t found;
    assert_int_equal(xsmc_hook_from_name("xsm_", &found), XSMC_EBADHOOK);
    assert_int_equal(xsmc_hook_from_name("PLATFORM_OP", &found), XSMC_EBADHOOK);
    assert_int_equal(xsmc_hook_from_name("platform_op ", &found), XSMC_EBADHOOK);
}

static void seven_hooks_reclassified(void **st)
{
    (void)st;
    for (size_t i = 0; i < sizeof(reclassified) / sizeof(reclassified[0]); i++) {
        uint32_t id;
        assert_int_equal(xsmc_hook_from_name(reclassified[i], &id), 0);
        const struct xsmc_hook_info *h = xsmc_hook_info(id);
        assert_int_equal(h->action[XSMC_PROFILE_UPSTREAM], XSMC_ACT_PRIV);
        assert_int_equal(h->action[XSMC_PROFILE_HWPRIV], XSMC_ACT_HW_PRIV);
        assert_int_equal(h->action[XSMC_PROFILE_HWPRIV_DM], XSMC_ACT_HW_PRIV);
        assert_int_equal(h->action[XSMC_PROFILE_HWPRIV_V2], XSMC_ACT_HW_PRIV);
        assert_int_equal(h->target, XSMC_T_NONE);
    }
    /* and no other hook changes action between profiles, but the OTHER ones */
    int changed = 0;
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(i);
        for (int p = 1; p < XSMC_PROFILE_COUNT; p++)
            if (h->action[p] != h->action[0]) {
                changed++;
                break;
            }
    }
    /* the seven, sysctl (hwpriv-dm 4/4), hvm_param (v2 07/17) */
    assert_int_equal(changed, 9);
    assert_int_equal(xsmc_hook_info(XSMC_HOOK_sysctl)->action[XSMC_PROFILE_HWPRIV_DM], XSMC_ACT_OTHER);
    assert_int_equal(xsmc_hook_info(XSMC_HOOK_hvm_param)->action[XSMC_PROFILE_HWPRIV_V2], XSMC_ACT_OTHER);
}

/* The reference's reading of a CSV action, in the engine's terms. */
static int same_action(unsigned engine, unsigned ref)
{
    switch (ref) {
    case REF_A_OTHER:
        return engine == XSMC_ACT_OTHER;
    case REF_A_NOTHING:
    case REF_A_ENOSYS:
        return engine == XSMC_ACT_NONE;
    default: /* REF_A_HOOK..REF_A_HW_PRIV keep Xen's enum xsm_default order, as the engine does */
        return engine == ref;
    }
}

static int ref_own_logic(const struct ref_hook *r)
{
    for (int p = 0; p < REF_PROFILES; p++)
        if (r->action[p] == REF_A_OTHER)
            return 1;
    return r->own_logic;
}

/*
 * Every catalogue cell the mutation check changes (scripts/mutate.sh): each
 * profile's action, the target kind and the SILO flag, against
 * tests/data/xsm-hooks.csv as tests/hardening/ref_catalogue.c reads it; and
 * the logic column against what the CSV says a hook is.
 */
static void columns_match_reference_csv(void **st)
{
    (void)st;
    char path[1024], err[512];
    snprintf(path, sizeof(path), "%s/xsm-hooks.csv", data_dir);
    if (ref_catalogue_load(path, err, sizeof(err)))
        fail_msg("%s", err);
    assert_int_equal(ref_catalogue_count(), XSMC_HOOK_COUNT);
    static const char *const target_name[] = {"T_NONE", "T_DOMAIN", "T_SELF"};
    int bad = 0;
    for (size_t i = 0; i < ref_catalogue_count(); i++) {
        const struct ref_hook *r = ref_catalogue_at(i);
        uint32_t id;
        if (xsmc_hook_from_name(r->name, &id)) {
            print_error("reference hook %s missing from the catalogue\n", r->name);
            bad++;
            continue;
        }
        const struct xsmc_hook_info *h = xsmc_hook_info(id);
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
            if (!same_action(h->action[p], r->action[p])) {
                print_error("%s under %s: catalogue %s, reference CSV says %u\n", r->name,
                            xsmc_profile_name((enum xsmc_profile)p),
                            xsmc_action_name((enum xsmc_action)h->action[p]), r->action[p]);
                bad++;
            }
        if (h->target != r->target) {
            print_error("%s: catalogue target %s, reference CSV target_domain_arg gives %s\n",
                        r->name, target_name[h->target % 3], target_name[r->target]);
            bad++;
        }
        if (h->silo != r->silo) {
            print_error("%s: catalogue SILO flag %u, reference CSV notes say %u\n", r->name,
                        h->silo, r->silo);
            bad++;
        }
        int want_logic = r->action[0] == REF_A_NOTHING  ? XSMC_L_NONE
                       : r->action[0] == REF_A_ENOSYS ? XSMC_L_ENOSYS
                       : ref_own_logic(r)             ? -1
                                                      : XSMC_L_DEFAULT;
        if (want_logic >= 0 ? h->logic != want_logic
                            : h->logic == XSMC_L_DEFAULT || h->logic == XSMC_L_NONE ||
                                  h->logic == XSMC_L_ENOSYS) {
            print_error("%s: catalogue logic %s does not fit the reference CSV\n", r->name,
                        xsmc_logic_name((enum xsmc_logic)h->logic));
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* xsm-policy-versions.md section 9: the seven hooks xen/xsm/silo.c overrides. */
static const char *const silo_seven[] = {"evtchn_unbound", "evtchn_interdomain", "grant_mapref",
                                         "grant_transfer", "grant_copy",
                                         "argo_register_single_source", "argo_send"};

/* The CSV's "SILO overrides" notes are the same seven (a check of the reading rule). */
static void reference_csv_silo_is_section_9(void **st)
{
    (void)st;
    char path[1024], err[512];
    snprintf(path, sizeof(path), "%s/xsm-hooks.csv", data_dir);
    if (ref_catalogue_load(path, err, sizeof(err)))
        fail_msg("%s", err);
    size_t n = 0;
    for (size_t i = 0; i < ref_catalogue_count(); i++)
        n += ref_catalogue_at(i)->silo;
    assert_int_equal(n, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_non_null(ref_catalogue_find(silo_seven[i]));
        assert_true(ref_catalogue_find(silo_seven[i])->silo);
    }
}

static void silo_hooks_are_the_seven(void **st)
{
    (void)st;
    const char *const *silo = silo_seven;
    int n = 0;
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++)
        n += xsmc_hook_info(i)->silo;
    assert_int_equal(n, 7);
    for (size_t i = 0; i < 7; i++) {
        uint32_t id;
        assert_int_equal(xsmc_hook_from_name(silo[i], &id), 0);
        assert_true(xsmc_hook_info(id)->silo);
    }
}

int main(int argc, char **argv)
{
    data_dir = argc > 1 ? argv[1] : "tests/data";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_is_87),
        cmocka_unit_test(names_unique_and_found),
        cmocka_unit_test(seven_hooks_reclassified),
        cmocka_unit_test(columns_match_reference_csv),
        cmocka_unit_test(reference_csv_silo_is_section_9),
        cmocka_unit_test(silo_hooks_are_the_seven),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
