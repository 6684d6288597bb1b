/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loading a Xen Flask binary with libsepol and asking it what Xen's
 * security server would answer.  libsepol's services keep one global
 * policy and SID table; each loaded policy owns its own and is made the
 * current one before every question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sepol/debug.h>
#include <sepol/policydb.h>
#include <sepol/policydb/hashtab.h>
#include <sepol/policydb/policydb.h>
#include <sepol/policydb/services.h>
#include <sepol/policydb/sidtab.h>

#include "xsmcap/flask.h"

/* Class value of "domain": third in xen/xsm/flask/policy/security_classes. */
#define CLASS_DOMAIN 3

struct bound_check {
    uint16_t cls;
    uint32_t av;
};

struct xsmc_flask_policy {
    sepol_policydb_t *pdb;
    sidtab_t sidtab;
    char name[256];
    /* after xsmc_flask_bind */
    size_t ndoms;
    sepol_security_id_t *raw, *self, *target; /* target: 0 without a device-model target */
    size_t *target_index;                     /* SIZE_MAX without one */
    sepol_security_id_t fixed[XSMC_FT_REFUSE]; /* xen, domxen, device, irq, iomem, ioport */
    struct bound_check (*checks)[XSMC_FLASK_MAX_CHECKS];
};

static struct xsmc_flask_policy *current_policy;

static void make_current(struct xsmc_flask_policy *pol)
{
    if (current_policy == pol)
        return;
    sepol_set_policydb(&pol->pdb->p);
    sepol_set_sidtab(&pol->sidtab);
    current_policy = pol;
}

/* The header Xen's loader checks first: POLICYDB_MAGIC, then the string "XenFlask". */
static int check_header(const unsigned char *b, size_t len, const char *name, char *err, size_t errlen)
{
    static const unsigned char magic[4] = {0x8c, 0xff, 0x7c, 0xf9};
    if (len < 16 || memcmp(b, magic, 4) != 0) {
        snprintf(err, errlen, "%s: not a Flask policy binary (no policydb magic 8cff7cf9)", name);
        return -1;
    }
    uint32_t slen = (uint32_t)b[4] | (uint32_t)b[5] << 8 | (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
    if (slen == 8 && memcmp(b + 8, "XenFlask", 8) == 0)
        return 0;
    if (slen == 8 && memcmp(b + 8, "SE Linux", 8) == 0)
        snprintf(err, errlen, "%s: an SELinux policy, not a Xen one (build it with checkpolicy -t Xen)", name);
    else
        snprintf(err, errlen, "%s: not a Xen Flask policy (no XenFlask platform string)", name);
    return -1;
}

/* xen/xsm/flask/ss/policydb.c refuses a policy whose class or permission numbering differs. */
static int check_classes(const policydb_t *p, const char *name, char *err, size_t errlen)
{
    if (p->p_classes.nprim != XSMC_FLASK_CLASSES) {
        snprintf(err, errlen, "%s: %u security classes, Xen's policy has %d "
                              "(xen/xsm/flask/policy/security_classes)", name, p->p_classes.nprim,
                 XSMC_FLASK_CLASSES);
        return -1;
    }
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++) {
        const char *want = xsmc_flask_class_name(i);
        if (strcmp(p->p_class_val_to_name[i], want) != 0) {
            snprintf(err, errlen, "%s: class %u is '%s', Xen's is '%s' "
                                  "(xen/xsm/flask/policy/security_classes)", name, i + 1,
                     p->p_class_val_to_name[i], want);
            return -1;
        }
        const class_datum_t *cd = p->class_val_to_struct[i];
        const char *perms = xsmc_flask_class_perms(i);
        unsigned pos = 0;
        for (const char *s = perms; *s; pos++) {
            char perm[64];
            size_t n = strcspn(s, " ");
            snprintf(perm, sizeof(perm), "%.*s", (int)n, s);
            s += n;
            s += *s == ' ';
            const perm_datum_t *pd = hashtab_search(cd->permissions.table, perm);
            if (!pd || pd->s.value != pos + 1) {
                snprintf(err, errlen, "%s: permission '%s' of class '%s' is %s, Xen's is bit %u "
                                      "(xen/xsm/flask/policy/access_vectors)", name, perm, want,
                         pd ? "at another bit" : "missing", pos);
                return -1;
            }
        }
        if (cd->comdatum || cd->permissions.nprim != pos) {
            snprintf(err, errlen, "%s: class '%s' has %u permissions, Xen's has %u "
                                  "(xen/xsm/flask/policy/access_vectors)", name, want,
                     cd->permissions.nprim + (cd->comdatum ? cd->comdatum->permissions.nprim : 0), pos);
            return -1;
        }
    }
    return 0;
}

struct xsmc_flask_policy *xsmc_flask_load(const void *data, size_t len, const char *name,
                                          char *err, size_t errlen)
{
    if (check_header(data, len, name, err, errlen))
        return NULL;
    struct xsmc_flask_policy *pol = calloc(1, sizeof(*pol));
    sepol_policy_file_t *pf = NULL;
    if (!pol || sepol_policy_file_create(&pf) || sepol_policydb_create(&pol->pdb)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    snprintf(pol->name, sizeof(pol->name), "%s", name);
    sepol_debug(0);
    sepol_policy_file_set_mem(pf, (char *)data, len);
    if (sepol_policydb_read(pol->pdb, pf)) {
        snprintf(err, errlen, "%s: libsepol cannot read this policy (truncated or corrupt)", name);
        goto fail;
    }
    sepol_policy_file_free(pf);
    pf = NULL;
    if (pol->pdb->p.target_platform != SEPOL_TARGET_XEN) {
        snprintf(err, errlen, "%s: not a Xen-target policy", name);
        goto fail;
    }
    if (check_classes(&pol->pdb->p, name, err, errlen))
        goto fail;
    if (sepol_sidtab_init(&pol->sidtab)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    return pol;
fail:
    if (pf)
        sepol_policy_file_free(pf);
    if (pol && pol->pdb)
        sepol_policydb_free(pol->pdb);
    free(pol);
    return NULL;
}

static void unbind(struct xsmc_flask_policy *pol)
{
    free(pol->raw);
    free(pol->self);
    free(pol->target);
    free(pol->target_index);
    free(pol->checks);
    pol->raw = pol->self = pol->target = NULL;
    pol->target_index = NULL;
    pol->checks = NULL;
    pol->ndoms = 0;
}

void xsmc_flask_free(struct xsmc_flask_policy *pol)
{
    if (!pol)
        return;
    if (current_policy == pol) {
        sepol_set_policydb(NULL);
        sepol_set_sidtab(NULL);
        current_policy = NULL;
    }
    unbind(pol);
    sepol_sidtab_destroy(&pol->sidtab);
    sepol_policydb_free(pol->pdb);
    free(pol);
}

/* The SID of an initial SID (1-based, Xen's numbering), from the policy's own contexts. */
static int initial_sid(struct xsmc_flask_policy *pol, uint32_t isid, sepol_security_id_t *out)
{
    for (ocontext_t *c = pol->pdb->p.ocontexts[OCON_ISID]; c; c = c->next)
        if (c->sid[0] == isid)
            return sepol_sidtab_context_to_sid(&pol->sidtab, &c->context[0], out);
    return -1;
}

/* Through the global services, which make_current pointed at this policy. */
static int domain_sid(const char *type, sepol_security_id_t *out)
{
    char ctx[256];
    snprintf(ctx, sizeof(ctx), "system_u:system_r:%s", type);
    return sepol_context_to_sid(ctx, strlen(ctx) + 1, out);
}

static int bind_checks(struct xsmc_flask_policy *pol, const struct xsmc_system *sys,
                       char *err, size_t errlen)
{
    size_t nrows = xsmc_flask_map_count();
    pol->checks = calloc(nrows, sizeof(*pol->checks));
    if (!pol->checks) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t r = 0; r < nrows; r++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(r);
        for (unsigned c = 0; c < XSMC_FLASK_MAX_CHECKS && m->checks[c].src; c++) {
            const struct xsmc_flask_check *ck = &m->checks[c];
            if (ck->tgt >= XSMC_FT_REFUSE)
                continue;
            char perms[256];
            snprintf(perms, sizeof(perms), "%s", strcmp(ck->perms, "@use") == 0 ? xsmc_flask_use_perm(sys) : ck->perms);
            for (char *save = NULL, *p = strtok_r(perms, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
                unsigned cls;
                uint32_t bit;
                if (xsmc_flask_perm(ck->cls, p, &cls, &bit)) {
                    snprintf(err, errlen, "mapping row %zu: no permission %s:%s", r, ck->cls, p);
                    return -1;
                }
                pol->checks[r][c].cls = (uint16_t)cls;
                pol->checks[r][c].av |= bit;
            }
        }
    }
    return 0;
}

int xsmc_flask_bind(struct xsmc_flask_policy *pol, const struct xsmc_system *sys,
                    char *err, size_t errlen)
{
    /* Xen's numbering: xen 2, domxen 5, ioport 8, iomem 9, irq 10, device 11 */
    static const uint32_t isid[XSMC_FT_REFUSE] = {
        [XSMC_FT_XEN] = 2, [XSMC_FT_DOMXEN] = 5, [XSMC_FT_DEVICE] = 11,
        [XSMC_FT_IRQ] = 10, [XSMC_FT_IOMEM] = 9, [XSMC_FT_IOPORT] = 8};
    unbind(pol);
    make_current(pol);
    size_t n = sys->ndoms;
    pol->raw = calloc(n + 1, sizeof(*pol->raw));
    pol->self = calloc(n + 1, sizeof(*pol->self));
    pol->target = calloc(n + 1, sizeof(*pol->target));
    pol->target_index = calloc(n + 1, sizeof(*pol->target_index));
    if (!pol->raw || !pol->self || !pol->target || !pol->target_index) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    pol->ndoms = n;
    for (unsigned k = XSMC_FT_XEN; k < XSMC_FT_REFUSE; k++) {
        if (initial_sid(pol, isid[k], &pol->fixed[k])) {
            snprintf(err, errlen, "%s: no context for initial SID %u", pol->name, isid[k]);
            goto fail;
        }
    }
    struct xsmc_flask_types ty;
    if (xsmc_flask_types_build(sys, &ty, err, errlen))
        goto fail;
    int bad = 0;
    for (size_t i = 0; i < n && !bad; i++) {
        if (domain_sid(ty.names[i], &pol->raw[i])) {
            snprintf(err, errlen, "%s: no type %s for domain '%s' (export the policy from this system)",
                     pol->name, ty.names[i], sys->doms[i].name);
            bad = 1;
        }
    }
    xsmc_flask_types_free(&ty);
    if (bad)
        goto fail;
    /* flask_domain_create: self_sid = transition(sid, sid, domain) */
    for (size_t i = 0; i < n; i++) {
        pol->target_index[i] = SIZE_MAX;
        if (sepol_transition_sid(pol->raw[i], pol->raw[i], CLASS_DOMAIN, &pol->self[i]))
            goto transition_failed;
    }
    /* flask_set_target: target_sid = transition(target's sid, device model's sid, domain) */
    for (size_t i = 0; i < n; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        if (d->core.target == XSMC_DOMID_NONE || d->core.target == d->core.domid)
            continue;
        const struct xsmc_dom *g = xsmc_system_by_domid(sys, d->core.target);
        if (!g)
            continue;
        size_t gi = (size_t)(g - sys->doms);
        pol->target_index[i] = gi;
        if (sepol_transition_sid(pol->raw[gi], pol->raw[i], CLASS_DOMAIN, &pol->target[i]))
            goto transition_failed;
    }
    if (bind_checks(pol, sys, err, errlen))
        goto fail;
    return 0;
transition_failed:
    snprintf(err, errlen, "%s: libsepol cannot compute a domain transition", pol->name);
fail:
    unbind(pol);
    return -1;
}

int xsmc_flask_decide(struct xsmc_flask_policy *pol, size_t row, size_t src, size_t tgt)
{
    const struct xsmc_flask_map *m = xsmc_flask_map_at(row);
    if (!m || !pol->checks || src >= pol->ndoms)
        return 0;
    make_current(pol);
    for (unsigned c = 0; c < XSMC_FLASK_MAX_CHECKS && m->checks[c].src; c++) {
        const struct xsmc_flask_check *ck = &m->checks[c];
        int needs_tgt = ck->src == XSMC_FS_TGT || ck->tgt == XSMC_FT_DOM ||
                        ck->tgt == XSMC_FT_RAW || ck->tgt == XSMC_FT_REFUSE_SELF;
        if (ck->tgt == XSMC_FT_REFUSE || (needs_tgt && tgt >= pol->ndoms))
            return 0;
        if (ck->tgt == XSMC_FT_REFUSE_SELF) {
            if (tgt == src)
                return 0;
            continue;
        }
        sepol_security_id_t ssid = ck->src == XSMC_FS_TGT ? pol->raw[tgt] : pol->raw[src], tsid;
        switch (ck->tgt) {
        case XSMC_FT_DOM: /* domain_target_sid */
            tsid = tgt == src ? pol->self[src]
                 : pol->target_index[src] == tgt ? pol->target[src] : pol->raw[tgt];
            break;
        case XSMC_FT_RAW:
            tsid = pol->raw[tgt];
            break;
        default:
            tsid = pol->fixed[ck->tgt];
        }
        struct sepol_av_decision avd;
        uint32_t av = pol->checks[row][c].av;
        if (sepol_compute_av(ssid, tsid, pol->checks[row][c].cls, av, &avd) || (avd.allowed & av) != av)
            return 0;
    }
    return 1;
}
