/* SPDX-License-Identifier: GPL-2.0-only */
/* The lint API around the rules: the table, switches, severities, failure modes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xsmcap/lint.h"

/* hw drives DMA without an IOMMU (error) and passes DM_PRIV over ctl (warning). */
static struct xsmc_system *split_no_iommu(void)
{
    char err[128];
    struct xsmc_system *s = xsmc_spec_parse("hw:hardware;g;ctl:control", err, sizeof(err));
    assert_non_null(s);
    s->iommu = XSMC_NO;
    return s;
}

static size_t count_rule(const struct xsmc_lint_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->items[i].rule, rule) == 0;
    return n;
}

static void test_table_is_complete(void **state)
{
    (void)state;
    size_t n = xsmc_lint_rule_count();
    assert_true(n >= 16);
    assert_true(n <= XSMC_LINT_MAX_RULES);
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_lint_rule_info *r = xsmc_lint_rule_at(i);
        assert_non_null(r);
        assert_true(*r->id && *r->summary && *r->fix && *r->rationale && *r->source);
        assert_true(r->severity >= XSMC_NOTE && r->severity <= XSMC_ERROR);
        assert_int_equal(xsmc_lint_rule_find(r->id), (int)i);
        /* ids are lower-case words joined by '-', usable on a command line */
        for (const char *p = r->id; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        assert_string_not_equal(r->id, "all");
    }
    assert_null(xsmc_lint_rule_at(n));
    assert_int_equal(xsmc_lint_rule_find("no-such-rule"), -1);
    assert_int_equal(xsmc_lint_rule_find(NULL), -1);
}

static void test_defaults_and_exit_severity(void **state)
{
    (void)state;
    struct xsmc_system *s = split_no_iommu();
    struct xsmc_lint_findings f;
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, NULL, &f), 0);
    assert_int_equal(count_rule(&f, "hwdom-dma-without-iommu"), 1);
    assert_int_equal(count_rule(&f, "hwdom-dm-priv-over-all"), 1);
    assert_true(f.by_severity[XSMC_ERROR] >= 1);
    size_t total = f.by_severity[0] + f.by_severity[1] + f.by_severity[2];
    assert_int_equal(total, f.count);
    /* findings point at the domain's declaration */
    for (size_t i = 0; i < f.count; i++)
        if (strcmp(f.items[i].rule, "hwdom-dma-without-iommu") == 0)
            assert_string_equal(f.items[i].where, "domain[0]");
    xsmc_lint_findings_free(&f);
    assert_int_equal(f.count, 0);
    xsmc_system_free(s);
}

static void test_switches(void **state)
{
    (void)state;
    struct xsmc_system *s = split_no_iommu();
    struct xsmc_lint_config cfg;
    struct xsmc_lint_findings f;
    xsmc_lint_config_init(&cfg);

    /* -W makes the error a warning: no error-level finding remains */
    assert_int_equal(xsmc_lint_config_set(&cfg, "hwdom-dma-without-iommu", XSMC_WARNING), 0);
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, &cfg, &f), 0);
    assert_int_equal(f.by_severity[XSMC_ERROR], 0);
    assert_int_equal(count_rule(&f, "hwdom-dma-without-iommu"), 1);
    xsmc_lint_findings_free(&f);

    /* --no all, then -E one rule: only that rule, as an error */
    assert_int_equal(xsmc_lint_config_set(&cfg, "all", XSMC_LINT_OFF), 0);
    assert_int_equal(xsmc_lint_config_set(&cfg, "hwdom-dm-priv-over-all", XSMC_ERROR), 0);
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, &cfg, &f), 0);
    assert_int_equal(f.count, 1);
    assert_string_equal(f.items[0].rule, "hwdom-dm-priv-over-all");
    assert_int_equal(f.items[0].severity, XSMC_ERROR);
    xsmc_lint_findings_free(&f);

    /* unknown rule or severity: rejected, configuration unchanged */
    struct xsmc_lint_config before = cfg;
    assert_int_equal(xsmc_lint_config_set(&cfg, "no-such-rule", XSMC_ERROR), XSMC_EBADARG);
    assert_int_equal(xsmc_lint_config_set(&cfg, "all", 7), XSMC_EBADARG);
    assert_int_equal(xsmc_lint_config_set(&cfg, NULL, XSMC_ERROR), XSMC_EBADARG);
    assert_memory_equal(&before, &cfg, sizeof(cfg));
    xsmc_system_free(s);
}

static void test_bad_input_fails_closed(void **state)
{
    (void)state;
    struct xsmc_system *s = split_no_iommu();
    struct xsmc_lint_config cfg;
    struct xsmc_lint_findings f;
    xsmc_lint_config_init(&cfg);
    assert_int_equal(xsmc_lint_run(s, (enum xsmc_profile)XSMC_PROFILE_COUNT, &cfg, &f),
                     XSMC_EBADPROFILE);
    assert_int_equal(f.count, 0);
    assert_null(f.items);
    cfg.options = 0x80;
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, &cfg, &f), XSMC_EBADOPT);
    assert_int_equal(f.count, 0);
    cfg.options = 0;
    cfg.severity[0] = 3; /* written past the API: must not index out of by_severity */
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, &cfg, &f), XSMC_EBADARG);
    assert_int_equal(f.count, 0);
    assert_int_equal(xsmc_lint_run(NULL, XSMC_PROFILE_HWPRIV, NULL, &f), XSMC_EBADARG);
    xsmc_system_free(s);
}

/* An empty system: nothing to serve, but no control domain either. */
static void test_empty_system(void **state)
{
    (void)state;
    struct xsmc_system *s = xsmc_system_new("<empty>", XSMC_SRC_SPEC);
    struct xsmc_lint_findings f;
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, NULL, &f), 0);
    assert_int_equal(f.count, 1);
    assert_string_equal(f.items[0].rule, "control-none");
    assert_string_equal(f.items[0].where, "");
    xsmc_lint_findings_free(&f);
    xsmc_system_free(s);
}

/* A partial device tree describes one guest's devices; linting it as a system would mislead. */
static void test_partial_dt_is_not_linted(void **state)
{
    (void)state;
    struct xsmc_system *s = split_no_iommu();
    struct xsmc_lint_findings f;
    s->kind = XSMC_SRC_PARTIAL_DT;
    assert_int_equal(xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, NULL, &f), 0);
    assert_int_equal(f.count, 0);
    xsmc_lint_findings_free(&f);
    xsmc_system_free(s);
}

static void test_markdown_lists_every_rule(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    xsmc_lint_rules_markdown(out);
    fclose(out);
    for (size_t i = 0; i < xsmc_lint_rule_count(); i++) {
        const struct xsmc_lint_rule_info *r = xsmc_lint_rule_at(i);
        char heading[96];
        snprintf(heading, sizeof(heading), "\n## %s\n", r->id);
        assert_non_null(strstr(buf, heading));
        assert_non_null(strstr(buf, r->source));
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_is_complete),
        cmocka_unit_test(test_defaults_and_exit_severity),
        cmocka_unit_test(test_switches),
        cmocka_unit_test(test_bad_input_fails_closed),
        cmocka_unit_test(test_empty_system),
        cmocka_unit_test(test_partial_dt_is_not_linted),
        cmocka_unit_test(test_markdown_lists_every_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
