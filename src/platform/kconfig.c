/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Build configurations: the defconfig of each architecture (kconfig.def)
 * and Xen .config files as `make olddefconfig` writes them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/platform.h"

#define KCONFIG_MAX_BYTES (4u << 20) /* Xen's .config is about 10 KiB */

struct kopt_row {
    const char *name;
    char value[XSMC_ARCH_COUNT]; /* 'y', 'n' or 'x' (no such choice) per enum xsmc_arch */
    const char *why;
};

static const struct kopt_row kopts[XSMC_K_COUNT] = {
#define XSMC_KCONFIG(name, arm64, arm32, x86_64, why) {#name, {#arm64[0], #arm32[0], #x86_64[0]}, why},
#include "xsmcap/kconfig.def"
#undef XSMC_KCONFIG
};

const char *xsmc_kopt_name(unsigned opt)
{
    return opt < XSMC_K_COUNT ? kopts[opt].name : NULL;
}

const char *xsmc_kopt_why(unsigned opt)
{
    return opt < XSMC_K_COUNT ? kopts[opt].why : NULL;
}

int xsmc_kopt_from_name(const char *name, unsigned *out)
{
    if (name && strncmp(name, "CONFIG_", 7) == 0)
        name += 7;
    for (unsigned i = 0; name && i < XSMC_K_COUNT; i++)
        if (strcmp(name, kopts[i].name) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

int xsmc_kopt_default(unsigned opt, enum xsmc_arch arch)
{
    return opt < XSMC_K_COUNT && (unsigned)arch < XSMC_ARCH_COUNT && kopts[opt].value[arch] == 'y';
}

int xsmc_kopt_exists(unsigned opt, enum xsmc_arch arch)
{
    return opt < XSMC_K_COUNT && (unsigned)arch < XSMC_ARCH_COUNT && kopts[opt].value[arch] != 'x';
}

static void set_opt(struct xsmc_kconfig *k, unsigned opt)
{
    k->on[opt / 64] |= 1ull << (opt % 64);
}

void xsmc_kconfig_default(enum xsmc_arch arch, struct xsmc_kconfig *out)
{
    memset(out, 0, sizeof(*out));
    out->arch = (uint8_t)arch;
    for (unsigned i = 0; i < XSMC_K_COUNT; i++)
        if (xsmc_kopt_default(i, arch))
            set_opt(out, i);
}

enum xsmc_xsm_module xsmc_kconfig_xsm_default(const struct xsmc_kconfig *k)
{
    /* xen/xsm/xsm_core.c: the *_DEFAULT choice; without CONFIG_XSM only the inline dummy exists */
    if (!xsmc_kconfig_on(k, XSMC_K_XSM))
        return XSMC_XSM_DUMMY;
    if (xsmc_kconfig_on(k, XSMC_K_XSM_FLASK_DEFAULT))
        return XSMC_XSM_FLASK;
    if (xsmc_kconfig_on(k, XSMC_K_XSM_SILO_DEFAULT))
        return XSMC_XSM_SILO;
    return XSMC_XSM_DUMMY;
}

/* Read the whole file, refusing what cannot be a .config; NULL with err set. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(KCONFIG_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, KCONFIG_MAX_BYTES + 1, f) : 0;
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot read: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    if (n > KCONFIG_MAX_BYTES) {
        snprintf(err, errlen, "%s: larger than %u bytes: not a Xen .config", path,
                 KCONFIG_MAX_BYTES);
        free(buf);
        return NULL;
    }
    if (memchr(buf, '\0', n)) {
        snprintf(err, errlen, "%s: binary data: not a Xen .config", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int xsmc_kconfig_read(const char *path, struct xsmc_kconfig *out, char *err, size_t errlen)
{
    size_t len;
    char *text = slurp(path, &len, err, errlen);
    if (!text)
        return -1;
    memset(out, 0, sizeof(*out));
    out->from_file = 1;
    int header = 0, arch = -1, lineno = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        /* Kconfig's header: "# Xen/arm 4.23-unstable Configuration" */
        if (lineno <= 5 && strncmp(line, "# Xen/", 6) == 0 && strstr(line, " Configuration"))
            header = 1;
        if (strncmp(line, "CONFIG_", 7) != 0)
            continue;
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        if (strcmp(eq + 1, "y") != 0)
            continue;
        unsigned opt;
        if (strcmp(line, "CONFIG_ARM_64") == 0)
            arch = XSMC_ARCH_ARM64;
        else if (strcmp(line, "CONFIG_ARM_32") == 0)
            arch = XSMC_ARCH_ARM32;
        else if (strcmp(line, "CONFIG_X86_64") == 0)
            arch = XSMC_ARCH_X86_64;
        if (xsmc_kopt_from_name(line + 7, &opt) == 0)
            set_opt(out, opt);
    }
    free(text);
    if (!header) {
        snprintf(err, errlen, "%s:1: not a Xen .config (no '# Xen/ARCH VERSION Configuration' "
                 "header; give the .config of a Xen build directory)", path);
        return -1;
    }
    if (arch < 0) {
        snprintf(err, errlen, "%s: a Xen .config without CONFIG_ARM_64, CONFIG_ARM_32 or "
                 "CONFIG_X86_64: cannot tell its architecture", path);
        return -1;
    }
    out->arch = (uint8_t)arch;
    return 0;
}
