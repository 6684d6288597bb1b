/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The words of the operation catalogue (the files of defs/): one macro per kind of
 * gate and per kind of probe form, so that a row reads as Xen's code does.
 *
 * Gates (in Xen's order; each names the file:function making the check):
 *   XSM(hook, xen)                      the hook on (caller, target)
 *   XSM_SUB(hook, subop, xen)           ... with the value its own logic reads
 *   XSM_SUB2(hook, subop, subop2, xen)
 *   XSM_PAIR(hook, PAIR, xen)           ... on another pair (CALLER_CALLER,
 *                                       CALLER_OTHER, TARGET_OTHER, CALLER_NEW:
 *                                       the domain being created)
 *   XSM_FILTER(hook, xen)               the hook filters a list: the target is
 *                                       left out rather than the call refused
 *   GUEST(P, ERR, xen)                  the caller's guest must be in P
 *   KCONFIG(OPT, ERR, xen)              CONFIG_OPT must be on
 *   NOT_KCONFIG(OPT, ERR, xen)          CONFIG_OPT must be off
 *   HWDOM(ERR, xen)                     is_hardware_domain(caller)
 *   CONTROL(ERR, xen)                   is_control_domain(caller)
 *   LOOKUP(FLAGS, ERR, xen)             the target domid is looked up;
 *                                       FLAGS: 0, LK_SELF_OK, LK_DOMCTL_ERR,
 *                                       LK_OWN_ID_ERR (the caller's own domid
 *                                       given explicitly fails with ERR)
 *   SELF(ERR, xen), NOT_SELF(ERR, xen)  the target is / is not the caller
 *   TARGET_TYPE(P, ERR, xen)            the target's guest must be in P
 * Each has an _ON(RUNS, ...) form: the check runs only on the platforms RUNS
 * (e.g. HWDOM_ON(P_HVMLIKE, ENOSYS, "xen/arch/x86/hvm/hypercall.c:hvm_physdev_op")).
 * P and RUNS are XSMC_P_* without the prefix (P_ARM, P_X86, P_PV, ...); ERR
 * an errno name (EPERM, ENOSYS, ...).
 */
#ifndef XSMC_OPS_GATES_H
#define XSMC_OPS_GATES_H

#include "xsmcap/ops.h"

#define P_ARM64   XSMC_P_ARM64
#define P_ARM32   XSMC_P_ARM32
#define P_ARM     XSMC_P_ARM
#define P_PV      XSMC_P_PV
#define P_HVM     XSMC_P_HVM
#define P_PVH     XSMC_P_PVH
#define P_HVMLIKE XSMC_P_HVMLIKE
#define P_X86     XSMC_P_X86
#define P_ALL     XSMC_P_ALL

#define LK_SELF_OK    XSMC_LK_SELF_OK
#define LK_DOMCTL_ERR XSMC_LK_DOMCTL_ERR
#define LK_OWN_ID_ERR XSMC_LK_OWN_ID_ERR

#define XSMC_ERR_NONE 0
#define XSMC_ERR_EPERM XSMC_XEN_EPERM
#define XSMC_ERR_ESRCH XSMC_XEN_ESRCH
#define XSMC_ERR_ENOSYS XSMC_XEN_ENOSYS
#define XSMC_ERR_EINVAL XSMC_XEN_EINVAL
#define XSMC_ERR_EACCES XSMC_XEN_EACCES
#define XSMC_ERR_EOPNOTSUPP XSMC_XEN_EOPNOTSUPP
#define XSMC_ERR_ENOENT XSMC_XEN_ENOENT
#define XSMC_ERR_ENODEV XSMC_XEN_ENODEV
#define XSMC_ERR_EFAULT XSMC_XEN_EFAULT
#define XSMC_ERR_E2BIG XSMC_XEN_E2BIG
#define XSMC_ERR_EBUSY XSMC_XEN_EBUSY
#define XSMC_ERR_EEXIST XSMC_XEN_EEXIST
#define XSMC_ERR_ENXIO XSMC_XEN_ENXIO
#define XSMC_ERR_EAGAIN XSMC_XEN_EAGAIN
#define XSMC_ERR_ENOMEM XSMC_XEN_ENOMEM
#define XSMC_ERR_ENOSPC XSMC_XEN_ENOSPC
#define XSMC_ERR_ERANGE XSMC_XEN_ERANGE
#define XSMC_ERR_EILSEQ XSMC_XEN_EILSEQ

#define GATE_(runs_, kind_, allow_, pair_, flags_, kopt_, err_, hook_, sub_, sub2_, xen_)   \
    {.kind = (kind_), .runs = (uint8_t)(runs_), .allow = (uint8_t)(allow_),                  \
     .pair = (pair_), .flags = (uint8_t)(flags_), .kopt = (uint8_t)(kopt_),                 \
     .err = (uint16_t)(err_), .hook = (hook_), .subop = (sub_), .subop2 = (sub2_),          \
     .xen = (xen_)}

#define XSM_ON(runs, hook, xen) \
    GATE_(runs, XSMC_G_XSM, 0, XSMC_PAIR_CALLER_TARGET, 0, 0, 0, XSMC_HOOK_##hook, 0, 0, xen)
#define XSM_SUB_ON(runs, hook, subop, xen) \
    GATE_(runs, XSMC_G_XSM, 0, XSMC_PAIR_CALLER_TARGET, 0, 0, 0, XSMC_HOOK_##hook, subop, 0, xen)
#define XSM_SUB2_ON(runs, hook, subop, subop2, xen) \
    GATE_(runs, XSMC_G_XSM, 0, XSMC_PAIR_CALLER_TARGET, 0, 0, 0, XSMC_HOOK_##hook, subop, subop2, xen)
#define XSM_PAIR_ON(runs, hook, pair, xen) \
    GATE_(runs, XSMC_G_XSM, 0, XSMC_PAIR_##pair, 0, 0, 0, XSMC_HOOK_##hook, 0, 0, xen)
#define XSM_FILTER_ON(runs, hook, xen) \
    GATE_(runs, XSMC_G_XSM_FILTER, 0, XSMC_PAIR_CALLER_TARGET, 0, 0, 0, XSMC_HOOK_##hook, 0, 0, xen)
#define GUEST_ON(runs, p, err, xen) \
    GATE_(runs, XSMC_G_GUEST, p, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define KCONFIG_ON(runs, opt, err, xen) \
    GATE_(runs, XSMC_G_KCONFIG, 0, 0, 0, XSMC_K_##opt, XSMC_ERR_##err, 0, 0, 0, xen)
#define NOT_KCONFIG_ON(runs, opt, err, xen) \
    GATE_(runs, XSMC_G_NOT_KCONFIG, 0, 0, 0, XSMC_K_##opt, XSMC_ERR_##err, 0, 0, 0, xen)
#define HWDOM_ON(runs, err, xen) \
    GATE_(runs, XSMC_G_HWDOM, 0, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define CONTROL_ON(runs, err, xen) \
    GATE_(runs, XSMC_G_CONTROL, 0, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define LOOKUP_ON(runs, flags, err, xen) \
    GATE_(runs, XSMC_G_LOOKUP, 0, 0, flags, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define SELF_ON(runs, err, xen) \
    GATE_(runs, XSMC_G_SELF, 0, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define NOT_SELF_ON(runs, err, xen) \
    GATE_(runs, XSMC_G_NOT_SELF, 0, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)
#define TARGET_TYPE_ON(runs, p, err, xen) \
    GATE_(runs, XSMC_G_TARGET_TYPE, p, 0, 0, 0, XSMC_ERR_##err, 0, 0, 0, xen)

#define XSM(hook, xen)                     XSM_ON(0, hook, xen)
#define XSM_SUB(hook, subop, xen)          XSM_SUB_ON(0, hook, subop, xen)
#define XSM_SUB2(hook, subop, subop2, xen) XSM_SUB2_ON(0, hook, subop, subop2, xen)
#define XSM_PAIR(hook, pair, xen)          XSM_PAIR_ON(0, hook, pair, xen)
#define XSM_FILTER(hook, xen)              XSM_FILTER_ON(0, hook, xen)
#define GUEST(p, err, xen)                 GUEST_ON(0, p, err, xen)
/* x86's per-guest-type dispatch (xen/arch/x86/hvm/hypercall.c ...): no such check on Arm. */
#define GUEST_X86(p, err, xen)             GUEST_ON(P_X86, p, err, xen)
#define KCONFIG(opt, err, xen)             KCONFIG_ON(0, opt, err, xen)
#define NOT_KCONFIG(opt, err, xen)         NOT_KCONFIG_ON(0, opt, err, xen)
#define HWDOM(err, xen)                    HWDOM_ON(0, err, xen)
#define CONTROL(err, xen)                  CONTROL_ON(0, err, xen)
#define LOOKUP(flags, err, xen)            LOOKUP_ON(0, flags, err, xen)
#define SELF(err, xen)                     SELF_ON(0, err, xen)
#define NOT_SELF(err, xen)                 NOT_SELF_ON(0, err, xen)
#define TARGET_TYPE(p, err, xen)           TARGET_TYPE_ON(0, p, err, xen)

/*
 * Probe forms (see probe_forms.h for the families built on these):
 *   NO_PROBE(why)          no harmless form; `why` says why, citing Xen
 *   PROBE(TARGETS, OUTCOME, PASS_RC, why, NARGS, ARGS(...), BUFLEN, fields...)
 *     TARGETS  PT_DOMAINS (every domain by domid), PT_CALLER (the caller's
 *              own domid only), PT_OTHERS (every domain but the caller),
 *              PT_DOMID_SELF, combinations, or PT_NONE
 *     OUTCOME  PO_RC, PO_DENIED_TEXT, PO_LISTED (PROBE_LISTED), PO_STATUS
 *              (PROBE_GNTTAB_STATUS), PO_ERRS (PROBE_ERRS)
 *     PASS_RC  Xen's rc when every gate passes (-EINVAL, 0, PASS_ANY ...)
 *     ARGS     up to five A_IMM(v), A_BUF(off), A_BUF2(off), A_TARGET, A_OP
 *     fields   F(off, width, KIND, value): KIND IMM, OP, TARGET, CALLER,
 *              OTHER, BUF2
 */
#define PT_NONE 0
#define PT_DOMAINS XSMC_PT_DOMAINS
#define PT_DOMID_SELF XSMC_PT_DOMID_SELF
#define PT_CALLER XSMC_PT_CALLER
#define PT_OTHERS XSMC_PT_OTHERS
#define PT_ALL (XSMC_PT_DOMAINS | XSMC_PT_DOMID_SELF)
#define PO_RC XSMC_PO_RC
#define PO_DENIED_TEXT XSMC_PO_DENIED_TEXT
#define PO_LISTED XSMC_PO_LISTED
#define PO_STATUS XSMC_PO_STATUS
#define PO_ERRS XSMC_PO_ERRS
#define PASS_ANY XSMC_PROBE_PASS_ANY

#define A_IMM(v)   {XSMC_PA_IMM, (uint64_t)(v)}
#define A_BUF(o)   {XSMC_PA_BUF, (uint64_t)(o)}
#define A_BUF2(o)  {XSMC_PA_BUF2, (uint64_t)(o)}
#define A_TARGET   {XSMC_PA_TARGET, 0}
#define A_OP       {XSMC_PA_OP, 0}
/* Parenthesised so that it passes through macro layers as one argument; unpacked in the form. */
#define ARGS(...)  (__VA_ARGS__)
#define PROBE_UNPAREN_(...) __VA_ARGS__

#define F(off, width, kind, value) {(off), (width), XSMC_PF_##kind, (uint64_t)(value)}

#define NO_PROBE(why_) {.harmless = 0, .why = (why_)}

#define PROBE(targets_, outcome_, pass_, why_, nargs_, args_, buflen_, ...)                     \
    PROBE_X_(0, targets_, outcome_, pass_, why_, nargs_, args_, buflen_, __VA_ARGS__)
/* The same for a form whose pass opens a port in the caller at offset `off`, closed at once. */
#define PROBE_CLOSING(off, targets_, outcome_, pass_, why_, nargs_, args_, buflen_, ...)        \
    PROBE_X_((off) + 1, targets_, outcome_, pass_, why_, nargs_, args_, buflen_, __VA_ARGS__)
#define PROBE_X_(close_, targets_, outcome_, pass_, why_, nargs_, args_, buflen_, ...)           \
    {.harmless = 1, .nargs = (nargs_), .outcome = (outcome_), .targets = (targets_),            \
     .args = {PROBE_UNPAREN_ args_}, .buflen = (buflen_),                                                         \
     .nfields = (uint8_t)(sizeof((struct xsmc_probe_field[]){__VA_ARGS__}) /                     \
                          sizeof(struct xsmc_probe_field)),                                      \
     .fields = {__VA_ARGS__}, .pass_rc = (int16_t)(pass_), .close_port = (uint16_t)(close_),     \
     .why = (why_)}

/* The same with no buffer fields. */
#define PROBE0(targets_, outcome_, pass_, why_, nargs_, args_)                                  \
    {.harmless = 1, .nargs = (nargs_), .outcome = (outcome_), .targets = (targets_),            \
     .args = {PROBE_UNPAREN_ args_}, .pass_rc = (int16_t)(pass_), .why = (why_)}

#endif
