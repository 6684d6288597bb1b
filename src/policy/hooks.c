/* SPDX-License-Identifier: GPL-2.0-only */
/* The hook catalogue as data: include/xsmcap/hooks.def expanded once. */
#include "xsmcap/policy.h"
#include "core_string.h"

#define A_(x) XSMC_ACT_##x
#define XSMC_HOOK(name, logic, up, hw, dm, v2, src, tgt, silo, kconfig, caller) \
    [XSMC_HOOK_##name] = {#name,                                              \
                          XSMC_##logic,                                       \
                          {A_(up), A_(hw), A_(dm), A_(v2)},                   \
                          XSMC_##tgt,                                         \
                          silo,                                               \
                          src,                                                \
                          kconfig,                                            \
                          caller},
#define S_SILO 1
#define S_NO 0

static const struct xsmc_hook_info hook_table[XSMC_HOOK_COUNT] = {
#include "xsmcap/hooks.def"
};

#undef XSMC_HOOK

const struct xsmc_hook_info *xsmc_hook_info(uint32_t hook)
{
    return hook < XSMC_HOOK_COUNT ? &hook_table[hook] : 0;
}

int xsmc_hook_from_name(const char *name, uint32_t *hook_out)
{
    if (!name || !hook_out)
        return XSMC_EBADARG;
    if (xsmc_strprefix(name, "xsm_"))
        name += 4;
    for (uint32_t i = 0; i < XSMC_HOOK_COUNT; i++) {
        if (xsmc_streq(hook_table[i].name, name)) {
            *hook_out = i;
            return 0;
        }
    }
    return XSMC_EBADHOOK;
}

const char *xsmc_logic_name(enum xsmc_logic logic)
{
    static const char *const names[] = {
        [XSMC_L_DEFAULT] = "default",           [XSMC_L_NONE] = "no-decision",
        [XSMC_L_ENOSYS] = "enosys",             [XSMC_L_SYSTEM_ACTIVE] = "set_system_active",
        [XSMC_L_CONSOLE] = "console_io",        [XSMC_L_XENVER] = "xen_version",
        [XSMC_L_PMU] = "pmu_op",                [XSMC_L_ALTP2M] = "altp2m",
        [XSMC_L_DOMCTL] = "domctl",             [XSMC_L_SYSCTL] = "sysctl",
        [XSMC_L_HVM_PARAM] = "hvm_param",       [XSMC_L_MMU_UPDATE] = "mmu_update",
    };
    return (unsigned)logic < sizeof(names) / sizeof(names[0]) ? names[logic] : 0;
}
