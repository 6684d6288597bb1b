/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmcap policy core: Xen's default XSM policy ("dummy" module) and the
 * proposed XSM_HW_PRIV variants, as a freestanding decision engine.
 *
 * Nothing here needs libc or allocates: a hypervisor could embed it.  Every
 * function returns a status (0 or a negative XSMC_E* code) and writes its
 * answer through a caller-owned pointer, in the style of libfdt.
 */
#ifndef XSMCAP_POLICY_H
#define XSMCAP_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Policy versions.  The numbering is part of the ABI: append only. */
enum xsmc_profile {
    XSMC_PROFILE_UPSTREAM = 0, /* Xen HEAD: one XSM_PRIV, no HW_PRIV       */
    XSMC_PROFILE_HWPRIV,       /* March 2025 "[PATCH 15/23] Add XSM_HW_PRIV" */
    XSMC_PROFILE_HWPRIV_DM,    /* June 2025 series, patches 1/4 + 3/4 (+2/4 SILO, 4/4 sysctl) */
    XSMC_PROFILE_HWPRIV_V2,    /* July 2025 v2: 01+02+03+04+06+07/17     */
    XSMC_PROFILE_COUNT
};
#define XSMC_PROFILE_DEFAULT XSMC_PROFILE_HWPRIV

/*
 * Actions of xsm_default_action().  XSMC_ACT_HOOK..XSMC_ACT_OTHER keep Xen's
 * enum xsm_default order; HW_PRIV sits after PRIV as in every proposal.
 */
enum xsmc_action {
    XSMC_ACT_HOOK = 0,
    XSMC_ACT_DM_PRIV,
    XSMC_ACT_TARGET,
    XSMC_ACT_PRIV,
    XSMC_ACT_XS_PRIV,
    XSMC_ACT_HW_PRIV,
    XSMC_ACT_OTHER,  /* the hook has its own logic; never a lattice input */
    XSMC_ACT_NONE,   /* the hook makes no access decision */
    XSMC_ACT_COUNT
};
/* Actions the lattice evaluates (OTHER and NONE are hook-level labels). */
#define XSMC_LATTICE_ACTIONS 6

/* Capability bits, exactly as the boot-time `capabilities` property. */
#define XSMC_CAP_CONTROL              (1u << 0) /* DOMAIN_CAPS_CONTROL */
#define XSMC_CAP_HARDWARE             (1u << 1) /* DOMAIN_CAPS_HARDWARE */
#define XSMC_CAP_XENSTORE             (1u << 2) /* DOMAIN_CAPS_XENSTORE */
#define XSMC_CAP_DEVICE_MODEL         (1u << 3) /* proposed, June 2025 3/4 */
#define XSMC_CAP_NOT_HYPERCALL_TARGET (1u << 4) /* proposed, v2 04/17 */
#define XSMC_CAP_ALL                  0x1fu
#define XSMC_CAP_COUNT                5

/* Domain flags that are not capabilities. */
#define XSMC_DOMF_CONSOLE   (1u << 0) /* d->is_console (every dom0less domain) */
#define XSMC_DOMF_IDLE_BOOT (1u << 1) /* the idle domain before set_system_active */
/*
 * The guest type (enum xsmc_guest of platform.h) in bits 8-10.  The XSM
 * hooks never look at it; the checks around them do (hypercall tables,
 * is_hvm_domain), and domains of different types are different classes.
 */
#define XSMC_DOMF_GUEST_SHIFT 8
#define XSMC_DOMF_GUEST_MASK  (7u << XSMC_DOMF_GUEST_SHIFT)
#define XSMC_DOMF_GUEST(g)    ((uint32_t)(g) << XSMC_DOMF_GUEST_SHIFT)
#define XSMC_DOM_GUEST(d)     (((d)->flags & XSMC_DOMF_GUEST_MASK) >> XSMC_DOMF_GUEST_SHIFT)

#define XSMC_DOMID_FIRST_RESERVED 0x7FF0u
#define XSMC_DOMID_IDLE           0x7FFFu
#define XSMC_DOMID_NONE           0xFFFFFFFFu
#define XSMC_MAX_DOMAINS          XSMC_DOMID_FIRST_RESERVED /* 32752 */

/* What the engine needs to know of a domain. */
struct xsmc_domain {
    uint32_t domid;
    uint32_t target; /* domid set by XEN_DOMCTL_set_target, or XSMC_DOMID_NONE */
    uint32_t caps;   /* XSMC_CAP_* */
    uint32_t flags;  /* XSMC_DOMF_* */
};

/* Engine options, beyond the profile. */
#define XSMC_OPT_SILO          (1u << 0) /* xsm=silo: SILO overrides first */
#define XSMC_OPT_VERBOSE_DEBUG (1u << 1) /* CONFIG_VERBOSE_DEBUG (console writes) */
#define XSMC_OPT_ALL           0x3u

/* Status codes (negative). */
#define XSMC_EBADPROFILE (-1)
#define XSMC_EBADHOOK    (-2)
#define XSMC_EBADACTION  (-3)
#define XSMC_EBADCAP     (-4)
#define XSMC_EBADARG     (-5)
#define XSMC_EBADOPT     (-6)

/* Xen return codes the engine reproduces (Linux/Xen errno values). */
#define XSMC_XEN_EPERM  1
#define XSMC_XEN_ESRCH  3
#define XSMC_XEN_ENOSYS 38
#define XSMC_XEN_EILSEQ 84

/*
 * Why a decision came out as it did.  Each value names one step of the
 * lattice or of a hook's own logic; xsmc_reason_line() (explain.h) words it.
 */
enum xsmc_why {
    XSMC_WHY_HOOK = 0,          /* HOOK: every domain passes */
    XSMC_WHY_SELF,              /* the domain acts on itself */
    XSMC_WHY_XENSTORE,          /* src is the xenstore domain */
    XSMC_WHY_DM_CAP,            /* src has the device_model capability */
    XSMC_WHY_TARGET_REL,        /* src is the device model / stubdom of target */
    XSMC_WHY_CONTROL,           /* src is a control domain */
    XSMC_WHY_IDLE_BOOT,         /* src is the idle domain during boot */
    XSMC_WHY_HARDWARE,          /* src is the hardware domain */
    XSMC_WHY_NOT_PRIVILEGED,    /* no predicate of the action holds */
    XSMC_WHY_CONTROL_NOT_HW,    /* control, but the profile keeps HW_PRIV for hwdom */
    XSMC_WHY_UNTARGETABLE,      /* target carries not_hypercall_target */
    XSMC_WHY_ACTION_UNDEFINED,  /* HW_PRIV does not exist in this profile */
    XSMC_WHY_CAP_UNDEFINED,     /* a capability bit the profile does not define */
    XSMC_WHY_SILO,              /* SILO: no party may bridge the two domains */
    XSMC_WHY_SILO_NO_REMOTE,    /* SILO evtchn_unbound: remote domain absent */
    XSMC_WHY_NO_DECISION,       /* housekeeping hook: returns 0, decides nothing */
    XSMC_WHY_ENOSYS,            /* do_xsm_op without a module: -ENOSYS */
    XSMC_WHY_DOMCTL_OWN_HOOK,   /* domctl command checked by its own hook: -EILSEQ */
    XSMC_WHY_NOT_IDLE,          /* set_system_active by a non-idle domain */
    XSMC_WHY_ALTP2M_MODE,       /* altp2m mode that permits nothing */
    XSMC_WHY_NO_CHECK,          /* sub-op that returns data without a check */
    XSMC_WHY_IS_CONSOLE,        /* console_io: d->is_console */
    XSMC_WHY_VERBOSE_WRITE,     /* console_io: CONFIG_VERBOSE_DEBUG write */
    XSMC_WHY_BAD_INPUT,         /* unknown hook/profile/action/capability */
    XSMC_WHY_NOT_REACHED,       /* no operation of the platform reaches the hook for this pair */
    XSMC_WHY_COUNT
};

struct xsmc_decision {
    int32_t rc;         /* 0, or Xen's negative errno (-EPERM, -ESRCH, ...) */
    uint16_t hook;      /* enum xsmc_hook */
    uint8_t allow;      /* 1 allow, 0 deny */
    uint8_t action;     /* the action the lattice evaluated (after hook logic) */
    uint8_t why;        /* enum xsmc_why */
    uint8_t silo;       /* 1 if SILO took part (passed or denied) */
    uint8_t profile;
    uint8_t step;       /* which of the hook's lattice checks decided (mmu_update: 1 = page-table owner) */
};


/* Hooks: one enumerator per row of hooks.def, in its order. */
enum xsmc_hook {
#define XSMC_HOOK(name, ...) XSMC_HOOK_##name,
#include "hooks.def"
#undef XSMC_HOOK
    XSMC_HOOK_COUNT
};

/* How a hook decides (the `logic` column of hooks.def). */
enum xsmc_logic {
    XSMC_L_DEFAULT = 0,   /* xsm_default_action(action, src, target) */
    XSMC_L_NONE,          /* housekeeping: returns 0 */
    XSMC_L_ENOSYS,        /* do_xsm_op without a module */
    XSMC_L_SYSTEM_ACTIVE, /* only the idle domain, once */
    XSMC_L_CONSOLE,       /* is_console, verbose write, then PRIV/HW_PRIV */
    XSMC_L_XENVER,        /* per XENVER_* sub-op */
    XSMC_L_PMU,           /* per XENPMU_* sub-op */
    XSMC_L_ALTP2M,        /* per altp2m mode and HVMOP_altp2m_* op */
    XSMC_L_DOMCTL,        /* PRIV, but 12 commands belong to their own hooks */
    XSMC_L_SYSCTL,        /* PRIV; per command under hwpriv-dm */
    XSMC_L_HVM_PARAM,     /* TARGET; v2 lets control always get_param */
    XSMC_L_MMU_UPDATE     /* TARGET against pg_owner, then against pt_owner */
};

/* What a hook passes to xsm_default_action as its target. */
enum xsmc_target_kind {
    XSMC_T_NONE = 0, /* NULL */
    XSMC_T_DOMAIN,   /* a domain argument */
    XSMC_T_SELF      /* the caller itself (pmu_op) */
};

struct xsmc_hook_info {
    const char *name;        /* without the xsm_ prefix */
    uint8_t logic;           /* enum xsmc_logic */
    uint8_t action[XSMC_PROFILE_COUNT]; /* enum xsmc_action, per profile */
    uint8_t target;          /* enum xsmc_target_kind */
    uint8_t silo;            /* 1 if xen/xsm/silo.c overrides it */
    const char *src_arg;     /* what Xen passes as src */
    const char *kconfig;     /* "" when always built */
    const char *xen_caller;  /* file:function of the main call site */
};

/* Sub-operation values the hooks' own logic looks at (Xen's public ABI). */
#define XSMC_CONSOLEIO_write 0
#define XSMC_CONSOLEIO_read  1
#define XSMC_XEN_ALTP2M_mixed    1
#define XSMC_XEN_ALTP2M_external 2
#define XSMC_XEN_ALTP2M_limited  3
#define XSMC_HVMOP_altp2m_vcpu_enable_notify 3
#define XSMC_HVMOP_set_param 0
#define XSMC_HVMOP_get_param 1
#define XSMC_XEN_SYSCTL_readconsole 1
#define XSMC_XEN_SYSCTL_physinfo    3

/*
 * One access check.  src is the domain Xen passes as src (normally
 * current->domain); target is NULL where Xen passes NULL.  `other` is the
 * third domain some hooks see: the remote end for evtchn_unbound under SILO,
 * and the page-table owner for mmu_update.  NULL when absent.
 */
struct xsmc_request {
    uint32_t hook;    /* enum xsmc_hook */
    uint32_t subop;   /* console cmd, XENVER_*, XENPMU_*, XEN_DOMCTL_*, XEN_SYSCTL_*, altp2m mode, HVMOP_* */
    uint32_t subop2;  /* altp2m: HVMOP_altp2m_* */
    const struct xsmc_domain *src;
    const struct xsmc_domain *target;
    const struct xsmc_domain *other;
};

/* The catalogue row of a hook, or NULL for an unknown hook. */
const struct xsmc_hook_info *xsmc_hook_info(uint32_t hook);
/* Hook by name, with or without the xsm_ prefix. */
int xsmc_hook_from_name(const char *name, uint32_t *hook_out);
const char *xsmc_logic_name(enum xsmc_logic logic);

/*
 * Decide a request exactly as Xen would, with the reason.  Returns 0 and
 * fills *out, or a negative XSMC_E* code with *out set to a denial (fail
 * closed: an unknown hook, profile, option or capability never allows).
 */
int xsmc_decide(enum xsmc_profile profile, uint32_t options,
                const struct xsmc_request *req, struct xsmc_decision *out);

/*
 * The lattice from domain structures, as Xen asks it.  Everything the
 * lattice can see of a (src, tgt) pair fits in nine bits, the cell; a table
 * generated from the readable lattice gives the decision and its reason for
 * every profile, action and cell.
 */
#define XSMC_CELL_CAPS     0x00fu /* src's control, hardware, xenstore, device_model bits */
#define XSMC_CELL_UNTARGET 0x010u /* tgt's not_hypercall_target bit */
#define XSMC_CELL_IDLE     0x020u /* src is the idle domain during boot */
#define XSMC_CELL_SELF     0x040u /* tgt has src's domid */
#define XSMC_CELL_TARGET   0x080u /* src's target is tgt */
#define XSMC_CELL_NO_TGT   0x100u /* tgt is NULL: the three tgt bits above mean nothing */
#define XSMC_CELLS         512

/* A table entry: enum xsmc_why in bits 0-6, 1 in bit 7 where the lattice allows. */
#define XSMC_CELL_WHY         0x7fu
#define XSMC_CELL_ALLOW_SHIFT 7

extern const uint8_t xsmc_lattice_cells[XSMC_PROFILE_COUNT][XSMC_LATTICE_ACTIONS][XSMC_CELLS];
/* Per profile, every capability bit it does not define (and every bit above XSMC_CAP_ALL). */
extern const uint32_t xsmc_lattice_undefined_caps[XSMC_PROFILE_COUNT];

/*
 * The cell of (src, t) where t is the target, or src itself when the target
 * is NULL (no_tgt 1): the table ignores the target bits there.  Computed
 * without a branch, so that a random mix of requests mispredicts nothing.
 */
static inline uint32_t xsmc_lattice_cell(const struct xsmc_domain *src, const struct xsmc_domain *t,
                                         uint32_t no_tgt)
{
    uint32_t self = src->domid == t->domid;
    uint32_t targets = (uint32_t)(src->target == t->domid) & (uint32_t)(src->target != XSMC_DOMID_NONE);
    uint32_t idle = (src->flags & XSMC_DOMF_IDLE_BOOT) != 0;
    return (src->caps & XSMC_CELL_CAPS) | (t->caps & XSMC_CELL_UNTARGET) | idle * XSMC_CELL_IDLE |
           self * XSMC_CELL_SELF | targets * XSMC_CELL_TARGET | no_tgt * XSMC_CELL_NO_TGT;
}

/*
 * Is `action` granted to src over tgt (tgt may be NULL)?  1 allow, 0 deny or
 * bad input (profile, action, NULL src, a capability bit the profile lacks).
 * Same answer as xsmc_lattice() (a test proves it), without the reason.
 */
static inline int xsmc_lattice_allowed(enum xsmc_profile profile, enum xsmc_action action,
                                       const struct xsmc_domain *src, const struct xsmc_domain *tgt)
{
    if ((unsigned)profile >= XSMC_PROFILE_COUNT || (unsigned)action >= XSMC_LATTICE_ACTIONS || !src)
        return 0;
    const struct xsmc_domain *t = tgt ? tgt : src;
    if ((src->caps | t->caps) & xsmc_lattice_undefined_caps[profile])
        return 0;
    return xsmc_lattice_cells[profile][action][xsmc_lattice_cell(src, t, !tgt)] >> XSMC_CELL_ALLOW_SHIFT;
}

/* The lattice alone, with the reason.  Same contract as xsmc_decide. */
int xsmc_lattice(enum xsmc_profile profile, enum xsmc_action action,
                 const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                 struct xsmc_decision *out);

/*
 * Role classes: the matrix path.  Two domains with the same role decide
 * alike as sources; a (src, target) pair is summarised by its relation.  A
 * caller that answers many cells per class (a matrix of thousands of
 * domains) computes the classes once and then decides from them alone;
 * deciding one request from domain structures is xsmc_lattice_allowed().
 */
#define XSMC_ROLE_CONTROL   (1u << 0) /* control capability or idle at boot */
#define XSMC_ROLE_HARDWARE  (1u << 1)
#define XSMC_ROLE_XENSTORE  (1u << 2)
#define XSMC_ROLE_DM        (1u << 3)
#define XSMC_ROLE_UNDEFINED (1u << 4) /* a capability bit the profile lacks */
#define XSMC_ROLES          32

#define XSMC_REL_SELF       (1u << 0) /* target == src */
#define XSMC_REL_TARGET     (1u << 1) /* src->target == target */
#define XSMC_REL_NULL       (1u << 2) /* no target */
#define XSMC_REL_UNTARGET   (1u << 3) /* target is not_hypercall_target */
#define XSMC_REL_UNDEFINED  (1u << 4) /* target has a bit the profile lacks */
#define XSMC_RELATIONS      32

uint32_t xsmc_role(enum xsmc_profile profile, const struct xsmc_domain *d);
uint32_t xsmc_relation(enum xsmc_profile profile, const struct xsmc_domain *src,
                       const struct xsmc_domain *tgt);

/*
 * Bit `rel` of word (profile * XSMC_LATTICE_ACTIONS + action) * XSMC_ROLES
 * + role is 1 where the lattice allows.  Generated from the readable lattice.
 */
#define XSMC_LATTICE_WORDS (XSMC_PROFILE_COUNT * XSMC_LATTICE_ACTIONS * XSMC_ROLES)
extern const uint32_t xsmc_lattice_words[XSMC_LATTICE_WORDS];

/* The lattice by class: 1 allow, 0 deny; out-of-range input denies. */
static inline int xsmc_lattice_allows(unsigned profile, unsigned action,
                                      unsigned role, unsigned rel)
{
    if (profile >= XSMC_PROFILE_COUNT || action >= XSMC_LATTICE_ACTIONS ||
        role >= XSMC_ROLES || rel >= XSMC_RELATIONS)
        return 0;
    return (int)((xsmc_lattice_words[(profile * XSMC_LATTICE_ACTIONS + action) * XSMC_ROLES + role] >>
                  rel) & 1u);
}

/*
 * The same question packed in one integer, for the matrix: key = ((profile
 * * 6 + action) << 10) | (role << 5) | rel.  Out-of-range keys deny.
 */
#define XSMC_KEYS (XSMC_PROFILE_COUNT * XSMC_LATTICE_ACTIONS * XSMC_ROLES * XSMC_RELATIONS)

static inline uint32_t xsmc_key(unsigned profile, unsigned action, unsigned role, unsigned rel)
{
    if (profile >= XSMC_PROFILE_COUNT || action >= XSMC_LATTICE_ACTIONS ||
        role >= XSMC_ROLES || rel >= XSMC_RELATIONS)
        return XSMC_KEYS; /* denies */
    return ((profile * XSMC_LATTICE_ACTIONS + action) << 10) | (role << 5) | rel;
}

static inline int xsmc_key_allows(uint32_t key)
{
    if (key >= XSMC_KEYS)
        return 0;
    return (int)((xsmc_lattice_words[key >> 5] >> (key & 31u)) & 1u);
}

/*
 * Decide without the reason: the hook's own logic, then the lattice.  Same
 * answer as xsmc_decide (a test proves it); 1 allow, 0 deny or bad input.
 */
int xsmc_allowed(enum xsmc_profile profile, uint32_t options,
                 const struct xsmc_request *req);

/* Capability bits a profile defines (the rest are invalid under it). */
uint32_t xsmc_profile_caps(enum xsmc_profile profile);

/* Names (static strings; NULL when out of range). */
const char *xsmc_profile_name(enum xsmc_profile profile);
const char *xsmc_action_name(enum xsmc_action action);
const char *xsmc_cap_name(unsigned bit_index);
int xsmc_profile_from_name(const char *name, enum xsmc_profile *out);
int xsmc_action_from_name(const char *name, enum xsmc_action *out);
int xsmc_cap_from_name(const char *name, uint32_t *bit_out);
const char *xsmc_strerror(int status);

#ifdef __cplusplus
}
#endif
#endif
