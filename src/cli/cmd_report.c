/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap report: the system, its validation and lints, the change from upstream, powers, matrix. */
#include <stdio.h>
#include <string.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap report [CONFIG | --system SPEC] [--profile P] [--silo]\n"
    "                     [--iommu yes|no] [--target DM=GUEST] [--html FILE]\n"
    "                     [--format text|json|dot]\n\n"
    "The main job: the system as read, its validation against Xen's boot-time\n"
    "rules, the safety lints, what changes from upstream Xen to the profile in\n"
    "plain words, what each domain may do, and the matrix of operations.  The text\n"
    "goes to standard output; --html also writes a self-contained page (no\n"
    "network, no scripts) with the matrix as a coloured grid and the domains'\n"
    "relationships as a diagram.  --format json writes everything the text says\n"
    "as one JSON object (schema xsmcap-report/1).  --format dot writes the\n"
    "diagram as Graphviz DOT (render it with dot -Tsvg): each domain with its\n"
    "capabilities and guest type, device models and their guests, static shared\n"
    "memory, and an edge wherever a domain may perform operations on another,\n"
    "labelled with their count and hypercall families; past 24 domains, the role\n"
    "classes (domains the policy cannot tell apart) instead of the domains.\n"
    "xsm=silo on the configuration's Xen command line applies SILO as --silo\n"
    "does.  A configuration Xen refuses to boot is still reported, with its\n"
    "errors, and exits 2.\n";

enum { OPT_HTML = OPT_VERB_FIRST };

static int write_html(FILE *out, void *arg)
{
    xsmc_write_report_html(out, arg);
    return 0;
}

static const struct cli_opt own[] = {{"html", required_argument, OPT_HTML}, {0, 0, 0}};
static const struct cli_verb verb = {"report", help, 1, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON) | CLI_FMT(FMT_DOT), own};

int cmd_report(int argc, char **argv)
{
    struct cli_common c;
    const char *html = NULL;
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) == OPT_HTML)
        html = optarg;
    if (opt == CLI_EXIT)
        return c.exit;
    int dot = c.format == FMT_DOT;
    if (cli_take_config(&c, argc, argv))
        return 2;
    struct xsmc_system *sys = cli_load_system(&c);
    if (!sys)
        return 2;
    struct xsmc_report r;
    int rc = 2;
    if (xsmc_report_build(&r, sys, c.profile, cli_boot_options(&c, sys))) {
        cli_error(&c, "out of memory");
    } else if (!html || cli_write_captured(&c, html, write_html, &r) == 0) {
        /* the worse of check's verdict and lint's findings, as both are shown */
        int verdict = cli_verdict_status(sys);
        rc = r.lint_status == 0 && r.lint.by_severity[XSMC_ERROR] ? 1 : 0;
        rc = verdict > rc ? verdict : rc;
        if (dot ? xsmc_write_report_dot(stdout, &r) : c.format == FMT_JSON && xsmc_write_report_json(stdout, &r))
            rc = cli_error(&c, "cannot write the report as %s: out of memory", dot ? "DOT" : "JSON");
        else if (!dot && c.format == FMT_TEXT)
            xsmc_write_report_text(stdout, &r);
    }
    xsmc_report_free(&r);
    xsmc_system_free(sys);
    return rc;
}
