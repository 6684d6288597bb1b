/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform a system runs on: the architecture Xen was built for, the
 * guest type of each domain, and the build configuration (Kconfig) of that
 * Xen.  Which operations exist, and which checks run before the XSM hooks,
 * depend on all three.
 */
#ifndef XSMCAP_PLATFORM_H
#define XSMCAP_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Architectures.  The numbering is part of the ABI: append only. */
enum xsmc_arch {
    XSMC_ARCH_ARM64 = 0, /* the platform the XSM_HW_PRIV series targets */
    XSMC_ARCH_ARM32,
    XSMC_ARCH_X86_64,
    XSMC_ARCH_COUNT
};
#define XSMC_ARCH_DEFAULT XSMC_ARCH_ARM64

/*
 * Guest types.  An Arm guest has one type (every Arm domain is an HVM-style
 * guest with stage-2 translation); an x86 domain is PV, HVM or PVH.  The
 * guest type lives in bits 8-10 of xsmc_domain.flags (XSMC_DOMF_GUEST).
 */
enum xsmc_guest {
    XSMC_GUEST_ARM = 0,
    XSMC_GUEST_PV,
    XSMC_GUEST_HVM,
    XSMC_GUEST_PVH,
    XSMC_GUEST_COUNT
};
/* The type of an x86 domain given without one: Xen's dom0 and xl both default to PV. */
#define XSMC_GUEST_X86_DEFAULT XSMC_GUEST_PV

/*
 * Where an operation exists or a check runs: one bit per (architecture,
 * guest type).  64-bit x86 PV only: 32-bit PV (CONFIG_PV32) is off in the
 * x86 defconfig and not modelled.
 */
#define XSMC_P_ARM64 (1u << 0)
#define XSMC_P_ARM32 (1u << 1)
#define XSMC_P_PV    (1u << 2)
#define XSMC_P_HVM   (1u << 3)
#define XSMC_P_PVH   (1u << 4)
#define XSMC_P_ARM   (XSMC_P_ARM64 | XSMC_P_ARM32)
#define XSMC_P_X86   (XSMC_P_PV | XSMC_P_HVM | XSMC_P_PVH)
#define XSMC_P_HVMLIKE (XSMC_P_HVM | XSMC_P_PVH) /* x86 guests that trap into hvm_hypercall */
#define XSMC_P_ALL   (XSMC_P_ARM | XSMC_P_X86)

/* The XSMC_P_* bit of a guest type on an architecture; 0 when the pair does not exist. */
uint32_t xsmc_platform_bit(enum xsmc_arch arch, enum xsmc_guest guest);
/* Every XSMC_P_* bit of an architecture. */
uint32_t xsmc_arch_bits(enum xsmc_arch arch);
/* Is the guest type valid on the architecture? */
int xsmc_guest_valid(enum xsmc_arch arch, enum xsmc_guest guest);

/* Names: "arm64", "x86_64"; "arm", "pv", "hvm", "pvh". */
const char *xsmc_arch_name(enum xsmc_arch arch);
const char *xsmc_guest_name(enum xsmc_guest guest);
int xsmc_arch_from_name(const char *name, enum xsmc_arch *out);
int xsmc_guest_from_name(const char *name, enum xsmc_guest *out);
/* "arm64, arm32 and x86_64 (pv, hvm)" style text of a XSMC_P_* mask; buf gets at most len bytes. */
const char *xsmc_platform_text(uint32_t mask, char *buf, size_t len);

/*
 * Kconfig options the catalogue depends on, one row each in
 * src/platform/kconfig.def with its value in each architecture's defconfig
 * at the reference snapshot.
 */
enum xsmc_kopt {
#define XSMC_KCONFIG(name, arm64, arm32, x86_64, why) XSMC_K_##name,
#include "xsmcap/kconfig.def"
#undef XSMC_KCONFIG
    XSMC_K_COUNT
};

#define XSMC_KCONFIG_WORDS ((XSMC_K_COUNT + 63) / 64)

/* A build configuration: which of the known options are on. */
struct xsmc_kconfig {
    uint64_t on[XSMC_KCONFIG_WORDS];
    uint8_t arch;        /* enum xsmc_arch it was built for */
    uint8_t from_file;   /* 1: read from a .config; 0: the arch's defconfig */
};

static inline int xsmc_kconfig_on(const struct xsmc_kconfig *k, unsigned opt)
{
    return opt < XSMC_K_COUNT && ((k->on[opt / 64] >> (opt % 64)) & 1u);
}

/* The defconfig of an architecture at the reference snapshot. */
void xsmc_kconfig_default(enum xsmc_arch arch, struct xsmc_kconfig *out);

/*
 * Read a Xen .config.  The file must be a Xen configuration (its
 * "# Xen/<arch> ... Configuration" header and an architecture symbol);
 * options it does not set are off, as Kconfig means.  Returns 0, or -1 with
 * a one-line message ("FILE:LINE: ...") in err.
 */
int xsmc_kconfig_read(const char *path, struct xsmc_kconfig *out, char *err, size_t errlen);

/* Option names (without CONFIG_) and what each decides; NULL out of range. */
const char *xsmc_kopt_name(unsigned opt);
const char *xsmc_kopt_why(unsigned opt);
int xsmc_kopt_from_name(const char *name, unsigned *out);
/* The option's value in an architecture's defconfig. */
int xsmc_kopt_default(unsigned opt, enum xsmc_arch arch);
/* Can a build of arch have the option at all (kconfig.def's 'x': no)? */
int xsmc_kopt_exists(unsigned opt, enum xsmc_arch arch);

/*
 * The XSM module Xen boots with when nothing chooses one (Kconfig
 * XSM_*_DEFAULT), and the explicit choice of a Xen command line (xsm=).
 */
enum xsmc_xsm_module {
    XSMC_XSM_UNSET = 0, /* not chosen on the command line */
    XSMC_XSM_DUMMY,     /* the default policy (also CONFIG_XSM=n) */
    XSMC_XSM_SILO,
    XSMC_XSM_FLASK
};
const char *xsmc_xsm_module_name(enum xsmc_xsm_module m);
/* The module a build boots with when the command line chooses none. */
enum xsmc_xsm_module xsmc_kconfig_xsm_default(const struct xsmc_kconfig *k);

#ifdef __cplusplus
}
#endif
#endif
