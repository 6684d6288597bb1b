/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A system: the domains Xen would create at boot, with what the policy
 * needs (xsmc_domain) and what validation, lints and reports need.
 * Built by the readers in src/config/ or by the inline spec parser.
 */
#ifndef XSMCAP_SYSTEM_H
#define XSMCAP_SYSTEM_H

#include <stddef.h>
#include <stdint.h>
#include "xsmcap/platform.h"
#include "xsmcap/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

enum xsmc_tristate { XSMC_UNKNOWN = -1, XSMC_NO = 0, XSMC_YES = 1 };

enum xsmc_source_kind {
    XSMC_SRC_BUILTIN = 0, /* the embedded default system */
    XSMC_SRC_SPEC,        /* --system SPEC */
    XSMC_SRC_DOM0LESS,    /* Arm dom0less device tree (.dtb/.dts) */
    XSMC_SRC_HYPERLAUNCH, /* x86 hyperlaunch device tree */
    XSMC_SRC_IMAGEBUILDER,/* ImageBuilder .cfg */
    XSMC_SRC_PARTIAL_DT   /* a passthrough partial device tree, not a boot config */
};

/* A device a domain receives (passthrough path, xen,path, PCI BDF, ...). */
struct xsmc_device {
    char *path;        /* host device-tree path or PCI SBDF */
    int dma_capable;   /* enum xsmc_tristate */
};

/*
 * A static shared memory region a domain maps (booting.txt "Static Shared
 * Memory", node compatible "xen,domain-shared-memory-v1").  Domains that
 * name the same id share the same host pages: a channel between them that
 * no XSM hook ever sees.
 */
enum xsmc_shm_role {
    XSMC_SHM_DEFAULT = 0, /* no role: a borrower, and DOMID_IO owns the pages */
    XSMC_SHM_OWNER,
    XSMC_SHM_BORROWER
};

struct xsmc_shm {
    char *id;          /* xen,shm-id, at most 15 characters */
    int role;          /* enum xsmc_shm_role */
    int host_given;    /* 0: Xen allocates the host pages from its heap */
    uint64_t host;     /* host physical address, when host_given */
    uint64_t guest;    /* guest physical address */
    uint64_t size;     /* bytes */
};

/*
 * A static event channel (booting.txt "Static Event Channel", nodes
 * compatible "xen,evtchn-v1"): Xen binds it between two domains while it
 * boots, with the idle domain as the caller, so no policy refuses it.
 */
struct xsmc_evtchn {
    uint32_t port;       /* this domain's port */
    char *peer;          /* the other domain's name */
    uint32_t peer_port;  /* its port */
};

/*
 * What a boot configuration said about a domain beyond the fields of
 * xsmc_dom, for Xen's boot-time rules (src/config/validate.c).  `given`
 * holds XSMC_BOOT_* bits; a reader that cannot know a fact leaves it clear.
 */
#define XSMC_BOOT_CPUS            (1u << 0)  /* cpus given as a full u32 */
#define XSMC_BOOT_MEMORY          (1u << 1)  /* memory given as a full u64 */
#define XSMC_BOOT_PASSTHROUGH     (1u << 2)  /* passthrough string present (any value) */
#define XSMC_BOOT_PARTIAL_DT      (1u << 3)  /* owns a multiboot,device-tree module */
#define XSMC_BOOT_LATER_PARTIAL_DT (1u << 4) /* Xen's whole-tree search after the node finds one */
#define XSMC_BOOT_NR_SPIS         (1u << 5)
#define XSMC_BOOT_LLC_COLORS      (1u << 6)
#define XSMC_BOOT_TRAP_UNMAPPED   (1u << 7)  /* trap-unmapped-accesses given; value in trap_unmapped */
#define XSMC_BOOT_VPL011          (1u << 8)
#define XSMC_BOOT_UNTARGETABLE    (1u << 9)  /* hypercall-untargetable (proposed) */
#define XSMC_BOOT_KERNEL_EXPECTED (1u << 10) /* the file should name a kernel (not an overlay) */
#define XSMC_BOOT_DIRECT_MAP      (1u << 11) /* direct-map present (or implied, classic dom0) */

struct xsmc_boot_facts {
    uint32_t given;           /* XSMC_BOOT_* */
    uint32_t trap_unmapped;   /* value of trap-unmapped-accesses */
    uint64_t static_mem_kb;   /* sum of xen,static-mem banks, KiB */
};

/* One domain of the system. */
struct xsmc_dom {
    struct xsmc_domain core;  /* what the engine sees; core.target is a domid */
    char *name;               /* unique within the system */
    char *where;              /* where it was declared: DT node path, cfg line, spec item */
    char *target_name;        /* name of the guest it serves, if any (resolved into core.target) */
    uint32_t raw_caps;        /* the capabilities value as written, before any check */
    int caps_explicit;        /* 1 if a capabilities property/entry was given */
    uint64_t memory_kb;       /* 0 when unknown */
    uint32_t cpus;            /* 0 when unknown */
    int direct_map;           /* enum xsmc_tristate */
    int static_mem;           /* xen,static-mem present */
    int xenstore_requested;   /* xen,enhanced / DOMU_ENHANCED: wants a xenstore connection */
    int classic_dom0;         /* dom0 from /chosen modules or DOM0_KERNEL */
    int has_kernel;
    struct xsmc_device *devices;
    size_t ndevices;
    char **backends;          /* services it provides to guests (e.g. "vif", "vbd", "console") */
    size_t nbackends;
    struct xsmc_shm *shms;    /* static shared memory regions, in tree order */
    size_t nshms;
    struct xsmc_evtchn *evtchns; /* static event channels, in tree order */
    size_t nevtchns;
    char *cpupool;            /* the boot cpupool it starts in (pool node path, CPUPOOL[n]); NULL: Pool-0 */
    struct xsmc_boot_facts boot; /* filled by the boot-config readers */
};

/* A diagnostic, compiler style: FILE:WHERE: severity: [rule] message */
enum xsmc_severity { XSMC_NOTE = 0, XSMC_WARNING = 1, XSMC_ERROR = 2 };

struct xsmc_diag {
    int severity;      /* enum xsmc_severity */
    char *rule;        /* stable id, e.g. "caps-invalid" */
    char *where;       /* node path or cfg line */
    char *message;
    char *fix;         /* what to change; may be NULL */
};

struct xsmc_system {
    char *source;            /* file name, "<spec>" or "<builtin>" */
    int kind;                /* enum xsmc_source_kind */
    int arch;                /* enum xsmc_arch: the platform Xen runs on */
    struct xsmc_kconfig kconfig; /* how that Xen was built (its arch's defconfig unless given) */
    int xsm_boot;            /* enum xsmc_xsm_module chosen by xsm= on Xen's command line */
    int iommu;               /* enum xsmc_tristate: platform has an enabled IOMMU */
    int intremap;            /* enum xsmc_tristate: that IOMMU remaps interrupts (MSIs) */
    int llc_coloring;        /* enum xsmc_tristate: Xen's command line turns LLC colouring on */
    int iommu_cmdline;       /* enum xsmc_tristate: iommu=<boolean> on Xen's command line (XSMC_NO: off) */
    int iommu_force;         /* iommu=force or iommu=required: Xen panics without an IOMMU */
    int xsm_policy;          /* the configuration loads an XSM policy (xen,xsm-policy module, XEN_POLICY) */
    char *xen_cmdline_at;    /* where Xen's command line was read (DT property, cfg line); NULL: none */
    struct xsmc_dom *doms;
    size_t ndoms;
    struct xsmc_diag *diags;
    size_t ndiags;
};

/* Life cycle.  All strings are owned by the system. */
struct xsmc_system *xsmc_system_new(const char *source, int kind);
void xsmc_system_free(struct xsmc_system *sys);
/* Append a domain (zeroed, target none); NULL on allocation failure or past XSMC_MAX_DOMAINS. */
struct xsmc_dom *xsmc_system_add(struct xsmc_system *sys, const char *name, const char *where);
int xsmc_dom_add_device(struct xsmc_dom *d, const char *path, int dma_capable);
/* Append a shared memory region named `id` (copied; shm->id is not read); 0 or -1. */
int xsmc_dom_add_shm(struct xsmc_dom *d, const char *id, const struct xsmc_shm *shm);
/* Append a static event channel towards `peer` (copied); 0 or -1. */
int xsmc_dom_add_evtchn(struct xsmc_dom *d, uint32_t port, const char *peer, uint32_t peer_port);
/* Set the boot cpupool (copied); 0 or -1. */
int xsmc_dom_set_cpupool(struct xsmc_dom *d, const char *pool);
/*
 * The XSM module Xen boots with: xsm= of the command line when the build
 * has that module (Xen ignores any other value), else the build's default.
 */
enum xsmc_xsm_module xsmc_system_xsm_module(const struct xsmc_system *sys);
/* Did xsm= choose a module this build does not have (so Xen ignored it)? */
int xsmc_system_xsm_param_ignored(const struct xsmc_system *sys);
/* Append a diagnostic (printf-style message). */
void xsmc_system_diag(struct xsmc_system *sys, int severity, const char *rule,
                      const char *where, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
size_t xsmc_system_count(const struct xsmc_system *sys, int severity);

/* Find a domain by name or by decimal domid; NULL if none. */
struct xsmc_dom *xsmc_system_find(const struct xsmc_system *sys, const char *name_or_id);
struct xsmc_dom *xsmc_system_by_domid(const struct xsmc_system *sys, uint32_t domid);

/* Capabilities as "control,hardware" ("none" for 0); buf gets at most len bytes. */
const char *xsmc_caps_text(uint32_t caps, char *buf, size_t len);

/*
 * The inline spec of CLI.md: DOMAIN (';' DOMAIN)*, DOMAIN := NAME
 * [':' CAP (',' CAP)*] ['@' TYPE] ['>' NAME].  On error returns NULL and
 * writes a one-line message to err.  xsmc_spec_parse is arm64.
 */
struct xsmc_system *xsmc_spec_parse(const char *spec, char *err, size_t errlen);
struct xsmc_system *xsmc_spec_parse_arch(const char *spec, enum xsmc_arch arch, char *err,
                                         size_t errlen);

/*
 * Set the platform: the architecture and the build configuration (NULL:
 * the architecture's defconfig).  Returns -1, changing nothing, when the
 * configuration was built for another architecture.
 */
int xsmc_system_set_platform(struct xsmc_system *sys, enum xsmc_arch arch,
                             const struct xsmc_kconfig *kconfig);
/* A domain's guest type (enum xsmc_guest). */
static inline enum xsmc_guest xsmc_dom_guest(const struct xsmc_dom *d)
{
    return (enum xsmc_guest)XSMC_DOM_GUEST(&d->core);
}

/* The embedded default: the arrangement tested with the original patch, on arm64 (dom0less). */
#define XSMC_BUILTIN_SPEC "dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control"
struct xsmc_system *xsmc_builtin_system(char *err, size_t errlen);
/* The same arrangement on another architecture (x86 domains are then PV). */
struct xsmc_system *xsmc_builtin_system_arch(enum xsmc_arch arch, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
