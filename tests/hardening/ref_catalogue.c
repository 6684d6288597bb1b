/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reads reference/xsm-hooks.csv (see ref_catalogue.h).  The CSV is RFC 4180
 * (quoted cells may hold commas); its columns are, in order: hook,
 * upstream_default_action, seed_v1_action, june2025_action, src_domain_arg,
 * target_domain_arg, call_sites, notes.  xsm-policy-versions.md section 12
 * is the legend the rules below follow.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref_catalogue.h"

#define MAX_HOOKS 128
#define MAX_CSV (1u << 20)
#define COLUMNS 8

enum { C_HOOK, C_UPSTREAM, C_SEED, C_JUNE, C_SRC, C_TARGET, C_CALLERS, C_NOTES };

static const char *const header[COLUMNS] = {
    "hook", "upstream_default_action", "seed_v1_action", "june2025_action",
    "src_domain_arg", "target_domain_arg", "call_sites", "notes"};

static struct ref_hook hooks[MAX_HOOKS];
static size_t nhooks;

struct reader {
    const char *path;
    char *text;
    size_t pos, len;
    unsigned line;  /* the line the reader is at */
    unsigned start; /* the line the current record starts on, for messages */
    char *err;
    size_t errlen;
};

static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct reader *r, const char *fmt, ...)
{
    int n = snprintf(r->err, r->errlen, "%s:%u: ", r->path, r->start);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->errlen)
        vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* A record ends at LF or CRLF (the shared CSV is written with CRLF, as RFC 4180 has it). */
static size_t eol(const struct reader *r)
{
    if (r->pos >= r->len || r->text[r->pos] == '\n')
        return 1;
    return r->text[r->pos] == '\r' && r->pos + 1 < r->len && r->text[r->pos + 1] == '\n' ? 2 : 0;
}

/*
 * One record into cells (pointers into r->text, unquoted in place).
 * Returns the number of cells, 0 at the end of the file, -1 on a syntax error.
 */
static int record(struct reader *r, char **cells, int max)
{
    r->start = r->line;
    if (r->pos >= r->len)
        return 0;
    int n = 0;
    for (;;) {
        if (n == max)
            return fail(r, "more than %d cells", max);
        char *out = r->text + r->pos;
        cells[n++] = out;
        if (r->pos < r->len && r->text[r->pos] == '"') {
            r->pos++;
            for (;;) {
                if (r->pos >= r->len)
                    return fail(r, "a quoted cell is not closed");
                char c = r->text[r->pos++];
                if (c == '"') {
                    if (r->pos < r->len && r->text[r->pos] == '"') {
                        *out++ = '"';
                        r->pos++;
                        continue;
                    }
                    break;
                }
                if (c == '\n')
                    r->line++;
                *out++ = c;
            }
            if (!eol(r) && r->text[r->pos] != ',')
                return fail(r, "text after a closing quote");
        } else {
            while (!eol(r) && r->text[r->pos] != ',') {
                if (r->text[r->pos] == '"')
                    return fail(r, "a quote inside an unquoted cell");
                *out++ = r->text[r->pos++];
            }
        }
        size_t end = eol(r);
        *out = '\0';
        if (end) {
            r->pos += end;
            r->line++;
            return n;
        }
        r->pos++; /* the comma */
    }
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* The label a cell starts with, as in Xen's enum xsm_default (without XSM_); -1 if none. */
static int leading_label(const char *cell, const char **rest)
{
    static const char *const labels[] = {"HOOK", "DM_PRIV", "TARGET", "PRIV", "XS_PRIV", "HW_PRIV",
                                         "OTHER"};
    for (int a = 0; a < (int)(sizeof(labels) / sizeof(labels[0])); a++) {
        size_t n = strlen(labels[a]);
        if (strncmp(cell, labels[a], n) == 0 && (cell[n] == '\0' || strchr(" :(", cell[n]))) {
            *rest = cell + n;
            return a; /* REF_A_HOOK..REF_A_HW_PRIV, then REF_A_OTHER */
        }
    }
    return -1;
}

/*
 * upstream_default_action: the XSM_ASSERT_ACTION label at HEAD; "OTHER: ..."
 * describes a hook's own logic; "SPECIAL (...)" says what a function without
 * a default action returns.  A label followed by a parenthesis qualifies it
 * ("PRIV (OTHER-like: 12 cmds ...)", "TARGET (applied twice ...)"): the hook
 * has its own logic around that action.
 */
static int upstream_cell(struct reader *r, const char *cell, struct ref_hook *h)
{
    const char *rest;
    if (starts(cell, "SPECIAL")) {
        if (strstr(cell, "-ENOSYS"))
            h->action[REF_UPSTREAM] = REF_A_ENOSYS;
        else if (strstr(cell, "no default action"))
            h->action[REF_UPSTREAM] = REF_A_OTHER; /* set_system_active */
        else if (strstr(cell, "returns 0") || strstr(cell, "void") || strstr(cell, "returns NULL"))
            h->action[REF_UPSTREAM] = REF_A_NOTHING;
        else
            return fail(r, "%s: unknown SPECIAL cell '%s'", h->name, cell);
        return 0;
    }
    int a = leading_label(cell, &rest);
    if (a < 0 || a == REF_A_HW_PRIV)
        return fail(r, "%s: upstream cell '%s' names no action Xen has", h->name, cell);
    h->action[REF_UPSTREAM] = (unsigned char)a;
    h->own_logic = a != REF_A_OTHER && starts(rest, " (");
    return 0;
}

/*
 * seed_v1_action and june2025_action.  Each profile applies its proposal to
 * the hook catalogue at HEAD (DESIGN.md "Profiles"), so a cell that
 * describes the 2025 proposal base rather than the proposal ("HOOK at
 * base", "HOOK (proposal base)", "OTHER at base"), a cell saying nothing
 * changed ("unchanged", "OTHER unchanged by 15/23", "same as S1 base") and a
 * hook the base lacked ("n/a") keep the upstream action.  Otherwise the
 * leading label is the proposal's: "PRIV (15/23 alone); March series ..." is
 * PRIV, because the March companion patches are not part of the profile.
 */
static int proposal_cell(struct reader *r, const char *cell, const struct ref_hook *h,
                         unsigned char *out)
{
    const char *rest = cell;
    int a = leading_label(cell, &rest);
    if (starts(cell, "unchanged") || starts(cell, "same as") || starts(cell, "n/a") ||
        strstr(cell, " at base") || strstr(cell, "(proposal base)") || starts(rest, " unchanged")) {
        *out = h->action[REF_UPSTREAM];
        return 0;
    }
    if (a < 0)
        return fail(r, "%s: proposal cell '%s' names no action", h->name, cell);
    if (a == REF_A_OTHER && !starts(rest, ":"))
        return fail(r, "%s: an OTHER cell without its logic: '%s'", h->name, cell);
    *out = (unsigned char)a;
    return 0;
}

/*
 * target_domain_arg: "-" (no domain argument) and "NULL" give no target;
 * "current->domain" is the caller itself (xsm_pmu_op passes (d, current));
 * anything else names a domain argument.  "(NULL for ...)" marks a domain
 * argument Xen may pass as NULL (xsm_domctl for createdomain).
 */
static void target_cell(const char *cell, struct ref_hook *h)
{
    if (strcmp(cell, "-") == 0 || strcmp(cell, "NULL") == 0)
        h->target = REF_T_NONE;
    else if (strcmp(cell, "current->domain") == 0)
        h->target = REF_T_SELF;
    else
        h->target = REF_T_DOMAIN;
    h->target_may_be_null = strstr(cell, "(NULL for") != NULL;
}

/*
 * hwpriv-v2 has no column.  The profile is July 2025 v2 01+02+03+04+06+07/17
 * (xsm-policy-versions.md sections 0 and 5.3).  01/17 reclassifies the hooks
 * June 1/4 reclassifies (notes of xsm_resource_plug_pci: "Reclassified by S1
 * 15/23, J 1/4 and v2 01/17"; xsm_console_io: "v2: HW_PRIV exclusive"), so
 * v2 starts from the June column; June 4/4 is not part of v2, so a June cell
 * that cites 4/4 (xsm_sysctl) keeps the upstream action; 07/17 gives the
 * hook whose notes cite it its own logic (xsm_hvm_param: "v2 07/17: control
 * domain may always HVMOP_get_param").
 */
static unsigned char v2_action(const struct ref_hook *h, const char *june, const char *notes)
{
    if (strstr(notes, "v2 07/17"))
        return REF_A_OTHER;
    if (strstr(june, "4/4"))
        return h->action[REF_UPSTREAM];
    return h->action[REF_HWPRIV_DM];
}

static int row(struct reader *r, char **cell, int ncells)
{
    if (ncells != COLUMNS)
        return fail(r, "%d cells, the header has %d", ncells, COLUMNS);
    if (nhooks == MAX_HOOKS)
        return fail(r, "more than %d hooks", MAX_HOOKS);
    struct ref_hook *h = &hooks[nhooks];
    memset(h, 0, sizeof(*h));
    if (!starts(cell[C_HOOK], "xsm_") || strlen(cell[C_HOOK]) - 4 >= sizeof(h->name))
        return fail(r, "hook '%s' is not an xsm_ function name", cell[C_HOOK]);
    snprintf(h->name, sizeof(h->name), "%s", cell[C_HOOK] + 4);
    if (ref_catalogue_find(h->name))
        return fail(r, "hook %s appears twice", h->name);
    if (upstream_cell(r, cell[C_UPSTREAM], h) ||
        proposal_cell(r, cell[C_SEED], h, &h->action[REF_HWPRIV]) ||
        proposal_cell(r, cell[C_JUNE], h, &h->action[REF_HWPRIV_DM]))
        return -1;
    h->action[REF_HWPRIV_V2] = v2_action(h, cell[C_JUNE], cell[C_NOTES]);
    target_cell(cell[C_TARGET], h);
    /* "SILO overrides" (and not "Not overridden by SILO"): section 9's seven hooks */
    h->silo = strstr(cell[C_NOTES], "SILO overrides") != NULL;
    nhooks++;
    return 0;
}

int ref_catalogue_load(const char *path, char *err, size_t errlen)
{
    struct reader r = {.path = path, .line = 1, .start = 1, .err = err, .errlen = errlen};
    nhooks = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(&r, "cannot open the hook catalogue");
    r.text = malloc(MAX_CSV + 1);
    if (!r.text) {
        fclose(f);
        return fail(&r, "out of memory");
    }
    r.len = fread(r.text, 1, MAX_CSV + 1, f);
    int bad = ferror(f) || r.len > MAX_CSV;
    fclose(f);
    int status = 0;
    char *cell[COLUMNS + 1];
    if (bad) {
        status = fail(&r, "unreadable or larger than %u bytes", MAX_CSV);
    } else if (record(&r, cell, COLUMNS + 1) != COLUMNS) {
        status = fail(&r, "the header is not the %d columns of the legend", COLUMNS);
    } else {
        for (int i = 0; i < COLUMNS && !status; i++)
            if (strcmp(cell[i], header[i]) != 0)
                status = fail(&r, "column %d is '%s', not '%s'", i + 1, cell[i], header[i]);
        for (int n; !status && (n = record(&r, cell, COLUMNS + 1)) != 0;)
            status = n < 0 ? -1 : row(&r, cell, n);
    }
    free(r.text);
    if (status)
        nhooks = 0;
    return status;
}

size_t ref_catalogue_count(void) { return nhooks; }

const struct ref_hook *ref_catalogue_at(size_t i) { return i < nhooks ? &hooks[i] : NULL; }

const struct ref_hook *ref_catalogue_find(const char *name)
{
    for (size_t i = 0; i < nhooks; i++)
        if (strcmp(hooks[i].name, name) == 0)
            return &hooks[i];
    return NULL;
}
