/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system a verb works on (a configuration file, --system, or the
 * embedded default), its platform, and what its validation means for the
 * verb: one meaning of valid, undecided and invalid for every verb.
 */
#include <string.h>

#include "cli.h"

struct xsmc_system *cli_load_system(struct cli_common *c)
{
    char err[512] = "";
    struct xsmc_system *sys;
    if (c->config && c->spec) {
        cli_error(c, "give either CONFIG or --system, not both");
        return NULL;
    }
    if (c->spec)
        sys = xsmc_spec_parse_arch(c->spec, (enum xsmc_arch)c->arch, err, sizeof(err));
    else if (c->config)
        sys = xsmc_config_load(c->config, &c->load, err, sizeof(err));
    else
        sys = xsmc_builtin_system_arch((enum xsmc_arch)c->arch, err, sizeof(err));
    if (!sys) {
        /* readers already word their errors compiler-style: FILE:WHERE: error: ... */
        if (strstr(err, ": error: "))
            cli_put_diag_line(stderr, err);
        else
            cli_error(c, "%s", err);
        return NULL;
    }
    if (xsmc_config_apply_opts(sys, &c->load)) {
        cli_print_diags(stderr, sys);
        xsmc_system_free(sys);
        return NULL;
    }
    if (cli_apply_platform(c, sys)) {
        xsmc_system_free(sys);
        return NULL;
    }
    return sys;
}

int cli_apply_platform(const struct cli_common *c, struct xsmc_system *sys)
{
    const char *arch = xsmc_arch_name((enum xsmc_arch)sys->arch);
    if (c->config && c->arch_given && c->arch != sys->arch)
        return cli_error(c, "%s is an %s configuration; --arch %s disagrees (a configuration file "
                         "carries its own platform)", sys->source, arch,
                         xsmc_arch_name((enum xsmc_arch)c->arch));
    if (c->kconfig) {
        struct xsmc_kconfig k;
        char err[512];
        if (xsmc_kconfig_read(c->kconfig, &k, err, sizeof(err)))
            return cli_error(c, "--kconfig %s", err);
        if (xsmc_system_set_platform(sys, (enum xsmc_arch)sys->arch, &k))
            return cli_error(c, "--kconfig %s is an %s build configuration, but %s runs on %s%s",
                             c->kconfig, xsmc_arch_name((enum xsmc_arch)k.arch), sys->source, arch,
                             c->config ? "" : " (give --arch to match)");
    }
    /* xen/xsm/Kconfig: SILO is a module of CONFIG_XSM; a build without it cannot boot xsm=silo */
    if ((c->options & XSMC_OPT_SILO) && !xsmc_kconfig_on(&sys->kconfig, XSMC_K_XSM_SILO))
        return cli_error(c, "--silo: Xen built with %s has no SILO module (CONFIG_XSM_SILO is off) "
                         "(hint: give --kconfig with CONFIG_XSM=y and CONFIG_XSM_SILO=y)",
                         c->kconfig ? c->kconfig : sys->arch == XSMC_ARCH_X86_64 ? "the x86_64 defconfig"
                                                                                : "this .config");
    return 0;
}

const char cli_exit_status_help[] =
    "Exit status, one meaning for every verb that reads a configuration:\n"
    "  2  the input cannot be used: unreadable or malformed, a usage error, or a\n"
    "     configuration Xen refuses to boot (an error of 'xsmcap check');\n"
    "  1  check, lint, report: Xen boots the configuration only if a fact it does\n"
    "     not give holds (undecided: the IOMMU, settled by --iommu); lint and\n"
    "     report also for an error-level lint finding;\n"
    "  0  otherwise.  query, who-can, can, matrix, diff and flask answer an\n"
    "     undecided configuration (no XSM decision depends on the IOMMU).\n";

int cli_verdict_status(const struct xsmc_system *sys)
{
    switch (xsmc_config_verdict(sys)) {
    case XSMC_INVALID: return 2;
    case XSMC_UNDECIDED: return 1;
    default: return 0;
    }
}

const char *cli_verdict_name(enum xsmc_verdict verdict)
{
    static const char *const names[] = {
        [XSMC_VALID] = "valid", [XSMC_UNDECIDED] = "undecided", [XSMC_INVALID] = "invalid"};
    return names[verdict];
}

int cli_boot_flask(const struct xsmc_system *sys)
{
    return sys->xsm_boot == XSMC_XSM_FLASK && xsmc_system_xsm_module(sys) == XSMC_XSM_FLASK;
}

uint32_t cli_boot_options(const struct cli_common *c, const struct xsmc_system *sys)
{
    /* xsm=silo chooses SILO as --silo does; a build default alone does not (answers stay put) */
    int silo = sys->xsm_boot == XSMC_XSM_SILO && xsmc_system_xsm_module(sys) == XSMC_XSM_SILO;
    return c->options | (silo ? XSMC_OPT_SILO : 0);
}

struct xsmc_system *cli_load_valid_system(struct cli_common *c)
{
    struct xsmc_system *sys = cli_load_system(c);
    if (!sys)
        return NULL;
    xsmc_validate(sys, c->profile);
    if (xsmc_system_count(sys, XSMC_ERROR)) {
        cli_print_errors(stderr, sys);
        cli_error(c, "%s is not a valid system under profile %s (run 'xsmcap check')",
                  sys->source, xsmc_profile_name(c->profile));
        xsmc_system_free(sys);
        return NULL;
    }
    /* the Flask export is the one verb whose subject is a Flask policy */
    if (cli_boot_flask(sys) && !(c->v->common & CLI_O_FLASK_BOOT_OK)) {
        cli_error(c, "%s boots Xen with xsm=flask: the default policy does not apply, so it has no "
                  "answer here; %s", sys->source,
                  sys->xsm_policy ? "the Flask policy it loads decides (compare it with 'xsmcap flask')"
                                  : "it loads no Flask policy ('xsmcap flask' writes the Flask form of "
                                    "the default policy)");
        xsmc_system_free(sys);
        return NULL;
    }
    c->options = cli_boot_options(c, sys);
    /* what is unknown is said; nothing these verbs decide depends on it */
    cli_print_undecided(stderr, sys);
    return sys;
}

