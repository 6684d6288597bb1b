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

/* A probe form not yet written: counts as no harmless form. */
#define PROBE_TODO NO_PROBE(NULL)

#endif
