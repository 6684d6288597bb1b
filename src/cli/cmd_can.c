/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap can: everything one domain may do, grouped by hypercall, in plain words. */
#include <stdio.h>

#include "cli_analysis.h"

static const char help[] =
    "usage: xsmcap can [CONFIG | --system SPEC] [--arch A] [--kconfig FILE]\n"
    "                  [--profile P] [--silo] [--denied] SRC [--format text|json]\n"
    "CONFIG may stand before or after SRC (a file named .dtb, .dts, .dtsi, .dtso or\n"
    ".cfg is the configuration wherever it stands).\n\n"
    "Every operation domain SRC (a name or id) may perform on the system's\n"
    "platform, grouped by hypercall, in plain words, with the domains it may do\n"
    "it to and the check that decides (the XSM hooks as the explanation).\n"
    "--denied adds what it may not do, with the check that refuses.\n";

enum { OPT_DENIED = OPT_VERB_FIRST };

static const struct cli_opt own[] = {{"denied", no_argument, OPT_DENIED}, {0, 0, 0}};
static const struct cli_verb verb = {"can", help, 0, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

int cmd_can(int argc, char **argv)
{
    struct cli_common c;
    int denied = 0;
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) == OPT_DENIED)
        denied = 1;
    if (opt == CLI_EXIT)
        return c.exit;
    const char *src;
    if (cli_take_config_and_arg(&c, argc, argv, "SRC", &src))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    int rc = 2;
    struct xsmc_matrix *m = NULL;
    struct xsmc_dom *d = cli_find_domain(&c, sys, "SRC", src);
    if (!d)
        goto out;
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
