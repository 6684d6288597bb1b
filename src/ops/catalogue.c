/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The operation catalogue (ops.def and the files of defs/) and its lookups.  Lookups
 * are exact and case-sensitive, and fail closed: a name that matches no
 * row, or more than one, finds nothing.
 */
#include <string.h>

#include "probe_forms.h"
#include "table.h"

#define GATE_COUNT(...) (sizeof((struct xsmc_gate[]){__VA_ARGS__}) / sizeof(struct xsmc_gate))

static const struct xsmc_op ops[] = {
#define XSMC_OP(hypercall, name, value, arches, target, what, note, probe, ...)               \
    {#hypercall, #name, #name, (value), (uint8_t)(arches), XSMC_##target,                     \
     (uint8_t)GATE_COUNT(__VA_ARGS__), {__VA_ARGS__}, (what), (note), probe},
#define XSMC_OP_VARIANT(hypercall, name, variant, value, arches, target, what, note, probe, ...) \
    {#hypercall, #name "/" variant, #name, (value), (uint8_t)(arches), XSMC_##target,          \
     (uint8_t)GATE_COUNT(__VA_ARGS__), {__VA_ARGS__}, (what), (note), probe},
#include "ops.def"
#undef XSMC_OP
#undef XSMC_OP_VARIANT
};

#define KC_NONE .kopt = -1, .kopt_off = 0
#define KC_ON(opt) .kopt = XSMC_K_##opt, .kopt_off = 0
#define KC_OFF(opt) .kopt = XSMC_K_##opt, .kopt_off = 1

static const struct xsmc_hypercall hypercalls[] = {
#define XSMC_HYPERCALL(hc_name, hc_number, hc_prefix, hc_reach, hc_guard, hc_entry)                    \
    {.name = #hc_name, .number = (hc_number), .prefix = (hc_prefix), .reach = (uint8_t)(hc_reach), hc_guard, \
     .entry = (hc_entry)},
#include "hypercalls.def"
#undef XSMC_HYPERCALL
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(COUNT(ops) > 0, "the catalogue has rows");

XSMC_TABLE_ACCESSORS(struct xsmc_op, ops, xsmc_op_count, xsmc_op_at)
XSMC_TABLE_ACCESSORS(struct xsmc_hypercall, hypercalls, xsmc_hypercall_count, xsmc_hypercall_at)

/* The hypercall whose name is exactly the first `len` bytes of `name`. */
static const struct xsmc_hypercall *hypercall_by_prefix(const char *name, size_t len)
{
    for (size_t i = 0; i < COUNT(hypercalls); i++)
        if (strlen(hypercalls[i].name) == len && memcmp(hypercalls[i].name, name, len) == 0)
            return &hypercalls[i];
    return NULL;
}

const struct xsmc_hypercall *xsmc_hypercall_find(const char *name)
{
    return name ? hypercall_by_prefix(name, strlen(name)) : NULL;
}

const char *xsmc_op_target_name(unsigned target)
{
    static const char *const names[] = {"none", "domain", "caller"};
    return target < COUNT(names) ? names[target] : NULL;
}

const char *xsmc_gate_kind_name(unsigned kind)
{
    static const char *const names[XSMC_G_COUNT] = {
        "xsm", "xsm-filter", "guest", "kconfig", "not-kconfig", "hwdom", "control",
        "lookup", "self", "not-self", "target-type"};
    return kind < COUNT(names) ? names[kind] : NULL;
}

const char *xsmc_errno_name(int err)
{
    static const struct { int err; const char *name; } names[] = {
        {XSMC_XEN_EPERM, "EPERM"}, {XSMC_XEN_ENOENT, "ENOENT"}, {XSMC_XEN_ESRCH, "ESRCH"},
        {XSMC_XEN_ENXIO, "ENXIO"}, {XSMC_XEN_E2BIG, "E2BIG"}, {XSMC_XEN_EAGAIN, "EAGAIN"},
        {XSMC_XEN_ENOMEM, "ENOMEM"}, {XSMC_XEN_EACCES, "EACCES"}, {XSMC_XEN_EFAULT, "EFAULT"},
        {XSMC_XEN_EBUSY, "EBUSY"}, {XSMC_XEN_EEXIST, "EEXIST"}, {XSMC_XEN_ENODEV, "ENODEV"},
        {XSMC_XEN_EINVAL, "EINVAL"}, {XSMC_XEN_ENOSPC, "ENOSPC"}, {XSMC_XEN_ERANGE, "ERANGE"},
        {XSMC_XEN_ENOSYS, "ENOSYS"}, {XSMC_XEN_EILSEQ, "EILSEQ"},
        {XSMC_XEN_EOPNOTSUPP, "EOPNOTSUPP"}, {XSMC_XEN_ENODATA, "ENODATA"},
        {XSMC_XEN_ENOBUFS, "ENOBUFS"}, {XSMC_XEN_ECONNREFUSED, "ECONNREFUSED"}};
    if (err < 0)
        err = -err;
    for (size_t i = 0; i < COUNT(names); i++)
        if (names[i].err == err)
            return names[i].name;
    return NULL;
}

int xsmc_op_exists(const struct xsmc_op *op, enum xsmc_arch arch)
{
    return op && (op->arches & xsmc_arch_bits(arch)) != 0;
}

uint32_t xsmc_op_first_hook(const struct xsmc_op *op)
{
    for (unsigned i = 0; i < op->ngates; i++)
        if (op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER)
            return op->gates[i].hook;
    return XSMC_HOOK_COUNT;
}

int xsmc_op_checks_hook(const struct xsmc_op *op, uint32_t hook)
{
    for (unsigned i = 0; i < op->ngates; i++)
        if ((op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER) &&
            op->gates[i].hook == hook)
            return 1;
    return 0;
}

/* Does `short_name` name row `op` of hypercall `hc`, in full or without the prefix? */
static int names_row(const struct xsmc_hypercall *hc, const struct xsmc_op *op,
                     const char *short_name)
{
    size_t plen = strlen(hc->prefix);
    if (strcmp(op->name, short_name) == 0)
        return 1;
    return strncmp(op->name, hc->prefix, plen) == 0 && strcmp(op->name + plen, short_name) == 0;
}

const struct xsmc_op *xsmc_op_find(const char *name)
{
    if (!name || !*name)
        return NULL;
    const char *colon = strchr(name, ':');
    const struct xsmc_hypercall *hc = NULL;
    const char *wanted = name;
    if (colon) {
        wanted = colon + 1;
        hc = hypercall_by_prefix(name, (size_t)(colon - name));
        if (!hc || !*wanted || strchr(wanted, ':'))
            return NULL;
    }
    const struct xsmc_op *found = NULL;
    for (size_t i = 0; i < COUNT(ops); i++) {
        int match = hc ? strcmp(ops[i].hypercall, hc->name) == 0 && names_row(hc, &ops[i], wanted)
                       : strcmp(ops[i].name, wanted) == 0;
        if (!match)
            continue;
        if (found)
            return NULL; /* ambiguous: refuse rather than guess */
        found = &ops[i];
    }
    return found;
}
