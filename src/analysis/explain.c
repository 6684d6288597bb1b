/*
 * query --explain: the path a decision took (each hook, its logic, the
 * lattice predicates and their values) and what would change it, found by
 * deciding again under every profile and with each fact toggled.
 */
#include <stdio.h>
#include <string.h>

#include "xsmcap/analysis.h"
#include "xsmcap/explain.h"

struct ask {
    enum xsmc_profile profile;
    uint32_t options;
    const struct xsmc_aop *aop;
    struct xsmc_domain src, tgt, other;
    int has_tgt, has_other;
};

static int ask_allow(const struct ask *q, struct xsmc_decision dec[XSMC_OP_MAX_HOOKS],
                     unsigned *done)
{
    return xsmc_aop_decide(q->profile, q->options, q->aop, &q->src,
                           q->has_tgt ? &q->tgt : NULL, q->has_other ? &q->other : NULL,
                           dec, done) == 1;
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
static void print_predicates(FILE *out, const struct ask *q, const struct xsmc_domain *t,
                             const char *sname)
{
    const struct xsmc_domain *s = &q->src;
    uint32_t c = (s->caps & XSMC_CAP_CONTROL) | (s->flags & XSMC_DOMF_IDLE_BOOT);
    fprintf(out, "     predicates: %s is control %s, hardware %s, xenstore %s", sname, yn(c),
            yn(s->caps & XSMC_CAP_HARDWARE), yn(s->caps & XSMC_CAP_XENSTORE));
    if (q->profile == XSMC_PROFILE_HWPRIV_DM || q->profile == XSMC_PROFILE_HWPRIV_V2)
        fprintf(out, ", device_model %s", yn(s->caps & XSMC_CAP_DEVICE_MODEL));
    if (t) {
        fprintf(out, "; target is itself %s, is its set_target domain %s", yn(t->domid == s->domid ? 1u : 0u),
                yn(s->target != XSMC_DOMID_NONE && s->target == t->domid ? 1u : 0u));
        if (q->profile == XSMC_PROFILE_HWPRIV_V2)
            fprintf(out, ", is not_hypercall_target %s", yn(t->caps & XSMC_CAP_NOT_HYPERCALL_TARGET));
    } else {
        fprintf(out, "; no target");
    }
    fputc('\n', out);
}

static void print_path(FILE *out, const struct ask *q, const char *sname, const char *tname)
{
    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
    unsigned done;
    char why[512];
    ask_allow(q, dec, &done);
    fprintf(out, "path under %s%s:\n", xsmc_profile_name(q->profile),
            (q->options & XSMC_OPT_SILO) ? " with SILO" : "");
    for (unsigned i = 0; i < done; i++) {
        const struct xsmc_op_step *st = &q->aop->steps[i];
        const struct xsmc_hook_info *h = xsmc_hook_info(st->hook);
        const struct xsmc_domain *t = h->target == XSMC_T_NONE ? NULL
                                      : h->target == XSMC_T_SELF ? &q->src
                                      : q->has_tgt ? &q->tgt : NULL;
        fprintf(out, "  %u. xsm_%s (xen/include/xsm/dummy.h, called from %s)\n", i + 1, h->name,
                h->xen_caller);
        fprintf(out, "     hook logic %s", xsmc_logic_name(h->logic));
        if (h->logic != XSMC_L_DEFAULT && h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS)
            fprintf(out, " reading sub-op %u", st->subop);
        fprintf(out, "; action %s\n", xsmc_action_name(dec[i].action));
        if (dec[i].silo)
            fprintf(out, "     SILO checked first (xen/xsm/silo.c)\n");
        if (lattice_step(&dec[i]))
            print_predicates(out, q, t, sname);
        else if (dec[i].why == XSMC_WHY_SILO || dec[i].why == XSMC_WHY_SILO_NO_REMOTE)
            fprintf(out, "     decided by SILO before the default policy is asked\n");
        else
            fprintf(out, "     decided by the hook's own logic, not the lattice\n");
        fprintf(out, "     -> %s %s: %s\n", dec[i].allow ? "allow" : "deny", xsmc_rc_name(dec[i].rc),
                xsmc_reason_line(&dec[i], sname, t == &q->src ? sname : tname, why, sizeof(why)));
    }
    if (done < q->aop->nsteps)
        fprintf(out, "  (the remaining %u check(s) are not reached)\n", q->aop->nsteps - done);
}

static int report_if_changed(FILE *out, int base, const struct ask *q, const char *what)
{
    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
    unsigned done;
    int allow = ask_allow(q, dec, &done);
    if (allow == base)
        return 0;
    fprintf(out, "  %s: %s\n", what, allow ? "allow" : "deny");
    return 1;
}

static void toggle_caps(FILE *out, int base, const struct ask *q, int on_target,
                        const char *name, int *changes)
{
    uint32_t defined = xsmc_profile_caps(q->profile);
    for (unsigned bit = 0; bit < XSMC_CAP_COUNT; bit++) {
        uint32_t cap = 1u << bit;
        if (!(defined & cap))
            continue;
        struct ask v = *q;
        struct xsmc_domain *d = on_target ? &v.tgt : &v.src;
        d->caps ^= cap;
        if (!on_target && v.has_tgt && q->tgt.domid == q->src.domid)
            v.tgt.caps = v.src.caps; /* the same domain */
        char what[160];
        snprintf(what, sizeof(what), "if %s %s the %s capability", name,
                 (d->caps & cap) ? "had" : "lacked", xsmc_cap_name(bit));
        *changes += report_if_changed(out, base, &v, what);
    }
}

static void print_alternatives(FILE *out, const struct ask *q, int base, const char *sname,
                               const char *tname)
{
    int changes = 0;
    fprintf(out, "what would change the answer:\n");
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        if (p == (int)q->profile)
            continue;
        struct ask v = *q;
        v.profile = (enum xsmc_profile)p;
        struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
        unsigned done;
        char why[512];
        int allow = ask_allow(&v, dec, &done);
        const struct xsmc_decision *key = xsmc_aop_decisive(dec, done);
        fprintf(out, "  under %s: %s%s (%s)\n", xsmc_profile_name(p), allow ? "allow" : "deny",
                allow != base ? "" : " as well",
                key ? xsmc_reason_line(key, sname, tname, why, sizeof(why)) : "no check");
        changes += allow != base;
    }
    struct ask silo = *q;
    silo.options ^= XSMC_OPT_SILO;
    changes += report_if_changed(out, base, &silo, (q->options & XSMC_OPT_SILO) ? "without SILO"
                                                                               : "with SILO");
    toggle_caps(out, base, q, 0, sname, &changes);
    int distinct = q->has_tgt && q->tgt.domid != q->src.domid;
    if (distinct) {
        toggle_caps(out, base, q, 1, tname, &changes);
        struct ask v = *q;
        int is_target = q->src.target == q->tgt.domid;
        v.src.target = is_target ? XSMC_DOMID_NONE : q->tgt.domid;
        char what[200];
        snprintf(what, sizeof(what), is_target ? "if %s were not the device model of %s"
                                               : "if %s were the device model of %s (set_target)",
                 sname, tname);
        changes += report_if_changed(out, base, &v, what);
    }
    if (!changes)
        fprintf(out, "  nothing: no profile, capability or relation changes it\n");
}

void xsmc_explain(FILE *out, enum xsmc_profile profile, uint32_t options,
                  const struct xsmc_aop *aop, const struct xsmc_dom *src,
                  const struct xsmc_dom *tgt, const struct xsmc_dom *other)
{
    struct ask q = {.profile = profile, .options = options, .aop = aop, .src = src->core};
    if (tgt) {
        q.tgt = tgt->core;
        q.has_tgt = 1;
    }
    if (other) {
        q.other = other->core;
        q.has_other = 1;
    }
    const char *tname = tgt ? tgt->name : NULL;
    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS];
    unsigned done;
    int base = ask_allow(&q, dec, &done);
    print_path(out, &q, src->name, tname);
    print_alternatives(out, &q, base, src->name, tname);
}
