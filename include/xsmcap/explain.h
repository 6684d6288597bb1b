/* Decisions and diagnostics in words. */
#ifndef XSMCAP_EXPLAIN_H
#define XSMCAP_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>
#include "xsmcap/policy.h"
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One line naming the lattice step, e.g. "HW_PRIV: ctl is control but not
 * hardware; hwpriv excludes the control domain from HW_PRIV".  src/tgt are
 * the names to use (tgt may be NULL).  Returns buf.
 */
const char *xsmc_reason_line(const struct xsmc_decision *d, const char *src,
                             const char *tgt, char *buf, size_t len);

/* "-EPERM", "-ESRCH", "-ENOSYS", "-EILSEQ" or "0". */
const char *xsmc_rc_name(int32_t rc);

/* Print a diagnostic as FILE:WHERE: severity: [rule] message, then the fix. */
void xsmc_diag_print(FILE *out, const char *source, const struct xsmc_diag *g);
const char *xsmc_severity_name(int severity);

#ifdef __cplusplus
}
#endif
#endif
