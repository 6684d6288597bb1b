/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Safety lints: the assumptions the privilege split rests on, checked the
 * way a compiler warns.  Xen checks none of them at boot.
 *
 * Each rule has a stable id, a default severity, a fix and a rationale that
 * cites its source (src/lint/rules.def is the table).  Rules about power ask
 * the policy engine, so they follow the chosen profile.
 */
#ifndef XSMCAP_LINT_H
#define XSMCAP_LINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "xsmcap/policy.h"
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A rule's severity when switched off (the others are enum xsmc_severity). */
#define XSMC_LINT_OFF (-1)
/* Room in struct xsmc_lint_config; the table is checked against it at build time. */
#define XSMC_LINT_MAX_RULES 64

struct xsmc_lint_rule_info {
    const char *id;        /* stable, e.g. "hwdom-dma-without-iommu" */
    int severity;          /* default: enum xsmc_severity */
    const char *summary;   /* one line: what the rule finds */
    const char *fix;       /* what to change */
    const char *rationale; /* why it matters, with the assumptions made */
    const char *source;    /* the reviewer's point or Xen rule it rests on */
};

/* The table, in its order (the order findings are reported in). */
size_t xsmc_lint_rule_count(void);
const struct xsmc_lint_rule_info *xsmc_lint_rule_at(size_t index);
/* Index of a rule by id, or -1. */
int xsmc_lint_rule_find(const char *id);

/* Which rules run and at what severity, and the engine options (XSMC_OPT_*). */
struct xsmc_lint_config {
    int severity[XSMC_LINT_MAX_RULES]; /* enum xsmc_severity or XSMC_LINT_OFF */
    uint32_t options;
};

/* Every rule at its default severity, no options. */
void xsmc_lint_config_init(struct xsmc_lint_config *cfg);
/*
 * Set one rule (or "all") to a severity or XSMC_LINT_OFF.  Returns 0, or
 * XSMC_EBADARG for an unknown rule id or severity (cfg unchanged).
 */
int xsmc_lint_config_set(struct xsmc_lint_config *cfg, const char *rule, int severity);

/* Findings, in rule order then domain order.  `where` is the node path. */
struct xsmc_lint_findings {
    struct xsmc_diag *items;
    size_t count;
    size_t by_severity[3]; /* indexed by enum xsmc_severity */
    struct xsmc_system *store; /* owns items; private to xsmc_lint_run/_free */
};

/*
 * Run the enabled rules over `sys` under `profile`; cfg NULL means the
 * defaults.  Returns 0 and fills *out (free it with xsmc_lint_findings_free),
 * or XSMC_EBADPROFILE / XSMC_EBADOPT / XSMC_EBADARG with *out empty.  Out of
 * memory is XSMC_EBADARG too: a lint run that lost a finding must not pass.
 * A passthrough partial device tree is not a system: no rule runs on it.
 */
int xsmc_lint_run(const struct xsmc_system *sys, enum xsmc_profile profile,
                  const struct xsmc_lint_config *cfg, struct xsmc_lint_findings *out);
void xsmc_lint_findings_free(struct xsmc_lint_findings *f);

/* Every rule with its severity, fix, rationale and source, as Markdown (docs/lints.md). */
void xsmc_lint_rules_markdown(FILE *out);

#ifdef __cplusplus
}
#endif
#endif
