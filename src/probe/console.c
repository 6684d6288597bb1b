/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's console during a probe boot, line by line.  Xen prefixes its own
 * lines "(XEN) " and a domain's console writes "(dN) "; the hardware
 * domain's writes go out as they are, without a prefix
 * (xen/drivers/char/console.c:guest_console_write), so an unprefixed probe
 * line is the hardware domain's.  The guest's lines are those of
 * probe-guest/script_format.h; anything else from a domain is garbage.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"

void xsmp_console_init(struct xsmp_console *c, const struct xsmp_plan *plan,
                       struct xsmp_answers *answers)
{
    memset(c, 0, sizeof(*c));
    c->plan = plan;
    c->answers = answers;
    c->hardware = -1;
    for (size_t i = 0; i < plan->ndoms; i++)
        if (plan->doms[i].xen_caps & XSMP_DOMAIN_CAPS_HARDWARE)
            c->hardware = (int)i;
}

/* A line quoted in an error: printable, at most 80 characters. */
static const char *quoted(const char *s, char *buf, size_t len)
{
    size_t n = 0;
    for (; *s && n + 4 < len && n < 80; s++)
        buf[n++] = isprint((unsigned char)*s) ? *s : '?';
    if (*s)
        buf[n++] = '.', buf[n++] = '.', buf[n++] = '.';
    buf[n] = '\0';
    return buf;
}

static const char *dom_name(const struct xsmp_console *c, int i)
{
    return c->plan->doms[i].dom->name;
}

static int garbage(const struct xsmp_console *c, int i, const char *line, struct xsmp_error *err)
{
    char q[96];
    return xsmp_fail(err, "domain %s (d%u) printed garbage: '%s'", dom_name(c, i),
                     c->plan->doms[i].domid, quoted(line, q, sizeof(q)));
}

/* Whole-word numbers: decimal (signed) and hexadecimal. */
static int parse_dec(const char *s, int64_t *out)
{
    char *end;
    if (!*s || isspace((unsigned char)*s))
        return -1;
    long long v = strtoll(s, &end, 10);
    *out = v;
    return *end ? -1 : 0;
}

static int parse_hex(const char *s, uint64_t *out)
{
    char *end;
    if (!isxdigit((unsigned char)*s))
        return -1;
    unsigned long long v = strtoull(s, &end, 16);
    *out = v;
    return *end ? -1 : 0;
}

/* Split a line into at most `max` space-separated words, in place. */
static size_t split(char *s, char **w, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(s, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (n == max)
            return max + 1;
        w[n++] = t;
    }
    return n;
}

/* "XSMP ..." from the plan's domain i. */
static int probe_line(struct xsmp_console *c, int i, const char *line, struct xsmp_error *err)
{
    char copy[sizeof(c->line)], *w[6];
    struct xsmp_answers *a = &c->answers[i];
    const struct xsmp_list *l = &c->plan->lists[i];
    snprintf(copy, sizeof(copy), "%s", line);
    if (strncmp(line, "XSMP error ", 11) == 0) {
        char q[96];
        return xsmp_fail(err, "domain %s (d%u): the probe guest stopped: %s", dom_name(c, i),
                         c->plan->doms[i].domid, quoted(line + 11, q, sizeof(q)));
    }
    size_t n = split(copy, w, 5);
    int64_t v1, v2;
    if (a->done)
        return garbage(c, i, line, err);
    if (n == 4 && strcmp(w[1], "start") == 0) {
        if (a->started || parse_dec(w[2], &v1) || parse_dec(w[3], &v2) ||
            v1 != (int64_t)c->plan->doms[i].domid || v2 != (int64_t)l->n)
            return garbage(c, i, line, err);
        a->started = 1;
        return 0;
    }
    if (n == 3 && strcmp(w[1], "done") == 0) {
        if (!a->started || parse_dec(w[2], &v1) || v1 != (int64_t)l->n || a->n != l->n)
            return garbage(c, i, line, err);
        a->done = 1;
        return 0;
    }
    /* XSMP <id> <rc> <r0> <r1>: the records in order, readbacks where the record asked */
    if (n != 5 || !a->started || a->n >= l->n || parse_dec(w[1], &v1) ||
        v1 != (int64_t)a->n || parse_dec(w[2], &v2))
        return garbage(c, i, line, err);
    struct xsmp_result *r = &a->res[a->n];
    const struct xsmp_record *rec = &l->v[a->n];
    r->rc = v2;
    r->nreads = rec->nreads;
    for (unsigned k = 0; k < XSMP_MAX_READS; k++) {
        const char *word = w[3 + k];
        int absent = strcmp(word, "-") == 0;
        if (absent != (k >= rec->nreads) || (!absent && parse_hex(word, &r->read[k])))
            return garbage(c, i, line, err);
    }
    a->n++;
    return 0;
}

/*
 * "(dN) " or "Domain N ": the unsigned decimal after `prefix`, and where
 * the text after it starts (past the `after` character); 0 when s is not so.
 */
static int number_after(const char *s, const char *prefix, char after, unsigned *n,
                        const char **rest)
{
    size_t plen = strlen(prefix);
    if (strncmp(s, prefix, plen) != 0 || !isdigit((unsigned char)s[plen]))
        return 0;
    char *end;
    unsigned long v = strtoul(s + plen, &end, 10);
    if (*end != after || v > 0xffffffffUL)
        return 0;
    *n = (unsigned)v;
    *rest = end + 1;
    return 1;
}

/* Xen's own line: the messages that end a boot. */
static int xen_line(struct xsmp_console *c, const char *msg, struct xsmp_error *err)
{
    char q[96];
    unsigned id;
    const char *rest;
    if (c->panic) {
        /* Xen frames the reason with a row of stars */
        if (msg[0] == '*' || msg[0] == '\0')
            return 0;
        return xsmp_fail(err, "Xen panicked: %s", quoted(msg, q, sizeof(q)));
    }
    if (strncmp(msg, "Panic on CPU", 12) == 0) {
        c->panic = 1;
        return 0;
    }
    if (number_after(msg, "Domain ", ' ', &id, &rest) && strstr(rest, "crashed")) {
        const struct xsmp_domain *d = xsmp_plan_domid(c->plan, id);
        return xsmp_fail(err, "domain %s (d%u) crashed: %s", d ? d->dom->name : "?", id,
                         quoted(msg, q, sizeof(q)));
    }
    if (strncmp(msg, "Hardware Dom", 12) == 0 && strstr(msg, "halted"))
        return xsmp_fail(err, "the hardware domain shut down, so Xen halted: %s",
                         quoted(msg, q, sizeof(q)));
    if (strncmp(msg, "Xen BUG at", 10) == 0 || strncmp(msg, "Assertion '", 11) == 0)
        return xsmp_fail(err, "Xen failed: %s", quoted(msg, q, sizeof(q)));
    return 0;
}

static int one_line(struct xsmp_console *c, char *line, struct xsmp_error *err)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
        line[--n] = '\0';
    if (strncmp(line, "(XEN) ", 6) == 0)
        return xen_line(c, line + 6, err);
    unsigned domid;
    const char *rest;
    if (number_after(line, "(d", ')', &domid, &rest) && *rest == ' ') {
        const struct xsmp_domain *d = xsmp_plan_domid(c->plan, domid);
        if (!d) {
            char q[96];
            return xsmp_fail(err, "console line from d%u, which the plan does not have: '%s'",
                             domid, quoted(line, q, sizeof(q)));
        }
        int i = (int)(d - c->plan->doms);
        rest++;
        return strncmp(rest, XSMP_LINE_PREFIX, 5) == 0 ? probe_line(c, i, rest, err)
                                                       : garbage(c, i, rest, err);
    }
    if (strncmp(line, XSMP_LINE_PREFIX, 5) != 0)
        return 0; /* Xen's banner and other unprefixed text */
    if (c->hardware < 0) {
        char q[96];
        return xsmp_fail(err, "a probe line without a domain prefix, and no hardware domain to "
                              "own it: '%s'", quoted(line, q, sizeof(q)));
    }
    return probe_line(c, c->hardware, line, err);
}

int xsmp_console_feed(struct xsmp_console *c, const char *data, size_t n, struct xsmp_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (data[i] != '\n') {
            /* a longer line is nobody's probe line: keep its start for the error */
            if (c->len + 1 < sizeof(c->line))
                c->line[c->len++] = data[i];
            continue;
        }
        c->line[c->len] = '\0';
        c->len = 0;
        if (one_line(c, c->line, err))
            return -1;
    }
    return 0;
}

int xsmp_console_end(struct xsmp_console *c, struct xsmp_error *err)
{
    if (c->len) {
        c->line[c->len] = '\0';
        c->len = 0;
        if (one_line(c, c->line, err))
            return -1;
    }
    return c->panic ? xsmp_fail(err, "Xen panicked (see the console log)") : 0;
}

int xsmp_console_complete(const struct xsmp_console *c)
{
    for (size_t i = 0; i < c->plan->ndoms; i++)
        if (!c->answers[i].done)
            return 0;
    return 1;
}

void xsmp_console_progress(const struct xsmp_console *c, char *buf, size_t len)
{
    for (size_t i = 0; i < c->plan->ndoms; i++) {
        const struct xsmp_answers *a = &c->answers[i];
        if (a->done)
            continue;
        if (!a->started)
            snprintf(buf, len, "domain %s (d%u) never reported", dom_name(c, (int)i),
                     c->plan->doms[i].domid);
        else
            snprintf(buf, len, "domain %s (d%u) reported %zu of %zu records", dom_name(c, (int)i),
                     c->plan->doms[i].domid, a->n, c->plan->lists[i].n);
        return;
    }
    snprintf(buf, len, "every domain reported");
}
