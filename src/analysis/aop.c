/*
 * Operations as the analysis sees them: each hook on its own (asked with
 * the sub-op its logic treats as privileged), then each hypercall sub-op of
 * the catalogue, which may pass through several hooks.
 */
#include <stdlib.h>
#include <string.h>

#include "xsmcap/analysis.h"

struct hook_row {
    struct xsmc_hook_words words;
    uint32_t subop, subop2;
    const char *detail;
};

static const struct hook_row hook_rows[] = {
#define XSMC_WORDS(hook, group, topic, words, subop, subop2, detail) \
    {{group, topic, words}, subop, subop2, detail},
#include "hook_words.def"
#undef XSMC_WORDS
};

_Static_assert(sizeof(hook_rows) / sizeof(hook_rows[0]) == XSMC_HOOK_COUNT,
               "hook_words.def needs one row per row of hooks.def");

const struct xsmc_hook_words *xsmc_hook_words(uint32_t hook)
{
    return hook < XSMC_HOOK_COUNT ? &hook_rows[hook].words : NULL;
}

static void aop_of_hook(uint32_t hook, uint32_t subop, struct xsmc_aop *a)
{
    const struct xsmc_hook_info *h = xsmc_hook_info(hook);
    memset(a, 0, sizeof(*a));
    a->name = h->name;
    a->group = hook_rows[hook].words.group;
    a->detail = hook_rows[hook].detail;
    a->targeted = h->target == XSMC_T_DOMAIN;
    a->on_caller = h->target == XSMC_T_SELF;
    a->nsteps = 1;
    a->steps[0].hook = hook;
    a->steps[0].subop = subop;
    a->steps[0].subop2 = hook_rows[hook].subop2;
}

static int aop_of_op(const struct xsmc_op *op, struct xsmc_aop *a)
{
    memset(a, 0, sizeof(*a));
    if (!op->nsteps || op->nsteps > XSMC_OP_MAX_HOOKS)
        return -1;
    a->name = op->name;
    a->group = op->hypercall;
    a->detail = "";
    a->op = op;
    a->targeted = op->target == XSMC_ON_DOMAIN;
    a->on_caller = op->target == XSMC_ON_CALLER;
    a->nsteps = op->nsteps;
    for (unsigned i = 0; i < op->nsteps; i++) {
        if (!xsmc_hook_info(op->steps[i].hook))
            return -1;
        a->steps[i] = op->steps[i];
    }
    return 0;
}

struct xsmc_aop *xsmc_aop_list(unsigned opset, size_t *count)
{
    size_t nops = xsmc_op_count();
    size_t max = ((opset & XSMC_OPS_HOOKS) ? XSMC_HOOK_COUNT : 0) +
                 ((opset & XSMC_OPS_SUBOPS) ? nops : 0);
    struct xsmc_aop *list = calloc(max ? max : 1, sizeof(*list));
    size_t n = 0;
    if (!list)
        return NULL;
    if (opset & XSMC_OPS_HOOKS)
        for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++)
            aop_of_hook(h, hook_rows[h].subop, &list[n++]);
    if (opset & XSMC_OPS_SUBOPS)
        for (size_t i = 0; i < nops; i++) {
            const struct xsmc_op *op = xsmc_op_at(i);
            /* a malformed catalogue row is left out rather than guessed at */
            if (op && aop_of_op(op, &list[n]) == 0)
                n++;
        }
    *count = n;
    return list;
}

int xsmc_aop_from_name(const char *name, uint32_t subop, struct xsmc_aop *out)
{
    uint32_t hook;
    if (xsmc_hook_from_name(name, &hook) == 0) {
        aop_of_hook(hook, subop, out);
        out->detail = "";
        return 0;
    }
    const struct xsmc_op *op = xsmc_op_find(name);
    return op ? aop_of_op(op, out) : -1;
}

const struct xsmc_domain *xsmc_aop_matrix_other(const struct xsmc_aop *aop,
                                                const struct xsmc_domain *src)
{
    for (unsigned i = 0; i < aop->nsteps; i++)
        if (aop->steps[i].hook == XSMC_HOOK_evtchn_unbound)
            return src;
    return NULL;
}

int xsmc_aop_decide(enum xsmc_profile profile, uint32_t options, const struct xsmc_aop *aop,
                    const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                    const struct xsmc_domain *other,
                    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS], unsigned *ndone)
{
    *ndone = 0;
    if (aop->on_caller)
        tgt = src;
    else if (!aop->targeted)
        tgt = NULL;
    for (unsigned i = 0; i < aop->nsteps; i++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(aop->steps[i].hook);
        if (!h)
            return XSMC_EBADHOOK;
        struct xsmc_request rq = {
            .hook = aop->steps[i].hook, .subop = aop->steps[i].subop,
            .subop2 = aop->steps[i].subop2, .src = src,
            .target = h->target == XSMC_T_NONE ? NULL : tgt, .other = other};
        int status = xsmc_decide(profile, options, &rq, &dec[i]);
        *ndone = i + 1;
        if (status)
            return status;
        if (!dec[i].allow)
            return 0;
    }
    return 1;
}

const struct xsmc_decision *xsmc_aop_decisive(const struct xsmc_decision *dec, unsigned ndone)
{
    if (!ndone)
        return NULL;
    if (!dec[ndone - 1].allow)
        return &dec[ndone - 1];
    for (unsigned i = 0; i < ndone; i++)
        if (dec[i].action != XSMC_ACT_HOOK)
            return &dec[i];
    return &dec[ndone - 1];
}
