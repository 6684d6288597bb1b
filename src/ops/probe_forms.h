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

/* A probe form not yet written: counts as no harmless form. */
#define PROBE_TODO NO_PROBE(NULL)

#endif
