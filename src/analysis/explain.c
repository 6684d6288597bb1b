/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * query --explain: the path a decision took (for an operation, every gate in
 * Xen's order with its result; for an XSM hook, the hook's logic and the
 * lattice predicates and their values) and what would change it, found by
 * deciding again under every profile and with each fact toggled.
 */
#include <stdio.h>
#include <string.h>

#include "xsmcap/analysis.h"
#include "xsmcap/explain.h"

/* One question, every fact of which the alternatives may toggle. */
struct ask {
    struct xsmc_op_env env;
    struct xsmc_kconfig kconfig;     /* env.kconfig points here */
    const struct xsmc_op *op;        /* NULL: a bare hook (rq) */
    struct xsmc_request rq;          /* bare hook: hook, subop, subop2 */
    struct xsmc_domain src, tgt, other;
    int has_tgt, has_other;
    int hwdom_elsewhere;             /* another domain of the system has the hardware capability */
    enum xsmc_target_form form;
    const char *sname, *tname, *oname;
};

static int ask_op(const struct ask *q, struct xsmc_op_result *r)
{
    return xsmc_op_decide(&q->env, q->op, &q->src, q->has_tgt ? &q->tgt : NULL, q->form,
                          q->has_other ? &q->other : xsmc_default_other(&q->src), r) == 1;
}

static int ask_hook(const struct ask *q, struct xsmc_decision *d)
{
    struct xsmc_request rq = q->rq;
    const struct xsmc_hook_info *h = xsmc_hook_info(rq.hook);
    rq.src = &q->src;
    rq.target = h && h->target == XSMC_T_DOMAIN && q->has_tgt ? &q->tgt : NULL;
    rq.other = q->has_other ? &q->other : NULL;
    return xsmc_decide(q->env.profile, q->env.options, &rq, d) == 0 && d->allow;
}

/* Allow (1) or deny (0) of the question, whichever kind it is. */
static int ask(const struct ask *q)
{
    if (q->op) {
        struct xsmc_op_result r;
        return ask_op(q, &r);
    }
    struct xsmc_decision d;
    return ask_hook(q, &d);
}

static struct xsmc_parties parties_of(const struct ask *q)
{
    struct xsmc_parties p = {&q->src, q->has_tgt ? &q->tgt : NULL,
                             q->has_other ? &q->other : &q->src, q->sname, q->tname,
                             q->has_other ? q->oname : q->sname, q->form};
    return p;
}

static int lattice_step(const struct xsmc_decision *d)
{
    if (d->action >= XSMC_LATTICE_ACTIONS)
        return 0;
    switch (d->why) {
    case XSMC_WHY_HOOK: case XSMC_WHY_SELF: case XSMC_WHY_XENSTORE: case XSMC_WHY_DM_CAP:
    case XSMC_WHY_TARGET_REL: case XSMC_WHY_CONTROL: case XSMC_WHY_IDLE_BOOT:
    case XSMC_WHY_HARDWARE: case XSMC_WHY_NOT_PRIVILEGED: case XSMC_WHY_CONTROL_NOT_HW:
    case XSMC_WHY_UNTARGETABLE: case XSMC_WHY_ACTION_UNDEFINED:
        return 1;
    default:
        return 0;
    }
}

static const char *yn(uint32_t v)
{
    return v ? "yes" : "no";
}

/* The predicates xsm_default_action reads under the profile, with their values. */
static void print_predicates(FILE *out, enum xsmc_profile profile, const struct xsmc_domain *s,
                             const struct xsmc_domain *t, const char *sname)
{
    uint32_t c = (s->caps & XSMC_CAP_CONTROL) | (s->flags & XSMC_DOMF_IDLE_BOOT);
    fprintf(out, "     predicates: %s is control %s, hardware %s, xenstore %s", sname, yn(c),
            yn(s->caps & XSMC_CAP_HARDWARE), yn(s->caps & XSMC_CAP_XENSTORE));
    if (profile == XSMC_PROFILE_HWPRIV_DM || profile == XSMC_PROFILE_HWPRIV_V2)
        fprintf(out, ", device_model %s", yn(s->caps & XSMC_CAP_DEVICE_MODEL));
    if (t) {
        fprintf(out, "; target is itself %s, is its set_target domain %s",
                yn(t->domid == s->domid ? 1u : 0u),
                yn(s->target != XSMC_DOMID_NONE && s->target == t->domid ? 1u : 0u));
        if (profile == XSMC_PROFILE_HWPRIV_V2)
            fprintf(out, ", is not_hypercall_target %s", yn(t->caps & XSMC_CAP_NOT_HYPERCALL_TARGET));
    } else {
        fprintf(out, "; no target");
    }
    fputc('\n', out);
}

/* One hook decision: its logic, SILO, the lattice predicates, the verdict. */
static void print_hook_step(FILE *out, const struct ask *q, const struct xsmc_decision *d,
                            uint32_t subop, const struct xsmc_domain *s, const struct xsmc_domain *t,
                            const char *sname, const char *line)
{
    const struct xsmc_hook_info *h = xsmc_hook_info(d->hook);
    fprintf(out, "     hook logic %s", xsmc_logic_name(h->logic));
    if (h->logic != XSMC_L_DEFAULT && h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS)
        fprintf(out, " reading sub-op %u", subop);
    fprintf(out, "; action %s\n", xsmc_action_name(d->action));
    if (d->silo)
        fprintf(out, "     SILO checked first (xen/xsm/silo.c)\n");
    if (lattice_step(d))
        print_predicates(out, q->env.profile, s, t, sname);
    else if (d->why == XSMC_WHY_SILO || d->why == XSMC_WHY_SILO_NO_REMOTE)
        fprintf(out, "     decided by SILO before the default policy is asked\n");
    else
        fprintf(out, "     decided by the hook's own logic, not the lattice\n");
    /* a refusal's line starts with its errno already: say it once */
    const char *rc = xsmc_rc_name(d->rc);
    size_t n = strlen(rc);
    if (strncmp(line, rc, n) == 0 && line[n] == ':' && line[n + 1] == ' ')
        line += n + 2;
    fprintf(out, "     -> %s %s: %s\n", d->allow ? "allow" : "deny", rc, line);
}

static void print_op_path(FILE *out, const struct ask *q)
{
    struct xsmc_op_result r;
    struct xsmc_parties p = parties_of(q);
    char line[768];
    ask_op(q, &r);
    fprintf(out, "path on %s under %s%s:\n", xsmc_arch_name(q->env.arch),
            xsmc_profile_name(q->env.profile), (q->env.options & XSMC_OPT_SILO) ? " with SILO" : "");
    if (r.decided_by == XSMC_GATE_ENTRY) {
        fprintf(out, "  0. hypercall table -> deny %s\n", xsmc_gate_line(&q->env, q->op, &r,
                XSMC_GATE_ENTRY, &p, line, sizeof(line)));
        fprintf(out, "  (the %u check(s) of %s are not reached)\n", q->op->ngates, q->op->name);
        return;
    }
    fprintf(out, "  0. hypercall table: %s reaches %s -> pass\n", q->sname, q->op->hypercall);
    for (unsigned i = 0; i < r.nrun; i++) {
        const struct xsmc_gate *g = &q->op->gates[i];
        const struct xsmc_gate_result *gr = &r.gates[i];
        fprintf(out, "  %u. %s (%s)", i + 1, xsmc_gate_kind_name(g->kind), g->xen);
        if (gr->pass == 2) {
            fprintf(out, ": does not run on this platform\n");
            continue;
        }
        fputc('\n', out);
        xsmc_gate_line(&q->env, q->op, &r, i, &p, line, sizeof(line));
        if (g->kind == XSMC_G_XSM || g->kind == XSMC_G_XSM_FILTER) {
            const struct xsmc_domain *s = g->pair == XSMC_PAIR_TARGET_OTHER ? p.tgt : p.src;
            const struct xsmc_domain *t = g->pair == XSMC_PAIR_CALLER_CALLER ? p.src
                                        : g->pair == XSMC_PAIR_CALLER_TARGET ? p.tgt : p.other;
            const struct xsmc_hook_info *h = xsmc_hook_info(g->hook);
            fprintf(out, "     xsm_%s (xen/include/xsm/dummy.h)\n", h->name);
            print_hook_step(out, q, &gr->xsm, g->subop, s, h->target == XSMC_T_NONE ? NULL : t,
                            g->pair == XSMC_PAIR_TARGET_OTHER ? q->tname : q->sname, line);
        } else {
            fprintf(out, "     -> %s\n", line);
        }
    }
    if (r.nrun < q->op->ngates)
        fprintf(out, "  (the remaining %u check(s) are not reached)\n", (unsigned)(q->op->ngates - r.nrun));
    fprintf(out, "  => %s %s\n", r.allow ? "allow" : r.filtered ? "filtered" : "deny",
            xsmc_rc_name(r.rc));
}

static int report_if_changed(FILE *out, int base, const struct ask *q, const char *what)
{
    int allow = ask(q);
    if (allow == base)
        return 0;
    fprintf(out, "  %s: %s\n", what, allow ? "allow" : "deny");
    return 1;
}

static void toggle_caps(FILE *out, int base, const struct ask *q, int on_target, int *changes)
{
    uint32_t defined = xsmc_profile_caps(q->env.profile);
    for (unsigned bit = 0; bit < XSMC_CAP_COUNT; bit++) {
        uint32_t cap = 1u << bit;
        if (!(defined & cap))
            continue;
        struct ask v = *q;
        v.env.kconfig = &v.kconfig;
        struct xsmc_domain *d = on_target ? &v.tgt : &v.src;
        /* Xen boots one hardware domain: a second is no change a user can make */
        if (cap == XSMC_CAP_HARDWARE && !(d->caps & cap) &&
            (q->hwdom_elsewhere || (v.has_tgt && q->tgt.domid != q->src.domid &&
                                    ((on_target ? q->src.caps : q->tgt.caps) & cap))))
            continue;
        d->caps ^= cap;
        if (!on_target && v.has_tgt && q->tgt.domid == q->src.domid)
            v.tgt.caps = v.src.caps; /* the same domain */
        char what[160];
        snprintf(what, sizeof(what), "if %s %s the %s capability", on_target ? q->tname : q->sname,
                 (d->caps & cap) ? "had" : "lacked", xsmc_cap_name(bit));
        *changes += report_if_changed(out, base, &v, what);
    }
}

/* On x86, each other guest type of the caller (and of a distinct target). */
static void toggle_guests(FILE *out, int base, const struct ask *q, int on_target, int *changes)
{
    if (q->env.arch != XSMC_ARCH_X86_64)
        return;
    const struct xsmc_domain *d = on_target ? &q->tgt : &q->src;
    for (unsigned g = XSMC_GUEST_PV; g < XSMC_GUEST_COUNT; g++) {
        if (g == XSMC_DOM_GUEST(d))
            continue;
        struct ask v = *q;
        v.env.kconfig = &v.kconfig;
        struct xsmc_domain *w = on_target ? &v.tgt : &v.src;
        w->flags = (w->flags & ~XSMC_DOMF_GUEST_MASK) | XSMC_DOMF_GUEST(g);
        if (!on_target && v.has_tgt && q->tgt.domid == q->src.domid)
            v.tgt.flags = v.src.flags;
        char what[160];
        const char *type = xsmc_guest_name((enum xsmc_guest)g);
        /* "an hvm guest", "a pv guest" */
        snprintf(what, sizeof(what), "if %s were %s %s guest", on_target ? q->tname : q->sname,
                 xsmc_article(type), type);
        *changes += report_if_changed(out, base, &v, what);
    }
}

/* Each Kconfig option the hypercall table or a gate of the operation reads, flipped. */
static void toggle_kconfig(FILE *out, int base, const struct ask *q, int *changes)
{
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(q->op->hypercall);
    int opts[XSMC_OP_MAX_GATES + 2], n = 0;
    if (hc && hc->kopt >= 0)
        opts[n++] = hc->kopt;
    for (unsigned i = 0; i < q->op->ngates; i++)
        if (q->op->gates[i].kind == XSMC_G_KCONFIG || q->op->gates[i].kind == XSMC_G_NOT_KCONFIG)
            opts[n++] = q->op->gates[i].kopt;
    opts[n++] = XSMC_K_VERBOSE_DEBUG;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= opts[j] == opts[i];
        if (seen || (opts[i] == XSMC_K_VERBOSE_DEBUG && !xsmc_op_checks_hook(q->op, XSMC_HOOK_console_io)) ||
            !xsmc_kopt_exists((unsigned)opts[i], q->env.arch))
            continue;
        struct ask v = *q;
        v.env.kconfig = &v.kconfig;
        v.kconfig.on[opts[i] / 64] ^= 1ull << (opts[i] % 64);
        char what[160];
        snprintf(what, sizeof(what), "if Xen were built with CONFIG_%s %s", xsmc_kopt_name((unsigned)opts[i]),
                 xsmc_kconfig_on(&v.kconfig, (unsigned)opts[i]) ? "on" : "off");
        *changes += report_if_changed(out, base, &v, what);
    }
}

static void print_alternatives(FILE *out, const struct ask *q, int base)
{
    int changes = 0;
    fprintf(out, "what would change the answer:\n");
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        if (p == (int)q->env.profile)
            continue;
        struct ask v = *q;
        v.env.kconfig = &v.kconfig;
        v.env.profile = (enum xsmc_profile)p;
        char why[768];
        int allow;
        if (q->op) {
            struct xsmc_op_result r;
            struct xsmc_parties pp = parties_of(&v);
            allow = ask_op(&v, &r);
            xsmc_op_reason(&v.env, v.op, &r, &pp, why, sizeof(why));
        } else {
            struct xsmc_decision d;
            allow = ask_hook(&v, &d);
            xsmc_reason_line3(&d, q->sname, q->tname, q->has_other ? q->oname : q->sname, why,
                              sizeof(why));
        }
        fprintf(out, "  under %s: %s%s (%s)\n", xsmc_profile_name(p), allow ? "allow" : "deny",
                allow != base ? "" : " as well", why);
        changes += allow != base;
    }
    /* SILO exists only in a build with CONFIG_XSM_SILO (not x86's defconfig) */
    if (xsmc_kconfig_on(&q->kconfig, XSMC_K_XSM_SILO)) {
        struct ask silo = *q;
        silo.env.kconfig = &silo.kconfig;
        silo.env.options ^= XSMC_OPT_SILO;
        changes += report_if_changed(out, base, &silo,
                                     (q->env.options & XSMC_OPT_SILO) ? "without SILO" : "with SILO");
    }
    toggle_caps(out, base, q, 0, &changes);
    int distinct = q->has_tgt && q->tgt.domid != q->src.domid;
    if (distinct) {
        toggle_caps(out, base, q, 1, &changes);
        struct ask v = *q;
        v.env.kconfig = &v.kconfig;
        int is_target = q->src.target == q->tgt.domid;
        v.src.target = is_target ? XSMC_DOMID_NONE : q->tgt.domid;
        char what[200];
        snprintf(what, sizeof(what), is_target ? "if %s were not the device model of %s"
                                               : "if %s were the device model of %s (set_target)",
                 q->sname, q->tname);
        changes += report_if_changed(out, base, &v, what);
    }
    if (q->op) {
        toggle_guests(out, base, q, 0, &changes);
        if (distinct)
            toggle_guests(out, base, q, 1, &changes);
        toggle_kconfig(out, base, q, &changes);
    }
    if (!changes)
        fprintf(out, "  nothing: no profile, capability, relation%s changes it\n",
                q->op ? ", guest type or build option" : "");
}

static void ask_init(struct ask *q, const struct xsmc_op_env *env, const struct xsmc_dom *src,
                     const struct xsmc_dom *tgt, const struct xsmc_dom *other)
{
    memset(q, 0, sizeof(*q));
    q->env = *env;
    if (env->kconfig)
        q->kconfig = *env->kconfig;
    else
        xsmc_kconfig_default(env->arch, &q->kconfig);
    q->env.kconfig = &q->kconfig;
    q->src = src->core;
    q->sname = src->name;
    if (tgt) {
        q->tgt = tgt->core;
        q->has_tgt = 1;
        q->tname = tgt->name;
    }
    if (other) {
        q->other = other->core;
        q->has_other = 1;
        q->oname = other->name;
    }
}

void xsmc_explain(FILE *out, const struct xsmc_op_env *env, const struct xsmc_system *sys,
                  const struct xsmc_op *op, const struct xsmc_dom *src, const struct xsmc_dom *tgt,
                  enum xsmc_target_form form, const struct xsmc_dom *other)
{
    struct ask q;
    ask_init(&q, env, src, tgt, other);
    for (size_t i = 0; sys && i < sys->ndoms; i++)
        if (&sys->doms[i] != src && &sys->doms[i] != tgt && (sys->doms[i].core.caps & XSMC_CAP_HARDWARE))
            q.hwdom_elsewhere = 1;
    q.op = op;
    q.form = form;
    if (form == XSMC_TF_DOMID_SELF) {
        q.has_tgt = 0;
        q.tname = "DOMID_SELF";
    }
    print_op_path(out, &q);
    print_alternatives(out, &q, ask(&q));
}

void xsmc_explain_hook(FILE *out, enum xsmc_profile profile, uint32_t options,
                       const struct xsmc_request *rq, const struct xsmc_dom *src,
                       const struct xsmc_dom *tgt)
{
    struct xsmc_op_env env = {XSMC_ARCH_DEFAULT, NULL, profile, options};
    struct ask q;
    ask_init(&q, &env, src, tgt, NULL);
    q.rq = *rq;
    struct xsmc_decision d;
    char line[512];
    int base = ask_hook(&q, &d);
    const struct xsmc_hook_info *h = xsmc_hook_info(rq->hook);
    fprintf(out, "path under %s%s (XSM hook only):\n", xsmc_profile_name(profile),
            (options & XSMC_OPT_SILO) ? " with SILO" : "");
    fprintf(out, "  1. xsm_%s (xen/include/xsm/dummy.h, called from %s)\n", h->name, h->xen_caller);
    const struct xsmc_domain *t = h->target == XSMC_T_NONE ? NULL
                                : h->target == XSMC_T_SELF ? &q.src : q.has_tgt ? &q.tgt : NULL;
    xsmc_reason_line(&d, q.sname, t == &q.src ? q.sname : q.tname, line, sizeof(line));
    print_hook_step(out, &q, &d, rq->subop, &q.src, t, q.sname, line);
    print_alternatives(out, &q, base);
}
