/*
 * The reference model (see ref_policy.h).  Written as plainly as possible:
 * one predicate per term of the closed forms, hooks with their own logic
 * recognised by name, so that a mistake in the engine's tables, role
 * classes or hook logic cannot be repeated here by construction.
 */
#include <stdio.h>
#include <string.h>

#include "ref_policy.h"

enum { UPSTREAM = 0, HWPRIV = 1, HWPRIV_DM = 2, HWPRIV_V2 = 3, PROFILES = 4 };
enum { HOOK = 0, DM_PRIV = 1, TARGET = 2, PRIV = 3, XS_PRIV = 4, HW_PRIV = 5 };

/* xen/include/public/bootfdt.h DOMAIN_CAPS_* (+ proposed bits 3 and 4) */
#define CTL 0x1u
#define HW  0x2u
#define XS  0x4u
#define DMC 0x8u
#define NTC 0x10u

/* Bits each profile defines; a domain with any other bit never boots. */
static uint32_t defined_caps(unsigned profile)
{
    static const uint32_t caps[PROFILES] = {CTL | HW | XS, CTL | HW | XS, CTL | HW | XS | DMC,
                                            CTL | HW | XS | DMC | NTC};
    return caps[profile];
}

static int undefined(unsigned profile, const struct xsmc_domain *d)
{
    return d && (d->caps & ~defined_caps(profile));
}

/* is_control_domain(): d->is_privileged, which the idle domain has during boot. */
static int C(const struct xsmc_domain *d) { return (d->caps & CTL) || (d->flags & XSMC_DOMF_IDLE_BOOT); }
static int H(const struct xsmc_domain *d) { return (d->caps & HW) != 0; }
static int X(const struct xsmc_domain *d) { return (d->caps & XS) != 0; }
static int DM(const struct xsmc_domain *d) { return (d->caps & DMC) != 0; }
static int NT(const struct xsmc_domain *t) { return t && (t->caps & NTC); }
static int SELF(const struct xsmc_domain *s, const struct xsmc_domain *t) { return t && s->domid == t->domid; }
static int T(const struct xsmc_domain *s, const struct xsmc_domain *t)
{
    return t && s->target != XSMC_DOMID_NONE && s->target == t->domid;
}

/* xsm-truth-tables.md "Closed forms", one column per profile. */
enum ref_verdict ref_lattice(unsigned profile, unsigned action, const struct xsmc_domain *s,
                             const struct xsmc_domain *t)
{
    if (profile >= PROFILES || action > HW_PRIV || !s)
        return REF_BAD;
    if (undefined(profile, s) || undefined(profile, t))
        return REF_DENY; /* such a domain cannot exist under this profile */
    if (action == HOOK)
        return REF_ALLOW;
    int self = SELF(s, t), tg = T(s, t), c = C(s), h = H(s), x = X(s), dm = DM(s), nt = NT(t);
    int ok = 0;
    switch (profile) {
    case UPSTREAM:
        ok = action == TARGET ? self || tg || c : action == XS_PRIV ? x || tg || c
           : action == DM_PRIV ? tg || c : action == PRIV ? c : 0 /* HW_PRIV is n/a */;
        break;
    case HWPRIV:
        ok = action == TARGET ? self || tg || c : action == XS_PRIV ? x || tg || c
           : action == DM_PRIV ? tg || c || h : action == PRIV ? c : h;
        break;
    case HWPRIV_DM:
        ok = action == TARGET ? self || dm || tg || c : action == XS_PRIV ? x || dm || tg || c
           : action == DM_PRIV ? dm || tg || c : action == PRIV ? c : h || c;
        break;
    default: /* HWPRIV_V2 */
        ok = action == TARGET ? self || (!nt && (dm || tg || c))
           : action == XS_PRIV ? x || c || (!nt && (dm || tg))
           : action == DM_PRIV ? !nt && (dm || tg || c) : action == PRIV ? !nt && c : h;
        break;
    }
    return ok ? REF_ALLOW : REF_DENY;
}

static int is(const struct xsmc_hook_info *h, const char *name) { return strcmp(h->name, name) == 0; }

/* reference/xsm-policy-versions.md section 9: the hooks xen/xsm/silo.c overrides. */
static int silo_overrides(const struct xsmc_hook_info *h)
{
    static const char *const names[] = {"evtchn_unbound", "evtchn_interdomain", "grant_mapref",
                                        "grant_transfer", "grant_copy",
                                        "argo_register_single_source", "argo_send"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (is(h, names[i]))
            return 1;
    return 0;
}

/* silo_mode_dom_check: any of current, ldom, rdom may bridge, or ldom == rdom. */
static int silo_passes(unsigned profile, const struct xsmc_domain *cur,
                       const struct xsmc_domain *l, const struct xsmc_domain *r)
{
    const struct xsmc_domain *who[3] = {cur, l, r};
    for (int i = 0; i < 3; i++) {
        const struct xsmc_domain *d = who[i];
        int bridge = profile == HWPRIV_DM   ? C(d) || H(d) || X(d)
                   : profile == HWPRIV_V2 ? H(d) || X(d)
                                          : C(d);
        if (bridge)
            return 1;
    }
    return l->domid == r->domid;
}

static int decides_nothing(const struct xsmc_hook_info *h)
{
    for (unsigned p = 0; p < PROFILES; p++)
        if (h->action[p] != XSMC_ACT_NONE)
            return 0;
    return !is(h, "do_xsm_op") && !is(h, "do_compat_op");
}

static enum ref_verdict v(int allow) { return allow ? REF_ALLOW : REF_DENY; }

/* The logic of the dummy.h functions that are more than one default action. */
static enum ref_verdict hook_logic(unsigned p, uint32_t opt, const struct xsmc_request *q,
                                   const struct xsmc_hook_info *h, const struct xsmc_domain *t)
{
    const struct xsmc_domain *s = q->src;
    uint32_t op = q->subop;
    if (is(h, "set_system_active"))
        return v(s->domid == XSMC_DOMID_IDLE && (s->flags & XSMC_DOMF_IDLE_BOOT));
    if (is(h, "do_xsm_op") || is(h, "do_compat_op"))
        return REF_DENY; /* -ENOSYS */
    if (decides_nothing(h))
        return REF_ALLOW;
    if (is(h, "console_io")) {
        if ((s->flags & XSMC_DOMF_CONSOLE) || ((opt & XSMC_OPT_VERBOSE_DEBUG) && op == 0))
            return REF_ALLOW;
        return ref_lattice(p, p == UPSTREAM ? PRIV : HW_PRIV, s, NULL);
    }
    if (is(h, "xen_version")) {
        if (op == 0 || op == 5 || op == 6)
            return REF_ALLOW;
        return ref_lattice(p, (op >= 1 && op <= 8) || (op >= 11 && op <= 13) ? HOOK : PRIV, s, NULL);
    }
    if (is(h, "pmu_op"))
        return ref_lattice(p, op >= 4 && op <= 7 ? HOOK : PRIV, s, s);
    if (is(h, "hvm_altp2mhvm_op")) {
        if (op == 1 || (op == 3 && q->subop2 == 3))
            return ref_lattice(p, TARGET, s, t);
        return op == 2 || op == 3 ? ref_lattice(p, DM_PRIV, s, t) : REF_DENY;
    }
    if (is(h, "domctl")) {
        static const uint32_t own_hook[] = {5, 19, 20, 21, 38, 39, 40, 46, 48, 50, 88, 90};
        for (size_t i = 0; i < sizeof(own_hook) / sizeof(own_hook[0]); i++)
            if (op == own_hook[i])
                return REF_DENY; /* -EILSEQ */
        return ref_lattice(p, PRIV, s, t);
    }
    if (is(h, "sysctl")) {
        int hw_priv = p == HWPRIV_DM && (op == 1 || (op == 3 && H(s)));
        return ref_lattice(p, hw_priv ? HW_PRIV : PRIV, s, NULL);
    }
    if (is(h, "hvm_param")) /* TARGET; v2 07/17: control may always HVMOP_get_param */
        return p == HWPRIV_V2 && op == 1 && C(s) ? REF_ALLOW : ref_lattice(p, TARGET, s, t);
    if (is(h, "mmu_update")) {
        if (ref_lattice(p, TARGET, s, t) != REF_ALLOW)
            return REF_DENY;
        return q->other ? ref_lattice(p, TARGET, s, q->other) : REF_ALLOW;
    }
    unsigned action = h->action[p];
    return action <= HW_PRIV ? ref_lattice(p, action, s, t) : REF_DENY;
}

enum ref_verdict ref_decide(unsigned p, uint32_t opt, const struct xsmc_request *q)
{
    if (p >= PROFILES || (opt & ~(uint32_t)XSMC_OPT_ALL) || !q || !q->src ||
        q->hook >= XSMC_HOOK_COUNT)
        return REF_BAD;
    const struct xsmc_domain *all[3] = {q->src, q->target, q->other};
    for (int i = 0; i < 3; i++)
        if (all[i] && (all[i]->caps & ~(CTL | HW | XS | DMC | NTC)))
            return REF_BAD;
    const struct xsmc_hook_info *h = xsmc_hook_info(q->hook);
    const struct xsmc_domain *t = NULL;
    if (h->target == XSMC_T_DOMAIN) {
        t = q->target;
        if (!t && !is(h, "domctl") && !decides_nothing(h) && !is(h, "do_xsm_op") &&
            !is(h, "do_compat_op"))
            return REF_BAD;
    } else if (h->target == XSMC_T_SELF) {
        t = q->src;
    }
    if (undefined(p, q->src) || undefined(p, t) || undefined(p, q->other))
        return REF_DENY;
    if ((opt & XSMC_OPT_SILO) && silo_overrides(h)) {
        const struct xsmc_domain *l = q->src, *r = t;
        if (is(h, "evtchn_unbound")) {
            l = t;
            r = q->other;
            if (!r)
                return REF_DENY; /* -ESRCH */
        }
        if (!l || !r)
            return REF_BAD;
        if (!silo_passes(p, q->src, l, r))
            return REF_DENY;
    }
    return hook_logic(p, opt, q, h, t);
}

int ref_compare(unsigned profile, uint32_t options, const struct xsmc_request *req,
                char *msg, size_t msglen)
{
    enum ref_verdict want = ref_decide(profile, options, req);
    struct xsmc_decision d;
    memset(&d, 0xa5, sizeof(d));
    int status = xsmc_decide((enum xsmc_profile)profile, options, req, &d);
    int fast = xsmc_allowed((enum xsmc_profile)profile, options, req);
    int agree = want == REF_BAD ? status != 0 && d.allow == 0 && fast == 0
                                : status == 0 && d.allow == (want == REF_ALLOW) &&
                                      fast == (want == REF_ALLOW);
    if (agree)
        return 0;
    const struct xsmc_domain none = {0, 0, 0, 0};
    const struct xsmc_domain *s = req && req->src ? req->src : &none;
    const struct xsmc_domain *t = req && req->target ? req->target : &none;
    const struct xsmc_domain *o = req && req->other ? req->other : &none;
    snprintf(msg, msglen,
             "profile %u opt %#x hook %u (%s) subop %u/%u src{id %u tgt %u caps %#x fl %#x} "
             "target%s{id %u tgt %u caps %#x fl %#x} other%s{id %u caps %#x}: reference %s, "
             "xsmc_decide status %d allow %u, xsmc_allowed %d",
             profile, options, req ? req->hook : 0u,
             req && xsmc_hook_info(req->hook) ? xsmc_hook_info(req->hook)->name : "?",
             req ? req->subop : 0u, req ? req->subop2 : 0u, s->domid, s->target, s->caps,
             s->flags, req && req->target ? "" : "(null)", t->domid, t->target, t->caps,
             t->flags, req && req->other ? "" : "(null)", o->domid, o->caps,
             want == REF_BAD ? "bad" : want == REF_ALLOW ? "allow" : "deny", status, d.allow,
             fast);
    return 1;
}
