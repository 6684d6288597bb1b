/* SPDX-License-Identifier: GPL-2.0-only */
/* Architectures, guest types and the XSMC_P_* masks that combine them. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/platform.h"

static const char *const arch_names[XSMC_ARCH_COUNT] = {"arm64", "arm32", "x86_64"};
static const char *const guest_names[XSMC_GUEST_COUNT] = {"arm", "pv", "hvm", "pvh"};

uint32_t xsmc_platform_bit(enum xsmc_arch arch, enum xsmc_guest guest)
{
    switch (arch) {
    case XSMC_ARCH_ARM64: return guest == XSMC_GUEST_ARM ? XSMC_P_ARM64 : 0;
    case XSMC_ARCH_ARM32: return guest == XSMC_GUEST_ARM ? XSMC_P_ARM32 : 0;
    case XSMC_ARCH_X86_64:
        switch (guest) {
        case XSMC_GUEST_PV: return XSMC_P_PV;
        case XSMC_GUEST_HVM: return XSMC_P_HVM;
        case XSMC_GUEST_PVH: return XSMC_P_PVH;
        default: return 0;
        }
    default: return 0;
    }
}

uint32_t xsmc_arch_bits(enum xsmc_arch arch)
{
    switch (arch) {
    case XSMC_ARCH_ARM64: return XSMC_P_ARM64;
    case XSMC_ARCH_ARM32: return XSMC_P_ARM32;
    case XSMC_ARCH_X86_64: return XSMC_P_X86;
    default: return 0;
    }
}

int xsmc_guest_valid(enum xsmc_arch arch, enum xsmc_guest guest)
{
    return xsmc_platform_bit(arch, guest) != 0;
}

const char *xsmc_arch_name(enum xsmc_arch arch)
{
    return (unsigned)arch < XSMC_ARCH_COUNT ? arch_names[arch] : NULL;
}

const char *xsmc_guest_name(enum xsmc_guest guest)
{
    return (unsigned)guest < XSMC_GUEST_COUNT ? guest_names[guest] : NULL;
}

int xsmc_arch_from_name(const char *name, enum xsmc_arch *out)
{
    for (unsigned a = 0; name && a < XSMC_ARCH_COUNT; a++)
        if (strcmp(name, arch_names[a]) == 0) {
            *out = (enum xsmc_arch)a;
            return 0;
        }
    return -1;
}

int xsmc_guest_from_name(const char *name, enum xsmc_guest *out)
{
    for (unsigned g = 0; name && g < XSMC_GUEST_COUNT; g++)
        if (strcmp(name, guest_names[g]) == 0) {
            *out = (enum xsmc_guest)g;
            return 0;
        }
    return -1;
}

/* Append `s` to buf at *at, never past len - 1 bytes. */
static void put(char *buf, size_t len, size_t *at, const char *s)
{
    int n = snprintf(buf + *at, len - *at, "%s", s);
    if (n > 0)
        *at += (size_t)n < len - *at ? (size_t)n : len - *at - 1;
}

const char *xsmc_platform_text(uint32_t mask, char *buf, size_t len)
{
    static const struct { uint32_t bits; const char *name; } parts[] = {
        {XSMC_P_ARM64, "arm64"}, {XSMC_P_ARM32, "arm32"}, {XSMC_P_PV, "x86_64 pv"},
        {XSMC_P_HVM, "x86_64 hvm"}, {XSMC_P_PVH, "x86_64 pvh"}};
    size_t at = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    mask &= XSMC_P_ALL;
    if (!mask) {
        put(buf, len, &at, "nowhere");
        return buf;
    }
    if ((mask & XSMC_P_X86) == XSMC_P_X86) {
        /* all three x86 guest types: name the architecture once */
        if (mask & XSMC_P_ARM64)
            put(buf, len, &at, "arm64, ");
        if (mask & XSMC_P_ARM32)
            put(buf, len, &at, "arm32, ");
        put(buf, len, &at, "x86_64");
        return buf;
    }
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        if (mask & parts[i].bits) {
            if (at)
                put(buf, len, &at, ", ");
            put(buf, len, &at, parts[i].name);
        }
    return buf;
}

const char *xsmc_xsm_module_name(enum xsmc_xsm_module m)
{
    static const char *const names[] = {"unset", "dummy", "silo", "flask"};
    return (unsigned)m < sizeof(names) / sizeof(names[0]) ? names[m] : NULL;
}
