/*
 * The inline system description of CLI.md:
 *   SPEC   := DOMAIN (';' DOMAIN)*
 *   DOMAIN := NAME [':' CAP (',' CAP)*] ['>' NAME]
 *   NAME   := [A-Za-z0-9_-]+
 * Domain ids follow the order of the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/system.h"

#define SPEC_MAX_LEN (1u << 20)

static size_t name_len(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
           (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-')
        n++;
    return n;
}

static struct xsmc_system *fail(struct xsmc_system *sys, char *err, size_t errlen,
                                size_t item, const char *fmt, const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, arg);
    snprintf(err, errlen, "--system: domain %zu: %s", item + 1, msg);
    xsmc_system_free(sys);
    return NULL;
}

/* Copy s[0..n) into a bounded buffer for messages and lookups. */
static const char *word(char *buf, size_t size, const char *s, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

struct xsmc_system *xsmc_spec_parse(const char *spec, char *err, size_t errlen)
{
    char buf[128];
    if (!spec || !*spec) {
        snprintf(err, errlen, "--system: empty specification");
        return NULL;
    }
    if (strlen(spec) > SPEC_MAX_LEN) {
        snprintf(err, errlen, "--system: specification longer than %u bytes", SPEC_MAX_LEN);
        return NULL;
    }
    struct xsmc_system *sys = xsmc_system_new("<spec>", XSMC_SRC_SPEC);
    if (!sys) {
        snprintf(err, errlen, "--system: out of memory");
        return NULL;
    }
    const char *p = spec;
    for (size_t item = 0;; item++) {
        size_t n = name_len(p);
        if (n == 0)
            return fail(sys, err, errlen, item, "expected a name ([A-Za-z0-9_-]+) at '%s'",
                        *p ? p : "end of input");
        if (n > 64)
            return fail(sys, err, errlen, item, "name '%s...' is longer than 64 characters",
                        word(buf, 32, p, n));
        word(buf, sizeof(buf), p, n);
        if (xsmc_system_find(sys, buf) && strcmp(xsmc_system_find(sys, buf)->name, buf) == 0)
            return fail(sys, err, errlen, item, "duplicate domain name '%s'", buf);
        char where[96];
        snprintf(where, sizeof(where), "domain[%zu]", item);
        struct xsmc_dom *d = xsmc_system_add(sys, buf, where);
        if (!d)
            return fail(sys, err, errlen, item, "%s", sys->ndoms >= XSMC_MAX_DOMAINS
                        ? "more domains than Xen's 32752" : "out of memory");
        p += n;
        if (*p == ':') {
            d->caps_explicit = 1;
            do {
                p++;
                size_t c = name_len(p);
                uint32_t bit;
                if (c == 0)
                    return fail(sys, err, errlen, item, "expected a capability at '%s'",
                                *p ? p : "end of input");
                if (xsmc_cap_from_name(word(buf, sizeof(buf), p, c), &bit))
                    return fail(sys, err, errlen, item,
                                "unknown capability '%s' (control, hardware, xenstore, "
                                "device_model, not_hypercall_target)", buf);
                if (d->core.caps & bit)
                    return fail(sys, err, errlen, item, "capability '%s' given twice", buf);
                d->core.caps |= bit;
                p += c;
            } while (*p == ',');
            d->raw_caps = d->core.caps;
        }
        if (*p == '>') {
            p++;
            size_t t = name_len(p);
            if (t == 0)
                return fail(sys, err, errlen, item, "expected a target name after '>' at '%s'",
                            *p ? p : "end of input");
            d->target_name = strdup(word(buf, sizeof(buf), p, t));
            if (!d->target_name)
                return fail(sys, err, errlen, item, "%s", "out of memory");
            p += t;
        }
        if (*p == '\0')
            break;
        if (*p != ';')
            return fail(sys, err, errlen, item, "unexpected character at '%s'", p);
        p++;
    }
    for (size_t i = 0; i < sys->ndoms; i++) {
        struct xsmc_dom *d = &sys->doms[i];
        if (!d->target_name)
            continue;
        struct xsmc_dom *t = xsmc_system_find(sys, d->target_name);
        if (!t || strcmp(t->name, d->target_name) != 0)
            return fail(sys, err, errlen, i, "target '%s' is not a domain of the spec",
                        d->target_name);
        if (t == d)
            return fail(sys, err, errlen, i, "domain '%s' cannot be its own target", d->name);
        d->core.target = t->core.domid;
    }
    return sys;
}

struct xsmc_system *xsmc_builtin_system(char *err, size_t errlen)
{
    struct xsmc_system *sys = xsmc_spec_parse(XSMC_BUILTIN_SPEC, err, errlen);
    if (!sys)
        return NULL;
    free(sys->source);
    sys->source = strdup("<builtin>");
    sys->kind = XSMC_SRC_BUILTIN;
    if (!sys->source) {
        xsmc_system_free(sys);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return sys;
}
