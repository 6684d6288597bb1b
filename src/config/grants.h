/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's limits on a domain's grant table, whatever form the configuration gives them in. */
#ifndef XSMC_CONFIG_GRANTS_H
#define XSMC_CONFIG_GRANTS_H

#include <stdint.h>

#include "rules.h"

/* What a domain asks for; a field counts only when its `has_` flag is set. */
struct grant_opts {
    int has_frames, has_maptrack, has_version;
    uint64_t frames, maptrack, version;
};

/*
 * parse_dom0less_node refuses frame counts above INT32_MAX;
 * grant_table_init refuses 0 grant frames and a version (its low 4 bits)
 * of 0 or above gnttab=max-ver (`max_version`).  Reported at `where`.
 */
void xsmc_check_grants(struct xsmc_system *sys, const char *where, const char *domain,
                       const struct grant_opts *g, uint32_t max_version);

#endif
