/* The rule table of rules.def and the two ways a rule is reported. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"

static const struct xsmc_rule_info rules[XSMC_R_COUNT] = {
#define RULE(name, id, sev, stage, msg, src, fix) \
    [XSMC_R_##name] = {id, XSMC_##sev, stage, msg, src, fix},
#include "rules.def"
#undef RULE
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
    xsmc_system_diag(sys, r->severity, r->id, where, r->fix, "%s", msg);
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
