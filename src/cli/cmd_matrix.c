/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap matrix: domains x operations, and x target domains for operations that take one. */
#include <stdio.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap matrix [CONFIG | --system SPEC] [--arch A] [--kconfig FILE]\n"
    "                     [--profile P] [--silo] [--summary]\n"
    "                     [--format text|csv|json|html] [--output FILE]\n\n"
    "The decision of every operation of the system's platform for every source\n"
    "domain, and for every\n"
    "target domain where the operation takes one.  Computed by role classes\n"
    "(domains the policy cannot tell apart), so its cost does not grow with the\n"
    "square of the domain count.  Past 64 domains, or with --summary, the matrix\n"
    "is written per class with the count of allowed cells per operation.\n"
    "--output writes to FILE (atomically) instead of standard output.\n";

enum { OPT_SUMMARY = OPT_VERB_FIRST, OPT_OUTPUT };

struct job {
    struct xsmc_matrix *m;
    int format, summary;
};

static int write_matrix(FILE *out, void *arg)
{
    struct job *j = arg;
    switch (j->format) {
    case FMT_JSON: return xsmc_write_matrix_json(out, j->m, j->summary);
    case FMT_CSV: xsmc_write_matrix_csv(out, j->m, j->summary); return 0;
    case FMT_HTML: xsmc_write_matrix_html(out, j->m); return 0;
    default: xsmc_write_matrix_text(out, j->m, j->summary); return 0;
    }
}

static const struct cli_opt own[] = {
    {"summary", no_argument, OPT_SUMMARY},
    {"output", required_argument, OPT_OUTPUT},
    {0, 0, 0}};
static const struct cli_verb verb = {
    "matrix", help, 0, CLI_O_READS_SYSTEM,
    CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_CSV) | CLI_FMT(FMT_JSON) | CLI_FMT(FMT_HTML), own};

int cmd_matrix(int argc, char **argv)
{
    struct cli_common c;
    const char *output = NULL;
    struct job j = {0};
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) > 0) {
        if (opt == OPT_SUMMARY)
            j.summary = 1;
        else
            output = optarg;
    }
    if (opt == CLI_EXIT)
        return c.exit;
    if (cli_take_config(&c, argc, argv))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    int rc = 2;
    j.m = xsmc_matrix_new(sys, c.profile, c.options);
    j.format = c.format;
    if (!j.m) {
        cli_error(&c, "out of memory");
    } else if (output) {
        rc = cli_write_captured(&c, output, write_matrix, &j);
    } else {
        rc = write_matrix(stdout, &j) ? cli_error(&c, "cannot encode the matrix as JSON") : 0;
    }
    xsmc_matrix_free(j.m);
    xsmc_system_free(sys);
    return rc;
}
