/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few Xen command-line options a boot configuration's meaning depends
 * on.  Sizes follow Xen's parse_size_and_unit (K, M, G, T; no suffix = KiB
 * for dom0_mem's amount); booleans follow parse_bool and parse_boolean
 * (xen/common/kernel.c), xsm= parse_xsm_param (xen/xsm/xsm_core.c) and
 * iommu= parse_iommu_param (xen/drivers/passthrough/iommu.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/system.h"
#include "cmdline.h"
#include "rules.h"

static uint64_t size_kb(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0); /* base 0, as simple_strtoull(s, &s1, 0) */
    unsigned shift = 0;
    switch (*end) {
    case 'T': case 't': shift = 30; break;
    case 'G': case 'g': shift = 20; break;
    case 'M': case 'm': shift = 10; break;
    case 'K': case 'k': shift = 0; break;
    case 'B': case 'b': return v / 1024;
    default: break;
    }
    if (v > (UINT64_MAX >> shift))
        return UINT64_MAX;
    return (uint64_t)v << shift;
}

static int parse_bool(const char *v, size_t n)
{
    static const char *const yes[] = {"1", "yes", "on", "true", "enable"};
    static const char *const no[] = {"0", "no", "off", "false", "disable"};
    for (size_t i = 0; i < 5; i++) {
        if (strlen(yes[i]) == n && strncmp(v, yes[i], n) == 0)
            return XSMC_YES;
        if (strlen(no[i]) == n && strncmp(v, no[i], n) == 0)
            return XSMC_NO;
    }
    return XSMC_UNKNOWN;
}

/*
 * kernel.c:parse_boolean: NAME, no-NAME, or NAME=<boolean>.  Returns 1 or
 * 0, or -1 when the item is not about NAME (or its value is no boolean).
 */
static int parse_boolean(const char *name, const char *s, size_t n)
{
    int neg = n >= 3 && strncmp(s, "no-", 3) == 0;
    if (neg) {
        s += 3;
        n -= 3;
    }
    size_t nlen = strlen(name);
    if (n < nlen || strncmp(s, name, nlen) != 0)
        return -1;
    if (n == nlen)
        return !neg;
    if (neg || s[nlen] != '=')
        return -1;
    int b = parse_bool(s + nlen + 1, n - nlen - 1);
    return b == XSMC_UNKNOWN ? -1 : b == XSMC_YES;
}

/* iommu.c:parse_iommu_param: a comma list; a plain boolean turns the IOMMU on or off. */
static void parse_iommu(const char *v, size_t n, struct xen_cmdline *out)
{
    while (1) {
        size_t item = strcspn(v, ",");
        item = item < n ? item : n;
        int b = parse_bool(v, item);
        if (b != XSMC_UNKNOWN)
            out->iommu = b;
        else if ((b = parse_boolean("force", v, item)) >= 0 ||
                 (b = parse_boolean("required", v, item)) >= 0)
            out->iommu_force = b;
        if (item == n)
            return;
        v += item + 1;
        n -= item + 1;
    }
}

/* xsm_core.c:parse_xsm_param: one of three names, compared whole. */
static void parse_xsm(const char *v, size_t n, struct xen_cmdline *out)
{
    static const struct {
        const char *name;
        int module;
    } names[] = {{"dummy", XSMC_XSM_DUMMY}, {"silo", XSMC_XSM_SILO}, {"flask", XSMC_XSM_FLASK}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i].name) == n && strncmp(v, names[i].name, n) == 0) {
            out->xsm = names[i].module;
            out->xsm_unknown[0] = '\0';
            return;
        }
    }
    /* -EINVAL: Xen keeps the module chosen so far */
    snprintf(out->xsm_unknown, sizeof(out->xsm_unknown), "%.*s", (int)(n < 31 ? n : 31), v);
}

/* grant_table.c:parse_gnttab: a comma list; max-ver:N (or max_ver:N) takes 1 or 2 only. */
static void parse_gnttab(const char *v, size_t n, uint32_t *max_version)
{
    while (n) {
        size_t item = strcspn(v, ",");
        item = item < n ? item : n;
        if (item == 9 && (strncmp(v, "max-ver:", 8) == 0 || strncmp(v, "max_ver:", 8) == 0) &&
            (v[8] == '1' || v[8] == '2'))
            *max_version = (uint32_t)(v[8] - '0');
        v += item;
        n -= item;
        if (n) {
            v++;
            n--;
        }
    }
}

void xsmc_parse_xen_cmdline(const char *line, struct xen_cmdline *out)
{
    out->dom0_mem_kb = 0;
    out->dom0_vcpus = 0;
    out->llc_coloring = XSMC_NO;
    out->gnttab_max_version = 2;
    out->xsm = XSMC_XSM_UNSET;
    out->xsm_unknown[0] = '\0';
    out->iommu = XSMC_UNKNOWN;
    out->iommu_force = 0;
    for (const char *p = line ? line : ""; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strcspn(p, " \t");
        size_t key = strcspn(p, "= \t");
        const char *val = key < n ? p + key + 1 : NULL;
        size_t vlen = val ? n - key - 1 : 0;
        if (key == 8 && strncmp(p, "dom0_mem", 8) == 0 && val)
            out->dom0_mem_kb = size_kb(val);
        else if (key == 14 && strncmp(p, "dom0_max_vcpus", 14) == 0 && val) {
            const char *dash = memchr(val, '-', vlen);
            out->dom0_vcpus = (uint32_t)strtoul(dash ? dash + 1 : val, NULL, 10);
        } else if (key == 12 && strncmp(p, "llc-coloring", 12) == 0)
            out->llc_coloring = val ? parse_bool(val, vlen) : XSMC_YES;
        else if (key == 6 && strncmp(p, "gnttab", 6) == 0 && val)
            parse_gnttab(val, vlen, &out->gnttab_max_version);
        else if (key == 3 && strncmp(p, "xsm", 3) == 0 && val)
            parse_xsm(val, vlen, out);
        else if (key == 5 && strncmp(p, "iommu", 5) == 0 && val)
            parse_iommu(val, vlen, out);
        else if (key == 8 && strncmp(p, "no-iommu", 8) == 0 && !val)
            out->iommu = XSMC_NO; /* _cmdline_parse hands a custom parameter "no" for no-NAME */
        p += n;
    }
}

void xsmc_apply_xen_cmdline(struct xsmc_system *sys, const struct xen_cmdline *c, const char *where)
{
    sys->llc_coloring = c->llc_coloring;
    sys->xsm_boot = c->xsm;
    free(sys->xen_cmdline_at);
    sys->xen_cmdline_at = where ? strdup(where) : NULL;
    sys->iommu_cmdline = c->iommu;
    sys->iommu_force = c->iommu_force;
    /* iommu_setup: with iommu_enable off no driver is probed, whatever the platform has */
    if (c->iommu == XSMC_NO)
        sys->iommu = XSMC_NO;
    if (c->xsm_unknown[0])
        xsmc_report(sys, XSMC_R_XSM_PARAM_IGNORED, where,
                    "parameter \"xsm\" has invalid value \"%s\", rc=-22!: Xen knows dummy, silo and flask, "
                    "ignores this value and keeps its default module", c->xsm_unknown);
}
