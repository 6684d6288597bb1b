/* SPDX-License-Identifier: GPL-2.0-only */
/* Device-tree source through the dtc program. */
#ifndef XSMC_CONFIG_DTC_H
#define XSMC_CONFIG_DTC_H

#include <stddef.h>

#include "xsmcap/config.h"

enum { XSMC_DTS_PLAIN = 0, XSMC_DTS_OVERLAY, XSMC_DTS_FRAGMENT };

/*
 * Compile `path` (a .dts, an overlay, or a .dtsi fragment) into a blob the
 * caller frees.  dtc's warnings go to opts->tool_warning (opts may be NULL).
 * Returns 0, or -1 with dtc's own first error ("FILE:LINE.COL: error:
 * [dtc-failed] ...") or a missing-dtc message in err.
 */
int xsmc_dtc_compile(const char *path, int kind, const struct xsmc_load_opts *opts, void **blob,
                     size_t *len, char *err, size_t errlen);

#endif
