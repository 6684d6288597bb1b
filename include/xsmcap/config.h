/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading boot configurations (dom0less DTB/DTS, x86 hyperlaunch,
 * ImageBuilder .cfg) into a system, and validating it as Xen does at boot.
 */
#ifndef XSMCAP_CONFIG_H
#define XSMCAP_CONFIG_H

#include <stddef.h>
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A device-model relation given on the command line: --target DM=GUEST. */
struct xsmc_target_opt {
    const char *dm;
    const char *guest;
};

struct xsmc_load_opts {
    int iommu;                           /* enum xsmc_tristate, from --iommu */
    int intremap;                        /* enum xsmc_tristate, from --intremap */
    const struct xsmc_target_opt *targets;
    size_t ntargets;
    /*
     * dtc's warnings on device-tree source, each one line in the shape of
     * a diagnostic ("FILE:LINE.COL-LINE.COL: warning: [dtc-warning] ...
     * (dtc: CHECK)"); NULL drops them.
     */
    void (*tool_warning)(const char *line, void *ctx);
    void *tool_ctx;
};

/*
 * Read a configuration file, choosing the reader by content and extension.
 * Returns NULL with a one-line message in err ("FILE:...: error: ...") when
 * the input cannot be read at all; otherwise a system whose diags hold what
 * the reader found (validation is separate).
 */
struct xsmc_system *xsmc_config_load(const char *path, const struct xsmc_load_opts *opts,
                                     char *err, size_t errlen);

/*
 * The reader a path's extension chooses: .dtb .dtbo a blob, .dts .dtsi
 * .dtso device-tree source, .cfg an ImageBuilder configuration; OTHER for
 * any other name (xsmc_config_load then goes by the content alone).
 */
enum xsmc_config_path { XSMC_PATH_OTHER = 0, XSMC_PATH_DTB, XSMC_PATH_DTS, XSMC_PATH_CFG };
enum xsmc_config_path xsmc_config_path_kind(const char *path);

/* Apply --target and --iommu to any system (spec, builtin or file). */
int xsmc_config_apply_opts(struct xsmc_system *sys, const struct xsmc_load_opts *opts);

/*
 * Check the system against Xen's boot-time rules under `profile`; adds
 * error and warning diagnostics.  Returns the number of errors added.
 */
int xsmc_validate(struct xsmc_system *sys, enum xsmc_profile profile);

/* The boot-configuration rules (src/config/rules.def), for listings and docs. */
struct xsmc_rule_info {
    const char *id;          /* stable, e.g. "hwdom-duplicate" */
    int severity;            /* enum xsmc_severity */
    int undecided;           /* the rule fires when Xen's verdict depends on a fact the input does not give */
    const char *stage;       /* read, boot, E, P, C, B, L (Xen's boot stages), xsmcap or ib */
    const char *xen_message; /* the Xen message it mirrors, "(none)" when Xen is silent */
    const char *xen_source;  /* Xen file:function */
    const char *fix;
    const char *ib_fix;      /* the fix in ImageBuilder's words, or NULL */
};
size_t xsmc_rule_count(void);
const struct xsmc_rule_info *xsmc_rule_at(size_t index);
const struct xsmc_rule_info *xsmc_rule_by_id(const char *id);

/*
 * What the diagnostics of a validated system say about booting it, the one
 * meaning every verb gives a configuration: Xen boots it (valid), Xen
 * refuses it (invalid: an error), or Xen boots it only if a fact the input
 * does not give holds (undecided: a diagnostic of an `undecided` rule, such
 * as a hardware domain that needs an IOMMU nobody said is there).
 */
enum xsmc_verdict { XSMC_VALID = 0, XSMC_UNDECIDED = 1, XSMC_INVALID = 2 };
enum xsmc_verdict xsmc_config_verdict(const struct xsmc_system *sys);
/* Is this diagnostic one of an undecided rule? */
int xsmc_diag_undecided(const struct xsmc_diag *g);

#ifdef __cplusplus
}
#endif
#endif
