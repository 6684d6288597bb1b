/* SPDX-License-Identifier: GPL-2.0-only */
/* Reporting by rule: the id, severity and fix come from rules.def. */
#ifndef XSMC_CONFIG_RULES_H
#define XSMC_CONFIG_RULES_H

#include <stddef.h>
#include "xsmcap/config.h"

enum xsmc_rule {
#define RULE(name, id, sev, stage, msg, src, fix) XSMC_R_##name,
#define RULE_IB(name, id, sev, stage, msg, src, fix, ib_fix) XSMC_R_##name,
#include "rules.def"
#undef RULE
#undef RULE_IB
    XSMC_R_COUNT
};

/* Add a diagnostic for `rule` at `where` (a node path); message printf-style. */
void xsmc_report(struct xsmc_system *sys, enum xsmc_rule rule, const char *where,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Write the one-line reader error "FILE:WHERE: error: [id] message" into
 * err.  Returns NULL so a reader can `return xsmc_fail(...)`.
 */
void *xsmc_fail(char *err, size_t errlen, const char *file, const char *where,
                enum xsmc_rule rule, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
