/* SPDX-License-Identifier: GPL-2.0-only */
/* The rule table of rules.def and the two ways a rule is reported. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"

/* An UNDECIDED rule reports at warning severity: Xen may well boot the system. */
#define SEVERITY_ERROR XSMC_ERROR
#define SEVERITY_WARNING XSMC_WARNING
#define SEVERITY_NOTE XSMC_NOTE
#define SEVERITY_UNDECIDED XSMC_WARNING
#define UNDECIDED_ERROR 0
#define UNDECIDED_WARNING 0
#define UNDECIDED_NOTE 0
#define UNDECIDED_UNDECIDED 1

static const struct xsmc_rule_info rules[XSMC_R_COUNT] = {
#define RULE_IB(name, id, sev, stage, msg, src, fix, ib_fix) \
    [XSMC_R_##name] = {id, SEVERITY_##sev, UNDECIDED_##sev, stage, msg, src, fix, ib_fix},
#define RULE(name, id, sev, stage, msg, src, fix) RULE_IB(name, id, sev, stage, msg, src, fix, NULL)
#include "rules.def"
#undef RULE
#undef RULE_IB
};

size_t xsmc_rule_count(void)
{
    return XSMC_R_COUNT;
}

const struct xsmc_rule_info *xsmc_rule_at(size_t index)
{
    return index < XSMC_R_COUNT ? &rules[index] : NULL;
}

const struct xsmc_rule_info *xsmc_rule_by_id(const char *id)
{
    for (size_t i = 0; i < XSMC_R_COUNT; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

void xsmc_report(struct xsmc_system *sys, enum xsmc_rule rule, const char *where,
                 const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    const struct xsmc_rule_info *r = &rules[rule];
    /* a .cfg is fixed by editing variables, not device-tree properties */
    const char *fix = sys->kind == XSMC_SRC_IMAGEBUILDER && r->ib_fix ? r->ib_fix : r->fix;
    xsmc_system_diag(sys, r->severity, r->id, where, fix, "%s", msg);
}

void *xsmc_fail(char *err, size_t errlen, const char *file, const char *where,
                enum xsmc_rule rule, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%s: error: [%s] %s", file, where && *where ? where : "/",
             rules[rule].id, msg);
    return NULL;
}

int xsmc_diag_undecided(const struct xsmc_diag *g)
{
    const struct xsmc_rule_info *r = g && g->rule ? xsmc_rule_by_id(g->rule) : NULL;
    return r && r->undecided;
}

enum xsmc_verdict xsmc_config_verdict(const struct xsmc_system *sys)
{
    enum xsmc_verdict v = XSMC_VALID;
    for (size_t i = 0; i < sys->ndiags; i++) {
        if (sys->diags[i].severity == XSMC_ERROR)
            return XSMC_INVALID;
        if (xsmc_diag_undecided(&sys->diags[i]))
            v = XSMC_UNDECIDED;
    }
    return v;
}
