/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision lattice, written as Xen writes it: a switch over the action
 * with fall-through, one variant per profile, each step naming why it
 * passes or fails.  This is the specification: tools/gen_lattice_table.c
 * evaluates it into the tables xsmc_lattice() and xsmc_lattice_allowed()
 * look up (decision and reason), and the tests compare them with it.  It is
 * built into the generator and the tests, not into the library.
 *
 * Models xen/include/xsm/dummy.h:xsm_default_action at the reference
 * snapshot and as each proposal patches it (see docs/policy-versions.md).
 */
#include "xsmcap/policy.h"
#include "lattice_internal.h"

static int pass(struct xsmc_decision *out, enum xsmc_action action, enum xsmc_why why)
{
    out->allow = 1;
    out->rc = 0;
    out->action = (uint8_t)action;
    out->why = (uint8_t)why;
    return 0;
}

static int fail(struct xsmc_decision *out, enum xsmc_action action, enum xsmc_why why)
{
    out->allow = 0;
    out->rc = -XSMC_XEN_EPERM;
    out->action = (uint8_t)action;
    out->why = (uint8_t)why;
    return 0;
}

/* The predicates Xen's lattice tests, computed once. */
struct preds {
    bool c, idle, h, x, dm; /* of src */
    bool self, t, nt;       /* of the (src, target) pair */
};

static struct preds preds_of(const struct xsmc_domain *s, const struct xsmc_domain *t)
{
    struct preds p;
    p.idle = (s->flags & XSMC_DOMF_IDLE_BOOT) != 0;
    p.c = (s->caps & XSMC_CAP_CONTROL) || p.idle;
    p.h = (s->caps & XSMC_CAP_HARDWARE) != 0;
    p.x = (s->caps & XSMC_CAP_XENSTORE) != 0;
    p.dm = (s->caps & XSMC_CAP_DEVICE_MODEL) != 0;
    p.self = t && t->domid == s->domid;
    p.t = t && s->target != XSMC_DOMID_NONE && s->target == t->domid;
    p.nt = t && (t->caps & XSMC_CAP_NOT_HYPERCALL_TARGET);
    return p;
}

static enum xsmc_why control_why(const struct preds *p)
{
    return p->idle ? XSMC_WHY_IDLE_BOOT : XSMC_WHY_CONTROL;
}

/* Xen HEAD: TARGET -> XS_PRIV -> DM_PRIV -> PRIV, no HW_PRIV. */
static int upstream(enum xsmc_action a, const struct preds *p, struct xsmc_decision *out)
{
    switch (a) {
    case XSMC_ACT_HOOK:
        return pass(out, a, XSMC_WHY_HOOK);
    case XSMC_ACT_TARGET:
        if (p->self)
            return pass(out, a, XSMC_WHY_SELF);
        /* fall through */
    case XSMC_ACT_XS_PRIV:
        if (a == XSMC_ACT_XS_PRIV && p->x)
            return pass(out, a, XSMC_WHY_XENSTORE);
        /* fall through */
    case XSMC_ACT_DM_PRIV:
        if (p->t)
            return pass(out, a, XSMC_WHY_TARGET_REL);
        /* fall through */
    case XSMC_ACT_PRIV:
        if (p->c)
            return pass(out, a, control_why(p));
        return fail(out, a, XSMC_WHY_NOT_PRIVILEGED);
    default:
        return fail(out, a, XSMC_WHY_ACTION_UNDEFINED);
    }
}

/*
 * March 2025, PATCH 15/23: PRIV and HW_PRIV share one case body that the
 * others fall into; control passes all but HW_PRIV, hardware passes
 * HW_PRIV and DM_PRIV (against any target, NULL included).
 */
static int hwpriv(enum xsmc_action a, const struct preds *p, struct xsmc_decision *out)
{
    switch (a) {
    case XSMC_ACT_HOOK:
        return pass(out, a, XSMC_WHY_HOOK);
    case XSMC_ACT_TARGET:
        if (p->self)
            return pass(out, a, XSMC_WHY_SELF);
        /* fall through */
    case XSMC_ACT_XS_PRIV:
        if (a == XSMC_ACT_XS_PRIV && p->x)
            return pass(out, a, XSMC_WHY_XENSTORE);
        /* fall through */
    case XSMC_ACT_DM_PRIV:
        if (p->t)
            return pass(out, a, XSMC_WHY_TARGET_REL);
        /* fall through */
    case XSMC_ACT_PRIV:
    case XSMC_ACT_HW_PRIV:
        if (p->c && a != XSMC_ACT_HW_PRIV)
            return pass(out, a, control_why(p));
        if (p->h && (a == XSMC_ACT_HW_PRIV || a == XSMC_ACT_DM_PRIV))
            return pass(out, a, XSMC_WHY_HARDWARE);
        if (p->c)
            return fail(out, a, XSMC_WHY_CONTROL_NOT_HW);
        return fail(out, a, XSMC_WHY_NOT_PRIVILEGED);
    default:
        return fail(out, a, XSMC_WHY_ACTION_UNDEFINED);
    }
}

/*
 * June 2025, 1/4 + 3/4: a device_model domain passes at the top of the
 * DM_PRIV case (so TARGET and XS_PRIV too, by fall-through); HW_PRIV passes
 * the hardware domain, then falls into PRIV, so control passes it as well.
 */
static int hwpriv_dm(enum xsmc_action a, const struct preds *p, struct xsmc_decision *out)
{
    switch (a) {
    case XSMC_ACT_HOOK:
        return pass(out, a, XSMC_WHY_HOOK);
    case XSMC_ACT_TARGET:
        if (p->self)
            return pass(out, a, XSMC_WHY_SELF);
        /* fall through */
    case XSMC_ACT_XS_PRIV:
        if (a == XSMC_ACT_XS_PRIV && p->x)
            return pass(out, a, XSMC_WHY_XENSTORE);
        /* fall through */
    case XSMC_ACT_DM_PRIV:
        if (p->dm)
            return pass(out, a, XSMC_WHY_DM_CAP);
        if (p->t)
            return pass(out, a, XSMC_WHY_TARGET_REL);
        /* fall through */
    case XSMC_ACT_HW_PRIV:
        if (a == XSMC_ACT_HW_PRIV && p->h)
            return pass(out, a, XSMC_WHY_HARDWARE);
        /* fall through */
    case XSMC_ACT_PRIV:
        if (p->c)
            return pass(out, a, control_why(p));
        return fail(out, a, XSMC_WHY_NOT_PRIVILEGED);
    default:
        return fail(out, a, XSMC_WHY_ACTION_UNDEFINED);
    }
}

/*
 * July 2025 v2, 01+03+04+06/17: HW_PRIV is the hardware domain alone;
 * XS_PRIV passes control too; an untargetable target stops everything
 * below XS_PRIV's own checks (but HOOK, self-TARGET and HW_PRIV).
 */
static int hwpriv_v2(enum xsmc_action a, const struct preds *p, struct xsmc_decision *out)
{
    switch (a) {
    case XSMC_ACT_HOOK:
        return pass(out, a, XSMC_WHY_HOOK);
    case XSMC_ACT_HW_PRIV:
        if (p->h)
            return pass(out, a, XSMC_WHY_HARDWARE);
        if (p->c)
            return fail(out, a, XSMC_WHY_CONTROL_NOT_HW);
        return fail(out, a, XSMC_WHY_NOT_PRIVILEGED);
    case XSMC_ACT_TARGET:
        if (p->self)
            return pass(out, a, XSMC_WHY_SELF);
        /* fall through */
    case XSMC_ACT_XS_PRIV:
        if (a == XSMC_ACT_XS_PRIV && p->x)
            return pass(out, a, XSMC_WHY_XENSTORE);
        if (a == XSMC_ACT_XS_PRIV && p->c)
            return pass(out, a, control_why(p));
        /* fall through */
    case XSMC_ACT_DM_PRIV:
    case XSMC_ACT_PRIV:
        if (p->nt)
            return fail(out, a, XSMC_WHY_UNTARGETABLE);
        if (a != XSMC_ACT_PRIV && p->dm)
            return pass(out, a, XSMC_WHY_DM_CAP);
        if (a != XSMC_ACT_PRIV && p->t)
            return pass(out, a, XSMC_WHY_TARGET_REL);
        if (p->c)
            return pass(out, a, control_why(p));
        return fail(out, a, XSMC_WHY_NOT_PRIVILEGED);
    default:
        return fail(out, a, XSMC_WHY_ACTION_UNDEFINED);
    }
}

int xsmc_lattice_spec(enum xsmc_profile profile, enum xsmc_action action,
                      const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                      struct xsmc_decision *out)
{
    if (!out)
        return XSMC_EBADARG;
    out->hook = 0xffff;
    out->silo = 0;
    out->step = 0;
    out->profile = (uint8_t)profile;
    if ((unsigned)profile >= XSMC_PROFILE_COUNT) {
        fail(out, action, XSMC_WHY_BAD_INPUT);
        return XSMC_EBADPROFILE;
    }
    if ((unsigned)action >= XSMC_LATTICE_ACTIONS) {
        fail(out, XSMC_ACT_NONE, XSMC_WHY_BAD_INPUT);
        return XSMC_EBADACTION;
    }
    if (!src) {
        fail(out, action, XSMC_WHY_BAD_INPUT);
        return XSMC_EBADARG;
    }
    if (((src->caps | (tgt ? tgt->caps : 0)) & ~XSMC_CAP_ALL)) {
        fail(out, action, XSMC_WHY_BAD_INPUT);
        return XSMC_EBADCAP;
    }
    /* A bit Xen would have refused at boot: deny rather than guess. */
    if ((src->caps | (tgt ? tgt->caps : 0)) & ~xsmc_profile_caps(profile))
        return fail(out, action, XSMC_WHY_CAP_UNDEFINED);

    struct preds p = preds_of(src, tgt);
    switch (profile) {
    case XSMC_PROFILE_UPSTREAM: return upstream(action, &p, out);
    case XSMC_PROFILE_HWPRIV: return hwpriv(action, &p, out);
    case XSMC_PROFILE_HWPRIV_DM: return hwpriv_dm(action, &p, out);
    case XSMC_PROFILE_HWPRIV_V2: return hwpriv_v2(action, &p, out);
    default: return fail(out, action, XSMC_WHY_BAD_INPUT);
    }
}
