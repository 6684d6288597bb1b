/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading Xen's console (src/probe/console.c) with lines as Xen prints
 * them at the reference snapshot: its own "(XEN) " lines, a domain's
 * console writes "(dN) " (xen/drivers/char/console.c:guest_printk), the
 * hardware domain's writes without a prefix (guest_console_write), the
 * panic banner (console.c:panic) and a domain crash (common/domain.c:
 * __domain_crash); the probe lines of probe-guest/script_format.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boot.h"

struct fixture {
    struct xsmc_system *sys;
    struct xsmp_plan plan;
    struct xsmp_answers answers[XSMP_MAX_DOMAINS];
    struct xsmp_console con;
    struct xsmp_error err;
};

/* A control domain d1 and a hardware domain d2, two records each; d1's second reads one word. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char e[256];
    f->sys = xsmc_spec_parse("ctl:control;hw:hardware", e, sizeof(e));
    assert_non_null(f->sys);
    assert_int_equal(xsmp_plan_init(&f->plan, f->sys, &f->err), 0);
    for (size_t i = 0; i < 2; i++) {
        struct xsmp_record r;
        memset(&r, 0, sizeof(r));
        assert_int_equal(xsmp_list_add(&f->plan.lists[i], &r), 0);
        if (i == 0)
            r.nreads = 1;
        assert_int_equal(xsmp_list_add(&f->plan.lists[i], &r), 0);
        f->answers[i].res = calloc(2, sizeof(struct xsmp_result));
    }
    xsmp_console_init(&f->con, &f->plan, f->answers);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < 2; i++)
        free(f->answers[i].res);
    xsmp_plan_free(&f->plan);
    xsmc_system_free(f->sys);
    free(f);
    return 0;
}

static int feed(struct fixture *f, const char *text)
{
    return xsmp_console_feed(&f->con, text, strlen(text), &f->err);
}

static void every_domain_reports(void **state)
{
    struct fixture *f = *state;
    /* a byte at a time, with the serial line's CR: lines are put together whatever the reads */
    const char *text = " Xen 4.23-unstable\r\n(XEN) Xen version 4.23-unstable\r\n"
                       "(d1) XSMP start 1 2\r\nXSMP start 2 2\r\n(d1) XSMP 0 0 - -\r\n"
                       "XSMP 0 -1 - -\r\n(d1) XSMP 1 105 1f -\r\nXSMP 1 -22 - -\r\n"
                       "(d1) XSMP done 2\r\n";
    for (const char *p = text; *p; p++)
        assert_int_equal(xsmp_console_feed(&f->con, p, 1, &f->err), 0);
    assert_false(xsmp_console_complete(&f->con));
    assert_int_equal(feed(f, "XSMP done 2\n"), 0);
    assert_true(xsmp_console_complete(&f->con));
    assert_int_equal(f->answers[0].res[0].rc, 0);
    assert_int_equal(f->answers[0].res[1].rc, 105);
    assert_int_equal(f->answers[0].res[1].nreads, 1);
    assert_int_equal(f->answers[0].res[1].read[0], 0x1f);
    assert_int_equal(f->answers[1].res[0].rc, -1);
    assert_int_equal(f->answers[1].res[1].rc, -22);
    assert_int_equal(xsmp_console_end(&f->con, &f->err), 0);
}

static void expect_error(struct fixture *f, const char *text, const char *needle)
{
    assert_int_equal(feed(f, text), -1);
    if (!strstr(f->err.msg, needle))
        fail_msg("error '%s' lacks '%s'", f->err.msg, needle);
}

static void other_text_from_a_domain_is_garbage(void **state)
{
    expect_error(*state, "(d1) Hello from a kernel\n", "domain ctl (d1) printed garbage");
}

static void records_come_in_order(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(d1) XSMP start 1 2\n"), 0);
    expect_error(f, "(d1) XSMP 1 0 - -\n", "garbage");
}

static void a_record_before_start_is_garbage(void **state)
{
    expect_error(*state, "(d1) XSMP 0 0 - -\n", "garbage");
}

static void readbacks_match_the_record(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(d1) XSMP start 1 2\n(d1) XSMP 0 0 - -\n"), 0);
    expect_error(f, "(d1) XSMP 1 0 - -\n", "garbage");
}

static void start_names_the_domid_and_count(void **state)
{
    struct fixture *f = *state;
    expect_error(f, "(d1) XSMP start 2 2\n", "garbage");
}

static void done_only_after_every_record(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(d1) XSMP start 1 2\n(d1) XSMP 0 0 - -\n"), 0);
    expect_error(f, "(d1) XSMP done 2\n", "garbage");
}

static void nothing_after_done(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "XSMP start 2 2\nXSMP 0 0 - -\nXSMP 1 0 - -\nXSMP done 2\n"), 0);
    expect_error(f, "XSMP 1 0 - -\n", "domain hw (d2) printed garbage");
}

static void a_guest_error_names_the_domain(void **state)
{
    expect_error(*state, "(d1) XSMP error script-checksum 240\n",
                 "domain ctl (d1): the probe guest stopped: script-checksum 240");
}

static void a_panic_gives_its_reason(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(XEN) \n(XEN) ****************************************\n"
                             "(XEN) Panic on CPU 0:\n(XEN) ****************************************\n"),
                     0);
    expect_error(f, "(XEN) Could not set up domain dom2 (rc = -22)\n",
                 "Xen panicked: Could not set up domain dom2 (rc = -22)");
}

static void a_panic_cut_short_still_fails(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(XEN) Panic on CPU 1:\n"), 0);
    assert_int_equal(xsmp_console_end(&f->con, &f->err), -1);
    assert_non_null(strstr(f->err.msg, "Xen panicked"));
}

static void a_crash_names_the_domain(void **state)
{
    expect_error(*state, "(XEN) Domain 2 (vcpu#0) crashed on cpu#1:\n", "domain hw (d2) crashed");
}

static void the_hardware_domain_halting_fails(void **state)
{
    expect_error(*state, "(XEN) Hardware Dom2 halted: halting machine\n", "hardware domain");
}

static void a_domain_the_plan_lacks(void **state)
{
    expect_error(*state, "(d9) XSMP start 9 0\n", "d9, which the plan does not have");
}

static void unprefixed_lines_need_a_hardware_domain(void **state)
{
    struct fixture *f = *state;
    f->con.hardware = -1;
    expect_error(f, "XSMP start 2 2\n", "no hardware domain");
}

static void xen_text_is_not_judged(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(feed(f, "(XEN) d1v0: vGICD: unhandled word write 0x000000ffffffff\n"
                             "(XEN) WARNING: SILO mode is not enabled.\n"
                             "(XEN) 3... 2... 1...\n"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_domain_reports, setup, teardown),
        cmocka_unit_test_setup_teardown(other_text_from_a_domain_is_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(records_come_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(a_record_before_start_is_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(readbacks_match_the_record, setup, teardown),
        cmocka_unit_test_setup_teardown(start_names_the_domid_and_count, setup, teardown),
        cmocka_unit_test_setup_teardown(done_only_after_every_record, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_after_done, setup, teardown),
        cmocka_unit_test_setup_teardown(a_guest_error_names_the_domain, setup, teardown),
        cmocka_unit_test_setup_teardown(a_panic_gives_its_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(a_panic_cut_short_still_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(a_crash_names_the_domain, setup, teardown),
        cmocka_unit_test_setup_teardown(the_hardware_domain_halting_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(a_domain_the_plan_lacks, setup, teardown),
        cmocka_unit_test_setup_teardown(unprefixed_lines_need_a_hardware_domain, setup, teardown),
        cmocka_unit_test_setup_teardown(xen_text_is_not_judged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
