/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the verbs: option parsing, system loading, errors and diagnostics. */
#ifndef XSMC_CLI_H
#define XSMC_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "xsmcap/xsmcap.h"

/* The --format values; a verb accepts those of its CLI_FMT mask, the first being its default. */
enum cli_format { FMT_TEXT = 0, FMT_JSON, FMT_CSV, FMT_HTML, FMT_DOT, FMT_MARKDOWN, FMT_COUNT };
#define CLI_FMT(f) (1u << (f))

/* The options verbs share, one bit each; --quiet, --color and --help belong to every verb. */
enum {
    CLI_O_SYSTEM = 1u << 0,        /* --system SPEC */
    CLI_O_ARCH = 1u << 1,          /* --arch A */
    CLI_O_KCONFIG = 1u << 2,       /* --kconfig FILE */
    CLI_O_IOMMU = 1u << 3,         /* --iommu yes|no */
    CLI_O_INTREMAP = 1u << 4,      /* --intremap yes|no */
    CLI_O_TARGET = 1u << 5,        /* --target DM=GUEST */
    CLI_O_PROFILE = 1u << 6,       /* --profile P */
    CLI_O_SILO = 1u << 7,          /* --silo */
    CLI_O_VERBOSE_DEBUG = 1u << 8, /* --verbose-debug */
    CLI_O_FORMAT = 1u << 9,        /* --format F */
    /* not an option: cli_load_valid_system answers a configuration booting xsm=flask (flask) */
    CLI_O_FLASK_BOOT_OK = 1u << 10,
};
/* Every verb that reads a system takes these. */
#define CLI_O_READS_SYSTEM                                                                      \
    (CLI_O_SYSTEM | CLI_O_ARCH | CLI_O_KCONFIG | CLI_O_IOMMU | CLI_O_INTREMAP | CLI_O_TARGET |  \
     CLI_O_PROFILE | CLI_O_SILO | CLI_O_VERBOSE_DEBUG | CLI_O_FORMAT)

/* getopt codes: the shared options, then from OPT_VERB_FIRST each verb's own. */
enum {
    OPT_SYSTEM = 1000, OPT_PROFILE, OPT_SILO, OPT_FORMAT, OPT_IOMMU, OPT_TARGET,
    OPT_VERBOSE_DEBUG, OPT_HELP, OPT_INTREMAP, OPT_ARCH, OPT_KCONFIG, OPT_QUIET, OPT_COLOR,
    OPT_VERB_FIRST = 1100
};

/* One option of a verb's own: a long name and/or a letter (code < 128 makes -LETTER). */
struct cli_opt {
    const char *name;  /* NULL: a letter only */
    int has_arg;       /* no_argument or required_argument */
    int code;          /* OPT_VERB_FIRST + n, or the letter; 0 ends a table */
};

/* What a verb accepts, and its --help. */
struct cli_verb {
    const char *name;
    const char *help;
    int help_status;            /* --help adds the exit statuses of configuration readers */
    unsigned common;            /* CLI_O_* */
    unsigned formats;           /* CLI_FMT() of the --format values, with CLI_O_FORMAT */
    const struct cli_opt *own;  /* its own options, ended by a {0} row; NULL for none */
};

#define CLI_MAX_TARGETS 64
#define CLI_MAX_OPTS 32

/* A verb's command line, as the shared options leave it. */
struct cli_common {
    const char *verb;
    const struct cli_verb *v;
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
    int exit;               /* what the verb returns after cli_next_option's CLI_EXIT */
    struct option longopts[CLI_MAX_OPTS + 1];
    char shortopts[2 * CLI_MAX_OPTS + 2];
};

void cli_init(struct cli_common *c, const struct cli_verb *v, int argc, char **argv);

/* cli_next_option's answers besides a verb's own option code (optarg holds its value). */
enum { CLI_END = 0, CLI_EXIT = -1 };
/*
 * The next option of the verb's own, with every shared option handled on
 * the way.  CLI_END after the last option (optind at the positionals);
 * CLI_EXIT after --help (c->exit 0) or an error line (c->exit 2): the
 * verb returns c->exit.  An unknown option's error names the nearest the
 * verb accepts.
 */
int cli_next_option(struct cli_common *c, int argc, char **argv);
/* `xsmcap --list-options VERB`: cli_next_option prints the options the verb accepts and exits. */
void cli_list_options_mode(void);

/* The optional positional CONFIG after the options; 2 after an error line, else 0. */
int cli_take_config(struct cli_common *c, int argc, char **argv);
/*
 * "[CONFIG] ARG" in either order: a word naming an existing file with a
 * configuration extension (.dtb .dtbo .dts .dtsi .dtso .cfg) is CONFIG wherever
 * it stands, else a word with such an extension, else the first of two.
 * Sets c->config when given and *arg to the other word; `what` names ARG
 * ("OP").  2 after an error line, else 0.
 */
int cli_take_config_and_arg(struct cli_common *c, int argc, char **argv, const char *what,
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
/* "valid", "undecided", "invalid": a verdict as JSON names it. */
const char *cli_verdict_name(enum xsmc_verdict verdict);
/* Does the configuration boot Xen with xsm=flask (a module the build has)? */
int cli_boot_flask(const struct xsmc_system *sys);
/* c->options plus what Xen's command line chooses (xsm=silo: XSMC_OPT_SILO). */
uint32_t cli_boot_options(const struct cli_common *c, const struct xsmc_system *sys);

/* ---- output for people (term.c) ---- */

enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER, CLI_COLOR_COUNT };
/* The --color words, indexed by enum cli_color. */
extern const char *const cli_color_names[CLI_COLOR_COUNT];
/* "auto", "always", "never" -> enum cli_color; -1 for another word. */
int cli_color_from_name(const char *name);
void cli_set_color(int color);
void cli_set_quiet(int quiet);
/* --quiet and --color as argv gives them, before any option is parsed. */
void cli_term_scan(int argc, char **argv);
int cli_quiet(void);
/* Is colour on for `out` (--color, and for auto a terminal and no NO_COLOR)? */
int cli_colored(FILE *out);
/*
 * `word` as it is written to `out`: coloured when it is a severity (error,
 * warning, note) or a decision (allow, deny) and colour is on; buf holds
 * the coloured form (CLI_PAINT_LEN bytes fit any of them).
 */
#define CLI_PAINT_LEN 32
const char *cli_paint(FILE *out, const char *word, char *buf, size_t len);
void cli_put_word(FILE *out, const char *word);

/* One-line error "xsmcap VERB: error: ..." ("xsmcap: error:" for c NULL); returns 2. */
int cli_error(const struct cli_common *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A diagnostic line already worded "WHERE: SEVERITY: ..." (a reader's
 * error, dtc's warning), its severity coloured; under --quiet only errors
 * reach stderr.
 */
void cli_put_diag_line(FILE *out, const char *line);
/* One diagnostic of a system, compiler style, as cli_put_diag_line. */
void cli_print_diag(FILE *out, const char *source, const struct xsmc_diag *g);
/* A system's diagnostics. */
void cli_print_diags(FILE *out, const struct xsmc_system *sys);
/* Only its errors: why a verb refuses the system. */
void cli_print_errors(FILE *out, const struct xsmc_system *sys);
/* The diagnostics that make a configuration undecided. */
void cli_print_undecided(FILE *out, const struct xsmc_system *sys);
/* xsmc_load_opts.tool_warning: dtc's warnings on stderr. */
void cli_tool_warning(const char *line, void *ctx);

/* ---- names with did-you-mean (names.c) ---- */

/* "; did you mean 'a' or 'b'?" for n names, "" for none: the end of an error line. */
const char *cli_hint(const char *const *names, size_t n, char *buf, size_t len);
/* The same for the names nearest `word` among `names`. */
const char *cli_hint_names(const char *word, const char *const *names, size_t n, char *buf,
                           size_t len);
/* The hint for an operation word: the nearest sub-operations, hypercalls and hooks. */
const char *cli_op_hint(const char *word, char *buf, size_t len);
/* The hint for a hook name, and for a hypercall name. */
const char *cli_hook_hint(const char *word, char *buf, size_t len);
const char *cli_hypercall_hint(const char *word, char *buf, size_t len);
/* --profile NAME (or --from, --to: `opt`); 2 after an error line. */
int cli_profile(const struct cli_common *c, const char *opt, const char *name,
                enum xsmc_profile *out);
/* --arch NAME; 2 after an error line. */
int cli_arch(const struct cli_common *c, const char *name, enum xsmc_arch *out);
/* The name of sys->doms[i] (ctx a struct xsmc_system), for xsmc_suggest. */
const char *cli_domain_at(size_t i, const void *ctx);
/* The domain `name` (or id) of sys; NULL after an error line naming `what` (--as, --on, SRC). */
struct xsmc_dom *cli_find_domain(const struct cli_common *c, const struct xsmc_system *sys,
                                 const char *what, const char *name);

/* Write a whole file atomically (temporary name, then rename); 0 or -1 with errno. */
int cli_write_file(const char *path, const char *data, size_t len);

#endif
