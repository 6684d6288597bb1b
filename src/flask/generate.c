/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The export: a complete policy source for the Xen target (policy.conf)
 * that grants, label by label, what the default policy grants, plus the
 * labels each domain needs.  Rules come from asking the engine: for every
 * FULL mapping row and every (source, target) pair it allows,
 * each of the row's checks becomes an allow rule on the labels Xen's hooks
 * would compute.  SHARED rows grant nothing (fail closed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/flask.h"

/*
 * Xen's initial SIDs in the order of xen/xsm/flask/policy/initial_sids, with
 * the context the export gives each.  dom0 (type NULL) takes the domain Xen
 * creates privileged at boot; domU and domDM are unused and left unlabeled.
 */
static const struct {
    const char *sid, *role, *type;
} initial_sids[] = {
    {"xenboot", "system_r", "xenboot_t"}, {"xen", "system_r", "xen_t"},
    {"dom0", "system_r", NULL},           {"domio", "system_r", "domio_t"},
    {"domxen", "system_r", "domxen_t"},   {"unlabeled", "system_r", "unlabeled_t"},
    {"security", "system_r", "security_t"}, {"ioport", "object_r", "ioport_t"},
    {"iomem", "object_r", "iomem_t"},     {"irq", "object_r", "irq_t"},
    {"device", "object_r", "device_t"},   {"domU", "system_r", "unlabeled_t"},
    {"domDM", "system_r", "unlabeled_t"}};
#define NSIDS (sizeof(initial_sids) / sizeof(initial_sids[0]))

/* Types of the Xen-side objects, with the role their context uses. */
static const char *const xen_types[] = {
    "xenboot_t", "xen_t", "domio_t", "domxen_t", "unlabeled_t", "security_t"};
static const char *const resource_types[] = {"ioport_t", "iomem_t", "irq_t", "device_t"};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct rules {
    char **v;
    size_t n, cap;
    int oom;
};

static void rules_add(struct rules *r, const char *s, const char *t, const char *cls, const char *perms)
{
    if (r->oom)
        return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        char **v = realloc(r->v, cap * sizeof(char *));
        if (!v) {
            r->oom = 1;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    if (asprintf(&r->v[r->n], "allow %s %s:%s { %s };", s, t, cls, perms) < 0) {
        r->oom = 1;
        return;
    }
    r->n++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct xsmc_dom *target_of(const struct xsmc_system *sys, const struct xsmc_dom *d)
{
    if (d->core.target == XSMC_DOMID_NONE || d->core.target == d->core.domid)
        return NULL;
    return xsmc_system_by_domid(sys, d->core.target);
}

/* The label Xen's hook would compute for a check's target; buf is scratch. */
static const char *label(const struct xsmc_system *sys, const struct xsmc_flask_types *ty,
                         uint8_t kind, size_t src, size_t tgt, char *buf, size_t len)
{
    static const char *const fixed[] = {
        [XSMC_FT_XEN] = "xen_t", [XSMC_FT_DOMXEN] = "domxen_t", [XSMC_FT_DEVICE] = "device_t",
        [XSMC_FT_IRQ] = "irq_t", [XSMC_FT_IOMEM] = "iomem_t", [XSMC_FT_IOPORT] = "ioport_t"};
    switch (kind) {
    case XSMC_FT_DOM:
        if (tgt == src)
            snprintf(buf, len, "%s_self", ty->names[src]);
        else if (target_of(sys, &sys->doms[src]) == &sys->doms[tgt])
            snprintf(buf, len, "%s_target", ty->names[tgt]);
        else
            return ty->names[tgt];
        return buf;
    case XSMC_FT_RAW:
        return ty->names[tgt];
    case XSMC_FT_REFUSE:
    case XSMC_FT_REFUSE_SELF:
        return NULL;
    default:
        return kind < NELEM(fixed) ? fixed[kind] : NULL;
    }
}

static void grant_row(const struct xsmc_system *sys, const struct xsmc_flask_types *ty,
                      enum xsmc_profile profile, uint32_t options, size_t row, struct rules *r)
{
    const struct xsmc_flask_map *m = xsmc_flask_map_at(row);
    for (size_t k = 0; k < xsmc_flask_npairs(sys, row); k++) {
        size_t s, tgt;
        struct xsmc_decision dec;
        if (xsmc_flask_default(sys, row, k, profile, options, &s, &tgt, &dec) != 0 || !dec.allow)
            continue;
        for (unsigned c = 0; c < XSMC_FLASK_MAX_CHECKS && m->checks[c].src; c++) {
            const struct xsmc_flask_check *ck = &m->checks[c];
            char buf[160];
            const char *tl = label(sys, ty, ck->tgt, s, tgt, buf, sizeof(buf));
            if (!tl)
                continue;
            const char *sl = ck->src == XSMC_FS_TGT ? ty->names[tgt] : ty->names[s];
            const char *perms = strcmp(ck->perms, "@use") == 0 ? xsmc_flask_use_perm(sys) : ck->perms;
            rules_add(r, sl, tl, ck->cls, perms);
        }
    }
}

/* The domain Xen creates is_privileged at boot: it takes the initial SID dom0. */
static const struct xsmc_dom *boot_privileged(const struct xsmc_system *sys, size_t *index)
{
    for (size_t i = 0; i < sys->ndoms; i++) {
        if (sys->doms[i].core.caps & XSMC_CAP_CONTROL) {
            *index = i;
            return &sys->doms[i];
        }
    }
    return NULL;
}

static void write_declarations(FILE *f, const struct xsmc_system *sys, const struct xsmc_flask_types *ty)
{
    fprintf(f, "\n# Xen's security classes and initial SIDs, in Xen's order\n");
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++)
        fprintf(f, "class %s\n", xsmc_flask_class_name(i));
    for (size_t i = 0; i < NSIDS; i++)
        fprintf(f, "sid %s\n", initial_sids[i].sid);
    for (unsigned i = 0; i < XSMC_FLASK_CLASSES; i++)
        fprintf(f, "class %s { %s }\n", xsmc_flask_class_name(i), xsmc_flask_class_perms(i));

    fprintf(f, "\n# Xen-side objects\n");
    for (size_t i = 0; i < NELEM(xen_types); i++)
        fprintf(f, "type %s;\n", xen_types[i]);
    for (size_t i = 0; i < NELEM(resource_types); i++)
        fprintf(f, "type %s;\n", resource_types[i]);

    fprintf(f, "\n# one type per domain; T_self is what Xen asks when a domain acts on itself\n");
    for (size_t i = 0; i < sys->ndoms; i++) {
        fprintf(f, "type %s;\ntype %s_self;\n", ty->names[i], ty->names[i]);
        fprintf(f, "type_transition %s %s:domain %s_self;\n", ty->names[i], ty->names[i], ty->names[i]);
    }
    fprintf(f, "\n# G_target is what Xen asks when G's device model acts on G (flask_set_target)\n");
    for (size_t g = 0; g < sys->ndoms; g++) {
        int declared = 0;
        for (size_t d = 0; d < sys->ndoms; d++) {
            if (target_of(sys, &sys->doms[d]) != &sys->doms[g])
                continue;
            if (!declared)
                fprintf(f, "type %s_target;\n", ty->names[g]);
            declared = 1;
            fprintf(f, "type_transition %s %s:domain %s_target;\n", ty->names[g], ty->names[d], ty->names[g]);
        }
    }

    fprintf(f, "\nrole system_r;\nrole system_r types {");
    for (size_t i = 0; i < NELEM(xen_types); i++)
        fprintf(f, " %s", xen_types[i]);
    for (size_t i = 0; i < sys->ndoms; i++)
        fprintf(f, " %s %s_self", ty->names[i], ty->names[i]);
    for (size_t g = 0; g < sys->ndoms; g++)
        for (size_t d = 0; d < sys->ndoms; d++)
            if (target_of(sys, &sys->doms[d]) == &sys->doms[g]) {
                fprintf(f, " %s_target", ty->names[g]);
                break;
            }
    fprintf(f, " };\n");
}

static void write_contexts(FILE *f, const struct xsmc_system *sys, const struct xsmc_flask_types *ty)
{
    size_t priv = 0;
    const char *dom0 = boot_privileged(sys, &priv) ? ty->names[priv] : "unlabeled_t";
    fprintf(f, "\nuser system_u roles { system_r };\n\n# contexts of the initial SIDs\n");
    for (size_t i = 0; i < NSIDS; i++)
        fprintf(f, "sid %s system_u:%s:%s\n", initial_sids[i].sid, initial_sids[i].role,
                initial_sids[i].type ? initial_sids[i].type : dom0);
}

static char *labels_text(const struct xsmc_system *sys, enum xsmc_profile profile,
                         const struct xsmc_flask_types *ty)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    size_t priv = 0;
    const struct xsmc_dom *p = boot_privileged(sys, &priv);
    fprintf(f, "# Flask labels for %s under profile %s (xsmcap flask)\n", sys->source,
            xsmc_profile_name(profile));
    fprintf(f, "# xl domain configuration: one seclabel line per domain\n");
    for (size_t i = 0; i < sys->ndoms; i++)
        fprintf(f, "%s: seclabel='system_u:system_r:%s'\n", sys->doms[i].name, ty->names[i]);
    fprintf(f, "# boot time: Xen labels the domain it creates privileged with the initial SID dom0\n");
    if (p)
        fprintf(f, "boot: sid dom0 = system_u:system_r:%s (%s)\n", ty->names[priv], p->name);
    else
        fprintf(f, "boot: sid dom0 = system_u:system_r:unlabeled_t (no control domain)\n");
    fprintf(f, "# other boot-time domains start as unlabeled_t and need relabelling to the types above\n");
    size_t ncontrol = 0;
    for (size_t i = 0; i < sys->ndoms; i++)
        ncontrol += (sys->doms[i].core.caps & XSMC_CAP_CONTROL) != 0;
    if (ncontrol > 1)
        fprintf(f, "# warning: %zu control domains; Flask lets only one boot domain take dom0 (flask_domain_create)\n",
                ncontrol);
    fprintf(f, "# device use permission: resource %s (IOMMU %s)\n", xsmc_flask_use_perm(sys),
            sys->iommu == XSMC_YES ? "present" : sys->iommu == XSMC_NO ? "absent" : "unknown, taken as present");
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int xsmc_flask_export(const struct xsmc_system *sys, enum xsmc_profile profile,
                      uint32_t options, struct xsmc_flask_export *out,
                      char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if ((unsigned)profile >= XSMC_PROFILE_COUNT || (options & ~XSMC_OPT_ALL)) {
        snprintf(err, errlen, "bad profile or options");
        return -1;
    }
    /* the engine denies everything to a domain with undefined bits: refuse, as validation does */
    for (size_t i = 0; i < sys->ndoms; i++) {
        if (sys->doms[i].core.caps & ~xsmc_profile_caps(profile)) {
            snprintf(err, errlen, "%s: domain '%s' has capabilities profile %s does not define",
                     sys->source, sys->doms[i].name, xsmc_profile_name(profile));
            return -1;
        }
    }
    /* checkpolicy writes a policy without rules, but no loader reads it back */
    if (sys->ndoms == 0) {
        snprintf(err, errlen, "%s has no domains: nothing to label or grant", sys->source);
        return -1;
    }
    struct xsmc_flask_types ty;
    if (xsmc_flask_types_build(sys, &ty, err, errlen))
        return -1;
    struct rules r = {0};
    for (size_t row = 0; row < xsmc_flask_map_count(); row++) {
        if (xsmc_flask_map_at(row)->kind == XSMC_FLASK_FULL)
            grant_row(sys, &ty, profile, options, row, &r);
    }
    char *src = NULL;
    size_t len = 0;
    FILE *f = r.oom ? NULL : open_memstream(&src, &len);
    if (f) {
        fprintf(f, "# XSM:Flask policy for %s under profile %s%s, written by xsmcap flask.\n"
                   "# It grants what Xen's default XSM policy grants on the mapped hooks.\n"
                   "# Build: checkpolicy -t Xen -c 30 policy.conf -o xenpolicy\n",
                sys->source, xsmc_profile_name(profile), options & XSMC_OPT_SILO ? " with SILO" : "");
        write_declarations(f, sys, &ty);
        if (r.n)
            qsort(r.v, r.n, sizeof(char *), cmp_str);
        fprintf(f, "\n# rules from the default policy's decisions\n");
        for (size_t i = 0; i < r.n; i++) {
            if (i == 0 || strcmp(r.v[i], r.v[i - 1]) != 0) {
                fprintf(f, "%s\n", r.v[i]);
                out->nrules++;
            }
        }
        write_contexts(f, sys, &ty);
        if (fclose(f) != 0) {
            free(src);
            src = NULL;
        }
    }
    for (size_t i = 0; i < r.n; i++)
        free(r.v[i]);
    free(r.v);
    out->source = src;
    out->labels = src ? labels_text(sys, profile, &ty) : NULL;
    xsmc_flask_types_free(&ty);
    if (!out->source || !out->labels) {
        xsmc_flask_export_free(out);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

void xsmc_flask_export_free(struct xsmc_flask_export *e)
{
    free(e->source);
    free(e->labels);
    e->source = e->labels = NULL;
}
