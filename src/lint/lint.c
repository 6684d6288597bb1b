/* SPDX-License-Identifier: GPL-2.0-only */
/* The lint driver: the rule table, per-run switches, and the run itself. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/analysis.h"
#include "lint_internal.h"

static const struct xsmc_lint_rule_info rules[] = {
#define XSMC_LINT_RULE(check, id, sev, summary, fix, rationale, source) \
    {id, XSMC_##sev, summary, fix, rationale, source},
#include "rules.def"
#undef XSMC_LINT_RULE
};

static void (*const checks[])(struct lint_ctx *) = {
#define XSMC_LINT_RULE(check, ...) lint_check_##check,
#include "rules.def"
#undef XSMC_LINT_RULE
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))
_Static_assert(NRULES <= XSMC_LINT_MAX_RULES, "raise XSMC_LINT_MAX_RULES");

size_t xsmc_lint_rule_count(void)
{
    return NRULES;
}

const struct xsmc_lint_rule_info *xsmc_lint_rule_at(size_t index)
{
    return index < NRULES ? &rules[index] : NULL;
}

int xsmc_lint_rule_find(const char *id)
{
    for (size_t i = 0; id && i < NRULES; i++)
        if (strcmp(rules[i].id, id) == 0)
            return (int)i;
    return -1;
}

void xsmc_lint_config_init(struct xsmc_lint_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    for (size_t i = 0; i < XSMC_LINT_MAX_RULES; i++)
        cfg->severity[i] = i < NRULES ? rules[i].severity : XSMC_LINT_OFF;
}

static int severity_valid(int severity)
{
    return severity == XSMC_LINT_OFF || severity == XSMC_NOTE || severity == XSMC_WARNING ||
           severity == XSMC_ERROR;
}

int xsmc_lint_config_set(struct xsmc_lint_config *cfg, const char *rule, int severity)
{
    if (!severity_valid(severity))
        return XSMC_EBADARG;
    if (rule && strcmp(rule, "all") == 0) {
        for (size_t i = 0; i < NRULES; i++)
            cfg->severity[i] = severity;
        return 0;
    }
    int i = xsmc_lint_rule_find(rule);
    if (i < 0)
        return XSMC_EBADARG;
    cfg->severity[i] = severity;
    return 0;
}

void lint_emit(struct lint_ctx *ctx, const char *where, const char *fmt, ...)
{
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0) {
        ctx->lost = 1;
        return;
    }
    size_t before = ctx->sink->ndiags;
    const struct xsmc_lint_rule_info *r = &rules[ctx->rule];
    xsmc_system_diag(ctx->sink, ctx->severity, r->id, where, r->fix, "%s", msg);
    free(msg);
    if (ctx->sink->ndiags == before)
        ctx->lost = 1;
}

int xsmc_lint_run(const struct xsmc_system *sys, enum xsmc_profile profile,
                  const struct xsmc_lint_config *cfg, struct xsmc_lint_findings *out)
{
    memset(out, 0, sizeof(*out));
    if (!sys)
        return XSMC_EBADARG;
    if ((unsigned)profile >= XSMC_PROFILE_COUNT)
        return XSMC_EBADPROFILE;
    struct xsmc_lint_config defaults;
    if (!cfg) {
        xsmc_lint_config_init(&defaults);
        cfg = &defaults;
    }
    if (cfg->options & ~XSMC_OPT_ALL)
        return XSMC_EBADOPT;
    for (size_t i = 0; i < NRULES; i++)
        if (!severity_valid(cfg->severity[i]))
            return XSMC_EBADARG;
    struct lint_ctx ctx = {.sys = sys, .profile = profile, .options = cfg->options};
    ctx.sink = xsmc_system_new(sys->source, sys->kind);
    ctx.slot_of_domid = calloc(XSMC_MAX_DOMAINS, sizeof(uint32_t));
    if (!ctx.sink || !ctx.slot_of_domid) {
        xsmc_system_free(ctx.sink);
        free(ctx.slot_of_domid);
        return XSMC_EBADARG;
    }
    /* the first domain with a domid wins, as xsmc_system_by_domid finds it */
    for (size_t i = sys->ndoms; i-- > 0;) {
        const struct xsmc_dom *d = &sys->doms[i];
        if (d->core.domid < XSMC_MAX_DOMAINS)
            ctx.slot_of_domid[d->core.domid] = (uint32_t)i + 1;
        ctx.backends_declared |= d->nbackends != 0;
    }
    /* a partial device tree describes one guest's devices, not a system: nothing to check */
    size_t nrules = sys->kind == XSMC_SRC_PARTIAL_DT ? 0 : NRULES;
    for (size_t i = 0; i < nrules && !ctx.lost; i++) {
        if (cfg->severity[i] == XSMC_LINT_OFF)
            continue;
        ctx.rule = i;
        ctx.severity = cfg->severity[i];
        checks[i](&ctx);
    }
    free(ctx.slot_of_domid);
    if (ctx.lost) {
        xsmc_system_free(ctx.sink);
        return XSMC_EBADARG;
    }
    /* the sink's diagnostics are the findings; the sink keeps owning them */
    out->store = ctx.sink;
    out->items = ctx.sink->diags;
    out->count = ctx.sink->ndiags;
    for (size_t i = 0; i < out->count; i++)
        out->by_severity[out->items[i].severity]++;
    return 0;
}

void xsmc_lint_findings_free(struct xsmc_lint_findings *f)
{
    if (!f)
        return;
    xsmc_system_free(f->store);
    memset(f, 0, sizeof(*f));
}

int lint_is_control(const struct xsmc_dom *d)
{
    return (d->core.caps & XSMC_CAP_CONTROL) != 0;
}

int lint_is_hardware(const struct xsmc_dom *d)
{
    return (d->core.caps & XSMC_CAP_HARDWARE) != 0;
}

int lint_runs_backends(const struct lint_ctx *ctx, const struct xsmc_dom *d)
{
    if (ctx->backends_declared)
        return d->nbackends != 0;
    return lint_is_hardware(d) || d->classic_dom0;
}

const struct xsmc_dom *lint_dom(const struct lint_ctx *ctx, uint32_t domid)
{
    if (domid < XSMC_MAX_DOMAINS)
        return ctx->slot_of_domid[domid] ? &ctx->sys->doms[ctx->slot_of_domid[domid] - 1] : NULL;
    /* a reserved id names no domain of a valid system; "no target" is the common one */
    return domid == XSMC_DOMID_NONE ? NULL : xsmc_system_by_domid(ctx->sys, domid);
}

const struct xsmc_dom *lint_xenstore_domain(const struct xsmc_system *sys)
{
    for (size_t i = 0; i < sys->ndoms; i++)
        if (sys->doms[i].core.caps & XSMC_CAP_XENSTORE)
            return &sys->doms[i];
    for (size_t i = 0; i < sys->ndoms; i++)
        if (sys->doms[i].classic_dom0)
            return &sys->doms[i];
    return NULL;
}

int lint_decide_op(const struct lint_ctx *ctx, const struct xsmc_op *op, const struct xsmc_dom *src,
                   const struct xsmc_dom *tgt, struct xsmc_op_result *out)
{
    struct xsmc_op_env env;
    xsmc_env_of(ctx->sys, ctx->profile, ctx->options, &env);
    return xsmc_op_decide(&env, op, &src->core, tgt ? &tgt->core : NULL, XSMC_TF_DOMAIN,
                          xsmc_default_other(&src->core), out);
}

int lint_policy_separates(const struct lint_ctx *ctx, const char *opname, const struct xsmc_dom *a,
                          const struct xsmc_dom *b)
{
    const struct xsmc_op *op = xsmc_op_find(opname);
    struct xsmc_op_result r;
    return op && lint_decide_op(ctx, op, a, b, &r) == 0 && lint_decide_op(ctx, op, b, a, &r) == 0;
}

const struct xsmc_decision *lint_deciding_xsm(const struct xsmc_op *op, const struct xsmc_op_result *r)
{
    if (r->decided_by >= op->ngates || r->decided_by >= r->nrun)
        return NULL;
    uint8_t kind = op->gates[r->decided_by].kind;
    return kind == XSMC_G_XSM || kind == XSMC_G_XSM_FILTER ? &r->gates[r->decided_by].xsm : NULL;
}
