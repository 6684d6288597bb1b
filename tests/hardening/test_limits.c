/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Limits the command line cannot reach (an argument is at most 128 KiB on
 * Linux), hit through the library: the inline spec's length, name length
 * and domain count, and the system's 32,752 domains.  The readers' limits
 * (file size, depth, nodes, strings, ImageBuilder lines and variables) are
 * rows of bad-input.tsv, driven through the CLI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xsmcap/xsmcap.h"

/* "d0;d1;...;d{n-1}" */
static char *spec_of(size_t n)
{
    char *s = malloc(n * 8 + 1), *p = s;
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%sd%zu", i ? ";" : "", i);
    return s;
}

static void spec_domain_limit(void **state)
{
    (void)state;
    char err[256] = "";
    char *spec = spec_of(XSMC_MAX_DOMAINS + 1);
    assert_null(xsmc_spec_parse(spec, err, sizeof(err)));
    assert_string_equal(err, "--system: domain 32753: more domains than Xen's 32752");
    free(spec);
}

static void spec_at_domain_limit_is_accepted(void **state)
{
    (void)state;
    char err[256] = "";
    char *spec = spec_of(XSMC_MAX_DOMAINS);
    struct xsmc_system *sys = xsmc_spec_parse(spec, err, sizeof(err));
    assert_non_null(sys);
    assert_int_equal(sys->ndoms, XSMC_MAX_DOMAINS);
    assert_int_equal(sys->doms[XSMC_MAX_DOMAINS - 1].core.domid, XSMC_MAX_DOMAINS - 1);
    /* the system refuses one more, whoever adds it */
    assert_null(xsmc_system_add(sys, "one-too-many", "test"));
    assert_int_equal(sys->ndoms, XSMC_MAX_DOMAINS);
    xsmc_system_free(sys);
    free(spec);
}

static void spec_length_limit(void **state)
{
    (void)state;
    char err[256] = "";
    size_t len = (1u << 20) + 1;
    char *spec = malloc(len + 1);
    assert_non_null(spec);
    memset(spec, 'a', len);
    spec[len] = '\0';
    assert_null(xsmc_spec_parse(spec, err, sizeof(err)));
    assert_string_equal(err, "--system: specification longer than 1048576 bytes");
    free(spec);
}

static void spec_name_length_limit(void **state)
{
    (void)state;
    char err[256] = "";
    char name[66];
    memset(name, 'n', 65);
    name[65] = '\0';
    assert_null(xsmc_spec_parse(name, err, sizeof(err)));
    assert_non_null(strstr(err, "is longer than 64 characters"));
    assert_null(strchr(err, '\n'));
    name[64] = '\0'; /* exactly 64 is a name */
    struct xsmc_system *sys = xsmc_spec_parse(name, err, sizeof(err));
    assert_non_null(sys);
    xsmc_system_free(sys);
}

/* Error text is bounded by the caller's buffer, however long the input. */
static void spec_error_respects_buffer(void **state)
{
    (void)state;
    char err[16];
    memset(err, 'X', sizeof(err));
    assert_null(xsmc_spec_parse("a:not-a-capability-at-all-and-then-some", err, sizeof(err)));
    assert_int_equal(err[sizeof(err) - 1], '\0');
    assert_int_equal(strlen(err), sizeof(err) - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spec_domain_limit),
        cmocka_unit_test(spec_at_domain_limit_is_accepted),
        cmocka_unit_test(spec_length_limit),
        cmocka_unit_test(spec_name_length_limit),
        cmocka_unit_test(spec_error_respects_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
