/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference model (see ref_policy.h).  Written as plainly as possible:
 * one predicate per term of the closed forms; each hook's action, target
 * and SILO override read from reference/xsm-hooks.csv (ref_catalogue.c);
 * the hooks with their own logic written from Xen's dummy.h text and the
 * CSV's descriptions of the proposals.  Nothing here reads the engine's
 * catalogue but a hook's name, the key the CSV is looked up by.
 */
#include <stdio.h>
#include <string.h>

#include "ref_catalogue.h"
#include "ref_policy.h"

enum { HOOK = REF_A_HOOK, DM_PRIV = REF_A_DM_PRIV, TARGET = REF_A_TARGET, PRIV = REF_A_PRIV,
       XS_PRIV = REF_A_XS_PRIV, HW_PRIV = REF_A_HW_PRIV };
enum { UPSTREAM = REF_UPSTREAM, HWPRIV = REF_HWPRIV, HWPRIV_DM = REF_HWPRIV_DM,
       HWPRIV_V2 = REF_HWPRIV_V2, PROFILES = REF_PROFILES };

/* xen/include/public/bootfdt.h DOMAIN_CAPS_* (+ proposed bits 3 and 4) */
#define CTL 0x1u
#define HW  0x2u
#define XS  0x4u
#define DMC 0x8u
#define NTC 0x10u

/* xen/include/public/xen.h */
#define DOMID_IDLE 0x7FFFu

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

/* silo_mode_dom_check: any of current, ldom, rdom may bridge, or ldom == rdom. */
static int silo_passes(unsigned profile, const struct xsmc_domain *cur,
                       const struct xsmc_domain *l, const struct xsmc_domain *r)
{
    /* xsm-policy-versions.md section 9: who may bridge, per version */
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

/* What one dummy.h function is asked: the request and what the CSV says of the hook. */
struct call {
    unsigned p;
    uint32_t opt;
    const struct xsmc_request *q;
    const struct xsmc_domain *t; /* the target Xen passes, by target_domain_arg */
    unsigned action;             /* the hook's CSV action under p */
};

static enum ref_verdict v(int allow) { return allow ? REF_ALLOW : REF_DENY; }

/*
 * dummy.h:xsm_set_system_active: ASSERT(d->is_privileged), then -EPERM
 * unless d is the idle domain.  The idle domain is privileged only until
 * this hook runs, so a caller that breaks the ASSERT is refused.
 */
static enum ref_verdict set_system_active(const struct call *c)
{
    const struct xsmc_domain *s = c->q->src;
    return v(s->domid == DOMID_IDLE && (s->flags & XSMC_DOMF_IDLE_BOOT));
}

/*
 * dummy.h:xsm_console_io: is_console passes; with CONFIG_VERBOSE_DEBUG
 * CONSOLEIO_write (0) passes; else PRIV against NULL.  The proposals' cells:
 * "final fallback HW_PRIV instead of PRIV" (15/23, June 1/4; v2 "HW_PRIV
 * exclusive").
 */
static enum ref_verdict console_io(const struct call *c)
{
    const struct xsmc_domain *d = c->q->src;
    if (d->flags & XSMC_DOMF_CONSOLE)
        return REF_ALLOW;
    if ((c->opt & XSMC_OPT_VERBOSE_DEBUG) && c->q->subop == 0)
        return REF_ALLOW;
    return ref_lattice(c->p, c->p == UPSTREAM ? PRIV : HW_PRIV, d, NULL);
}

/* dummy.h:xsm_xen_version, XENVER_* of xen/include/public/version.h */
static enum ref_verdict xen_version(const struct call *c)
{
    static const uint32_t no_check[] = {0 /* version */, 5 /* platform_parameters */,
                                        6 /* get_features */};
    static const uint32_t any_guest[] = {1 /* extraversion */, 11 /* extraversion2 */,
                                         2 /* compile_info */, 3 /* capabilities */,
                                         12 /* capabilities2 */, 4 /* changeset */,
                                         13 /* changeset2 */, 7 /* pagesize */,
                                         8 /* guest_handle */};
    for (size_t i = 0; i < sizeof(no_check) / sizeof(no_check[0]); i++)
        if (c->q->subop == no_check[i])
            return REF_ALLOW;
    for (size_t i = 0; i < sizeof(any_guest) / sizeof(any_guest[0]); i++)
        if (c->q->subop == any_guest[i])
            return ref_lattice(c->p, HOOK, c->q->src, NULL);
    return ref_lattice(c->p, PRIV, c->q->src, NULL);
}

/* dummy.h:xsm_pmu_op (d, current): XENPMU_init 4, finish 5, lvtpc_set 6, flush 7 are HOOK */
static enum ref_verdict pmu_op(const struct call *c)
{
    uint32_t op = c->q->subop;
    return ref_lattice(c->p, op >= 4 && op <= 7 ? HOOK : PRIV, c->q->src, c->t);
}

/*
 * dummy.h:xsm_hvm_altp2mhvm_op (mode, op): XEN_ALTP2M_mixed 1 TARGET,
 * external 2 DM_PRIV, limited 3 TARGET for HVMOP_altp2m_vcpu_enable_notify
 * (3) else DM_PRIV; any other mode -EPERM.
 */
static enum ref_verdict altp2m(const struct call *c)
{
    uint32_t mode = c->q->subop, op = c->q->subop2;
    if (mode == 1 || (mode == 3 && op == 3))
        return ref_lattice(c->p, TARGET, c->q->src, c->t);
    if (mode == 2 || mode == 3)
        return ref_lattice(c->p, DM_PRIV, c->q->src, c->t);
    return REF_DENY;
}

/*
 * dummy.h:xsm_domctl: the commands handled before it by their own hooks hit
 * ASSERT_UNREACHABLE and return -EILSEQ (XEN_DOMCTL_* of public/domctl.h);
 * every other command is the CSV's action (PRIV) against d.
 */
static enum ref_verdict domctl(const struct call *c)
{
    static const uint32_t own_hook[] = {
        38 /* bind_pt_irq */,  5 /* getdomaininfo */,     50 /* get_device_group */,
        90 /* get_domain_state */, 88 /* gsi_permission */, 20 /* iomem_permission */,
        40 /* ioport_mapping */, 21 /* ioport_permission */, 19 /* irq_permission */,
        39 /* memory_mapping */, 46 /* set_target */,     48 /* unbind_pt_irq */};
    for (size_t i = 0; i < sizeof(own_hook) / sizeof(own_hook[0]); i++)
        if (c->q->subop == own_hook[i])
            return REF_DENY;
    return ref_lattice(c->p, c->action, c->q->src, c->t);
}

/*
 * June 4/4 (the June cell of xsm_sysctl): readconsole (XEN_SYSCTL 1)
 * HW_PRIV; physinfo (3) HW_PRIV if the caller is the hwdom, else PRIV;
 * every other command PRIV.
 */
static enum ref_verdict sysctl(const struct call *c)
{
    const struct xsmc_domain *s = c->q->src;
    int hw_priv = c->q->subop == 1 || (c->q->subop == 3 && H(s));
    return ref_lattice(c->p, hw_priv ? HW_PRIV : PRIV, s, NULL);
}

/* v2 07/17 (notes of xsm_hvm_param): control may always HVMOP_get_param (1); else TARGET. */
static enum ref_verdict hvm_param(const struct call *c)
{
    if (c->q->subop == 1 && C(c->q->src))
        return REF_ALLOW;
    return ref_lattice(c->p, TARGET, c->q->src, c->t);
}

/*
 * dummy.h:xsm_mmu_update (d, t, f): the action against f, the page owner
 * (the request's target), then against t, the page-table owner (the
 * request's other domain), when there is one.  f == dom_io is not a request
 * the engine takes.
 */
static enum ref_verdict mmu_update(const struct call *c)
{
    enum ref_verdict first = ref_lattice(c->p, c->action, c->q->src, c->t);
    if (first != REF_ALLOW || !c->q->other)
        return first;
    return ref_lattice(c->p, c->action, c->q->src, c->q->other);
}

/* Hooks whose CSV cell is OTHER, a qualified label or SPECIAL (no default action). */
static const struct {
    const char *name;
    enum ref_verdict (*logic)(const struct call *);
} own_logic[] = {
    {"set_system_active", set_system_active},
    {"console_io", console_io},
    {"xen_version", xen_version},
    {"pmu_op", pmu_op},
    {"hvm_altp2mhvm_op", altp2m},
    {"domctl", domctl},
    {"sysctl", sysctl},
    {"hvm_param", hvm_param},
    {"mmu_update", mmu_update},
};

/* The catalogue row of each engine hook number, and its own logic if any. */
static const struct ref_hook *row_of[XSMC_HOOK_COUNT];
static enum ref_verdict (*logic_of[XSMC_HOOK_COUNT])(const struct call *);

static int needs_own_logic(const struct ref_hook *h)
{
    for (unsigned p = 0; p < PROFILES; p++)
        if (h->action[p] == REF_A_OTHER)
            return 1;
    return h->own_logic;
}

int ref_policy_load(const char *csv_path, char *err, size_t errlen)
{
    memset(row_of, 0, sizeof(row_of));
    if (ref_catalogue_load(csv_path, err, errlen))
        return -1;
    if (ref_catalogue_count() != XSMC_HOOK_COUNT) {
        snprintf(err, errlen, "%s: %zu hooks, the engine has %d", csv_path,
                 ref_catalogue_count(), (int)XSMC_HOOK_COUNT);
        return -1;
    }
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        const char *name = xsmc_hook_info(i)->name;
        const struct ref_hook *h = ref_catalogue_find(name);
        if (!h) {
            snprintf(err, errlen, "%s: no row for the engine's hook %s", csv_path, name);
            memset(row_of, 0, sizeof(row_of));
            return -1;
        }
        row_of[i] = h;
        logic_of[i] = NULL;
        for (size_t k = 0; k < sizeof(own_logic) / sizeof(own_logic[0]); k++)
            if (strcmp(own_logic[k].name, name) == 0)
                logic_of[i] = own_logic[k].logic;
        if (needs_own_logic(h) != (logic_of[i] != NULL)) {
            snprintf(err, errlen, "%s: hook %s %s", csv_path, name,
                     logic_of[i] ? "has own logic here but a plain label in the CSV"
                                 : "has own logic in the CSV that the reference does not model");
            memset(row_of, 0, sizeof(row_of));
            return -1;
        }
    }
    return 0;
}

const struct ref_hook *ref_policy_row(uint32_t hook)
{
    return hook < XSMC_HOOK_COUNT ? row_of[hook] : NULL;
}

enum ref_verdict ref_decide(unsigned p, uint32_t opt, const struct xsmc_request *q)
{
    if (p >= PROFILES || (opt & ~(uint32_t)XSMC_OPT_ALL) || !q || !q->src ||
        q->hook >= XSMC_HOOK_COUNT || !row_of[q->hook])
        return REF_BAD;
    const struct xsmc_domain *all[3] = {q->src, q->target, q->other};
    for (int i = 0; i < 3; i++)
        if (all[i] && (all[i]->caps & ~(CTL | HW | XS | DMC | NTC)))
            return REF_BAD;
    const struct ref_hook *h = row_of[q->hook];
    unsigned action = h->action[p];
    const struct xsmc_domain *t = NULL;
    if (h->target == REF_T_DOMAIN) {
        t = q->target;
        /* the API wants the domain argument unless Xen may pass NULL or nothing is decided */
        if (!t && !h->target_may_be_null && action != REF_A_NOTHING && action != REF_A_ENOSYS)
            return REF_BAD;
    } else if (h->target == REF_T_SELF) {
        t = q->src;
    }
    if (undefined(p, q->src) || undefined(p, t) || undefined(p, q->other))
        return REF_DENY;
    if ((opt & XSMC_OPT_SILO) && h->silo) {
        /* silo.c: (d1, d2); evtchn_unbound checks (port owner, remote domain), -ESRCH without one */
        const struct xsmc_domain *l = q->src, *r = t;
        if (strcmp(h->name, "evtchn_unbound") == 0) {
            l = t;
            r = q->other;
            if (!r)
                return REF_DENY;
        }
        if (!l || !r)
            return REF_BAD;
        if (!silo_passes(p, q->src, l, r))
            return REF_DENY;
    }
    if (action == REF_A_NOTHING)
        return REF_ALLOW;
    if (action == REF_A_ENOSYS)
        return REF_DENY;
    struct call c = {p, opt, q, t, action};
    if (logic_of[q->hook] && (action == REF_A_OTHER || h->own_logic))
        return logic_of[q->hook](&c);
    return action <= HW_PRIV ? ref_lattice(p, action, q->src, t) : REF_BAD;
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
             req && ref_policy_row(req->hook) ? ref_policy_row(req->hook)->name : "?",
             req ? req->subop : 0u, req ? req->subop2 : 0u, s->domid, s->target, s->caps,
             s->flags, req && req->target ? "" : "(null)", t->domid, t->target, t->caps,
             t->flags, req && req->other ? "" : "(null)", o->domid, o->caps,
             want == REF_BAD ? "bad" : want == REF_ALLOW ? "allow" : "deny", status, d.allow,
             fast);
    return 1;
}
