/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operation decisions in words: each gate of a catalogue row (the hypercall
 * table, Xen's own tests of the caller and the target, the XSM hooks) as a
 * sentence naming the domains and the Xen function that decides.
 */
#include <stdio.h>
#include <string.h>

#include "xsmcap/explain.h"

const char *xsmc_article(const char *word)
{
    return word && word[0] && (strchr("aeiou", word[0]) || strncmp(word, "hvm", 3) == 0 ||
                               strncmp(word, "x86", 3) == 0) ? "an" : "a";
}

static const char *who(const char *name, const char *fallback)
{
    return name ? name : fallback;
}

static const char *guest_of(const struct xsmc_op_env *env, const struct xsmc_domain *d)
{
    if (!d)
        return "unknown";
    if (env->arch != XSMC_ARCH_X86_64)
        return xsmc_arch_name(env->arch);
    const char *g = xsmc_guest_name((enum xsmc_guest)XSMC_DOM_GUEST(d));
    return g ? g : "unknown";
}

/* "hvm and pvh" for the guest types of a XSMC_P_* mask on the env's architecture. */
static const char *allowed_types(const struct xsmc_op_env *env, uint8_t mask, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned g = 0; g < XSMC_GUEST_COUNT; g++) {
        uint32_t bit = xsmc_platform_bit(env->arch, (enum xsmc_guest)g);
        if (!bit || !(mask & bit))
            continue;
        int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
                         env->arch == XSMC_ARCH_X86_64 ? xsmc_guest_name((enum xsmc_guest)g)
                                                       : xsmc_arch_name(env->arch));
        if (n > 0 && (size_t)n < len - used)
            used += (size_t)n;
    }
    if (!used)
        snprintf(buf, len, "no guest type");
    return buf;
}

static const char *entry_line(const struct xsmc_op_env *env, const struct xsmc_op *op,
                              const struct xsmc_op_result *r, const struct xsmc_parties *p,
                              char *buf, size_t len)
{
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    if (r->entry_kopt != 0xff) {
        snprintf(buf, len, "-ENOSYS: CONFIG_%s is %s in this build (%s): the %s hypercall is not "
                 "in the table (xen/include/hypercall-defs.c)",
                 xsmc_kopt_name(r->entry_kopt), hc && hc->kopt_off ? "on" : "off",
                 xsmc_kopt_why(r->entry_kopt), op->hypercall);
        return buf;
    }
    char types[64];
    snprintf(buf, len, "-ENOSYS: %s is %s %s guest and only %s guests have %s in their "
             "hypercall table (xen/include/hypercall-defs.c)", who(p->sname, "the caller"),
             xsmc_article(guest_of(env, p->src)), guest_of(env, p->src), allowed_types(env, hc ? hc->reach : 0, types, sizeof(types)),
             op->hypercall);
    return buf;
}

static int is_control(const struct xsmc_domain *d)
{
    return d && ((d->caps & XSMC_CAP_CONTROL) || (d->flags & XSMC_DOMF_IDLE_BOOT));
}

const char *xsmc_gate_line(const struct xsmc_op_env *env, const struct xsmc_op *op,
                           const struct xsmc_op_result *r, unsigned gate,
                           const struct xsmc_parties *p, char *buf, size_t len)
{
    if (!len)
        return buf;
    if (gate == XSMC_GATE_ENTRY)
        return entry_line(env, op, r, p, buf, len);
    if (gate >= op->ngates || gate >= r->nrun) {
        snprintf(buf, len, "every check passes for every domain");
        return buf;
    }
    const struct xsmc_gate *g = &op->gates[gate];
    const struct xsmc_gate_result *gr = &r->gates[gate];
    const char *s = who(p->sname, "the caller");
    const char *t = p->form == XSMC_TF_DOMID_SELF && !p->tgt ? "DOMID_SELF" : who(p->tname, "the target");
    const char *rc = xsmc_rc_name(gr->rc);
    int pass = gr->pass == 1;
    char types[64], why[512];
    switch (g->kind) {
    case XSMC_G_XSM:
    case XSMC_G_XSM_FILTER: {
        const char *st = s, *tt = t;
        if (g->pair == XSMC_PAIR_CALLER_CALLER)
            tt = s;
        else if (g->pair == XSMC_PAIR_CALLER_OTHER)
            tt = who(p->oname, s);
        else if (g->pair == XSMC_PAIR_TARGET_OTHER)
            st = t, tt = who(p->oname, s);
        xsmc_reason_line3(&gr->xsm, st, tt, who(p->oname, s), why, sizeof(why));
        const char *hook = xsmc_hook_info(g->hook)->name;
        if (pass)
            snprintf(buf, len, "xsm_%s %s", hook, why);
        else if (g->kind == XSMC_G_XSM_FILTER)
            snprintf(buf, len, "0, but %s is left out of the list: xsm_%s %s", tt, hook, why);
        else
            snprintf(buf, len, "%s: xsm_%s %s", rc, hook, why);
        return buf;
    }
    case XSMC_G_GUEST:
        if (pass)
            snprintf(buf, len, "%s is %s %s guest, which %s admits", s, xsmc_article(guest_of(env, p->src)),
                     guest_of(env, p->src), g->xen);
        else
            snprintf(buf, len, "%s: %s is %s %s guest and %s admits only %s callers", rc, s,
                     xsmc_article(guest_of(env, p->src)), guest_of(env, p->src), g->xen, allowed_types(env, g->allow, types, sizeof(types)));
        return buf;
    case XSMC_G_KCONFIG:
    case XSMC_G_NOT_KCONFIG: {
        int want_on = g->kind == XSMC_G_KCONFIG;
        if (pass)
            snprintf(buf, len, "CONFIG_%s is %s in this build (%s)", xsmc_kopt_name(g->kopt),
                     want_on ? "on" : "off", g->xen);
        else
            snprintf(buf, len, "%s: CONFIG_%s is %s in this build, so %s does not have it (%s)", rc,
                     xsmc_kopt_name(g->kopt), want_on ? "off" : "on", g->xen, xsmc_kopt_why(g->kopt));
        return buf;
    }
    case XSMC_G_HWDOM:
        snprintf(buf, len, pass ? "%s%s is the hardware domain (is_hardware_domain in %s)"
                                : "%s: %s is not the hardware domain (is_hardware_domain in %s)",
                 pass ? "" : rc, s, g->xen);
        return buf;
    case XSMC_G_CONTROL:
        snprintf(buf, len, pass ? "%s%s is a control domain (is_control_domain in %s)"
                                : "%s: %s is not a control domain (is_control_domain in %s)",
                 pass ? "" : rc, s, g->xen);
        return buf;
    case XSMC_G_LOOKUP:
        if (pass)
            snprintf(buf, len, "%s looks up %s", g->xen, t);
        else if ((g->flags & XSMC_LK_DOMCTL_ERR) && !is_control(p->src))
            snprintf(buf, len, "%s: DOMID_SELF names no domain for %s, which answers -EPERM to a "
                     "caller that is not a control domain", rc, g->xen);
        else
            snprintf(buf, len, "%s: %s looks the domid up without mapping DOMID_SELF to the caller: "
                     "no such domain", rc, g->xen);
        return buf;
    case XSMC_G_SELF:
        snprintf(buf, len, pass ? "%s%s acts on itself, as %s requires"
                                : "%s: %s may act only on itself here (%s), not on %s",
                 pass ? "" : rc, s, g->xen, t);
        return buf;
    case XSMC_G_NOT_SELF:
        snprintf(buf, len, pass ? "%s%s acts on another domain, as %s requires"
                                : "%s: %s refuses the caller's own domid (%s on itself)",
                 pass ? "" : rc, pass ? s : g->xen, pass ? g->xen : s);
        return buf;
    case XSMC_G_TARGET_TYPE:
        if (pass)
            snprintf(buf, len, "%s is %s %s guest, which %s admits", t, xsmc_article(guest_of(env, p->tgt)),
                     guest_of(env, p->tgt), g->xen);
        else {
            allowed_types(env, g->allow, types, sizeof(types));
            snprintf(buf, len, "%s: %s is %s %s guest and %s needs %s %s target", rc, t,
                     xsmc_article(guest_of(env, p->tgt)), guest_of(env, p->tgt), g->xen, xsmc_article(types),
                     types);
        }
        return buf;
    default:
        snprintf(buf, len, "unknown gate: denied");
        return buf;
    }
}

const char *xsmc_op_reason(const struct xsmc_op_env *env, const struct xsmc_op *op,
                           const struct xsmc_op_result *r, const struct xsmc_parties *p,
                           char *buf, size_t len)
{
    if (!len)
        return buf;
    xsmc_gate_line(env, op, r, r->decided_by, p, buf, len);
    size_t used = strlen(buf);
    unsigned hooks = 0;
    for (unsigned i = 0; i < r->nrun && i < op->ngates; i++) {
        const struct xsmc_gate *g = &op->gates[i];
        if ((g->kind != XSMC_G_XSM && g->kind != XSMC_G_XSM_FILTER) || r->gates[i].pass == 2)
            continue;
        int n = snprintf(buf + used, len - used, "%s xsm_%s", hooks ? ", then" : "; checked by",
                         xsmc_hook_info(g->hook)->name);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
        hooks++;
    }
    return buf;
}
