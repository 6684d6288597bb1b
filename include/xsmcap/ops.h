/*
 * The hypercall catalogue: every sub-operation that reaches an XSM hook,
 * so that `query XENPF_settime64` knows which hook(s) Xen checks.
 */
#ifndef XSMCAP_OPS_H
#define XSMCAP_OPS_H

#include <stddef.h>
#include <stdint.h>
#include "xsmcap/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which domain a sub-op's hook receives as target. */
enum xsmc_op_target {
    XSMC_ON_NONE = 0,    /* the hook takes no target */
    XSMC_ON_DOMAIN,      /* the domain named in the hypercall (--on) */
    XSMC_ON_CALLER       /* the caller itself */
};

#define XSMC_OP_MAX_HOOKS 3

/* One hook check a sub-op makes. */
struct xsmc_op_step {
    uint32_t hook;   /* enum xsmc_hook */
    uint32_t subop;  /* value the hook's own logic sees (cmd, XENVER_*, ...) */
    uint32_t subop2;
};

struct xsmc_op {
    const char *hypercall;  /* "physdev_op" */
    const char *name;       /* "PHYSDEVOP_setup_gsi" */
    uint32_t value;         /* the constant's value */
    uint8_t target;         /* enum xsmc_op_target */
    uint8_t nsteps;
    struct xsmc_op_step steps[XSMC_OP_MAX_HOOKS]; /* all must pass, in Xen's order */
    const char *xen;        /* file:function that makes the check(s) */
    const char *note;
};

/* Number of catalogue rows and row i (NULL past the end). */
size_t xsmc_op_count(void);
const struct xsmc_op *xsmc_op_at(size_t i);

/*
 * Look up "PHYSDEVOP_setup_gsi", "physdev_op:setup_gsi" or
 * "physdev_op:PHYSDEVOP_setup_gsi".  Returns the row or NULL.
 */
const struct xsmc_op *xsmc_op_find(const char *name);

/* "none", "domain" or "caller"; NULL out of range. */
const char *xsmc_op_target_name(unsigned target);

/* The hypercalls of the catalogue, with their sub-op constant prefix. */
struct xsmc_hypercall {
    const char *name;    /* "physdev_op" */
    uint32_t number;     /* __HYPERVISOR_physdev_op */
    const char *prefix;  /* "PHYSDEVOP_" */
};

size_t xsmc_hypercall_count(void);
const struct xsmc_hypercall *xsmc_hypercall_at(size_t i);
const struct xsmc_hypercall *xsmc_hypercall_find(const char *name);

/* A sub-op that reaches no XSM hook (not a catalogue row; documented). */
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
