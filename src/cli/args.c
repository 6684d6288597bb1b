/* Options shared by the verbs, and the way a verb gets its system. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_init(struct cli_common *c, const char *verb)
{
    memset(c, 0, sizeof(*c));
    c->verb = verb;
    c->profile = XSMC_PROFILE_DEFAULT;
    c->format = FMT_TEXT;
    c->arch = XSMC_ARCH_DEFAULT;
    c->load.iommu = XSMC_UNKNOWN;
    c->load.intremap = XSMC_UNKNOWN;
    c->load.targets = c->targets;
    /* getopt keeps state between verbs in one process (tests); reset it */
    optind = 0;
    opterr = 0; /* verbs word their own errors */
}

int cli_error(const struct cli_common *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "xsmcap %s: error: ", c && c->verb ? c->verb : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

static const char *const format_names[] = {"text", "json", "csv", "html"};

int cli_common_option(struct cli_common *c, int opt, const char *arg, unsigned formats)
{
    switch (opt) {
    case OPT_SYSTEM:
        if (c->spec)
            return cli_error(c, "--system given twice");
        c->spec = arg;
        return 1;
    case OPT_PROFILE:
        if (xsmc_profile_from_name(arg, &c->profile))
            return cli_error(c, "unknown profile '%s' (upstream, hwpriv, hwpriv-dm, hwpriv-v2)", arg);
        c->profile_given = 1;
        return 1;
    case OPT_SILO:
        c->options |= XSMC_OPT_SILO;
        return 1;
    case OPT_VERBOSE_DEBUG:
        c->options |= XSMC_OPT_VERBOSE_DEBUG;
        return 1;
    case OPT_ARCH: {
        enum xsmc_arch a;
        if (xsmc_arch_from_name(arg, &a))
            return cli_error(c, "unknown architecture '%s' (arm64, arm32, x86_64)", arg);
        c->arch = (int)a;
        c->arch_given = 1;
        return 1;
    }
    case OPT_KCONFIG:
        if (c->kconfig)
            return cli_error(c, "--kconfig given twice");
        c->kconfig = arg;
        return 1;
    case OPT_FORMAT:
        for (unsigned i = 0; i < 4; i++) {
            if (strcmp(arg, format_names[i]) == 0 && (formats & (1u << i))) {
                c->format = (int)i;
                return 1;
            }
        }
        return cli_error(c, "--format: '%s' is not a format of this verb", arg);
    case OPT_IOMMU:
    case OPT_INTREMAP: {
        int *slot = opt == OPT_IOMMU ? &c->load.iommu : &c->load.intremap;
        if (strcmp(arg, "yes") == 0)
            *slot = XSMC_YES;
        else if (strcmp(arg, "no") == 0)
            *slot = XSMC_NO;
        else
            return cli_error(c, "--%s takes yes or no, not '%s'",
                             opt == OPT_IOMMU ? "iommu" : "intremap", arg);
        return 1;
    }
    case OPT_TARGET: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg || !eq[1])
            return cli_error(c, "--target takes DM=GUEST, not '%s'", arg);
        if (c->load.ntargets >= CLI_MAX_TARGETS)
            return cli_error(c, "more than %d --target options", CLI_MAX_TARGETS);
        /* split in place: the argument string is ours for the process */
        char *dm = (char *)arg;
        dm[eq - arg] = '\0';
        c->targets[c->load.ntargets].dm = dm;
        c->targets[c->load.ntargets].guest = eq + 1;
        c->load.ntargets++;
        return 1;
    }
    default:
        return 0;
    }
}

int cli_bad_option(const struct cli_common *c, char **argv)
{
    return cli_error(c, "unknown option or missing value '%s' (xsmcap %s --help)", argv[optind - 1],
                     c->verb);
}

int cli_take_config(struct cli_common *c, int argc, char **argv)
{
    if (argc - optind > 1)
        return cli_error(c, "unexpected argument '%s'", argv[optind + 1]);
    if (argc - optind == 1)
        c->config = argv[optind];
    return 0;
}

int cli_take_config_and_arg(struct cli_common *c, int argc, char **argv, const char *missing,
                            const char **arg)
{
    int npos = argc - optind;
    if (npos < 1)
        return cli_error(c, "%s", missing);
    if (npos > 2)
        return cli_error(c, "unexpected argument '%s'", argv[optind + 2]);
    if (npos == 2)
        c->config = argv[optind];
    *arg = argv[argc - 1];
    return 0;
}

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
            fprintf(stderr, "%s\n", err);
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

void cli_print_undecided(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (xsmc_diag_undecided(&sys->diags[i]))
            xsmc_diag_print(out, sys->source, &sys->diags[i]);
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
    if (cli_boot_flask(sys) && strcmp(c->verb, "flask") != 0) {
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

void cli_print_diags(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        xsmc_diag_print(out, sys->source, &sys->diags[i]);
}

void cli_print_errors(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (sys->diags[i].severity == XSMC_ERROR)
            xsmc_diag_print(out, sys->source, &sys->diags[i]);
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return 0;
}

int cli_help_status(const char *text)
{
    fputs(text, stdout);
    fputc('\n', stdout);
    fputs(cli_exit_status_help, stdout);
    return 0;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    /* mkstemp makes 0600; an output file is as readable as any other */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)n;
    }
    int ok = off == len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0) {
        free(tmp);
        return 0;
    }
    int saved = errno;
    unlink(tmp);
    free(tmp);
    errno = saved;
    return -1;
}
