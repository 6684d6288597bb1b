/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap lint: the safety lints over a system, switched like dtc's checks. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xsmcap/lint.h"
#include "xsmcap/suggest.h"

static const char help[] =
    "usage: xsmcap lint [CONFIG | --system SPEC] [--profile P] [--silo] [--iommu yes|no] [--intremap yes|no]\n"
    "                   [--target DM=GUEST] [-W RULE] [-E RULE] [--no RULE]\n"
    "                   [--format text|json]\n"
    "       xsmcap lint --list-rules [--format text|json|markdown]\n\n"
    "Checks the assumptions the privilege split rests on (DMA without an IOMMU,\n"
    "device models in the control domain, DM_PRIV or TARGET over every domain,\n"
    "control and xenstore placement, targets, SILO bridges) and reports each\n"
    "finding as FILE:NODE-PATH: severity: [rule] message, then the fix.\n"
    "Rules about power ask the engine, so they follow --profile and --silo (or\n"
    "xsm=silo on the configuration's Xen command line).  Xen's boot-time rules\n"
    "are 'xsmcap check''s: for a configuration Xen refuses to boot, its errors go to\n"
    "stderr and the status is 2; what makes one undecided is printed first.\n\n"
    "  -W RULE      report RULE as a warning (-W no-RULE turns it off)\n"
    "  -E RULE      report RULE as an error (-E no-RULE turns it off)\n"
    "  --no RULE    turn RULE off\n"
    "RULE may be 'all'; switches apply in order.  --list-rules prints every rule\n"
    "with its severity in this run (markdown: the defaults, as docs/lints.md).\n";

enum { OPT_NO = OPT_VERB_FIRST, OPT_LIST_RULES };

static const char *rule_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_lint_rule_at(i)->id;
}

/* Apply one -W/-E/--no switch; "no-RULE" after -W or -E turns the rule off, as in dtc. */
static int switch_rule(const struct cli_common *c, struct xsmc_lint_config *cfg,
                       const char *arg, int severity)
{
    const char *rule = arg;
    if (severity != XSMC_LINT_OFF && strncmp(arg, "no-", 3) == 0 &&
        xsmc_lint_rule_find(arg) < 0) {
        rule = arg + 3;
        severity = XSMC_LINT_OFF;
    }
    if (xsmc_lint_config_set(cfg, rule, severity)) {
        const char *near[XSMC_SUGGEST_MAX];
        char hint[256];
        size_t n = xsmc_suggest(rule, xsmc_lint_rule_count(), rule_at, NULL, near);
        return cli_error(c, "unknown lint rule '%s' (xsmcap lint --list-rules)%s", arg,
                         cli_hint(near, n, hint, sizeof(hint)));
    }
    return 0;
}

static const char *severity_word(int severity)
{
    return severity == XSMC_LINT_OFF ? "off" : xsmc_severity_name(severity);
}

static int list_rules(const struct cli_common *c, const struct xsmc_lint_config *cfg,
                      int markdown)
{
    size_t n = xsmc_lint_rule_count();
    if (markdown) {
        xsmc_lint_rules_markdown(stdout);
        return 0;
    }
    if (c->format == FMT_JSON) {
        json_t *root = xsmc_json_root("lint-rules"), *a = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct xsmc_lint_rule_info *r = xsmc_lint_rule_at(i);
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(r->id));
            json_object_set_new(o, "severity", json_string(severity_word(cfg->severity[i])));
            json_object_set_new(o, "default_severity", json_string(xsmc_severity_name(r->severity)));
            json_object_set_new(o, "summary", json_string(r->summary));
            json_object_set_new(o, "fix", json_string(r->fix));
            json_object_set_new(o, "rationale", json_string(r->rationale));
            json_object_set_new(o, "source", json_string(r->source));
            json_array_append_new(a, o);
        }
        json_object_set_new(root, "rules", a);
        return xsmc_json_dump(stdout, root) ? 2 : 0;
    }
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_lint_rule_info *r = xsmc_lint_rule_at(i);
        printf("%-30s %-8s %s\n", r->id, severity_word(cfg->severity[i]), r->summary);
    }
    return 0;
}

/*
 * What Xen's boot decides and lint's answers depend on: an undecided
 * verdict, and a Flask boot, under which the default policy the power
 * rules ask does not apply.
 */
static int boot_fact(const struct xsmc_diag *g)
{
    return xsmc_diag_undecided(g) || strcmp(g->rule, "xsm-flask") == 0;
}

static void print_boot_facts(const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (boot_fact(&sys->diags[i]))
            cli_print_diag(stdout, sys->source, &sys->diags[i]);
}

static void print_json(const struct cli_common *c, const struct xsmc_system *sys,
                       const struct xsmc_lint_findings *f, uint32_t options)
{
    json_t *o = xsmc_json_root("lint");
    json_t *items = json_array();
    xsmc_json_context(o, sys, c->profile, options);
    json_object_set_new(o, "verdict", json_string(cli_verdict_name(xsmc_config_verdict(sys))));
    json_t *boot = json_array();
    for (size_t i = 0; i < sys->ndiags; i++) {
        const struct xsmc_diag *g = &sys->diags[i];
        if (boot_fact(g))
            json_array_append_new(boot, xsmc_json_diag(g));
    }
    json_object_set_new(o, "boot", boot);
    json_object_set_new(o, "errors", json_integer((json_int_t)f->by_severity[XSMC_ERROR]));
    json_object_set_new(o, "warnings", json_integer((json_int_t)f->by_severity[XSMC_WARNING]));
    json_object_set_new(o, "notes", json_integer((json_int_t)f->by_severity[XSMC_NOTE]));
    for (size_t i = 0; i < f->count; i++)
        json_array_append_new(items, xsmc_json_diag(&f->items[i]));
    json_object_set_new(o, "findings", items);
    xsmc_json_dump(stdout, o);
}

static void print_text(const struct cli_common *c, const struct xsmc_system *sys,
                       const struct xsmc_lint_findings *f, uint32_t options)
{
    for (size_t i = 0; i < f->count; i++)
        cli_print_diag(stdout, sys->source, &f->items[i]);
    size_t e = f->by_severity[XSMC_ERROR], w = f->by_severity[XSMC_WARNING],
           n = f->by_severity[XSMC_NOTE];
    printf("%s: %zu error%s, %zu warning%s, %zu note%s under profile %s%s\n", sys->source, e,
           e == 1 ? "" : "s", w, w == 1 ? "" : "s", n, n == 1 ? "" : "s",
           xsmc_profile_name(c->profile), options & XSMC_OPT_SILO ? " with SILO" : "");
}

static const struct cli_opt own[] = {
    {NULL, required_argument, 'W'},
    {NULL, required_argument, 'E'},
    {"no", required_argument, OPT_NO},
    {"list-rules", no_argument, OPT_LIST_RULES},
    {0, 0, 0}};
static const struct cli_verb verb = {
    "lint", help, 1, CLI_O_READS_SYSTEM,
    CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON) | CLI_FMT(FMT_MARKDOWN), own};

int cmd_lint(int argc, char **argv)
{
    struct cli_common c;
    struct xsmc_lint_config cfg;
    int list = 0;
    cli_init(&c, &verb, argc, argv);
    xsmc_lint_config_init(&cfg);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) > 0) {
        if (opt == OPT_LIST_RULES)
            list = 1;
        else if (switch_rule(&c, &cfg, optarg,
                             opt == 'W' ? XSMC_WARNING : opt == 'E' ? XSMC_ERROR : XSMC_LINT_OFF))
            return 2;
    }
    if (opt == CLI_EXIT)
        return c.exit;
    if (list) {
        if (optind < argc)
            return cli_error(&c, "--list-rules takes no CONFIG ('%s')", argv[optind]);
        return list_rules(&c, &cfg, c.format == FMT_MARKDOWN);
    }
    if (c.format == FMT_MARKDOWN)
        return cli_error(&c, "--format markdown is for --list-rules only");
    if (cli_take_config(&c, argc, argv))
        return 2;

    struct xsmc_system *sys = cli_load_system(&c);
    if (!sys)
        return 2;
    xsmc_validate(sys, c.profile);
    if (sys->kind == XSMC_SRC_PARTIAL_DT && c.format == FMT_JSON) {
        /* valid input that describes no system: no finding, in the one shape of lint's JSON */
        struct xsmc_lint_findings none;
        memset(&none, 0, sizeof(none));
        print_json(&c, sys, &none, c.options);
        xsmc_system_free(sys);
        return 0;
    }
    if (sys->kind == XSMC_SRC_PARTIAL_DT) {
        /* valid input that describes no system: check describes it, lint has nothing to say */
        printf("%s: a passthrough partial device tree, not a boot configuration: nothing to lint "
               "(lint the configuration that loads it)\n", sys->source);
        xsmc_system_free(sys);
        return 0;
    }
    /* as report does: the findings still help, the status says Xen refuses the system */
    if (xsmc_config_verdict(sys) == XSMC_INVALID) {
        cli_print_errors(stderr, sys);
        cli_error(&c, "%s is not a valid system under profile %s (run 'xsmcap check'); its lint findings "
                  "assume Xen booted it", sys->source, xsmc_profile_name(c.profile));
    }
    cfg.options = cli_boot_options(&c, sys);
    struct xsmc_lint_findings f;
    int status = xsmc_lint_run(sys, c.profile, &cfg, &f);
    int rc = 2;
    if (status) {
        cli_error(&c, "%s: %s", sys->source, xsmc_strerror(status));
    } else {
        if (c.format == FMT_JSON) {
            print_json(&c, sys, &f, cfg.options);
        } else {
            print_boot_facts(sys);
            print_text(&c, sys, &f, cfg.options);
        }
        int verdict = cli_verdict_status(sys);
        rc = f.by_severity[XSMC_ERROR] ? 1 : 0;
        rc = verdict > rc ? verdict : rc;
    }
    xsmc_lint_findings_free(&f);
    xsmc_system_free(sys);
    return rc;
}
