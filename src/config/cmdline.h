/* What xsmcap needs from Xen's command line (dom0_mem, dom0_max_vcpus, llc-coloring, gnttab). */
#ifndef XSMC_CONFIG_CMDLINE_H
#define XSMC_CONFIG_CMDLINE_H

#include <stdint.h>

struct xen_cmdline {
    uint64_t dom0_mem_kb;   /* 0 when not given */
    uint32_t dom0_vcpus;    /* 0 when not given */
    int llc_coloring;       /* enum xsmc_tristate */
    uint32_t gnttab_max_version; /* gnttab=max-ver:N, 2 by default (GNTTAB_MAX_VERSION) */
};

/* Parse a command line (NULL reads as empty). */
void xsmc_parse_xen_cmdline(const char *line, struct xen_cmdline *out);

#endif
