/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations as the analysis sees them: the catalogue rows that exist on a
 * system's architecture, decided on its platform; and the plain words of
 * hooks, which a bare hook query and operations without words of their own
 * use.
 */
#include <stdlib.h>

#include "xsmcap/analysis.h"

static const struct xsmc_hook_words hook_words[] = {
#define XSMC_WORDS(hook, group, topic, words) {group, topic, words},
#include "hook_words.def"
#undef XSMC_WORDS
};

_Static_assert(sizeof(hook_words) / sizeof(hook_words[0]) == XSMC_HOOK_COUNT,
               "hook_words.def needs one row per row of hooks.def");

const struct xsmc_hook_words *xsmc_hook_words(uint32_t hook)
{
    return hook < XSMC_HOOK_COUNT ? &hook_words[hook] : NULL;
}

const char *xsmc_op_words(const struct xsmc_op *op)
{
    if (op->what && *op->what)
        return op->what;
    uint32_t hook = xsmc_op_first_hook(op);
    return hook < XSMC_HOOK_COUNT ? hook_words[hook].words : op->name;
}

const struct xsmc_op **xsmc_platform_ops(enum xsmc_arch arch, size_t *count)
{
    size_t n = xsmc_op_count(), k = 0;
    /* pointers to the catalogue's rows, not copies */
    const struct xsmc_op **list = calloc(n ? n : 1, sizeof(*list)); // NOLINT(bugprone-sizeof-expression)
    if (!list)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (xsmc_op_exists(xsmc_op_at(i), arch))
            list[k++] = xsmc_op_at(i);
    *count = k;
    return list;
}

void xsmc_env_of(const struct xsmc_system *sys, enum xsmc_profile profile, uint32_t options,
                 struct xsmc_op_env *out)
{
    out->arch = (enum xsmc_arch)sys->arch;
    out->kconfig = &sys->kconfig;
    out->profile = profile;
    out->options = options;
}
