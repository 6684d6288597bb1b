/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading an ImageBuilder config as data.  uboot-script-gen `source`s the
 * file in bash; we accept the subset that only assigns: NAME=value and
 * NAME[N]=value with unquoted, 'single' or "double" quoted words, comments
 * and blank lines, plus ${NAME} / $NAME / ${NAME[N]} of a variable the file
 * assigned earlier (what bash would substitute is then known).  Everything
 * else bash would run or expand from outside the file (commands, pipes,
 * `;`, $(...), backticks, unknown $VARs, ~) is refused with the line, so
 * what we model is exactly what ImageBuilder would see.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imagebuilder_parse.h"

struct lexer {
    const char *path;
    const char *p, *end;
    unsigned line;
    struct ib_vars *vars;
    struct xsmc_system *sys;
    char *err;
    size_t errlen;
    char *buf; /* the value being built */
    size_t blen, bcap;
};

static const struct ib_rule_info rules[IBR_COUNT] = {
#define RULE(name, id, sev, stage, msg, src, fix) [IBR_##name] = {id, XSMC_##sev, fix},
#include "imagebuilder_rules.def"
#undef RULE
};

const struct ib_rule_info *ib_rule(enum ib_rule rule)
{
    return &rules[rule];
}

static int fail(struct lexer *lx, unsigned line, enum ib_rule rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(struct lexer *lx, unsigned line, enum ib_rule rule, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(lx->err, lx->errlen, "%s:line %u: error: [%s] %s", lx->path, line, rules[rule].id, msg);
    return -1;
}

/* A character for a message: 'c' when printable, else its byte value. */
static const char *show(int c, char *buf, size_t len)
{
    if (c >= 0x21 && c < 0x7f)
        snprintf(buf, len, "'%c'", c);
    else if (c == ' ' || c == '\t')
        snprintf(buf, len, "a blank");
    else
        snprintf(buf, len, "byte 0x%02x", (unsigned)(unsigned char)c);
    return buf;
}

static int is_name_start(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static int at(const struct lexer *lx, size_t ahead)
{
    return lx->p + ahead < lx->end ? (unsigned char)lx->p[ahead] : -1;
}

/* ---- the table ---------------------------------------------------------- */

static size_t key_hash(const char *name, uint32_t index)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *s = name; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h ^= (uint64_t)index * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

static struct ib_var *lookup(const struct ib_vars *vars, const char *name, uint32_t index)
{
    if (!vars->nslots)
        return NULL;
    for (size_t s = key_hash(name, index) & (vars->nslots - 1);; s = (s + 1) & (vars->nslots - 1)) {
        size_t slot = vars->slots[s];
        if (!slot)
            return NULL;
        struct ib_var *v = &vars->v[slot - 1];
        if (v->index == index && strcmp(v->name, name) == 0)
            return v;
    }
}

const struct ib_var *ib_get(const struct ib_vars *vars, const char *name, uint32_t index)
{
    return lookup(vars, name, index);
}

static void place(struct ib_vars *vars, size_t i)
{
    size_t s = key_hash(vars->v[i].name, vars->v[i].index) & (vars->nslots - 1);
    while (vars->slots[s])
        s = (s + 1) & (vars->nslots - 1);
    vars->slots[s] = i + 1;
}

/* Room for one more entry: the array doubles, the hash stays under half full. */
static int reserve(struct ib_vars *vars)
{
    if ((vars->n & (vars->n - 1)) == 0) {
        size_t cap = vars->n ? vars->n * 2 : 8;
        struct ib_var *v = realloc(vars->v, cap * sizeof(*v));
        if (!v)
            return -1;
        vars->v = v;
    }
    if ((vars->n + 1) * 2 <= vars->nslots)
        return 0;
    size_t nslots = vars->nslots ? vars->nslots * 2 : 16;
    size_t *slots = calloc(nslots, sizeof(*slots));
    if (!slots)
        return -1;
    free(vars->slots);
    vars->slots = slots;
    vars->nslots = nslots;
    for (size_t i = 0; i < vars->n; i++)
        place(vars, i);
    return 0;
}

static void var_label(char *buf, size_t len, const char *name, uint32_t index, int indexed)
{
    if (indexed)
        snprintf(buf, len, "%s[%u]", name, index);
    else
        snprintf(buf, len, "%s", name);
}

static int assign(struct lexer *lx, const char *name, uint32_t index, int indexed, unsigned line)
{
    char *value = strndup(lx->buf ? lx->buf : "", lx->blen);
    if (!value)
        return fail(lx, line, IBR_IB_LIMIT, "out of memory");
    struct ib_var *v = lookup(lx->vars, name, index);
    if (v) {
        char label[160], where[32];
        var_label(label, sizeof(label), name, index, indexed);
        snprintf(where, sizeof(where), "line %u", line);
        int same = strcmp(v->value, value) == 0;
        const struct ib_rule_info *r = &rules[IBR_IB_REASSIGNED];
        xsmc_system_diag(lx->sys, r->severity, r->id, where, r->fix,
                         "%s is assigned on line %u and again on line %u%s; bash keeps the last one",
                         label, v->line, line, same ? " (same value)" : "");
        free(v->value);
        v->value = value;
        v->line = line;
        v->indexed = indexed;
        return 0;
    }
    if (lx->vars->n >= IB_MAX_VARS) {
        free(value);
        return fail(lx, line, IBR_IB_LIMIT, "more than %u variables", IB_MAX_VARS);
    }
    char *copy = strdup(name);
    if (!copy || reserve(lx->vars)) {
        free(copy);
        free(value);
        return fail(lx, line, IBR_IB_LIMIT, "out of memory");
    }
    lx->vars->v[lx->vars->n] = (struct ib_var){
        .name = copy, .index = index, .indexed = indexed, .value = value,
        .line = line, .first_line = line,
    };
    place(lx->vars, lx->vars->n);
    lx->vars->n++;
    return 0;
}

void ib_vars_free(struct ib_vars *vars)
{
    for (size_t i = 0; i < vars->n; i++) {
        free(vars->v[i].name);
        free(vars->v[i].value);
    }
    free(vars->v);
    free(vars->slots);
    memset(vars, 0, sizeof(*vars));
}

/* ---- values ------------------------------------------------------------- */

static int put(struct lexer *lx, const char *s, size_t n)
{
    if (lx->blen + n > IB_MAX_VALUE)
        return fail(lx, lx->line, IBR_IB_LIMIT, "a value longer than %u bytes", IB_MAX_VALUE);
    if (lx->blen + n + 1 > lx->bcap) {
        size_t cap = lx->bcap ? lx->bcap : 256;
        while (cap < lx->blen + n + 1)
            cap *= 2;
        char *b = realloc(lx->buf, cap);
        if (!b)
            return fail(lx, lx->line, IBR_IB_LIMIT, "out of memory");
        lx->buf = b;
        lx->bcap = cap;
    }
    memcpy(lx->buf + lx->blen, s, n);
    lx->blen += n;
    lx->buf[lx->blen] = '\0';
    return 0;
}

static int put_char(struct lexer *lx, char c)
{
    return put(lx, &c, 1);
}

/* A decimal subscript, as bash would read a plain number: no sign, no leading 0. */
static int read_index(struct lexer *lx, uint32_t *index)
{
    uint64_t n = 0;
    const char *start = lx->p;
    while (lx->p < lx->end && *lx->p >= '0' && *lx->p <= '9') {
        n = n * 10 + (uint64_t)(*lx->p - '0');
        if (n > IB_MAX_INDEX)
            return fail(lx, lx->line, IBR_IB_LIMIT,
                        "index above %u: Xen has no domain ids for that many domains",
                        (unsigned)IB_MAX_INDEX);
        lx->p++;
    }
    if (lx->p == start || at(lx, 0) != ']')
        return fail(lx, lx->line, IBR_IB_SYNTAX,
                    "an index must be a decimal number in [] (bash would evaluate anything else as arithmetic)");
    if (lx->p - start > 1 && *start == '0')
        return fail(lx, lx->line, IBR_IB_SYNTAX, "index with a leading 0 is octal to bash; write it in decimal");
    lx->p++;
    *index = (uint32_t)n;
    return 0;
}

static size_t name_len(const struct lexer *lx)
{
    size_t n = 0;
    if (!is_name_start(at(lx, 0)))
        return 0;
    while (is_name_char(at(lx, n)))
        n++;
    return n;
}

/* $NAME, ${NAME} or ${NAME[N]} of a variable assigned earlier in the file. */
static int expand(struct lexer *lx)
{
    unsigned line = lx->line;
    lx->p++; /* '$' */
    int next = at(lx, 0);
    if (next < 0 || next == '"' || next == ' ' || next == '\t' || next == '\n')
        return put_char(lx, '$'); /* a lone '$' is literal in bash */
    int braced = at(lx, 0) == '{';
    if (braced)
        lx->p++;
    size_t n = name_len(lx);
    if (!n) {
        int c = at(lx, 0);
        const char *what = c == '(' ? (at(lx, 1) == '(' ? "arithmetic expansion $((...))" : "command substitution $(...)")
                         : c == '\'' ? "$'...' quoting"
                         : c == '"' ? "$\"...\" quoting"
                         : braced ? "a ${...} form other than ${NAME} or ${NAME[N]}"
                                  : "a special or positional parameter";
        return fail(lx, line, IBR_IB_SYNTAX, "%s is not supported: the value must be known without running bash", what);
    }
    char name[128];
    if (n >= sizeof(name))
        return fail(lx, line, IBR_IB_LIMIT, "a variable name longer than %zu characters", sizeof(name) - 1);
    memcpy(name, lx->p, n);
    name[n] = '\0';
    lx->p += n;
    uint32_t index = 0;
    if (braced) {
        if (at(lx, 0) == '[') {
            lx->p++;
            if (read_index(lx, &index))
                return -1;
        }
        if (at(lx, 0) != '}')
            return fail(lx, line, IBR_IB_SYNTAX,
                        "${%s...} with an operator is not supported: write ${NAME} or ${NAME[N]}", name);
        lx->p++;
    }
    struct ib_var *v = lookup(lx->vars, name, index);
    if (!v)
        return fail(lx, line, IBR_IB_EXPANSION,
                    "$%s is not assigned earlier in this file: bash would take it from the environment or expand it to nothing",
                    name);
    v->referenced = 1;
    return put(lx, v->value, strlen(v->value));
}

static int single_quoted(struct lexer *lx)
{
    unsigned line = lx->line;
    lx->p++;
    const char *start = lx->p;
    while (lx->p < lx->end && *lx->p != '\'') {
        if (*lx->p == '\n')
            lx->line++;
        lx->p++;
    }
    if (lx->p >= lx->end)
        return fail(lx, line, IBR_IB_SYNTAX, "a single quote opened here is never closed");
    int rc = put(lx, start, (size_t)(lx->p - start));
    lx->p++;
    return rc;
}

static int double_quoted(struct lexer *lx)
{
    unsigned line = lx->line;
    lx->p++;
    for (;;) {
        int c = at(lx, 0);
        if (c < 0)
            return fail(lx, line, IBR_IB_SYNTAX, "a double quote opened here is never closed");
        if (c == '"') {
            lx->p++;
            return 0;
        }
        if (c == '`')
            return fail(lx, lx->line, IBR_IB_SYNTAX, "command substitution `...` is not supported: the value must be known without running bash");
        if (c == '$') {
            if (expand(lx))
                return -1;
            continue;
        }
        if (c == '\\') {
            int next = at(lx, 1);
            if (next == '\n') { /* line continuation: both vanish */
                lx->p += 2;
                lx->line++;
                continue;
            }
            if (next == '$' || next == '`' || next == '"' || next == '\\') {
                lx->p += 2;
                if (put_char(lx, (char)next))
                    return -1;
                continue;
            }
        }
        if (c == '\n')
            lx->line++;
        lx->p++;
        if (put_char(lx, (char)c))
            return -1;
    }
}

static int dos_line_ending(struct lexer *lx)
{
    return fail(lx, lx->line, IBR_IB_SYNTAX,
                "a carriage return (DOS line ending) would stay in the value or the command; "
                "convert the file to Unix line endings");
}

/* What bash does with an unquoted special character in a value. */
static const char *special_meaning(int c)
{
    switch (c) {
    case '|': return "a pipe";
    case ';': return "a command separator";
    case '&': return "a background or && operator";
    case '<': case '>': return "a redirection";
    case '(': case ')': return "a subshell or array syntax";
    case '`': return "command substitution";
    default: return NULL;
    }
}

/* The word after '=': ends at an unquoted blank, newline or end of file. */
static int read_value(struct lexer *lx)
{
    lx->blen = 0;
    int word_start = 1;
    for (;;) {
        int c = at(lx, 0);
        if (c < 0 || c == '\n' || c == ' ' || c == '\t')
            return 0;
        char tmp[16];
        const char *meaning = special_meaning(c);
        if (meaning)
            return fail(lx, lx->line, IBR_IB_SYNTAX,
                        "unquoted %s is %s in bash; quote the value if it is part of it", show(c, tmp, sizeof(tmp)), meaning);
        if (c == '\r')
            return dos_line_ending(lx);
        if (c == '~' && word_start)
            return fail(lx, lx->line, IBR_IB_SYNTAX, "an unquoted ~ expands to a home directory; quote it or write the path");
        word_start = c == ':';
        if (c == '\'') {
            if (single_quoted(lx))
                return -1;
        } else if (c == '"') {
            if (double_quoted(lx))
                return -1;
        } else if (c == '$') {
            if (expand(lx))
                return -1;
        } else if (c == '\\') {
            int next = at(lx, 1);
            if (next < 0)
                return fail(lx, lx->line, IBR_IB_SYNTAX, "a backslash at the end of the file escapes nothing");
            lx->p += 2;
            if (next == '\n')
                lx->line++;
            else if (put_char(lx, (char)next))
                return -1;
        } else {
            lx->p++;
            if (put_char(lx, (char)c))
                return -1;
        }
    }
}

/* ---- statements --------------------------------------------------------- */

static void skip_blanks(struct lexer *lx)
{
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t'))
        lx->p++;
}

/* After a statement: blanks, an optional comment, then the end of the line. */
static int end_of_statement(struct lexer *lx)
{
    skip_blanks(lx);
    if (at(lx, 0) == '#')
        while (lx->p < lx->end && *lx->p != '\n')
            lx->p++;
    int c = at(lx, 0);
    if (c < 0)
        return 0;
    if (c == '\n') {
        lx->p++;
        lx->line++;
        return 0;
    }
    if (c == '\r')
        return dos_line_ending(lx);
    char tmp[16];
    const char *meaning = special_meaning(c);
    if (meaning)
        return fail(lx, lx->line, IBR_IB_SYNTAX, "%s after the value is %s in bash; only plain assignments are read",
                    show(c, tmp, sizeof(tmp)), meaning);
    return fail(lx, lx->line, IBR_IB_SYNTAX,
                "text after the value would run as a command in bash; one assignment per line, quote values with blanks");
}

static int not_an_assignment(struct lexer *lx, size_t n)
{
    char word[64];
    size_t len = n < sizeof(word) - 1 ? n : sizeof(word) - 1;
    memcpy(word, lx->p, len);
    word[len] = '\0';
    int c = at(lx, n);
    if (c == '+' && at(lx, n + 1) == '=')
        return fail(lx, lx->line, IBR_IB_SYNTAX, "'%s+=' appends in bash; write the whole value with '='", word);
    if (c == '(')
        return fail(lx, lx->line, IBR_IB_SYNTAX, "'%s()' defines a shell function; only plain assignments are read", word);
    return fail(lx, lx->line, IBR_IB_SYNTAX,
                "'%s' is a shell command or keyword, not an assignment; ImageBuilder configs are read as data, never run",
                word);
}

static int statement(struct lexer *lx)
{
    skip_blanks(lx);
    int c = at(lx, 0);
    if (c < 0 || c == '\n' || c == '#')
        return end_of_statement(lx);
    size_t n = name_len(lx);
    if (c == '\r')
        return dos_line_ending(lx);
    if (!n) {
        char tmp[16];
        return fail(lx, lx->line, IBR_IB_SYNTAX,
                    "expected an assignment NAME=value, found %s; ImageBuilder configs are read as data, never run",
                    show(c, tmp, sizeof(tmp)));
    }
    if (at(lx, n) != '=' && at(lx, n) != '[')
        return not_an_assignment(lx, n);
    char name[128];
    if (n >= sizeof(name))
        return fail(lx, lx->line, IBR_IB_LIMIT, "a variable name longer than %zu characters", sizeof(name) - 1);
    memcpy(name, lx->p, n);
    name[n] = '\0';
    lx->p += n;
    unsigned line = lx->line;
    uint32_t index = 0;
    int indexed = at(lx, 0) == '[';
    if (indexed) {
        lx->p++;
        if (read_index(lx, &index))
            return -1;
        if (at(lx, 0) == '+' && at(lx, 1) == '=')
            return fail(lx, line, IBR_IB_SYNTAX, "'+=' appends in bash; write the whole value with '='");
        if (at(lx, 0) != '=')
            return fail(lx, line, IBR_IB_SYNTAX, "expected '=' after %s[%u]", name, index);
    }
    lx->p++; /* '=' */
    if (read_value(lx))
        return -1;
    if (assign(lx, name, index, indexed, line))
        return -1;
    return end_of_statement(lx);
}

/* Whole-file checks first, so the lexer never meets a NUL or a huge line. */
static int check_lines(struct lexer *lx, const char *text, size_t len)
{
    if (len > IB_MAX_BYTES)
        return fail(lx, 1, IBR_IB_LIMIT, "the file is larger than %u bytes", IB_MAX_BYTES);
    unsigned line = 1;
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\0')
            return fail(lx, line, IBR_IB_SYNTAX, "a NUL byte: this is not a text file");
        if (text[i] == '\n') {
            line++;
            col = 0;
        } else if (++col > IB_MAX_LINE) {
            return fail(lx, line, IBR_IB_LIMIT, "a line longer than %u bytes", IB_MAX_LINE);
        }
    }
    return 0;
}

int ib_parse(const char *path, const char *text, size_t len, struct ib_vars *vars,
             struct xsmc_system *sys, char *err, size_t errlen)
{
    struct lexer lx = {
        .path = path, .p = text, .end = text + len, .line = 1,
        .vars = vars, .sys = sys, .err = err, .errlen = errlen,
    };
    int rc = check_lines(&lx, text, len);
    while (!rc && lx.p < lx.end)
        rc = statement(&lx);
    free(lx.buf);
    return rc;
}

int ib_number(const char *s, uint64_t *out, int *octal)
{
    unsigned base = 10;
    *octal = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && s[1]) {
        base = 8;
        *octal = 1;
        s++;
    }
    if (!*s)
        return -1;
    uint64_t n = 0;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (*s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a') + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A') + 10;
        else
            return -1;
        if (d >= base || n > (UINT64_MAX - d) / base)
            return -1;
        n = n * base + d;
    }
    *out = n;
    return 0;
}
