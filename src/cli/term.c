/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the verbs write for people: the one-line error, compiler-style
 * diagnostics, --quiet and --color.  Colours are gcc's defaults
 * (GCC_COLORS: error 01;31, warning 01;35, note 01;36), so the severities
 * look as they do in a compiler's output; allow and deny take green and red.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static struct {
    int color; /* enum cli_color */
    int quiet;
} term;

const char *const cli_color_names[CLI_COLOR_COUNT] = {
    [CLI_COLOR_AUTO] = "auto", [CLI_COLOR_ALWAYS] = "always", [CLI_COLOR_NEVER] = "never"};

int cli_color_from_name(const char *name)
{
    for (int i = 0; i < CLI_COLOR_COUNT; i++)
        if (strcmp(name, cli_color_names[i]) == 0)
            return i;
    return -1;
}

void cli_set_color(int color)
{
    term.color = color;
}

void cli_set_quiet(int quiet)
{
    term.quiet = quiet;
}

/*
 * Before the options are parsed, so that an error about an earlier option
 * is already coloured (or not) as the command line asks.  A value that is
 * not a colour mode is left for the option parser to refuse.
 */
void cli_term_scan(int argc, char **argv)
{
    term.color = CLI_COLOR_AUTO;
    term.quiet = 0;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *value = NULL;
        if (strcmp(argv[i], "--quiet") == 0)
            term.quiet = 1;
        else if (strncmp(argv[i], "--color=", 8) == 0)
            value = argv[i] + 8;
        else if (strcmp(argv[i], "--color") == 0 && i + 1 < argc)
            value = argv[++i];
        if (value && cli_color_from_name(value) >= 0)
            term.color = cli_color_from_name(value);
    }
}

int cli_quiet(void)
{
    return term.quiet;
}

/* auto: a terminal that can show colour, and no NO_COLOR (https://no-color.org) */
int cli_colored(FILE *out)
{
    if (term.color != CLI_COLOR_AUTO)
        return term.color == CLI_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    const char *t = getenv("TERM");
    return isatty(fileno(out)) && !(no_color && *no_color) && !(t && strcmp(t, "dumb") == 0);
}

static const char *paint_code(const char *word)
{
    static const struct {
        const char *word, *sgr;
    } paints[] = {{"error", "01;31"}, {"warning", "01;35"}, {"note", "01;36"},
                  {"allow", "01;32"}, {"deny", "01;31"}};
    for (size_t i = 0; i < sizeof(paints) / sizeof(paints[0]); i++)
        if (strcmp(word, paints[i].word) == 0)
            return paints[i].sgr;
    return NULL;
}

const char *cli_paint(FILE *out, const char *word, char *buf, size_t len)
{
    const char *sgr = cli_colored(out) ? paint_code(word) : NULL;
    if (!sgr)
        return word;
    snprintf(buf, len, "\033[%sm%s\033[m", sgr, word);
    return buf;
}

void cli_put_word(FILE *out, const char *word)
{
    char buf[CLI_PAINT_LEN];
    fputs(cli_paint(out, word, buf, sizeof(buf)), out);
}

static void verror(const struct cli_common *c, const char *fmt, va_list ap)
{
    if (c && c->verb)
        fprintf(stderr, "xsmcap %s: ", c->verb);
    else
        fputs("xsmcap: ", stderr);
    cli_put_word(stderr, "error");
    fputs(": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int cli_error(const struct cli_common *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(c, fmt, ap);
    va_end(ap);
    return 2;
}

/* The severity word of a "WHERE: SEVERITY: ..." line, or NULL. */
static const char *severity_at(const char *line, const char **at)
{
    static const char *const words[] = {"error", "warning", "note"};
    const char *best = NULL, *word = NULL;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        char key[16];
        snprintf(key, sizeof(key), ": %s: ", words[i]);
        const char *p = strstr(line, key);
        if (p && (!best || p < best)) {
            best = p;
            word = words[i];
        }
    }
    *at = best ? best + 2 : NULL;
    return word;
}

void cli_put_diag_line(FILE *out, const char *line)
{
    const char *at;
    const char *word = severity_at(line, &at);
    if (word && term.quiet && out == stderr && strcmp(word, "error") != 0)
        return;
    if (!word || !cli_colored(out)) {
        fprintf(out, "%s\n", line);
        return;
    }
    fwrite(line, 1, (size_t)(at - line), out);
    cli_put_word(out, word);
    fprintf(out, "%s\n", at + strlen(word));
}

void cli_print_diag(FILE *out, const char *source, const struct xsmc_diag *g)
{
    if (term.quiet && out == stderr && g->severity != XSMC_ERROR)
        return;
    if (!cli_colored(out)) {
        xsmc_diag_print(out, source, g);
        return;
    }
    /* the library words the diagnostic; only its severity is painted */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        xsmc_diag_print(out, source, g);
        return;
    }
    xsmc_diag_print(mem, source, g);
    if (fclose(mem) != 0) {
        free(text);
        xsmc_diag_print(out, source, g);
        return;
    }
    for (char *line = text, *end; line && *line; line = end ? end + 1 : NULL) {
        end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (line == text)
            cli_put_diag_line(out, line);
        else
            fprintf(out, "%s\n", line);
    }
    free(text);
}

void cli_print_diags(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        cli_print_diag(out, sys->source, &sys->diags[i]);
}

void cli_print_errors(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (sys->diags[i].severity == XSMC_ERROR)
            cli_print_diag(out, sys->source, &sys->diags[i]);
}

void cli_print_undecided(FILE *out, const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndiags; i++)
        if (xsmc_diag_undecided(&sys->diags[i]))
            cli_print_diag(out, sys->source, &sys->diags[i]);
}

void cli_tool_warning(const char *line, void *ctx)
{
    (void)ctx;
    cli_put_diag_line(stderr, line);
}
