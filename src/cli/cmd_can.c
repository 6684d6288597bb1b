/* xsmcap can: everything one domain may do, grouped by hypercall, in plain words. */
#include <stdio.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap can [CONFIG | --system SPEC] [--arch A] [--kconfig FILE]\n"
    "                  [--profile P] [--silo] [--denied] SRC [--format text|json]\n\n"
    "Every operation domain SRC (a name or id) may perform on the system's\n"
    "platform, grouped by hypercall, in plain words, with the domains it may do\n"
    "it to and the check that decides (the XSM hooks as the explanation).\n"
    "--denied adds what it may not do, with the check that refuses.\n";

enum { OPT_DENIED = OPT_VERB_FIRST };

int cmd_can(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS,
        {"denied", no_argument, 0, OPT_DENIED},
        {0, 0, 0, 0}};
    struct cli_common c;
    int denied = 0;
    cli_init(&c, "can");
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP: return cli_help(help);
        case OPT_DENIED: denied = 1; continue;
        case '?': return cli_bad_option(&c, argv);
        default:
            if (cli_common_option(&c, opt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON) != 1)
                return 2;
        }
    }
    const char *src;
    if (cli_take_config_and_arg(&c, argc, argv, "missing SRC (xsmcap can --help)", &src))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    int rc = 2;
    struct xsmc_matrix *m = NULL;
    struct xsmc_dom *d = xsmc_system_find(sys, src);
    if (!d) {
        cli_error(&c, "SRC '%s' is not a domain of %s", src, sys->source);
        goto out;
    }
    m = xsmc_matrix_new(sys, c.profile, c.options);
    if (!m) {
        cli_error(&c, "out of memory");
        goto out;
    }
    rc = 0;
    if (c.format == FMT_JSON)
        rc = xsmc_write_powers_json(stdout, m, (size_t)(d - sys->doms)) ? 2 : 0;
    else
        xsmc_write_powers(stdout, m, (size_t)(d - sys->doms), denied);
out:
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
    return rc;
}
