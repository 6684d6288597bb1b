/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: every lookup that takes a name from the command line
 * (hook, hypercall sub-operation, profile, action, capability, domain name
 * or id).  A name that resolves must resolve to a valid entry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/xsmcap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct xsmc_system *builtin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    if (!builtin && !(builtin = xsmc_builtin_system(err, sizeof(err))))
        abort();
    char *name = malloc(size + 1);
    if (!name)
        return 0;
    memcpy(name, data, size);
    name[size] = '\0';

    uint32_t hook = 0xffffffffu, cap = 0;
    enum xsmc_profile profile = XSMC_PROFILE_COUNT;
    enum xsmc_action action = XSMC_ACT_COUNT;
    if (xsmc_hook_from_name(name, &hook) == 0 && !xsmc_hook_info(hook))
        abort();
    const struct xsmc_op *op = xsmc_op_find(name);
    if (op && (op->ngates == 0 || op->ngates > XSMC_OP_MAX_GATES))
        abort();
    for (unsigned i = 0; op && i < op->ngates; i++)
        if ((op->gates[i].kind == XSMC_G_XSM || op->gates[i].kind == XSMC_G_XSM_FILTER) &&
            !xsmc_hook_info(op->gates[i].hook))
            abort();
    enum xsmc_arch arch;
    if (xsmc_arch_from_name(name, &arch) == 0 && !xsmc_arch_name(arch))
        abort();
    if (xsmc_profile_from_name(name, &profile) == 0 && !xsmc_profile_name(profile))
        abort();
    if (xsmc_action_from_name(name, &action) == 0 && !xsmc_action_name(action))
        abort();
    if (xsmc_cap_from_name(name, &cap) == 0 && (cap == 0 || (cap & ~XSMC_CAP_ALL)))
        abort();
    struct xsmc_dom *d = xsmc_system_find(builtin, name);
    if (d && (d < builtin->doms || d >= builtin->doms + builtin->ndoms))
        abort();
    free(name);
    return 0;
}
