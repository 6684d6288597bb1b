/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The operation catalogue: every hypercall sub-operation whose outcome
 * depends on who calls it or on whom, on every platform.  A row lists the
 * architectures that compile it and every check between the hypercall entry
 * and the effect that depends on the caller or the target, XSM or not, in
 * Xen's order (its "gates"), each citing the Xen file:function that makes
 * it; and the harmless form in which the live probe issues it.
 */
#ifndef XSMCAP_OPS_H
#define XSMCAP_OPS_H

#include <stddef.h>
#include <stdint.h>
#include "xsmcap/platform.h"
#include "xsmcap/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Xen errno values the gates return (xen/include/public/errno.h). */
#define XSMC_XEN_ENOENT     2
#define XSMC_XEN_ENXIO      6
#define XSMC_XEN_E2BIG      7
#define XSMC_XEN_EAGAIN     11
#define XSMC_XEN_ENOMEM     12
#define XSMC_XEN_EACCES     13
#define XSMC_XEN_EFAULT     14
#define XSMC_XEN_EBUSY      16
#define XSMC_XEN_EEXIST     17
#define XSMC_XEN_ENODEV     19
#define XSMC_XEN_EINVAL     22
#define XSMC_XEN_ENOSPC     28
#define XSMC_XEN_ERANGE     34
#define XSMC_XEN_ENODATA    61
#define XSMC_XEN_ENOBUFS    105
#define XSMC_XEN_ECONNREFUSED 111
#define XSMC_XEN_EOPNOTSUPP 95
/* "EPERM" for 1; NULL for a value the table lacks. */
const char *xsmc_errno_name(int err);

/* Which domain an operation acts on. */
enum xsmc_op_target {
    XSMC_ON_NONE = 0, /* no target domain */
    XSMC_ON_DOMAIN,   /* the domain the hypercall names by domid (--on) */
    XSMC_ON_CALLER    /* the caller itself, always */
};

/* The kinds of gate, each a check Xen makes on the way to the effect. */
enum xsmc_gate_kind {
    XSMC_G_XSM = 0,     /* an XSM hook (hook, subop, subop2) on the gate's pair */
    XSMC_G_XSM_FILTER,  /* an XSM hook that leaves the target out of a list rather than refusing */
    XSMC_G_GUEST,       /* the caller's XSMC_P_* bit must be in `allow` (hypercall tables, allow-lists) */
    XSMC_G_KCONFIG,     /* Kconfig option `kopt` must be on: compiled in */
    XSMC_G_NOT_KCONFIG, /* Kconfig option `kopt` must be off */
    XSMC_G_HWDOM,       /* is_hardware_domain(caller), tested outside XSM */
    XSMC_G_CONTROL,     /* is_control_domain(caller), tested outside XSM */
    XSMC_G_LOOKUP,      /* the target's domid is looked up (flags XSMC_LK_*) */
    XSMC_G_SELF,        /* the target must be the caller */
    XSMC_G_NOT_SELF,    /* the target must not be the caller */
    XSMC_G_TARGET_TYPE, /* the target's XSMC_P_* bit must be in `allow` (is_hvm_domain, is_pv_domain) */
    XSMC_G_COUNT
};

/* Which pair an XSM gate's hook sees as (src, target). */
enum xsmc_gate_pair {
    XSMC_PAIR_CALLER_TARGET = 0, /* the caller on the operation's target */
    XSMC_PAIR_CALLER_CALLER,     /* the caller on itself, whatever the hypercall names */
    XSMC_PAIR_CALLER_OTHER,      /* the caller on the third domain (--remote) */
    XSMC_PAIR_TARGET_OTHER,      /* the target on the third domain */
    XSMC_PAIR_CALLER_NEW         /* the caller on the domain being created (createdomain) */
};

/* XSMC_G_LOOKUP flags. */
#define XSMC_LK_SELF_OK    (1u << 0) /* DOMID_SELF names the caller (rcu_lock_domain_by_any_id) */
#define XSMC_LK_DOMCTL_ERR (1u << 1) /* a missing domain: `err` for a control domain, EPERM for others */
#define XSMC_LK_OWN_ID_ERR (1u << 2) /* the caller's own domid given explicitly fails with `err` */

struct xsmc_gate {
    uint8_t kind;    /* enum xsmc_gate_kind */
    uint8_t runs;    /* XSMC_P_* where Xen makes this check; 0 everywhere */
    uint8_t allow;   /* GUEST, TARGET_TYPE: the XSMC_P_* bits that pass */
    uint8_t pair;    /* XSM gates: enum xsmc_gate_pair */
    uint8_t flags;   /* LOOKUP: XSMC_LK_* */
    uint8_t kopt;    /* KCONFIG, NOT_KCONFIG: enum xsmc_kopt */
    uint16_t err;    /* errno when the gate fails (XSM gates: the hook decides) */
    uint32_t hook;   /* XSM gates: enum xsmc_hook */
    uint32_t subop;  /* XSM gates: the value the hook's own logic reads */
    uint32_t subop2;
    const char *xen; /* file:function making the check, at the reference snapshot */
};

/* How the live probe issues an operation (docs/live.md). */
enum xsmc_probe_arg_kind {
    XSMC_PA_IMM = 0, /* the value itself */
    XSMC_PA_BUF,     /* the guest address of buffer 1, plus the value */
    XSMC_PA_BUF2,    /* the guest address of buffer 2 (4 KiB, zeroed), plus the value */
    XSMC_PA_TARGET,  /* the target's domid (DOMID_SELF when probing DOMID_SELF) */
    XSMC_PA_OP       /* the row's sub-operation value */
};

enum xsmc_probe_field_kind {
    XSMC_PF_IMM = 0, /* the value */
    XSMC_PF_OP,      /* the row's sub-operation value */
    XSMC_PF_TARGET,  /* the target's domid (DOMID_SELF when probing DOMID_SELF) */
    XSMC_PF_CALLER,  /* the caller's own domid */
    XSMC_PF_OTHER,   /* the third domain's domid */
    XSMC_PF_BUF2     /* the guest address of buffer 2, plus the value */
};

struct xsmc_probe_arg {
    uint8_t kind;    /* enum xsmc_probe_arg_kind */
    uint64_t value;
};

struct xsmc_probe_field {
    uint16_t off;    /* byte offset in buffer 1 */
    uint8_t width;   /* 1, 2, 4 or 8 bytes, little-endian */
    uint8_t kind;    /* enum xsmc_probe_field_kind */
    uint64_t value;
};

/* How a probe's result is read. */
enum xsmc_probe_outcome {
    XSMC_PO_RC = 0,      /* the hypercall's return value */
    XSMC_PO_DENIED_TEXT, /* rc 0 either way; denied when buffer 2 starts with "<denied>" */
    XSMC_PO_LISTED,      /* a list: allowed when the word at read_off[0] of buffer 1 is 1 and
                            the domid at read_off[1] of buffer 2 is the target's */
    XSMC_PO_STATUS,      /* rc 0 either way; the verdict is the int16 status at read_off[0] of
                            buffer 1: pass_rc when every gate passes, GNTST_bad_domain for a
                            refused lookup, GNTST_permission_denied for an XSM refusal */
    XSMC_PO_ERRS         /* a batch of one entry: gates before data_gate refuse in the rc; from
                            data_gate on the rc is 0 and the entry's errno is the int32 at
                            read_off[0] of buffer 2 (pass_rc when every gate passes) */
};

/* Grant status codes a XSMC_PO_STATUS form reads (xen/include/public/grant_table.h). */
#define XSMC_GNTST_OKAY              0
#define XSMC_GNTST_BAD_DOMAIN        (-2)
#define XSMC_GNTST_BAD_GNTREF        (-3)
#define XSMC_GNTST_PERMISSION_DENIED (-8)

/* Which targets a probe is issued against. */
#define XSMC_PT_DOMAINS    (1u << 0) /* every domain of the system, by domid (the caller too) */
#define XSMC_PT_DOMID_SELF (1u << 1) /* DOMID_SELF */
#define XSMC_PT_CALLER     (1u << 2) /* the caller's own domid only: harmless on itself alone */
#define XSMC_PT_OTHERS     (1u << 3) /* every domain but the caller: harmful on itself alone */

#define XSMC_PROBE_MAX_ARGS   5
#define XSMC_PROBE_MAX_FIELDS 8
#define XSMC_PROBE_PASS_ANY   0x7fff /* pass_rc: any rc >= 0 when every gate passes */

struct xsmc_probe {
    uint8_t harmless;     /* 1: the probe issues this form; 0: no harmless form (see why) */
    uint8_t nargs;        /* hypercall arguments (x0..) */
    uint8_t outcome;      /* enum xsmc_probe_outcome */
    uint8_t targets;      /* XSMC_PT_*; 0 for an operation without a target */
    struct xsmc_probe_arg args[XSMC_PROBE_MAX_ARGS];
    uint16_t buflen;      /* bytes of buffer 1, zeroed then the fields written */
    uint8_t nfields;
    struct xsmc_probe_field fields[XSMC_PROBE_MAX_FIELDS];
    int16_t pass_rc;      /* Xen's rc when every gate passes (a later argument is invalid ...) */
    uint16_t read_off[2];
    uint8_t data_gate;    /* XSMC_PO_ERRS: the first gate whose refusal goes to the data */
    uint16_t close_port;  /* offset + 1 in buffer 1 of a 32-bit event channel port a pass opens
                             in the caller, closed at once with EVTCHNOP_close; 0: none */
    const char *why;      /* why the form is harmless (citing Xen's order), or why none exists */
};

#define XSMC_OP_MAX_GATES 8

struct xsmc_op {
    const char *hypercall;  /* "physdev_op" */
    const char *name;       /* "PHYSDEVOP_setup_gsi", or "CONSTANT/variant" where a later
                               argument changes the checks ("XENMEM_add_to_physmap/gmfn_foreign") */
    const char *constant;   /* the sub-operation constant alone */
    uint32_t value;         /* the constant's value in xen/include/public */
    uint8_t arches;         /* XSMC_P_* of the architectures that compile it */
    uint8_t target;         /* enum xsmc_op_target */
    uint8_t ngates;
    struct xsmc_gate gates[XSMC_OP_MAX_GATES]; /* in Xen's order, after the hypercall's entry */
    const char *what;       /* what it lets the caller do, as a verb phrase */
    const char *note;       /* runtime state Xen also checks, and what columns cannot say */
    struct xsmc_probe probe;
};

/* Number of catalogue rows and row i (NULL past the end). */
size_t xsmc_op_count(void);
const struct xsmc_op *xsmc_op_at(size_t i);

/*
 * Look up "PHYSDEVOP_setup_gsi", "physdev_op:setup_gsi" or
 * "physdev_op:PHYSDEVOP_setup_gsi".  Returns the row or NULL.
 */
const struct xsmc_op *xsmc_op_find(const char *name);

/* Does the operation exist on the architecture? */
int xsmc_op_exists(const struct xsmc_op *op, enum xsmc_arch arch);

/* "none", "domain" or "caller"; NULL out of range. */
const char *xsmc_op_target_name(unsigned target);
/* "xsm", "guest", "kconfig", ...; NULL out of range. */
const char *xsmc_gate_kind_name(unsigned kind);

/*
 * The hypercalls of the catalogue: the constant prefix of their
 * sub-operations, and who reaches them at all (xen/include/hypercall-defs.c:
 * the guest columns and the Kconfig option around the row).
 */
struct xsmc_hypercall {
    const char *name;    /* "physdev_op" */
    const char *prefix;  /* "PHYSDEVOP_" */
    const char *entry;   /* the handlers the guest columns name, for explanations */
    uint32_t number;     /* __HYPERVISOR_physdev_op */
    int16_t kopt;        /* enum xsmc_kopt guarding its row of the table, or -1 */
    uint8_t reach;       /* XSMC_P_* of the guests whose hypercall table has it */
    uint8_t kopt_off;    /* 1: the row exists only while kopt is off (#ifndef) */
};

size_t xsmc_hypercall_count(void);
const struct xsmc_hypercall *xsmc_hypercall_at(size_t i);
const struct xsmc_hypercall *xsmc_hypercall_find(const char *name);

/* The platform an operation is decided on. */
struct xsmc_op_env {
    enum xsmc_arch arch;
    const struct xsmc_kconfig *kconfig; /* NULL: the architecture's defconfig */
    enum xsmc_profile profile;
    uint32_t options;                   /* XSMC_OPT_SILO ...; CONFIG_VERBOSE_DEBUG comes from kconfig */
};

/* What one gate did. */
struct xsmc_gate_result {
    uint8_t pass;
    int32_t rc;                 /* 0, or what the gate returns */
    struct xsmc_decision xsm;   /* XSM gates: the hook's decision */
};

#define XSMC_GATE_ENTRY 0xfe /* decided_by: the hypercall table (Kconfig or guest type) */
#define XSMC_GATE_NONE  0xff /* decided_by: no gate decided (every one passes for everybody) */

struct xsmc_op_result {
    int32_t rc;          /* what Xen returns when the gates are the whole story */
    uint8_t allow;       /* 1: every gate passed: the operation reaches its effect */
    uint8_t filtered;    /* 1: rc 0, but a filter gate left the target out */
    uint8_t decided_by;  /* gate index: the failing gate, or for an allow the first gate
                            that not every domain passes; XSMC_GATE_ENTRY, XSMC_GATE_NONE */
    uint8_t nrun;        /* gates evaluated */
    uint8_t entry_kopt;  /* decided_by ENTRY: the option compiled out, or 0xff for a guest type */
    struct xsmc_gate_result gates[XSMC_OP_MAX_GATES];
};

/* How the hypercall names its target. */
enum xsmc_target_form {
    XSMC_TF_DOMAIN = 0,  /* by the domain's domid (tgt) */
    XSMC_TF_DOMID_SELF   /* by DOMID_SELF (tgt is ignored) */
};

/*
 * Decide an operation for src on tgt exactly as Xen's gates do: the
 * hypercall table, then every gate in order, stopping at the first that
 * refuses.  tgt is ignored for XSMC_ON_NONE and XSMC_ON_CALLER rows;
 * `other` is the third domain (evtchn_unbound's remote end, mmu_update's
 * page-table owner), NULL when none.  Returns 1 allow, 0 deny or filtered,
 * negative XSMC_E* on bad input (out is then a denial).  An operation that
 * does not exist on env->arch is XSMC_EBADARG.
 */
int xsmc_op_decide(const struct xsmc_op_env *env, const struct xsmc_op *op,
                   const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                   enum xsmc_target_form form, const struct xsmc_domain *other,
                   struct xsmc_op_result *out);

/* A gate in a short phrase: "xsm_domctl(3)", "is_hardware_domain(caller), else -ENOSYS [hvm, pvh only]". */
const char *xsmc_gate_text(const struct xsmc_gate *g, char *buf, size_t len);
/* The XSMC_P_* platforms from which the operation can pass its hypercall table and guest-type gates. */
uint32_t xsmc_op_reach(const struct xsmc_op *op);

/* The hook a row checks first (its first XSM gate), or XSMC_HOOK_COUNT when none. */
uint32_t xsmc_op_first_hook(const struct xsmc_op *op);
/* Does any gate of the row check this hook? */
int xsmc_op_checks_hook(const struct xsmc_op *op, uint32_t hook);

/* A sub-op whose outcome depends on nobody (not a catalogue row; documented). */
struct xsmc_unchecked_op {
    const char *hypercall;
    const char *name;
    uint32_t value;
    const char *xen;
    const char *reason;
};

size_t xsmc_unchecked_count(void);
const struct xsmc_unchecked_op *xsmc_unchecked_at(size_t i);

/* A hook no catalogue row reaches, with the reason. */
struct xsmc_unreached_hook {
    uint32_t hook;       /* enum xsmc_hook */
    const char *reason;
};

size_t xsmc_unreached_count(void);
const struct xsmc_unreached_hook *xsmc_unreached_at(size_t i);

#ifdef __cplusplus
}
#endif
#endif
