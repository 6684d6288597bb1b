/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmc_decide (with reasons) and xsmc_allowed (fast), over xsmc_resolve. */
#include "xsmcap/policy.h"
#include "lattice_internal.h"

int xsmc_decide(enum xsmc_profile profile, uint32_t options,
                const struct xsmc_request *req, struct xsmc_decision *out)
{
    struct xsmc_resolution r;
    if (!out)
        return XSMC_EBADARG;
    int status = xsmc_resolve(profile, options, req, &r);
    uint16_t hook = req ? (uint16_t)req->hook : 0xffff;
    out->hook = hook;
    out->profile = (uint8_t)profile;
    out->silo = r.silo;
    out->step = 0;
    if (status || r.final) {
        out->allow = status == 0 && r.rc == 0;
        out->rc = out->allow ? 0 : (r.rc ? r.rc : -XSMC_XEN_EPERM);
        out->action = r.action;
        out->why = status ? (uint8_t)XSMC_WHY_BAD_INPUT : r.why;
        return status;
    }
    /* Every check must pass, in Xen's order; the first failure decides. */
    for (unsigned i = 0; i < r.nchecks; i++) {
        status = xsmc_lattice(profile, (enum xsmc_action)r.checks[i].action,
                              r.checks[i].src, r.checks[i].tgt, out);
        out->hook = hook;
        out->silo = r.silo;
        out->step = (uint8_t)i;
        if (status || !out->allow)
            return status;
    }
    return 0;
}

int xsmc_allowed(enum xsmc_profile profile, uint32_t options,
                 const struct xsmc_request *req)
{
    struct xsmc_resolution r;
    if (xsmc_resolve(profile, options, req, &r))
        return 0;
    if (r.final)
        return r.rc == 0;
    for (unsigned i = 0; i < r.nchecks; i++) {
        const struct xsmc_check *c = &r.checks[i];
        if (!xsmc_lattice_allowed(profile, (enum xsmc_action)c->action, c->src, c->tgt))
            return 0;
    }
    return 1;
}
