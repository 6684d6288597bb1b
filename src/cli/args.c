/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command line of every verb: the options they share, each verb's own,
 * one getopt loop for all, and the positional words.  A verb states what it
 * accepts (struct cli_verb); --help, the shared options and every error
 * about an option are handled here, so each verb's loop names only its own.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "xsmcap/suggest.h"

/* The shared options; `bit` 0: every verb's. */
static const struct shared_opt {
    unsigned bit;
    struct cli_opt o;
    const char *value; /* how --help shows its value; NULL: none, or the verb's formats */
} shared[] = {
    {CLI_O_SYSTEM, {"system", required_argument, OPT_SYSTEM}, "SPEC"},
    {CLI_O_ARCH, {"arch", required_argument, OPT_ARCH}, "arm64|arm32|x86_64"},
    {CLI_O_KCONFIG, {"kconfig", required_argument, OPT_KCONFIG}, "FILE"},
    {CLI_O_IOMMU, {"iommu", required_argument, OPT_IOMMU}, "yes|no"},
    {CLI_O_INTREMAP, {"intremap", required_argument, OPT_INTREMAP}, "yes|no"},
    {CLI_O_TARGET, {"target", required_argument, OPT_TARGET}, "DM=GUEST"},
    {CLI_O_PROFILE, {"profile", required_argument, OPT_PROFILE}, "P"},
    {CLI_O_SILO, {"silo", no_argument, OPT_SILO}, NULL},
    {CLI_O_VERBOSE_DEBUG, {"verbose-debug", no_argument, OPT_VERBOSE_DEBUG}, NULL},
    {CLI_O_FORMAT, {"format", required_argument, OPT_FORMAT}, NULL},
    {0, {"quiet", no_argument, OPT_QUIET}, NULL},
    {0, {"color", required_argument, OPT_COLOR}, "auto|always|never"},
    {0, {"help", no_argument, OPT_HELP}, NULL},
};
#define NSHARED (sizeof(shared) / sizeof(shared[0]))

static const char *const format_names[FMT_COUNT] = {"text", "json", "csv", "html", "dot", "markdown"};

static int list_mode;

void cli_list_options_mode(void)
{
    list_mode = 1;
}

static int accepts(const struct cli_verb *v, const struct shared_opt *s)
{
    return !s->bit || (v->common & s->bit);
}

static void add_option(struct cli_common *c, size_t *n, size_t *ns, const struct cli_opt *o)
{
    if (o->name && *n < CLI_MAX_OPTS)
        c->longopts[(*n)++] = (struct option){o->name, o->has_arg, NULL, o->code};
    if (o->code > 0 && o->code < 128 && *ns + 2 < sizeof(c->shortopts)) {
        c->shortopts[(*ns)++] = (char)o->code;
        if (o->has_arg == required_argument)
            c->shortopts[(*ns)++] = ':';
    }
}

void cli_init(struct cli_common *c, const struct cli_verb *v, int argc, char **argv)
{
    memset(c, 0, sizeof(*c));
    c->verb = v->name;
    c->v = v;
    c->profile = XSMC_PROFILE_DEFAULT;
    c->format = FMT_TEXT;
    c->arch = XSMC_ARCH_DEFAULT;
    c->load.iommu = XSMC_UNKNOWN;
    c->load.intremap = XSMC_UNKNOWN;
    c->load.targets = c->targets;
    c->load.tool_warning = cli_tool_warning;
    cli_term_scan(argc, argv);
    /* ':' first: a missing value is told apart from an unknown option */
    size_t n = 0, ns = 0;
    c->shortopts[ns++] = ':';
    for (size_t i = 0; i < NSHARED; i++)
        if (accepts(v, &shared[i]))
            add_option(c, &n, &ns, &shared[i].o);
    for (const struct cli_opt *o = v->own; o && o->code; o++)
        add_option(c, &n, &ns, o);
    c->longopts[n] = (struct option){0, 0, 0, 0};
    c->shortopts[ns] = '\0';
    /* getopt keeps state between verbs in one process (tests, fuzzing); reset it */
    optind = 0;
    opterr = 0; /* the errors are worded here */
}

/* "--format text|json" of the verb's formats. */
static const char *formats_text(const struct cli_verb *v, const char *sep, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int f = 0; f < FMT_COUNT; f++) {
        if (!(v->formats & CLI_FMT(f)))
            continue;
        int w = snprintf(buf + used, len - used, "%s%s", used ? sep : "", format_names[f]);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
    return buf;
}

/*
 * The shared options the verb accepts, generated from the table so that
 * --help (and the man page and docs/cli.md made from it) names every option
 * the parser takes.
 */
static void print_shared(const struct cli_verb *v)
{
    size_t col = 2;
    fputs("\nshared options (xsmcap --help says what each does):\n ", stdout);
    for (size_t i = 0; i < NSHARED; i++) {
        const struct shared_opt *s = &shared[i];
        char item[96], formats[64];
        if (!accepts(v, s))
            continue;
        const char *value = s->o.code == OPT_FORMAT ? formats_text(v, "|", formats, sizeof(formats))
                                                    : s->value;
        snprintf(item, sizeof(item), "--%s%s%s", s->o.name, value ? " " : "", value ? value : "");
        if (col + 2 + strlen(item) > 78) {
            fputs("\n ", stdout);
            col = 2;
        }
        printf(" %s%s", col > 2 ? " " : "", item);
        col += strlen(item) + (col > 2 ? 2 : 1);
    }
    fputc('\n', stdout);
}

static void print_help(const struct cli_verb *v)
{
    fputs(v->help, stdout);
    print_shared(v);
    if (v->help_status) {
        fputc('\n', stdout);
        fputs(cli_exit_status_help, stdout);
    }
}

/* Every option the parser takes, one a line: the list tests/cli/help-options.sh holds --help to. */
static void print_options(const struct cli_common *c)
{
    for (const struct option *o = c->longopts; o->name; o++)
        printf("--%s\n", o->name);
    for (const char *s = c->shortopts + 1; *s; s++)
        if (*s != ':')
            printf("-%c\n", *s);
}

static const char *longopt_at(size_t i, const void *ctx)
{
    return ((const struct option *)ctx)[i].name;
}

static size_t longopt_count(const struct cli_common *c)
{
    size_t n = 0;
    while (c->longopts[n].name)
        n++;
    return n;
}

static const char *longopt_name(const struct cli_common *c, int code)
{
    for (const struct option *o = c->longopts; o->name; o++)
        if (o->val == code)
            return o->name;
    return "?";
}

/*
 * An option getopt refused: unknown (with the nearest the verb accepts),
 * an abbreviation of several, a value given to a flag, a letter the verb
 * does not have.  One error line; returns 2.
 */
static int bad_option(const struct cli_common *c, int argc, char **argv)
{
    char hint[256] = "", key[64];
    if (optopt >= OPT_SYSTEM)
        return cli_error(c, "--%s takes no value (xsmcap %s --help)", longopt_name(c, optopt),
                         c->verb);
    /* the word getopt stopped at: a letter inside a cluster leaves optind on it */
    const char *word = optind > 0 ? argv[optind - 1] : "";
    if (optopt && optind < argc && argv[optind][0] == '-' && strchr(argv[optind] + 1, optopt))
        word = argv[optind];
    const char *name = word + strspn(word, "-");
    snprintf(key, sizeof(key), "%.*s", (int)strcspn(name, "="), name);
    if (optopt && word[1] != '-' && strlen(key) == 1)
        return cli_error(c, "unknown option '-%c' (xsmcap %s --help)", optopt, c->verb);
    /* an abbreviation getopt would take if it named one option only */
    size_t nprefix = 0;
    const char *prefixed[16]; /* every option a short abbreviation may name */
    for (const struct option *o = c->longopts; o->name && *key; o++)
        if (strncmp(o->name, key, strlen(key)) == 0 && nprefix < sizeof(prefixed) / sizeof(prefixed[0]))
            prefixed[nprefix++] = o->name;
    if (nprefix > 1 && word[1] == '-') {
        char list[16 * 40] = "";
        size_t at = 0;
        for (size_t i = 0; i < nprefix && at < sizeof(list); i++)
            at += (size_t)snprintf(list + at, sizeof(list) - at, "%s--%s",
                                   i == 0 ? "" : i + 1 == nprefix ? " or " : ", ", prefixed[i]);
        return cli_error(c, "option '--%s' is ambiguous: it abbreviates %s (xsmcap %s --help)", key, list,
                         c->verb);
    }
    const char *near[XSMC_SUGGEST_MAX];
    char dashed[XSMC_SUGGEST_MAX][72];
    size_t n = nprefix == 1 ? 1 : xsmc_suggest(key, longopt_count(c), longopt_at, c->longopts, near);
    if (nprefix == 1)
        near[0] = prefixed[0];
    for (size_t i = 0; i < n; i++) {
        snprintf(dashed[i], sizeof(dashed[i]), "--%s", near[i]);
        near[i] = dashed[i];
    }
    cli_hint(near, n, hint, sizeof(hint));
    return cli_error(c, "unknown option '%.*s'%s (xsmcap %s --help)", (int)strcspn(word, "="), word,
                     hint, c->verb);
}

static int yes_no(const struct cli_common *c, const char *opt, const char *arg, int *slot)
{
    if (strcmp(arg, "yes") == 0)
        *slot = XSMC_YES;
    else if (strcmp(arg, "no") == 0)
        *slot = XSMC_NO;
    else
        return cli_error(c, "--%s takes yes or no, not '%s'", opt, arg);
    return 0;
}

static int format_option(struct cli_common *c, const char *arg)
{
    const char *names[FMT_COUNT];
    size_t n = 0;
    char list[96], hint[160];
    for (int f = 0; f < FMT_COUNT; f++) {
        if (!(c->v->formats & CLI_FMT(f)))
            continue;
        if (strcmp(arg, format_names[f]) == 0) {
            c->format = f;
            return 0;
        }
        names[n++] = format_names[f];
    }
    return cli_error(c, "--format: '%s' is not a format of %s (%s)%s", arg, c->verb,
                     formats_text(c->v, ", ", list, sizeof(list)),
                     cli_hint_names(arg, names, n, hint, sizeof(hint)));
}

static int target_option(struct cli_common *c, const char *arg)
{
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
    return 0;
}

/* A shared option: 0 when taken, 2 after an error line. */
static int shared_option(struct cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_SYSTEM:
        if (c->spec)
            return cli_error(c, "--system given twice");
        c->spec = arg;
        return 0;
    case OPT_PROFILE:
        c->profile_given = 1;
        return cli_profile(c, "--profile", arg, &c->profile);
    case OPT_SILO:
        c->options |= XSMC_OPT_SILO;
        return 0;
    case OPT_VERBOSE_DEBUG:
        c->options |= XSMC_OPT_VERBOSE_DEBUG;
        return 0;
    case OPT_ARCH: {
        enum xsmc_arch a;
        if (cli_arch(c, arg, &a))
            return 2;
        c->arch = (int)a;
        c->arch_given = 1;
        return 0;
    }
    case OPT_KCONFIG:
        if (c->kconfig)
            return cli_error(c, "--kconfig given twice");
        c->kconfig = arg;
        return 0;
    case OPT_FORMAT:
        return format_option(c, arg);
    case OPT_IOMMU:
        return yes_no(c, "iommu", arg, &c->load.iommu);
    case OPT_INTREMAP:
        return yes_no(c, "intremap", arg, &c->load.intremap);
    case OPT_TARGET:
        return target_option(c, arg);
    case OPT_QUIET:
        cli_set_quiet(1);
        return 0;
    default: /* OPT_COLOR */
        if (cli_color_from_name(arg) < 0) {
            char hint[96];
            return cli_error(c, "--color takes auto, always or never, not '%s'%s", arg,
                             cli_hint_names(arg, cli_color_names, CLI_COLOR_COUNT, hint,
                                            sizeof(hint)));
        }
        cli_set_color(cli_color_from_name(arg));
        return 0;
    }
}

int cli_next_option(struct cli_common *c, int argc, char **argv)
{
    if (list_mode) {
        print_options(c);
        c->exit = 0;
        return CLI_EXIT;
    }
    int opt;
    while ((opt = getopt_long(argc, argv, c->shortopts, c->longopts, NULL)) != -1) {
        if (opt == OPT_HELP) {
            print_help(c->v);
            c->exit = 0;
            return CLI_EXIT;
        }
        if (opt == ':') {
            if (optopt < 128)
                c->exit = cli_error(c, "-%c needs a value (xsmcap %s --help)", optopt, c->verb);
            else
                c->exit = cli_error(c, "--%s needs a value (xsmcap %s --help)",
                                    longopt_name(c, optopt), c->verb);
            return CLI_EXIT;
        }
        if (opt == '?') {
            c->exit = bad_option(c, argc, argv);
            return CLI_EXIT;
        }
        if (opt < OPT_SYSTEM || opt >= OPT_VERB_FIRST)
            return opt;
        if (shared_option(c, opt, optarg)) {
            c->exit = 2;
            return CLI_EXIT;
        }
    }
    return CLI_END;
}

int cli_take_config(struct cli_common *c, int argc, char **argv)
{
    if (argc - optind > 1)
        return cli_error(c, "unexpected argument '%s'", argv[optind + 1]);
    if (argc - optind == 1)
        c->config = argv[optind];
    return 0;
}

/* 2: an existing file with a configuration extension; 1: the extension only; 0: neither. */
static int config_likeness(const char *word)
{
    struct stat st;
    if (xsmc_config_path_kind(word) == XSMC_PATH_OTHER)
        return 0;
    return stat(word, &st) == 0 && S_ISREG(st.st_mode) ? 2 : 1;
}

int cli_take_config_and_arg(struct cli_common *c, int argc, char **argv, const char *what,
                            const char **arg)
{
    int npos = argc - optind;
    char **pos = argv + optind;
    if (npos > 2)
        return cli_error(c, "unexpected argument '%s'", pos[2]);
    if (npos == 1 && config_likeness(pos[0]) == 2)
        return cli_error(c, "missing %s: %s is the configuration (xsmcap %s --help)", what, pos[0],
                         c->verb);
    if (npos < 1)
        return cli_error(c, "missing %s (xsmcap %s --help)", what, c->verb);
    if (npos == 1) {
        *arg = pos[0];
        return 0;
    }
    int second = config_likeness(pos[1]) > config_likeness(pos[0]);
    c->config = pos[second];
    *arg = pos[!second];
    return 0;
}
