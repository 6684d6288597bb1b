/* SPDX-License-Identifier: GPL-2.0-only */
/* Decisions in words: the lattice step that decided, with the domains named. */
#include <stdio.h>
#include <string.h>

#include "xsmcap/explain.h"
#include "xsmcap/ops.h"

const char *xsmc_rc_name(int32_t rc)
{
    static const char *const minus[] = {
        "-EPERM", "-ENOENT", "-ESRCH", "-ENXIO", "-E2BIG", "-EAGAIN", "-ENOMEM", "-EACCES",
        "-EFAULT", "-EBUSY", "-EEXIST", "-ENODEV", "-EINVAL", "-ENOSPC", "-ERANGE", "-ENOSYS",
        "-EILSEQ", "-EOPNOTSUPP", "-ENODATA", "-ENOBUFS", "-ECONNREFUSED"};
    if (rc == 0)
        return "0";
    const char *name = xsmc_errno_name(rc);
    for (size_t i = 0; name && i < sizeof(minus) / sizeof(minus[0]); i++)
        if (strcmp(minus[i] + 1, name) == 0)
            return minus[i];
    return "-E?";
}

/* What a source lacks when no predicate of `action` holds, per profile. */
static const char *missing(int profile, int action)
{
    int dm = profile == XSMC_PROFILE_HWPRIV_DM || profile == XSMC_PROFILE_HWPRIV_V2;
    switch (action) {
    case XSMC_ACT_TARGET:
        return dm ? "is not %t itself, not its device model, has no device_model capability and is not a control domain"
                  : "is not %t itself, not its device model and not a control domain";
    case XSMC_ACT_XS_PRIV:
        return dm ? "is not the xenstore domain, not the device model of %t, has no device_model capability and is not a control domain"
                  : "is not the xenstore domain, not the device model of %t and not a control domain";
    case XSMC_ACT_DM_PRIV:
        if (profile == XSMC_PROFILE_HWPRIV)
            return "is not the device model of %t, not the hardware domain and not a control domain";
        return dm ? "is not the device model of %t, has no device_model capability and is not a control domain"
                  : "is not the device model of %t and not a control domain";
    case XSMC_ACT_PRIV:
        return "is not a control domain";
    case XSMC_ACT_HW_PRIV:
        return profile == XSMC_PROFILE_HWPRIV_DM ? "is neither the hardware domain nor a control domain"
                                                 : "is not the hardware domain";
    default:
        return "is not privileged for this";
    }
}

static const char *phrase(const struct xsmc_decision *d)
{
    switch (d->why) {
    case XSMC_WHY_HOOK: return "every domain passes HOOK";
    case XSMC_WHY_SELF: return "%s acts on itself";
    case XSMC_WHY_XENSTORE: return "%s is the xenstore domain";
    case XSMC_WHY_DM_CAP: return "%s has the device_model capability, which %p lets pass against any target";
    case XSMC_WHY_TARGET_REL: return "%s is the device model of %t (its target)";
    case XSMC_WHY_CONTROL: return "%s is a control domain";
    case XSMC_WHY_IDLE_BOOT: return "%s is the idle domain during boot, privileged until set_system_active";
    case XSMC_WHY_HARDWARE:
        if (d->profile == XSMC_PROFILE_HWPRIV && d->action == XSMC_ACT_DM_PRIV)
            return "%s is the hardware domain; hwpriv passes it for DM_PRIV against any domain";
        return "%s is the hardware domain";
    case XSMC_WHY_NOT_PRIVILEGED: return NULL; /* see missing() */
    case XSMC_WHY_CONTROL_NOT_HW: return "%s is control but not hardware; %p excludes the control domain from HW_PRIV";
    case XSMC_WHY_UNTARGETABLE: return "%t is not_hypercall_target; under %p only itself, xenstore and control (XS_PRIV) may act on it";
    case XSMC_WHY_ACTION_UNDEFINED: return "%p has no HW_PRIV; Xen's default case denies";
    case XSMC_WHY_CAP_UNDEFINED: return "a domain carries a capability %p does not define; Xen would refuse to boot it, so the engine denies";
    case XSMC_WHY_SILO:
        if (d->hook == XSMC_HOOK_evtchn_unbound)
            return "SILO: under %p none of %t, %o (the remote end) and the caller %s may bridge two domains";
        return "SILO: under %p none of %s and %t (nor the caller) may bridge two domains";
    case XSMC_WHY_SILO_NO_REMOTE: return "SILO: the remote domain does not exist, -ESRCH";
    case XSMC_WHY_NO_DECISION: return "housekeeping hook: the default policy returns 0 and decides nothing";
    case XSMC_WHY_ENOSYS: return "the default policy implements no XSM hypercall, -ENOSYS";
    case XSMC_WHY_DOMCTL_OWN_HOOK: return "this XEN_DOMCTL command is checked by its own hook; reaching xsm_domctl returns -EILSEQ";
    case XSMC_WHY_NOT_IDLE: return "%s is not the idle domain; only the idle domain ends the boot phase";
    case XSMC_WHY_ALTP2M_MODE: return "the altp2m mode permits no operation";
    case XSMC_WHY_NO_CHECK: return "this sub-operation returns data without a permission check";
    case XSMC_WHY_IS_CONSOLE: return "%s has is_console set (every dom0less domain does)";
    case XSMC_WHY_VERBOSE_WRITE: return "CONFIG_VERBOSE_DEBUG lets every domain write to the console";
    case XSMC_WHY_NOT_REACHED: return "no operation of the platform reaches this check for %s on %t: an earlier check refuses first, or none exists";
    default: return "unknown hook, profile, action, option or capability: denied";
    }
}

struct names {
    const char *src, *tgt, *other, *prof;
};

/* Expand %s (source), %t (target), %o (third domain), %p (profile) into buf. */
static void expand(const char *fmt, const struct names *nm, char *buf, size_t len, size_t used)
{
    for (const char *f = fmt; *f && used + 1 < len; f++) {
        const char *ins = NULL;
        if (f[0] == '%' && f[1] && strchr("stop", f[1])) {
            ins = f[1] == 's' ? nm->src
                : f[1] == 't' ? (nm->tgt ? nm->tgt : "no target")
                : f[1] == 'o' ? (nm->other ? nm->other : "no domain")
                : nm->prof;
            f++;
        }
        if (ins) {
            size_t n = strlen(ins);
            if (n > len - used - 1)
                n = len - used - 1;
            memcpy(buf + used, ins, n);
            used += n;
        } else {
            buf[used++] = *f;
        }
    }
    buf[used] = '\0';
}

const char *xsmc_reason_line(const struct xsmc_decision *d, const char *src,
                             const char *tgt, char *buf, size_t len)
{
    return xsmc_reason_line3(d, src, tgt, src, buf, len);
}

const char *xsmc_reason_line3(const struct xsmc_decision *d, const char *src, const char *tgt,
                              const char *other, char *buf, size_t len)
{
    if (!len)
        return buf;
    const char *prof = xsmc_profile_name(d->profile);
    /* mmu_update's second lattice check is against the page-table owner, the third domain */
    if (d->hook == XSMC_HOOK_mmu_update && d->step == 1)
        tgt = other;
    struct names nm = {src, tgt, other, prof ? prof : "?"};
    const char *act = xsmc_action_name(d->action);
    int n = snprintf(buf, len, "%s: ", act ? act : "?");
    size_t used = n > 0 && (size_t)n < len ? (size_t)n : 0;
    const char *p = phrase(d);
    if (p) {
        expand(p, &nm, buf, len, used);
        return buf;
    }
    char fmt[256];
    snprintf(fmt, sizeof(fmt), "%%s %s", missing(d->profile, d->action));
    expand(fmt, &nm, buf, len, used);
    return buf;
}

const char *xsmc_severity_name(int severity)
{
    return severity == XSMC_ERROR ? "error" : severity == XSMC_WARNING ? "warning" : "note";
}

void xsmc_diag_print(FILE *out, const char *source, const struct xsmc_diag *g)
{
    fprintf(out, "%s:%s: %s: [%s] %s\n", source, g->where && *g->where ? g->where : "/",
            xsmc_severity_name(g->severity), g->rule, g->message);
    if (g->fix && *g->fix)
        fprintf(out, "  fix: %s\n", g->fix);
}
