/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What xsmcap needs from Xen's command line: dom0_mem, dom0_max_vcpus,
 * llc-coloring, gnttab, xsm and iommu.
 */
#ifndef XSMC_CONFIG_CMDLINE_H
#define XSMC_CONFIG_CMDLINE_H

#include <stdint.h>

/* dom0's memory without dom0_mem= (arch/arm/domain_build.c:construct_dom0, CONFIG_DOM0_MEM empty). */
#define XEN_DOM0_MEM_DEFAULT_KB (512u * 1024)

struct xen_cmdline {
    uint64_t dom0_mem_kb;   /* 0 when not given */
    uint32_t dom0_vcpus;    /* 0 when not given */
    int llc_coloring;       /* enum xsmc_tristate */
    uint32_t gnttab_max_version; /* gnttab=max-ver:N, 2 by default (GNTTAB_MAX_VERSION) */
    int xsm;                /* enum xsmc_xsm_module of xsm=, XSMC_XSM_UNSET when absent or unknown */
    char xsm_unknown[32];   /* xsm= naming no module at all, as written (truncated); "" when none */
    int iommu;              /* enum xsmc_tristate: the last boolean of iommu= (XSMC_NO: off) */
    int iommu_force;        /* iommu=force or iommu=required (the last one wins) */
};

/* Parse a command line (NULL reads as empty). */
void xsmc_parse_xen_cmdline(const char *line, struct xen_cmdline *out);

struct xsmc_system;
/*
 * What the command line decides for the whole system: LLC colouring, the
 * XSM module, whether the IOMMU is turned off or required.  An xsm= naming
 * no module at all is reported at `where` (where the command line is).
 */
void xsmc_apply_xen_cmdline(struct xsmc_system *sys, const struct xen_cmdline *c, const char *where);

#endif
