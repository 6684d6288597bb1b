/* Shared by the verbs: option parsing, system loading, errors. */
#ifndef XSMC_CLI_H
#define XSMC_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "xsmcap/xsmcap.h"

enum cli_format { FMT_TEXT = 0, FMT_JSON, FMT_CSV, FMT_HTML };

#define CLI_MAX_TARGETS 64

/* Options every verb that reads a system accepts. */
struct cli_common {
    const char *verb;
    const char *config;     /* positional CONFIG, or NULL */
    const char *spec;       /* --system */
    enum xsmc_profile profile;
    int profile_given;
    uint32_t options;       /* XSMC_OPT_* (--silo, --verbose-debug) */
    int format;             /* enum cli_format */
    int arch;               /* --arch (enum xsmc_arch), for --system and the builtin */
    int arch_given;
    const char *kconfig;    /* --kconfig FILE: the Xen .config the platform was built with */
    struct xsmc_load_opts load;
    struct xsmc_target_opt targets[CLI_MAX_TARGETS];
};

/* getopt_long codes of the common options (beyond single letters). */
enum {
    OPT_SYSTEM = 1000, OPT_PROFILE, OPT_SILO, OPT_FORMAT, OPT_IOMMU, OPT_TARGET,
    OPT_VERBOSE_DEBUG, OPT_HELP, OPT_INTREMAP, OPT_ARCH, OPT_KCONFIG, OPT_VERB_FIRST = 1100
};

#define CLI_COMMON_LONGOPTS                                              \
    {"system", required_argument, 0, OPT_SYSTEM},                        \
    {"profile", required_argument, 0, OPT_PROFILE},                      \
    {"silo", no_argument, 0, OPT_SILO},                                  \
    {"format", required_argument, 0, OPT_FORMAT},                        \
    {"iommu", required_argument, 0, OPT_IOMMU},                          \
    {"intremap", required_argument, 0, OPT_INTREMAP},                    \
    {"target", required_argument, 0, OPT_TARGET},                        \
    {"verbose-debug", no_argument, 0, OPT_VERBOSE_DEBUG},                \
    {"arch", required_argument, 0, OPT_ARCH},                            \
    {"kconfig", required_argument, 0, OPT_KCONFIG},                      \
    {"help", no_argument, 0, OPT_HELP}

void cli_init(struct cli_common *c, const char *verb);
/*
 * Handle a common option.  Returns 1 if consumed, 0 if not a common option,
 * 2 after printing an error (the caller exits 2).  `formats` is a bitmask
 * of the enum cli_format values the verb supports.
 */
int cli_common_option(struct cli_common *c, int opt, const char *arg, unsigned formats);

/* getopt's '?': an unknown option or a missing value, one line; returns 2. */
int cli_bad_option(const struct cli_common *c, char **argv);

/* The optional positional CONFIG after the options; 2 after an error line, else 0. */
int cli_take_config(struct cli_common *c, int argc, char **argv);
/*
 * "[CONFIG] ARG" after the options: sets c->config when given and *arg to
 * the last word.  `missing` is the error for no ARG; 2 after an error line, else 0.
 */
int cli_take_config_and_arg(struct cli_common *c, int argc, char **argv, const char *missing,
                            const char **arg);

/* Load the selected system (CONFIG, --system, or the builtin); NULL after an error line. */
struct xsmc_system *cli_load_system(struct cli_common *c);
/* --arch against a configuration file, and --kconfig: 2 after an error line, else 0. */
int cli_apply_platform(const struct cli_common *c, struct xsmc_system *sys);
/*
 * Load, then validate under the profile.  A configuration Xen refuses to
 * boot, or one that boots Xen with xsm=flask (the default policy does not
 * apply; the flask verb excepted), prints one error line and returns NULL.
 * xsm=silo adds XSMC_OPT_SILO to c->options; an undecided configuration
 * prints what is unknown to stderr and is returned.
 */
struct xsmc_system *cli_load_valid_system(struct cli_common *c);

/* The exit statuses of every verb that reads a configuration, for --help and docs/cli.md. */
extern const char cli_exit_status_help[];
/* 2 invalid, 1 undecided, 0 valid: the status of a validated configuration. */
int cli_verdict_status(const struct xsmc_system *sys);
/* Print the diagnostics that make a configuration undecided. */
void cli_print_undecided(FILE *out, const struct xsmc_system *sys);
/* Does the configuration boot Xen with xsm=flask (a module the build has)? */
int cli_boot_flask(const struct xsmc_system *sys);
/* c->options plus what Xen's command line chooses (xsm=silo: XSMC_OPT_SILO). */
uint32_t cli_boot_options(const struct cli_common *c, const struct xsmc_system *sys);

/* One-line error "xsmcap VERB: error: ..."; returns 2. */
int cli_error(const struct cli_common *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print a system's diagnostics, compiler style, to `out`. */
void cli_print_diags(FILE *out, const struct xsmc_system *sys);
/* Only its errors: why a verb refuses the system. */
void cli_print_errors(FILE *out, const struct xsmc_system *sys);

/* Print `text` (the verb's help) and return 0. */
int cli_help(const char *text);
/* The same, followed by the exit statuses every configuration-reading verb shares. */
int cli_help_status(const char *text);

/* Write a whole file atomically (temporary name, then rename); 0 or -1 with errno. */
int cli_write_file(const char *path, const char *data, size_t len);

#endif
