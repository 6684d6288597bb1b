/* SPDX-License-Identifier: GPL-2.0-only */
/* Names of profiles, actions, capabilities and reasons; freestanding. */
#include "xsmcap/policy.h"
#include "core_string.h"

static const char *const profile_names[XSMC_PROFILE_COUNT] = {
    [XSMC_PROFILE_UPSTREAM] = "upstream",
    [XSMC_PROFILE_HWPRIV] = "hwpriv",
    [XSMC_PROFILE_HWPRIV_DM] = "hwpriv-dm",
    [XSMC_PROFILE_HWPRIV_V2] = "hwpriv-v2",
};

static const char *const action_names[XSMC_ACT_COUNT] = {
    [XSMC_ACT_HOOK] = "HOOK",       [XSMC_ACT_DM_PRIV] = "DM_PRIV",
    [XSMC_ACT_TARGET] = "TARGET",   [XSMC_ACT_PRIV] = "PRIV",
    [XSMC_ACT_XS_PRIV] = "XS_PRIV", [XSMC_ACT_HW_PRIV] = "HW_PRIV",
    [XSMC_ACT_OTHER] = "OTHER",     [XSMC_ACT_NONE] = "NONE",
};

static const char *const cap_names[XSMC_CAP_COUNT] = {
    "control", "hardware", "xenstore", "device_model", "not_hypercall_target",
};

/* Capability bits each profile defines; Xen panics at boot on the others. */
static const uint32_t profile_caps[XSMC_PROFILE_COUNT] = {
    [XSMC_PROFILE_UPSTREAM] = XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE,
    [XSMC_PROFILE_HWPRIV] = XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE,
    [XSMC_PROFILE_HWPRIV_DM] = XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE |
                               XSMC_CAP_DEVICE_MODEL,
    [XSMC_PROFILE_HWPRIV_V2] = XSMC_CAP_ALL,
};

const char *xsmc_profile_name(enum xsmc_profile profile)
{
    return (unsigned)profile < XSMC_PROFILE_COUNT ? profile_names[profile] : 0;
}

const char *xsmc_action_name(enum xsmc_action action)
{
    return (unsigned)action < XSMC_ACT_COUNT ? action_names[action] : 0;
}

const char *xsmc_cap_name(unsigned bit_index)
{
    return bit_index < XSMC_CAP_COUNT ? cap_names[bit_index] : 0;
}

uint32_t xsmc_profile_caps(enum xsmc_profile profile)
{
    return (unsigned)profile < XSMC_PROFILE_COUNT ? profile_caps[profile] : 0;
}

/* Index of `name` in a table of `n` names, or -1. */
static int lookup(const char *const *table, unsigned n, const char *name)
{
    if (!name)
        return -1;
    for (unsigned i = 0; i < n; i++)
        if (table[i] && xsmc_streq(table[i], name))
            return (int)i;
    return -1;
}

int xsmc_profile_from_name(const char *name, enum xsmc_profile *out)
{
    int i = lookup(profile_names, XSMC_PROFILE_COUNT, name);
    if (i < 0)
        return XSMC_EBADPROFILE;
    *out = (enum xsmc_profile)i;
    return 0;
}

/* Accepts "HW_PRIV" and "XSM_HW_PRIV"; only lattice actions and OTHER/NONE. */
int xsmc_action_from_name(const char *name, enum xsmc_action *out)
{
    if (name && xsmc_strprefix(name, "XSM_"))
        name += 4;
    int i = lookup(action_names, XSMC_ACT_COUNT, name);
    if (i < 0)
        return XSMC_EBADACTION;
    *out = (enum xsmc_action)i;
    return 0;
}

int xsmc_cap_from_name(const char *name, uint32_t *bit_out)
{
    int i = lookup(cap_names, XSMC_CAP_COUNT, name);
    if (i < 0)
        return XSMC_EBADCAP;
    *bit_out = 1u << i;
    return 0;
}

const char *xsmc_strerror(int status)
{
    switch (status) {
    case 0: return "success";
    case XSMC_EBADPROFILE: return "unknown profile";
    case XSMC_EBADHOOK: return "unknown hook";
    case XSMC_EBADACTION: return "unknown action";
    case XSMC_EBADCAP: return "unknown capability";
    case XSMC_EBADARG: return "bad argument";
    case XSMC_EBADOPT: return "unknown option";
    default: return "unknown error";
    }
}
