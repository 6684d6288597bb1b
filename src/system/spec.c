/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The inline system description of CLI.md:
 *   SPEC   := DOMAIN (';' DOMAIN)*
 *   DOMAIN := NAME [':' CAP (',' CAP)*] ['@' TYPE] ['>' NAME]
 *   TYPE   := pv | hvm | pvh          (x86 only)
 *   NAME   := [A-Za-z0-9_-]+
 * Domain ids follow the order of the list.  On Arm the domains are dom0less
 * domains, which Xen makes console domains (dom0less-build.c sets
 * is_console for every xen,domain node); an x86 domain without a type is PV.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/suggest.h"
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

/*
 * A short, printable excerpt of the input at `p` for messages: at most 24
 * bytes, up to the next ';', control and non-ASCII bytes shown as '?', so an
 * error stays one line whatever the input holds.
 */
static const char *excerpt(char *buf, size_t size, const char *p)
{
    size_t n = 0;
    while (p[n] && p[n] != ';' && n < 24 && n + 4 < size) {
        unsigned char ch = (unsigned char)p[n];
        buf[n] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
        n++;
    }
    if (p[n] && p[n] != ';' && n + 4 < size) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

static struct xsmc_system *fail(struct xsmc_system *sys, char *err, size_t errlen,
                                size_t item, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static struct xsmc_system *fail(struct xsmc_system *sys, char *err, size_t errlen,
                                size_t item, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "--system: domain %zu: %s", item + 1, msg);
    xsmc_system_free(sys);
    return NULL;
}

/*
 * Names seen so far, hashed, so that a spec of Xen's 32,752 domains parses
 * in linear time (a linear search per name would be quadratic).
 */
struct name_index {
    uint32_t *slot; /* domain index + 1; 0 = empty */
    size_t mask;
};

static int index_init(struct name_index *ix, const char *spec)
{
    size_t domains = 1;
    for (const char *p = spec; *p; p++)
        domains += *p == ';';
    size_t size = 16;
    while (size < 2 * domains)
        size *= 2;
    ix->slot = calloc(size, sizeof(*ix->slot));
    ix->mask = size - 1;
    return ix->slot ? 0 : -1;
}

static size_t name_hash(const char *name)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 16777619u;
    return h;
}

/* The domain called `name`, or NULL. */
static struct xsmc_dom *index_find(struct name_index *ix, struct xsmc_system *sys,
                                   const char *name)
{
    for (size_t i = name_hash(name) & ix->mask; ix->slot[i]; i = (i + 1) & ix->mask)
        if (strcmp(sys->doms[ix->slot[i] - 1].name, name) == 0)
            return &sys->doms[ix->slot[i] - 1];
    return NULL;
}

static void index_add(struct name_index *ix, const char *name, uint32_t id)
{
    size_t i = name_hash(name) & ix->mask;
    while (ix->slot[i])
        i = (i + 1) & ix->mask;
    ix->slot[i] = id + 1;
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

static const char *cap_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_cap_name((unsigned)i);
}

static const char *guest_at(size_t i, const void *ctx)
{
    (void)ctx;
    return i == XSMC_GUEST_ARM ? NULL : xsmc_guest_name((enum xsmc_guest)i);
}

static const char *domain_at(size_t i, const void *ctx)
{
    return ((const struct xsmc_system *)ctx)->doms[i].name;
}

/* "; did you mean 'x'?" of the candidates nearest `name`, or "". */
static const char *hint_of(char *buf, size_t size, const char *name, size_t n,
                           const char *(*name_at)(size_t, const void *), const void *ctx)
{
    const char *near[XSMC_SUGGEST_MAX];
    char text[160];
    size_t k = xsmc_suggest(name, n, name_at, ctx, near);
    snprintf(buf, size, "%s%s", k ? "; " : "", xsmc_suggest_text(near, k, text, sizeof(text)));
    return buf;
}

static struct xsmc_system *parse_items(struct xsmc_system *sys, struct name_index *ix,
                                       const char *spec, char *err, size_t errlen);

struct xsmc_system *xsmc_spec_parse(const char *spec, char *err, size_t errlen)
{
    return xsmc_spec_parse_arch(spec, XSMC_ARCH_DEFAULT, err, errlen);
}

struct xsmc_system *xsmc_spec_parse_arch(const char *spec, enum xsmc_arch arch, char *err,
                                         size_t errlen)
{
    if (!xsmc_arch_name(arch)) {
        snprintf(err, errlen, "--arch: unknown architecture");
        return NULL;
    }
    if (!spec || !*spec) {
        snprintf(err, errlen, "--system: empty specification");
        return NULL;
    }
    if (strlen(spec) > SPEC_MAX_LEN) {
        snprintf(err, errlen, "--system: specification longer than %u bytes", SPEC_MAX_LEN);
        return NULL;
    }
    struct xsmc_system *sys = xsmc_system_new("<spec>", XSMC_SRC_SPEC);
    struct name_index ix = {0};
    if (sys)
        xsmc_system_set_platform(sys, arch, NULL);
    if (!sys || index_init(&ix, spec)) {
        xsmc_system_free(sys);
        snprintf(err, errlen, "--system: out of memory");
        return NULL;
    }
    sys = parse_items(sys, &ix, spec, err, errlen);
    free(ix.slot);
    return sys;
}

/* The items of the spec, then their targets; frees sys on error. */
static struct xsmc_system *parse_items(struct xsmc_system *sys, struct name_index *ix,
                                       const char *spec, char *err, size_t errlen)
{
    char buf[128], ex[32], hint[192];
    const char *p = spec;
    for (size_t item = 0;; item++) {
        size_t n = name_len(p);
        if (n == 0)
            return fail(sys, err, errlen, item, "expected a name ([A-Za-z0-9_-]+) at '%s'",
                        *p ? excerpt(ex, sizeof(ex), p) : "end of input");
        if (n > 64)
            return fail(sys, err, errlen, item, "name '%s...' is longer than 64 characters",
                        word(buf, 32, p, n));
        word(buf, sizeof(buf), p, n);
        if (index_find(ix, sys, buf))
            return fail(sys, err, errlen, item, "duplicate domain name '%s'", buf);
        char where[96];
        snprintf(where, sizeof(where), "domain[%zu]", item);
        struct xsmc_dom *d = xsmc_system_add(sys, buf, where);
        if (!d)
            return fail(sys, err, errlen, item, "%s", sys->ndoms >= XSMC_MAX_DOMAINS
                        ? "more domains than Xen's 32752" : "out of memory");
        index_add(ix, d->name, d->core.domid);
        p += n;
        if (*p == ':') {
            d->caps_explicit = 1;
            do {
                p++;
                size_t c = name_len(p);
                uint32_t bit;
                if (c == 0)
                    return fail(sys, err, errlen, item, "expected a capability at '%s'",
                                *p ? excerpt(ex, sizeof(ex), p) : "end of input");
                if (xsmc_cap_from_name(word(buf, sizeof(buf), p, c), &bit))
                    return fail(sys, err, errlen, item,
                                "unknown capability '%s' (control, hardware, xenstore, "
                                "device_model, not_hypercall_target)%s", buf,
                                hint_of(hint, sizeof(hint), buf, XSMC_CAP_COUNT, cap_at, NULL));
                if (d->core.caps & bit)
                    return fail(sys, err, errlen, item, "capability '%s' given twice", buf);
                d->core.caps |= bit;
                p += c;
            } while (*p == ',');
            d->raw_caps = d->core.caps;
        }
        if (sys->arch == XSMC_ARCH_X86_64)
            d->core.flags |= XSMC_DOMF_GUEST(XSMC_GUEST_X86_DEFAULT);
        else
            d->core.flags |= XSMC_DOMF_CONSOLE; /* a dom0less domain */
        if (*p == '@') {
            p++;
            size_t t = name_len(p);
            enum xsmc_guest g;
            word(buf, sizeof(buf), p, t);
            if (t == 0 || xsmc_guest_from_name(buf, &g) || g == XSMC_GUEST_ARM)
                return fail(sys, err, errlen, item, "unknown guest type '%s' (pv, hvm, pvh; x86 only)%s",
                            t ? buf : excerpt(ex, sizeof(ex), p),
                            t ? hint_of(hint, sizeof(hint), buf, XSMC_GUEST_COUNT, guest_at, NULL) : "");
            if (!xsmc_guest_valid((enum xsmc_arch)sys->arch, g))
                return fail(sys, err, errlen, item, "guest type '%s' does not exist on this "
                            "architecture (an Arm guest has no type to give; use --arch x86_64)", buf);
            d->core.flags = (d->core.flags & ~XSMC_DOMF_GUEST_MASK) | XSMC_DOMF_GUEST(g);
            p += t;
        }
        if (*p == '>') {
            p++;
            size_t t = name_len(p);
            if (t == 0)
                return fail(sys, err, errlen, item, "expected a target name after '>' at '%s'",
                            *p ? excerpt(ex, sizeof(ex), p) : "end of input");
            d->target_name = strdup(word(buf, sizeof(buf), p, t));
            if (!d->target_name)
                return fail(sys, err, errlen, item, "%s", "out of memory");
            p += t;
        }
        if (*p == '\0')
            break;
        if (*p != ';')
            return fail(sys, err, errlen, item, "unexpected character at '%s'",
                        excerpt(ex, sizeof(ex), p));
        p++;
    }
    for (size_t i = 0; i < sys->ndoms; i++) {
        struct xsmc_dom *d = &sys->doms[i];
        if (!d->target_name)
            continue;
        struct xsmc_dom *t = index_find(ix, sys, d->target_name);
        if (!t)
            return fail(sys, err, errlen, i, "target '%s' is not a domain of the spec%s",
                        d->target_name,
                        hint_of(hint, sizeof(hint), d->target_name, sys->ndoms, domain_at, sys));
        if (t == d)
            return fail(sys, err, errlen, i, "domain '%s' cannot be its own target", d->name);
        d->core.target = t->core.domid;
    }
    return sys;
}

struct xsmc_system *xsmc_builtin_system(char *err, size_t errlen)
{
    return xsmc_builtin_system_arch(XSMC_ARCH_DEFAULT, err, errlen);
}

struct xsmc_system *xsmc_builtin_system_arch(enum xsmc_arch arch, char *err, size_t errlen)
{
    struct xsmc_system *sys = xsmc_spec_parse_arch(XSMC_BUILTIN_SPEC, arch, err, errlen);
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
