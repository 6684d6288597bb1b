/*
 * The hook catalogue: 87 rows, Xen's names and actions (cross-checked with
 * tests/data/xsm-hooks.csv, read off dummy.h), and each profile's
 * reclassification of the hardware hooks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "xsmcap/policy.h"

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

/* Upstream action of each dummy.h function, as the reference CSV records it. */
static void matches_reference_csv(void **st)
{
    (void)st;
    char path[1024], line[4096];
    snprintf(path, sizeof(path), "%s/xsm-hooks.csv", data_dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int rows = 0;
    assert_non_null(fgets(line, sizeof(line), f)); /* header */
    while (fgets(line, sizeof(line), f)) {
        char name[96], action[64];
        assert_int_equal(sscanf(line, "xsm_%95[^,],%63[^,]", name, action), 2);
        if (action[0] == '"') /* a quoted cell: "TARGET (applied twice ..." */
            memmove(action, action + 1, strlen(action));
        uint32_t id;
        if (xsmc_hook_from_name(name, &id))
            fail_msg("reference hook %s missing from the catalogue", name);
        enum xsmc_action want;
        const struct xsmc_hook_info *h = xsmc_hook_info(id);
        if (strncmp(action, "SPECIAL", 7) == 0) {
            /* no default action: a housekeeping hook, -ENOSYS or set_system_active */
            assert_true(h->action[0] == XSMC_ACT_NONE || h->logic == XSMC_L_SYSTEM_ACTIVE);
        } else if (strncmp(action, "OTHER", 5) == 0) {
            assert_int_equal(h->action[0], XSMC_ACT_OTHER);
        } else {
            char *sp = strpbrk(action, " (");
            if (sp)
                *sp = '\0';
            if (xsmc_action_from_name(action, &want))
                fail_msg("bad action %s for %s", action, name);
            if (h->action[0] != want)
                fail_msg("%s: catalogue %s, reference %s", name,
                         xsmc_action_name(h->action[0]), action);
        }
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 87);
}

static void silo_hooks_are_the_seven(void **st)
{
    (void)st;
    static const char *const silo[] = {"evtchn_unbound", "evtchn_interdomain", "grant_mapref",
                                       "grant_transfer", "grant_copy",
                                       "argo_register_single_source", "argo_send"};
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
        cmocka_unit_test(matches_reference_csv),
        cmocka_unit_test(silo_hooks_are_the_seven),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
