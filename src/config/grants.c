/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The grant-table options of a boot domain (booting.txt max_grant_frames,
 * max_maptrack_frames, max_grant_version; ImageBuilder DOMU_GRANT_*):
 * dom0less-bindings.c:parse_dom0less_node and grant_table.c:grant_table_init.
 */
#include "grants.h"

void xsmc_check_grants(struct xsmc_system *sys, const char *where, const char *domain,
                       const struct grant_opts *g, uint32_t max_version)
{
    static const char *const names[] = {"max_grant_frames", "max_maptrack_frames"};
    const int has[] = {g->has_frames, g->has_maptrack};
    const uint64_t value[] = {g->frames, g->maptrack};
    for (int i = 0; i < 2; i++) {
        if (!has[i])
            continue;
        if (value[i] > INT32_MAX)
            xsmc_report(sys, XSMC_R_GRANT_FRAMES_OVERFLOW, where, "%s (%llu) overflow", names[i],
                        (unsigned long long)value[i]);
        else if (value[i] == 0 && i == 0) /* maptrack frames may be 0; grant frames may not */
            xsmc_report(sys, XSMC_R_GRANT_TABLE_INVALID, where,
                        "Error creating domain %s: Bad grant table size: 0 frames", domain);
    }
    if (!g->has_version)
        return;
    uint64_t v = g->version & 0xf; /* XEN_DOMCTL_GRANT_version() keeps the low 4 bits */
    if (v == 0)
        xsmc_report(sys, XSMC_R_GRANT_TABLE_INVALID, where,
                    "Error creating domain %s: invalid grant table version 0 requested", domain);
    else if (v > max_version)
        xsmc_report(sys, XSMC_R_GRANT_TABLE_INVALID, where,
                    "Error creating domain %s: requested grant version (%llu) greater than supported (%u)",
                    domain, (unsigned long long)v, max_version);
}
