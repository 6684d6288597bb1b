/*
 * The few Xen command-line options a boot configuration's meaning depends
 * on.  Sizes follow Xen's parse_size_and_unit (K, M, G, T; no suffix = KiB
 * for dom0_mem's amount); booleans follow parse_bool.
 */
#include <stdlib.h>
#include <string.h>

#include "xsmcap/system.h"
#include "cmdline.h"

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
        p += n;
    }
}
