/* What xsmcap needs from Xen's command line (dom0_mem, dom0_max_vcpus, llc-coloring). */
#ifndef XSMC_CONFIG_CMDLINE_H
#define XSMC_CONFIG_CMDLINE_H

#include <stdint.h>

struct xen_cmdline {
    uint64_t dom0_mem_kb;   /* 0 when not given */
    uint32_t dom0_vcpus;    /* 0 when not given */
    int llc_coloring;       /* enum xsmc_tristate */
};

/* Parse a command line (NULL reads as empty). */
void xsmc_parse_xen_cmdline(const char *line, struct xen_cmdline *out);

#endif
