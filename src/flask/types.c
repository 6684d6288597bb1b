/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flask type names for a system's domains: one type per domain, named after
 * it as Xen's example policy names its types (dom0_t).  Also the pairs of
 * domains each mapping row is asked over, shared by the export and --verify.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/analysis.h"
#include "xsmcap/flask.h"

/* Types the export declares for Xen's initial SIDs; no domain may take them. */
static const char *const reserved[] = {
    "xenboot_t", "xen_t", "domio_t", "domxen_t", "unlabeled_t", "security_t",
    "ioport_t", "iomem_t", "irq_t", "device_t"};

static int taken(char *const *names, size_t upto, const char *name)
{
    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (strcmp(reserved[i], name) == 0)
            return 1;
    for (size_t i = 0; i < upto; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

int xsmc_flask_types_build(const struct xsmc_system *sys, struct xsmc_flask_types *out,
                           char *err, size_t errlen)
{
    out->n = 0;
    out->names = calloc(sys->ndoms ? sys->ndoms : 1, sizeof(char *));
    if (!out->names) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        char base[96];
        size_t n = 0;
        /* a type name is [A-Za-z][A-Za-z0-9_]*; other characters become '_' */
        if (!isalpha((unsigned char)d->name[0]))
            base[n++] = 'd';
        for (const char *c = d->name; *c && n < 64; c++)
            base[n++] = isalnum((unsigned char)*c) ? *c : '_';
        base[n] = '\0';
        char name[128];
        snprintf(name, sizeof(name), "%s_t", base);
        if (taken(out->names, i, name))
            snprintf(name, sizeof(name), "%s_%u_t", base, (unsigned)d->core.domid);
        if (taken(out->names, i, name)) {
            snprintf(err, errlen, "%s: domain '%s' has no unique Flask type name", sys->source, d->name);
            xsmc_flask_types_free(out);
            return -1;
        }
        out->names[i] = strdup(name);
        if (!out->names[i]) {
            snprintf(err, errlen, "out of memory");
            xsmc_flask_types_free(out);
            return -1;
        }
        out->n = i + 1;
    }
    return 0;
}

void xsmc_flask_types_free(struct xsmc_flask_types *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    t->names = NULL;
    t->n = 0;
}

/*
 * xen/xsm/flask/hooks.c:flask_iommu_resource_use_perm: use_noiommu without an
 * IOMMU, use_iommu_nointremap with one that does not remap interrupts,
 * use_iommu otherwise.  Unknown is taken as present with interrupt
 * remapping: the strictest permission, so a weaker platform is refused
 * rather than silently accepted.
 */
const char *xsmc_flask_use_perm(const struct xsmc_system *sys)
{
    if (sys->iommu == XSMC_NO)
        return "use_noiommu";
    return sys->intremap == XSMC_NO ? "use_iommu_nointremap" : "use_iommu";
}

static int takes_target(size_t row)
{
    return xsmc_hook_info(xsmc_flask_map_at(row)->hook)->target == XSMC_T_DOMAIN;
}

size_t xsmc_flask_npairs(const struct xsmc_system *sys, size_t row)
{
    return takes_target(row) ? sys->ndoms * sys->ndoms : sys->ndoms;
}

void xsmc_flask_pair(const struct xsmc_system *sys, size_t row, size_t k, size_t *src, size_t *tgt)
{
    if (takes_target(row)) {
        *src = k / sys->ndoms;
        *tgt = k % sys->ndoms;
    } else {
        *src = k;
        *tgt = SIZE_MAX;
    }
}

void xsmc_flask_request(const struct xsmc_system *sys, size_t row, size_t src, size_t tgt,
                        struct xsmc_request *out)
{
    const struct xsmc_flask_map *m = xsmc_flask_map_at(row);
    memset(out, 0, sizeof(*out));
    out->hook = m->hook;
    out->subop = m->subop;
    out->subop2 = m->subop2;
    out->src = &sys->doms[src].core;
    out->target = tgt < sys->ndoms ? &sys->doms[tgt].core : NULL;
}

/* Does the hook's own logic read the value a row names (so only gates with that value match)? */
static int reads_subop(const struct xsmc_hook_info *h)
{
    return h->logic != XSMC_L_DEFAULT && h->logic != XSMC_L_NONE && h->logic != XSMC_L_ENOSYS;
}

/*
 * Does an operation of the system's platform that checks the row's hook
 * allow (src, tgt), every gate passing?  A hook's permission is a power only
 * where an operation it guards is: Flask grants nothing else (a guest passes
 * xsm_map_domain_irq on the way to a refused XEN_DOMCTL_bind_pt_irq, and
 * gets no add_irq for it).  Gates on other pairs (the third domain) only
 * need an operation that checks the hook to exist.
 */
static int reached(const struct xsmc_system *sys, const struct xsmc_flask_map *m,
                   enum xsmc_profile profile, uint32_t options, size_t src, size_t tgt)
{
    const struct xsmc_hook_info *h = xsmc_hook_info(m->hook);
    struct xsmc_op_env env;
    xsmc_env_of(sys, profile, options, &env);
    const struct xsmc_domain *s = &sys->doms[src].core;
    const struct xsmc_domain *t = tgt < sys->ndoms ? &sys->doms[tgt].core : NULL;
    /*
     * A row that names a sub-operation of a hook without value logic (a
     * XENPF_* command of platform_op) is reached only by that sub-operation,
     * when the catalogue has it on some platform.
     */
    int by_value = 0;
    for (size_t i = 0; i < xsmc_op_count() && !reads_subop(h) && m->subop; i++)
        by_value |= xsmc_op_checks_hook(xsmc_op_at(i), m->hook) && xsmc_op_at(i)->value == m->subop;
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!xsmc_op_exists(op, (enum xsmc_arch)sys->arch) || (by_value && op->value != m->subop))
            continue;
        for (unsigned g = 0; g < op->ngates; g++) {
            const struct xsmc_gate *gt = &op->gates[g];
            if ((gt->kind != XSMC_G_XSM && gt->kind != XSMC_G_XSM_FILTER) || gt->hook != m->hook ||
                (reads_subop(h) && (gt->subop != m->subop || gt->subop2 != m->subop2)))
                continue;
            if (gt->pair == XSMC_PAIR_CALLER_OTHER || gt->pair == XSMC_PAIR_TARGET_OTHER)
                return 1;
            if (gt->pair == XSMC_PAIR_CALLER_CALLER && t && t != s)
                continue;
            struct xsmc_op_result r;
            const struct xsmc_domain *opt = op->target == XSMC_ON_DOMAIN ? (t ? t : s) : NULL;
            if (xsmc_op_decide(&env, op, s, opt, XSMC_TF_DOMAIN, xsmc_default_other(s), &r) == 1 &&
                r.gates[g].pass == 1)
                return 1;
        }
    }
    return 0;
}

int xsmc_flask_default(const struct xsmc_system *sys, size_t row, size_t k, enum xsmc_profile profile,
                       uint32_t options, size_t *src, size_t *tgt, struct xsmc_decision *dec)
{
    struct xsmc_request rq;
    xsmc_flask_pair(sys, row, k, src, tgt);
    xsmc_flask_request(sys, row, *src, *tgt, &rq);
    int status = xsmc_decide(profile, options, &rq, dec);
    if (status == 0 && dec->allow &&
        !reached(sys, xsmc_flask_map_at(row), profile, options, *src, *tgt)) {
        dec->allow = 0;
        dec->rc = -XSMC_XEN_EPERM;
        dec->why = XSMC_WHY_NOT_REACHED;
    }
    return status;
}
