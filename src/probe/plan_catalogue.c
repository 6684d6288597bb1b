/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catalogue's planner: every operation of the catalogue that exists on
 * arm64 and has a harmless probe form, issued by every domain against the
 * targets its form names (every domain, the caller itself, DOMID_SELF),
 * each form turned into a record exactly as written in src/ops/defs/.
 */
#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "xsmcap/ops.h"

#define HC_EVTCHN_OP   32
#define EVTCHNOP_CLOSE 3

int xsmp_catalogue_key(const struct xsmp_key *key, const struct xsmc_op **op, int *follow_up)
{
    uint32_t index = key->op & ~XSMP_KEY_FOLLOW_UP;
    if (key->op >= XSMP_OP_SET_TARGET || index >= xsmc_op_count())
        return -1;
    *op = xsmc_op_at(index);
    *follow_up = (key->op & XSMP_KEY_FOLLOW_UP) != 0;
    return 0;
}

/* The domid a record names for the key's target. */
static uint32_t target_domid(const struct xsmp_plan *plan, uint32_t target)
{
    if (target == XSMP_KEY_DOMID_SELF)
        return XSMP_DOMID_SELF;
    return target < plan->ndoms ? plan->doms[target].domid : 0;
}

static uint64_t value_of(const struct xsmp_plan *plan, const struct xsmc_op *op, uint8_t kind,
                         uint64_t value, size_t caller, uint32_t target)
{
    switch (kind) {
    case XSMC_PF_OP: return op->value;
    case XSMC_PF_TARGET: return target_domid(plan, target);
    case XSMC_PF_CALLER:
    case XSMC_PF_OTHER: /* the third domain is the caller itself, as the model assumes */
        return plan->doms[caller].domid;
    default: return value;
    }
}

/* The record of one form, for one caller and one target; -1 when the form cannot be carried. */
static int record_of(const struct xsmp_plan *plan, const struct xsmc_op *op, uint32_t index,
                     size_t caller, uint32_t target, struct xsmp_record *r, struct xsmp_error *err)
{
    const struct xsmc_probe *pf = &op->probe;
    const struct xsmc_hypercall *hc = xsmc_hypercall_find(op->hypercall);
    memset(r, 0, sizeof(*r));
    r->key.op = index;
    r->key.target = target;
    r->hypercall = hc->number;
    if (pf->nargs > XSMP_MAX_ARGS || pf->buflen > XSMP_INIT_MAX)
        return xsmp_fail(err, "%s: its probe form needs more than a record carries", op->name);
    r->nargs = pf->nargs;
    for (unsigned a = 0; a < pf->nargs; a++) {
        const struct xsmc_probe_arg *pa = &pf->args[a];
        switch (pa->kind) {
        case XSMC_PA_BUF: r->arg_kind[a] = XSMP_ARG_BUF; r->arg_value[a] = pa->value; break;
        case XSMC_PA_BUF2: r->arg_kind[a] = XSMP_ARG_BUF2; r->arg_value[a] = pa->value; break;
        case XSMC_PA_TARGET:
            r->arg_kind[a] = XSMP_ARG_IMM;
            r->arg_value[a] = target_domid(plan, target);
            break;
        case XSMC_PA_OP: r->arg_kind[a] = XSMP_ARG_IMM; r->arg_value[a] = op->value; break;
        default: r->arg_kind[a] = XSMP_ARG_IMM; r->arg_value[a] = pa->value; break;
        }
    }
    r->init_len = pf->buflen;
    for (unsigned f = 0; f < pf->nfields; f++) {
        const struct xsmc_probe_field *fd = &pf->fields[f];
        if (fd->off + fd->width > pf->buflen)
            return xsmp_fail(err, "%s: a field of its probe form lies past its buffer", op->name);
        if (fd->kind == XSMC_PF_BUF2) {
            if (r->npatches == XSMP_MAX_PATCHES || (fd->width != 4 && fd->width != 8))
                return xsmp_fail(err, "%s: its probe form needs more patches than a record carries",
                                 op->name);
            r->patches[r->npatches++] = (struct xsmp_patch){fd->off, fd->width, XSMP_PATCH_BUF2,
                                                             fd->value};
            continue;
        }
        xsmp_put(r, fd->off, fd->width, value_of(plan, op, fd->kind, fd->value, caller, target));
    }
    switch (pf->outcome) {
    case XSMC_PO_LISTED:
        r->nreads = 2;
        r->reads[0] = (struct xsmp_read){.buf = 1, .width = 4, .off = pf->read_off[0]};
        r->reads[1] = (struct xsmp_read){.buf = 2, .width = 2, .off = pf->read_off[1]};
        break;
    case XSMC_PO_DENIED_TEXT:
        r->nreads = 1;
        r->reads[0] = (struct xsmp_read){.buf = 2, .width = 8, .off = 0};
        break;
    case XSMC_PO_STATUS:
        r->nreads = 1;
        r->reads[0] = (struct xsmp_read){.buf = 1, .width = 2, .off = pf->read_off[0]};
        break;
    case XSMC_PO_ERRS:
        r->nreads = 1;
        r->reads[0] = (struct xsmp_read){.buf = 2, .width = 4, .off = pf->read_off[0]};
        break;
    default:
        break;
    }
    if (pf->close_port) {
        if (r->nreads)
            return xsmp_fail(err, "%s: a closing form reads nothing else", op->name);
        r->nreads = 1;
        r->reads[0] = (struct xsmp_read){.buf = 1, .width = 4, .off = (uint16_t)(pf->close_port - 1)};
    }
    return 0;
}

/* EVTCHNOP_close of the port the previous record read back (port 0 after a refusal: -EINVAL). */
static struct xsmp_record close_record(uint32_t index, uint32_t target)
{
    struct xsmp_record r;
    memset(&r, 0, sizeof(r));
    r.key.op = index | XSMP_KEY_FOLLOW_UP;
    r.key.target = target;
    r.hypercall = HC_EVTCHN_OP;
    r.nargs = 2;
    r.arg_kind[0] = XSMP_ARG_IMM;
    r.arg_value[0] = EVTCHNOP_CLOSE;
    r.arg_kind[1] = XSMP_ARG_BUF;
    r.init_len = 4;
    r.npatches = 1;
    r.patches[0] = (struct xsmp_patch){.off = 0, .width = 4, .kind = XSMP_PATCH_PREV_R0};
    return r;
}

/* Every record one caller issues for one operation. */
static int plan_op(struct xsmp_plan *plan, const struct xsmc_op *op, uint32_t index, size_t caller,
                   struct xsmp_error *err)
{
    const struct xsmc_probe *pf = &op->probe;
    uint32_t targets[XSMP_MAX_DOMAINS + 1];
    size_t n = 0;
    if (op->target != XSMC_ON_DOMAIN || !pf->targets) {
        targets[n++] = XSMP_KEY_NO_TARGET;
    } else {
        for (size_t t = 0; t < plan->ndoms; t++)
            if ((pf->targets & XSMC_PT_DOMAINS) || ((pf->targets & XSMC_PT_CALLER) && t == caller) ||
                ((pf->targets & XSMC_PT_OTHERS) && t != caller))
                targets[n++] = (uint32_t)t;
        if (pf->targets & XSMC_PT_DOMID_SELF)
            targets[n++] = XSMP_KEY_DOMID_SELF;
    }
    for (size_t k = 0; k < n; k++) {
        struct xsmp_record r;
        if (record_of(plan, op, index, caller, targets[k], &r, err) ||
            xsmp_plan_add(&plan->lists[caller], &r, err))
            return -1;
        if (pf->close_port) {
            struct xsmp_record c = close_record(index, targets[k]);
            if (xsmp_plan_add(&plan->lists[caller], &c, err))
                return -1;
        }
    }
    return 0;
}

static int catalogue_plan(struct xsmp_plan *plan, struct xsmp_error *err)
{
    if (xsmp_plan_targets(plan, err))
        return -1;
    for (size_t caller = 0; caller < plan->ndoms; caller++)
        for (size_t i = 0; i < xsmc_op_count(); i++) {
            const struct xsmc_op *op = xsmc_op_at(i);
            if (!xsmc_op_exists(op, XSMC_ARCH_ARM64) || !op->probe.harmless)
                continue;
            if (plan_op(plan, op, (uint32_t)i, caller, err))
                return -1;
        }
    return 0;
}

static void catalogue_describe(const struct xsmp_plan *plan, const struct xsmp_key *key, char *op,
                               size_t oplen, char *target, size_t targetlen)
{
    if (xsmp_describe_setup(plan, key, op, oplen, target, targetlen))
        return;
    const struct xsmc_op *o;
    int follow_up;
    if (xsmp_catalogue_key(key, &o, &follow_up)) {
        snprintf(op, oplen, "?");
        snprintf(target, targetlen, "-");
        return;
    }
    snprintf(op, oplen, follow_up ? "%s (then EVTCHNOP_close)" : "%s", o->name);
    if (key->target == XSMP_KEY_NO_TARGET)
        snprintf(target, targetlen, "-");
    else if (key->target == XSMP_KEY_DOMID_SELF)
        snprintf(target, targetlen, "DOMID_SELF");
    else if (key->target < plan->ndoms)
        snprintf(target, targetlen, "%s", plan->doms[key->target].dom->name);
    else
        snprintf(target, targetlen, "?");
}

const struct xsmp_planner xsmp_planner_catalogue = {"catalogue", catalogue_plan, catalogue_describe};
