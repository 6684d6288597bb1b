/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Probe-form families: the argument layouts of Xen's hypercalls on arm64
 * (the headers of xen/include/public at the reference snapshot), so that a row names
 * only what differs.  Offsets are from the start of the structure.
 */
#ifndef XSMC_OPS_PROBE_FORMS_H
#define XSMC_OPS_PROBE_FORMS_H

#include "gates.h"

/* struct xen_domctl: cmd @0, interface_version @4, domain @8, union u @16; 144 bytes. */
#define XEN_DOMCTL_INTERFACE_VERSION_ 0x18
#define DOMCTL_U 16
#define PROBE_DOMCTL(targets, pass, why, ...)                                                   \
    PROBE(targets, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 144, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XEN_DOMCTL_INTERFACE_VERSION_), F(8, 2, TARGET, 0), __VA_ARGS__)
#define PROBE_DOMCTL0(targets, pass, why)                                                       \
    PROBE(targets, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 144, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XEN_DOMCTL_INTERFACE_VERSION_), F(8, 2, TARGET, 0))

/* struct xen_sysctl: cmd @0, interface_version @4, union u @8; 136 bytes. */
#define XEN_SYSCTL_INTERFACE_VERSION_ 0x16
#define SYSCTL_U 8
#define PROBE_SYSCTL(targets, pass, why, ...)                                                   \
    PROBE(targets, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 136, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XEN_SYSCTL_INTERFACE_VERSION_), __VA_ARGS__)
#define PROBE_SYSCTL0(targets, pass, why)                                                       \
    PROBE(targets, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 136, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XEN_SYSCTL_INTERFACE_VERSION_))

/* struct xen_platform_op: cmd @0, interface_version @4, union u @8; 136 bytes. */
#define XENPF_INTERFACE_VERSION_ 0x03000001
#define PLATFORM_U 8
#define PROBE_PLATFORM(pass, why, ...)                                                          \
    PROBE(PT_NONE, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 136, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XENPF_INTERFACE_VERSION_), __VA_ARGS__)

/*
 * sysctl, platform_op, console_io, xen_version, hypfs_op, xsm_op, kexec_op,
 * mca, xenpmu_op.
 */

/*
 * A list read back (XSMC_PO_LISTED): allowed when the 32-bit count at
 * count_off of buffer 1 is 1 and the domid at domid_off of buffer 2 is the
 * target's.  Xen returns 0 either way.
 */
#define PROBE_LISTED(targets_, why_, nargs_, args_, buflen_, count_off_, domid_off_, ...)       \
    {.harmless = 1, .nargs = (nargs_), .outcome = PO_LISTED, .targets = (targets_),             \
     .args = {PROBE_UNPAREN_ args_}, .buflen = (buflen_),                                                         \
     .nfields = (uint8_t)(sizeof((struct xsmc_probe_field[]){__VA_ARGS__}) /                     \
                          sizeof(struct xsmc_probe_field)),                                      \
     .fields = {__VA_ARGS__}, .pass_rc = 0, .read_off = {(count_off_), (domid_off_)},            \
     .why = (why_)}

/*
 * Fields of struct xen_sysctl's union (at SYSCTL_U), as offsets in buffer 1.
 * getdomaininfolist: first_domain (domid) @8, max_domains @12, buffer
 * (handle) @16, num_domains (OUT) @24; each entry is a struct
 * xen_domctl_getdomaininfo of 120 bytes whose domain (domid) is @0.
 */
#define SYSCTL_GDIL_FIRST  (SYSCTL_U + 0)
#define SYSCTL_GDIL_MAX    (SYSCTL_U + 4)
#define SYSCTL_GDIL_BUFFER (SYSCTL_U + 8)
#define SYSCTL_GDIL_NUM    (SYSCTL_U + 16)
#define PROBE_SYSCTL_LISTED(why)                                                                 \
    PROBE_LISTED(PT_DOMAINS, why, 1, ARGS(A_BUF(0)), 136, SYSCTL_GDIL_NUM, 0, F(0, 4, OP, 0),    \
                 F(4, 4, IMM, XEN_SYSCTL_INTERFACE_VERSION_), F(SYSCTL_GDIL_FIRST, 2, TARGET, 0), \
                 F(SYSCTL_GDIL_MAX, 4, IMM, 1), F(SYSCTL_GDIL_BUFFER, 8, BUF2, 0))
/* The first word of the union is the sub-command of tbuf_op, perfc_op, lockprof_op,
   cpupool_op (op), coverage_op and livepatch_op. */
#define SYSCTL_SUBCMD            (SYSCTL_U + 0)
#define SYSCTL_PAGE_OFFLINE_START (SYSCTL_U + 4) /* cmd @0, start @4, end @8 */
#define SYSCTL_CPUPOOL_ID        (SYSCTL_U + 4)  /* op @0, cpupool_id @4, sched_id @8, domid @12 */
#define SYSCTL_CPUPOOL_DOMID     (SYSCTL_U + 12)
#define SYSCTL_SCHEDOP_CMD       (SYSCTL_U + 8)  /* cpupool_id @0, sched_id @4, cmd @8 */
#define SYSCTL_DT_OVERLAY_OP     (SYSCTL_U + 12) /* overlay_fdt @0, overlay_fdt_size @8, overlay_op @12 */

/* struct xenpf_settime64 at PLATFORM_U: secs @0, nsecs @8, mbz @12, system_time @16. */
#define XENPF_SETTIME64_MBZ (PLATFORM_U + 12)

/* console_io(cmd, count, buffer): count 0 and a NULL buffer. */
#define PROBE_CONSOLEIO(why) PROBE0(PT_NONE, PO_RC, 0, why, 3, ARGS(A_OP, A_IMM(0), A_IMM(0)))

/* xen_version(cmd, arg): arg a NULL handle (A_IMM(0)) or buffer 2 (A_BUF2(0), 4 KiB). */
#define PROBE_XENVER(outcome, pass, why, arg) PROBE0(PT_NONE, outcome, pass, why, 2, ARGS(A_OP, arg))

/* hypfs_op(cmd, path, path length, buffer, buffer length): every argument after cmd 0. */
#define PROBE_HYPFS(pass, why)                                                                   \
    PROBE0(PT_NONE, PO_RC, pass, why, 5, ARGS(A_OP, A_IMM(0), A_IMM(0), A_IMM(0), A_IMM(0)))

/*
 * physdev_op, hvm_op, dm_op (mmu_update, mmuext_op and update_va_mapping*
 * are x86 only: no arm64 form).
 */

/* physdev_op(cmd @x0, arg @x1): the sub-operation's structure in buffer 1. */
#define PROBE_PHYSDEV(pass, why, buflen, ...)                                                   \
    PROBE(PT_NONE, PO_RC, pass, why, 2, ARGS(A_OP, A_BUF(0)), buflen, __VA_ARGS__)

/*
 * hvm_op(op @x0, arg @x1) with struct xen_hvm_param: domid @0 (16 bits),
 * index @4 (32 bits), value @8 (64 bits); 16 bytes.  The value written is 0.
 */
#define PROBE_HVM_PARAM(targets, pass, why, index)                                              \
    PROBE(targets, PO_RC, pass, why, 2, ARGS(A_OP, A_BUF(0)), 16, F(0, 2, TARGET, 0),           \
          F(4, 4, IMM, index), F(8, 8, IMM, 0))

/*
 * dm_op(domid @x0, nr_bufs @x1, bufs @x2) with one struct xen_dm_op_buf in
 * buffer 1: handle @0, size @8 (xen_ulong_t); 16 bytes, both 0.  The form is
 * the same for every sub-operation because Xen reads none before its checks.
 */
#define PROBE_DM_OP                                                                             \
    PROBE(PT_ALL, PO_RC, -XSMC_XEN_EFAULT,                                                      \
          "xen/common/dm.c:do_dm_op copies the one buffer descriptor from buffer 1; "          \
          "xen/arch/arm/dm.c:dm_op then looks the domain up (rcu_lock_remote_domain_by_id: "     \
          "DOMID_SELF and a missing domain -ESRCH, the caller itself -EPERM) and checks "        \
          "xsm_dm_op before it reads anything: a buffer of size 0 then fails "                   \
          "'size < offsetof(struct xen_dm_op, u)' with -EFAULT, so the sub-operation is never "  \
          "read and nothing runs. Without CONFIG_IOREQ_SERVER (arm64 defconfig) the hypercall "  \
          "is absent: -ENOSYS for everyone",                                                     \
          3, ARGS(A_TARGET, A_IMM(1), A_BUF(0)), 16, F(0, 8, IMM, 0), F(8, 8, IMM, 0))

/*
 * domctl (XEN_DOMCTL_*, defs/domctl.def): the forms PROBE_DOMCTL cannot say.
 * Offsets in the union are DOMCTL_U plus those of xen/include/public/domctl.h.
 */
#define DOMCTL_DOMID_SELF 0x7FF0 /* DOMID_SELF (public/xen.h): never a domain do_domctl finds */
#define DOMCTL_NO_VCPU    1000   /* a vCPU id above every probed domain's max_vcpus */
/* createdomain: the domain field is the domid asked for, not a target. */
#define PROBE_DOMCTL_CREATE(pass, why, domid)                                                   \
    PROBE(PT_NONE, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 144, F(0, 4, OP, 0),                     \
          F(4, 4, IMM, XEN_DOMCTL_INTERFACE_VERSION_), F(8, 2, IMM, domid))
/* A stable command (get_domain_state): do_domctl wants interface_version 0. */
#define PROBE_DOMCTL_STABLE0(targets, pass, why)                                                \
    PROBE(targets, PO_RC, pass, why, 1, ARGS(A_BUF(0)), 144, F(0, 4, OP, 0), F(4, 4, IMM, 0),     \
          F(8, 2, TARGET, 0))

/* ---- memory_op, grant_table_op, event_channel_op, sched_op, argo_op ---- */

/* An errno a pass returns that ops.h does not name (xen/include/public/errno.h). */
#define XEN_ECONNREFUSED_ 111
/* xen/include/public/argo.h */
#define XEN_ARGO_DOMID_ANY_ 0x7FF4

/*
 * do_memory_op, do_event_channel_op and do_sched_op take (cmd, arg): x0 the
 * row's sub-operation, x1 buffer 1 holding the argument structure.
 */
#define PROBE_OP_BUF(targets, pass, why, buflen, ...)                                           \
    PROBE(targets, PO_RC, pass, why, 2, ARGS(A_OP, A_BUF(0)), buflen, __VA_ARGS__)
/* The same where a pass opens a port in the caller, returned at `port_off`: closed at once. */
#define PROBE_OP_BUF_CLOSING(port_off, targets, pass, why, buflen, ...)                         \
    PROBE_CLOSING(port_off, targets, PO_RC, pass, why, 2, ARGS(A_OP, A_BUF(0)), buflen, __VA_ARGS__)

/*
 * A batch of one entry whose verdict Xen writes to errs[0] (XSMC_PO_ERRS):
 * gates before data_gate refuse in the rc, the rest in the int32 at errs_off
 * of buffer 2; memory_op(cmd, arg) with the batch in buffer 1.
 */
#define PROBE_OP_BUF_ERRS(data_gate_, errs_off_, targets_, pass_, why_, buflen_, ...)          \
    {.harmless = 1, .nargs = 2, .outcome = PO_ERRS, .targets = (targets_),                      \
     .args = {A_OP, A_BUF(0)}, .buflen = (buflen_),                                             \
     .nfields = (uint8_t)(sizeof((struct xsmc_probe_field[]){__VA_ARGS__}) /                     \
                          sizeof(struct xsmc_probe_field)),                                      \
     .fields = {__VA_ARGS__}, .pass_rc = (int16_t)(pass_), .read_off = {(errs_off_), 0},        \
     .data_gate = (data_gate_), .why = (why_)}

/*
 * struct xen_memory_reservation: extent_start @0 (handle), nr_extents @8,
 * extent_order @16, mem_flags @20, domid @24; 32 bytes.  struct
 * xen_memory_exchange: in @0, out @32 (both reservations), nr_exchanged @64;
 * 72 bytes.
 */
#define MEMRES_START 0
#define MEMRES_NR    8
#define MEMRES_DOMID 24
#define MEMRES_SIZE  32
#define MEMXCHG_OUT  32
#define MEMXCHG_SIZE 72

/* do_grant_table_op takes (cmd, uop, count): x0 the sub-operation, x1 buffer 1, x2 count. */
#define PROBE_GNTTAB(targets, pass, why, count, buflen, ...)                                    \
    PROBE(targets, PO_RC, pass, why, 3, ARGS(A_OP, A_BUF(0), A_IMM(count)), buflen, __VA_ARGS__)
/*
 * The same for a sub-operation that returns 0 and writes its verdict to the
 * int16 status at status_off of buffer 1 (XSMC_PO_STATUS): pass is the
 * status when every gate passes (XSMC_GNTST_*).
 */
#define PROBE_GNTTAB_STATUS(status_off_, targets_, pass_, why_, buflen_, ...)                  \
    {.harmless = 1, .nargs = 3, .outcome = PO_STATUS, .targets = (targets_),                    \
     .args = {A_OP, A_BUF(0), A_IMM(1)}, .buflen = (buflen_),                                   \
     .nfields = (uint8_t)(sizeof((struct xsmc_probe_field[]){__VA_ARGS__}) /                     \
                          sizeof(struct xsmc_probe_field)),                                      \
     .fields = {__VA_ARGS__}, .pass_rc = (int16_t)(pass_), .read_off = {(status_off_), 0},      \
     .why = (why_)}
/* GNTMAP_host_map and GNTCOPY_source_gref (xen/include/public/grant_table.h). */
#define GNTMAP_HOST_MAP_     2
#define GNTCOPY_SOURCE_GREF_ 1
#define GNTTAB_NO_REF        0xffffffffu /* above every grant table's nr_grant_entries */

/*
 * do_argo_op takes (cmd, arg1, arg2, arg3, arg4): x0 the sub-operation, x1
 * buffer 1, x2 the second handle (an A_* argument), x3 and x4 numbers.
 */
#define PROBE_ARGO(targets, pass, why, arg2, arg3, arg4, buflen, ...)                           \
    PROBE(targets, PO_RC, pass, why, 5, ARGS(A_OP, A_BUF(0), arg2, A_IMM(arg3), A_IMM(arg4)),    \
          buflen, __VA_ARGS__)

/* A row of x86 only: the live probe boots Xen on arm64, so it has no form. */
#define PROBE_X86_ONLY NO_PROBE("x86 only: the live probe boots Xen on arm64 (docs/live.md)")

#endif
