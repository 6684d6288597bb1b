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
 * do_argo_op takes (cmd, arg1, arg2, arg3, arg4): x0 the sub-operation, x1
 * buffer 1, x2 the second handle (an A_* argument), x3 and x4 numbers.
 */
#define PROBE_ARGO(targets, pass, why, arg2, arg3, arg4, buflen, ...)                           \
    PROBE(targets, PO_RC, pass, why, 5, ARGS(A_OP, A_BUF(0), arg2, A_IMM(arg3), A_IMM(arg4)),    \
          buflen, __VA_ARGS__)

/* A probe form not yet written: counts as no harmless form. */
#define PROBE_TODO NO_PROBE(NULL)

#endif
