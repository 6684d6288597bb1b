/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Edit distance and suggestions.  Distances are the textbook ones
 * (Levenshtein's kitten/sitting = 3; the optimal-string-alignment variant
 * gives ca/abc = 3 where unrestricted Damerau-Levenshtein gives 2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "xsmcap/suggest.h"

static void distances(void **state)
{
    (void)state;
    assert_int_equal(xsmc_edit_distance("kitten", "sitting", 10), 3);
    assert_int_equal(xsmc_edit_distance("", "abc", 10), 3);
    assert_int_equal(xsmc_edit_distance("abc", "", 10), 3);
    assert_int_equal(xsmc_edit_distance("same", "same", 0), 0);
    assert_int_equal(xsmc_edit_distance("acb", "abc", 10), 1);       /* one transposition */
    assert_int_equal(xsmc_edit_distance("ca", "abc", 10), 3);        /* OSA, not full DL */
    assert_int_equal(xsmc_edit_distance("CPUS", "cpus", 10), 0);     /* case folds */
    assert_int_equal(xsmc_edit_distance("capabilites", "capabilities", 10), 1);
    assert_int_equal(xsmc_edit_distance("nr-spis", "nr_spis", 10), 1);
}

static void limit_cuts_short(void **state)
{
    (void)state;
    /* beyond the limit the answer is limit + 1, whatever the real distance */
    assert_int_equal(xsmc_edit_distance("kitten", "sitting", 1), 2);
    assert_int_equal(xsmc_edit_distance("a", "abcdefgh", 2), 3); /* lengths alone */
    char long_name[XSMC_SUGGEST_MAX_LEN + 2];
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_int_equal(xsmc_edit_distance(long_name, long_name, 5), 6);
}

static void thresholds(void **state)
{
    (void)state;
    assert_int_equal(xsmc_suggest_threshold(0), 1);
    assert_int_equal(xsmc_suggest_threshold(3), 1);
    assert_int_equal(xsmc_suggest_threshold(6), 2);
    assert_int_equal(xsmc_suggest_threshold(11), 3);
    assert_int_equal(xsmc_suggest_threshold(200), 3);
}

/* Names of booting.txt's xen,domain section, a realistic candidate list. */
static const char *const props[] = {
    "compatible", "memory", "cpus", "llc-colors", "capabilities", "vpl011", "nr_spis",
    "direct-map", "domain-cpupool", "sve", "trap-unmapped-accesses", "xen,enhanced",
    "xen,domain-p2m-mem-mb", "max_grant_version", "max_grant_frames", "max_maptrack_frames",
    "passthrough", "xen,sci_type", "v8r_el1_msa", "xen,static-mem",
};
#define NPROPS (sizeof(props) / sizeof(props[0]))

static void suggests_nearest(void **state)
{
    (void)state;
    const char *out[XSMC_SUGGEST_MAX];
    assert_int_equal(xsmc_suggest_names("capabilites", props, NPROPS, out), 1);
    assert_string_equal(out[0], "capabilities");
    assert_int_equal(xsmc_suggest_names("cpu", props, NPROPS, out), 1);
    assert_string_equal(out[0], "cpus");
    assert_int_equal(xsmc_suggest_names("nr-spis", props, NPROPS, out), 1);
    assert_string_equal(out[0], "nr_spis");
    assert_int_equal(xsmc_suggest_names("xen,static-memory", props, NPROPS, out), 1);
    assert_string_equal(out[0], "xen,static-mem");
    assert_int_equal(xsmc_suggest_names("hypervisor-console", props, NPROPS, out), 0);
    assert_int_equal(xsmc_suggest_names("", props, NPROPS, out), 0);
}

static void nearest_first_at_most_three(void **state)
{
    (void)state;
    static const char *const names[] = {"abcd", "abce", "abcf", "abc", "abcd", "abcg", "xbc"};
    const char *out[XSMC_SUGGEST_MAX];
    /* "abc" is at 0; the four at 1 keep the list order; the duplicate counts once */
    assert_int_equal(xsmc_suggest_names("abc", names, 7, out), 3);
    assert_string_equal(out[0], "abc");
    assert_string_equal(out[1], "abcd");
    assert_string_equal(out[2], "abce");
    /* a nearer name later in the list still comes first */
    static const char *const later[] = {"max_grant_frame", "max_grant_frames"};
    assert_int_equal(xsmc_suggest_names("max_grant_frames", later, 2, out), 2);
    assert_string_equal(out[0], "max_grant_frames");
    assert_string_equal(out[1], "max_grant_frame");
}

struct row {
    const char *id;
    int other;
};

static const char *row_name(size_t i, const void *ctx)
{
    return ((const struct row *)ctx)[i].id;
}

static void over_a_table(void **state)
{
    (void)state;
    static const struct row rows[] = {{"hwdom-duplicate", 0}, {NULL, 0}, {"xenstore-missing", 1}};
    const char *out[XSMC_SUGGEST_MAX];
    assert_int_equal(xsmc_suggest("xenstore-mising", 3, row_name, rows, out), 1);
    assert_string_equal(out[0], "xenstore-missing");
    assert_int_equal(xsmc_suggest(NULL, 3, row_name, rows, out), 0);
}

static void text(void **state)
{
    (void)state;
    char buf[128];
    const char *one[] = {"cpus"};
    const char *three[] = {"a", "b", "c"};
    assert_string_equal(xsmc_suggest_text(one, 0, buf, sizeof(buf)), "");
    assert_string_equal(xsmc_suggest_text(one, 1, buf, sizeof(buf)), "did you mean 'cpus'?");
    assert_string_equal(xsmc_suggest_text(three, 2, buf, sizeof(buf)), "did you mean 'a' or 'b'?");
    assert_string_equal(xsmc_suggest_text(three, 3, buf, sizeof(buf)), "did you mean 'a', 'b' or 'c'?");
    /* a short buffer keeps whole names only, NUL-terminated */
    assert_string_equal(xsmc_suggest_text(three, 3, buf, 20), "did you mean 'a'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distances),
        cmocka_unit_test(limit_cuts_short),
        cmocka_unit_test(thresholds),
        cmocka_unit_test(suggests_nearest),
        cmocka_unit_test(nearest_first_at_most_three),
        cmocka_unit_test(over_a_table),
        cmocka_unit_test(text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
