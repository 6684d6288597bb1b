/* xsmcap report: the system, its validation and lints, the change from upstream, powers, matrix. */
#include <stdio.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap report [CONFIG | --system SPEC] [--profile P] [--silo]\n"
    "                     [--iommu yes|no] [--target DM=GUEST] [--html FILE]\n\n"
    "The main job: the system as read, its validation against Xen's boot-time\n"
    "rules, the safety lints, what changes from upstream Xen to the profile in\n"
    "plain words, what each domain may do, and the matrix of hooks.  The text\n"
    "goes to standard output; --html also writes a self-contained page (no\n"
    "network, no scripts) with the matrix as a coloured grid and the domains'\n"
    "relationships as a diagram.  xsm=silo on the configuration's Xen command\n"
    "line applies SILO as --silo does.  A configuration Xen refuses to boot is\n"
    "still reported, with its errors, and exits 2.\n";

enum { OPT_HTML = OPT_VERB_FIRST };

static int write_html(FILE *out, void *arg)
{
    xsmc_write_report_html(out, arg);
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS,
        {"html", required_argument, 0, OPT_HTML},
        {0, 0, 0, 0}};
    struct cli_common c;
    const char *html = NULL;
    cli_init(&c, "report");
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP: return cli_help_status(help);
        case OPT_HTML: html = optarg; continue;
        case '?': return cli_bad_option(&c, argv);
        default:
            if (cli_common_option(&c, opt, optarg, 1u << FMT_TEXT) != 1)
                return 2;
        }
    }
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
        xsmc_write_report_text(stdout, &r);
        /* the worse of check's verdict and lint's findings, as both are shown */
        int verdict = cli_verdict_status(sys);
        rc = r.lint_status == 0 && r.lint.by_severity[XSMC_ERROR] ? 1 : 0;
        rc = verdict > rc ? verdict : rc;
    }
    xsmc_report_free(&r);
    xsmc_system_free(sys);
    return rc;
}
