/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every name a user types, looked up among the known ones; a name that
 * matches none gets "did you mean ...?" with the nearest (src/util/suggest.c)
 * at the end of its one error line.
 */
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "xsmcap/suggest.h"

const char *cli_hint(const char *const *names, size_t n, char *buf, size_t len)
{
    char text[256];
    if (!n) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, len, "; %s", xsmc_suggest_text(names, n, text, sizeof(text)));
    return buf;
}

const char *cli_hint_names(const char *word, const char *const *names, size_t n, char *buf,
                           size_t len)
{
    const char *near[XSMC_SUGGEST_MAX];
    return cli_hint(near, xsmc_suggest_names(word, names, n, near), buf, len);
}

static const char *profile_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_profile_name((enum xsmc_profile)i);
}

/* NAME not among the COUNT names AT gives: the error, with the nearest ones. */
static int unknown_name(const struct cli_common *c, const char *what, const char *name, size_t count,
                        const char *(*at)(size_t, const void *), const char *known)
{
    const char *near[XSMC_SUGGEST_MAX];
    char hint[160];
    size_t n = xsmc_suggest(name, count, at, NULL, near);
    return cli_error(c, "%s '%s' (%s)%s", what, name, known, cli_hint(near, n, hint, sizeof(hint)));
}

int cli_profile(const struct cli_common *c, const char *opt, const char *name,
                enum xsmc_profile *out)
{
    char what[64];
    if (xsmc_profile_from_name(name, out) == 0)
        return 0;
    (void)snprintf(what, sizeof(what), "%s: unknown profile", opt);
    return unknown_name(c, what, name, XSMC_PROFILE_COUNT, profile_at, "upstream, hwpriv, hwpriv-dm, hwpriv-v2");
}

static const char *arch_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_arch_name((enum xsmc_arch)i);
}

int cli_arch(const struct cli_common *c, const char *name, enum xsmc_arch *out)
{
    if (xsmc_arch_from_name(name, out) == 0)
        return 0;
    return unknown_name(c, "--arch: unknown architecture", name, XSMC_ARCH_COUNT, arch_at, "arm64, arm32, x86_64");
}

const char *cli_domain_at(size_t i, const void *ctx)
{
    return ((const struct xsmc_system *)ctx)->doms[i].name;
}

struct xsmc_dom *cli_find_domain(const struct cli_common *c, const struct xsmc_system *sys,
                                 const char *what, const char *name)
{
    const char *near[XSMC_SUGGEST_MAX];
    char hint[256];
    struct xsmc_dom *d = xsmc_system_find(sys, name);
    if (d)
        return d;
    size_t n = xsmc_suggest(name, sys->ndoms, cli_domain_at, sys, near);
    cli_error(c, "%s '%s' is not a domain of %s%s", what, name, sys->source,
              cli_hint(near, n, hint, sizeof(hint)));
    return NULL;
}

/*
 * The names an operation word may be: every sub-operation constant, every
 * hypercall, every hook, and a sub-operation's constant without its
 * hypercall's prefix (setup_gsi for PHYSDEVOP_setup_gsi), which stands for
 * the constant.
 */
enum { OPNAME_OP, OPNAME_SHORT, OPNAME_HYPERCALL, OPNAME_HOOK, OPNAME_KINDS };

static size_t opname_count(void)
{
    size_t n = xsmc_op_count();
    return 2 * n + xsmc_hypercall_count() + XSMC_HOOK_COUNT;
}

/* Which kind candidate i is, and its index among that kind. */
static int opname_kind(size_t i, size_t *k)
{
    size_t n = xsmc_op_count();
    size_t bounds[OPNAME_KINDS] = {n, 2 * n, 2 * n + xsmc_hypercall_count(), opname_count()};
    size_t start = 0;
    for (int kind = 0; kind < OPNAME_KINDS; kind++) {
        if (i < bounds[kind]) {
            *k = i - start;
            return kind;
        }
        start = bounds[kind];
    }
    *k = 0;
    return -1;
}

/* A sub-operation's constant without its hypercall's prefix, or NULL. */
static const char *short_name(const struct xsmc_op *op)
{
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    size_t plen = hc ? strlen(hc->prefix) : 0;
    return plen && strncmp(op->name, hc->prefix, plen) == 0 && op->name[plen] ? op->name + plen
                                                                             : NULL;
}

static const char *opname_key(size_t i, const void *ctx)
{
    (void)ctx;
    size_t k;
    switch (opname_kind(i, &k)) {
    case OPNAME_OP: return xsmc_op_at(k)->name;
    case OPNAME_SHORT: return short_name(xsmc_op_at(k));
    case OPNAME_HYPERCALL: return xsmc_hypercall_at(k)->name;
    case OPNAME_HOOK: return xsmc_hook_info((uint32_t)k)->name;
    default: return NULL;
    }
}

/* What a candidate is shown as: a short name as its full constant. */
static const char *opname_shown(size_t i)
{
    size_t k;
    return opname_kind(i, &k) == OPNAME_SHORT ? xsmc_op_at(k)->name : opname_key(i, NULL);
}

const char *cli_op_hint(const char *word, char *buf, size_t len)
{
    const char *near[XSMC_SUGGEST_MAX];
    size_t n = 0;
    /* a hook may be named with Xen's xsm_ prefix */
    if (strncmp(word, "xsm_", 4) == 0 && word[4])
        word += 4;
    /* a short name standing for several constants names all of them */
    for (size_t i = 0; i < xsmc_op_count() && n < XSMC_SUGGEST_MAX; i++) {
        const char *s = short_name(xsmc_op_at(i));
        if (s && strcasecmp(s, word) == 0)
            near[n++] = xsmc_op_at(i)->name;
    }
    if (!n) {
        size_t at[XSMC_SUGGEST_MAX];
        size_t found = xsmc_suggest_index(word, opname_count(), opname_key, NULL, at);
        for (size_t k = 0; k < found; k++) {
            const char *name = opname_shown(at[k]);
            int seen = 0;
            for (size_t j = 0; j < n; j++)
                seen |= strcmp(near[j], name) == 0;
            if (!seen)
                near[n++] = name;
        }
    }
    return cli_hint(near, n, buf, len);
}

static const char *hook_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_hook_info((uint32_t)i)->name;
}

const char *cli_hook_hint(const char *word, char *buf, size_t len)
{
    const char *near[XSMC_SUGGEST_MAX];
    if (strncmp(word, "xsm_", 4) == 0 && word[4])
        word += 4;
    return cli_hint(near, xsmc_suggest(word, XSMC_HOOK_COUNT, hook_at, NULL, near), buf, len);
}

static const char *hypercall_at(size_t i, const void *ctx)
{
    (void)ctx;
    return xsmc_hypercall_at(i)->name;
}

const char *cli_hypercall_hint(const char *word, char *buf, size_t len)
{
    const char *near[XSMC_SUGGEST_MAX];
    return cli_hint(near, xsmc_suggest(word, xsmc_hypercall_count(), hypercall_at, NULL, near), buf,
                    len);
}
