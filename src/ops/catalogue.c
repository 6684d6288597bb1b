/*
 * The hypercall catalogue (ops.def) and its lookups.  Lookups are exact and
 * case-sensitive, and fail closed: a name that matches no row, or more than
 * one, finds nothing.
 */
#include <string.h>

#include "xsmcap/ops.h"
#include "table.h"

#define CHECK(hook) {XSMC_HOOK_##hook, 0, 0}
#define CHECK_SUB(hook, subop) {XSMC_HOOK_##hook, (subop), 0}
#define CHECK_SUB2(hook, subop, subop2) {XSMC_HOOK_##hook, (subop), (subop2)}
#define STEP_COUNT(...) (sizeof((struct xsmc_op_step[]){__VA_ARGS__}) / sizeof(struct xsmc_op_step))

static const struct xsmc_op ops[] = {
#define XSMC_OP(hypercall, name, value, target, xen, note, ...)                    \
    {#hypercall, #name, (value), XSMC_##target, (uint8_t)STEP_COUNT(__VA_ARGS__), \
     {__VA_ARGS__}, (xen), (note)},
#include "ops.def"
#undef XSMC_OP
};

static const struct xsmc_hypercall hypercalls[] = {
#define XSMC_HYPERCALL(name, number, prefix) {#name, (number), (prefix)},
#include "hypercalls.def"
#undef XSMC_HYPERCALL
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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
