/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who can do what: operations (hooks and hypercall sub-ops), the decision
 * matrix of a system computed by role classes, diffs between profiles or
 * systems, and the words that explain them.
 *
 * Domains with the same capabilities and flags form a class; a cell
 * (source, target) is decided by the pair of classes plus two facts of the
 * pair (is it the same domain, is the target the source's own target).  So
 * a matrix is a few hundred engine calls however many domains there are,
 * and a cell is a table lookup.
 */
#ifndef XSMCAP_ANALYSIS_H
#define XSMCAP_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "xsmcap/ops.h"
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Is the operation decided per target domain (XSMC_ON_DOMAIN)? */
static inline int xsmc_op_targeted(const struct xsmc_op *op)
{
    return op->target == XSMC_ON_DOMAIN;
}

/*
 * The operations that exist on an architecture, in catalogue order: what
 * every analysis walks.  Caller frees; NULL on allocation failure.
 */
const struct xsmc_op **xsmc_platform_ops(enum xsmc_arch arch, size_t *count);

/*
 * The platform a system's decisions are made on: its architecture and
 * build configuration, the profile and the options (SILO).
 */
void xsmc_env_of(const struct xsmc_system *sys, enum xsmc_profile profile, uint32_t options,
                 struct xsmc_op_env *out);

/*
 * The third domain of an operation when none is named: the caller itself
 * (evtchn_unbound's remote end when a domain allocates a port for itself to
 * bind; mmu_update's page-table owner when a guest updates its own tables).
 */
static inline const struct xsmc_domain *xsmc_default_other(const struct xsmc_domain *src)
{
    return src;
}

/* Role classes: domains the engine cannot tell apart, as sources or targets. */
struct xsmc_class {
    uint32_t caps;
    uint32_t flags;
    uint8_t idle;      /* domid is the idle domain's */
    size_t members;
    size_t first;      /* index of the first member in the system */
};

struct xsmc_matrix {
    const struct xsmc_system *sys;
    enum xsmc_profile profile;
    uint32_t options;
    struct xsmc_op_env env;      /* the system's platform under profile and options */
    const struct xsmc_op **ops;  /* the operations of the system's architecture */
    size_t nops;
    struct xsmc_class *classes;
    size_t nclasses;
    uint32_t *class_of;   /* per domain index */
    size_t *target_of;    /* per domain index: index of its target, or SIZE_MAX */
    uint8_t *cache;       /* [op][src class][tgt class]: 4 known bits, 4 allow bits */
};

#define XSMC_NO_TARGET SIZE_MAX

/* Build the classes of a system over every operation of its platform; NULL on allocation failure. */
struct xsmc_matrix *xsmc_matrix_new(const struct xsmc_system *sys, enum xsmc_profile profile,
                                    uint32_t options);
/* The same over a given list of operations (copied; each must exist on the system's arch). */
struct xsmc_matrix *xsmc_matrix_new_ops(const struct xsmc_system *sys, enum xsmc_profile profile,
                                        uint32_t options, const struct xsmc_op *const *ops,
                                        size_t nops);
/* The row index of an operation in a matrix, or SIZE_MAX. */
size_t xsmc_matrix_op_index(const struct xsmc_matrix *m, const struct xsmc_op *op);
/* Decide one cell in full (with every gate's result), as the matrix cell does. */
int xsmc_matrix_decide(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt,
                       struct xsmc_op_result *out);
void xsmc_matrix_free(struct xsmc_matrix *m);

/* May domain `src` perform op `op` on domain `tgt` (XSMC_NO_TARGET when untargeted)? By class. */
int xsmc_matrix_cell(struct xsmc_matrix *m, size_t op, size_t src, size_t tgt);
/*
 * By class: may a source of class a perform op on another domain of class b
 * that is not its own target?  (Itself and its own target may differ.)
 */
int xsmc_matrix_class_cell(struct xsmc_matrix *m, size_t op, size_t a, size_t b);
/* The same answer, asking the engine directly: what tests and benchmarks compare against. */
int xsmc_matrix_cell_naive(const struct xsmc_matrix *m, size_t op, size_t src, size_t tgt);
/* How many targets src may perform op on (0 or 1 for an untargeted op); O(classes). */
size_t xsmc_matrix_allowed_count(struct xsmc_matrix *m, size_t op, size_t src);

/* The full summary: allowed cells per operation, by class (never cell by cell). */
struct xsmc_matrix_summary {
    uint64_t *allowed;  /* per op: allowed (source, target) cells, or sources if untargeted */
    uint64_t total;     /* sum over ops */
    uint64_t cells;     /* cells considered */
};
int xsmc_matrix_summarise(struct xsmc_matrix *m, struct xsmc_matrix_summary *out);
/* The same by evaluating every cell (slow; for comparison). */
int xsmc_matrix_summarise_naive(const struct xsmc_matrix *m, struct xsmc_matrix_summary *out);
void xsmc_matrix_summary_free(struct xsmc_matrix_summary *s);

/*
 * A diff compares units: a domain of the first system (before) with its
 * counterpart in the second (after), or a group.  Two systems are matched
 * by domain name unless links say otherwise: a link OLD -> NEW says domain
 * OLD became NEW; one OLD linked to several NEW is a split, several OLD
 * linked to one NEW a merge, and every domain linked together is one unit.
 * A unit decides, before, what every one of its old domains could do (to
 * every one of a target unit's old domains: the intersection) and, after,
 * what any of its new domains may do (to any of a target unit's new
 * domains: the union).  So a split loses a power only when no new domain
 * keeps it, and a merge gains every power one of the old domains lacked.
 * Under two profiles of one system, each domain is its own unit.
 */
struct xsmc_diff_unit {
    size_t *before, *after;  /* domain indexes in each system, ascending */
    size_t nbefore, nafter;
    char *name;              /* "dom0" (same name), else as links read: "dom0=hw,ctl", "a,b=n" */
    const char *kind;        /* "same", "rename" (one to one), "split", "merge", "regroup" */
    uint8_t linked;          /* 1: from links; 0: matched by name or the same system */
};

/* One decision that differs between two matrices. */
struct xsmc_change {
    size_t src;     /* unit index */
    size_t op;
    size_t tgt;     /* unit index, or XSMC_NO_TARGET */
    uint8_t gained; /* 1: denied before, allowed after; 0: lost */
};

struct xsmc_diff {
    struct xsmc_change *changes; /* ordered by source unit, op, target unit */
    size_t nchanges;
    size_t gained, lost;
    size_t domains_changed;      /* source units with at least one change */
    struct xsmc_diff_unit *units; /* ordered by their first old domain */
    size_t nunits;
    char **only_before, **only_after; /* domain names in one system only */
    size_t nonly_before, nonly_after;
};

/* Domain `before` (a name of the first system) became domain `after` (of the second). */
struct xsmc_diff_link {
    const char *before;
    const char *after;
};

/*
 * Compare two matrices over the same operation set.  Domains are matched by
 * name; a domain in one system only is listed, not compared.  0 or -1.
 */
int xsmc_diff_compute(struct xsmc_matrix *before, struct xsmc_matrix *after,
                      struct xsmc_diff *out);
/*
 * The same with links between two systems (domains named in no link are
 * matched by name).  0; -1 out of memory; XSMC_EBADARG with a one-line
 * message in err for a link that names no domain of its system, a link
 * given twice, or links over one system under two profiles.
 */
int xsmc_diff_compute_linked(struct xsmc_matrix *before, struct xsmc_matrix *after,
                             const struct xsmc_diff_link *links, size_t nlinks,
                             struct xsmc_diff *out, char *err, size_t errlen);
void xsmc_diff_free(struct xsmc_diff *d);

/* Plain words of a hook: what it lets a domain do, and a short topic (for a bare hook query). */
struct xsmc_hook_words {
    const char *group;   /* hypercall it sits under */
    const char *topic;   /* a few words: "PCI set-up", "console reads" */
    const char *words;   /* what it lets the source do, as a verb phrase */
};
const struct xsmc_hook_words *xsmc_hook_words(uint32_t hook);

/*
 * Targets of (op, src) in words: "every domain", "itself", "its target
 * domu1", "every domain but ctl", or names (at most `max` then "and N more").
 */
const char *xsmc_targets_text(struct xsmc_matrix *m, size_t op, size_t src, size_t max,
                              char *buf, size_t len);

/* What an operation lets the caller do: its `what`, or its first hook's words. */
const char *xsmc_op_words(const struct xsmc_op *op);

/*
 * Explain one operation decision: every gate in Xen's order with its
 * result (the XSM ones with the lattice predicates), and what would change
 * the answer (another profile, SILO, a capability, the set_target relation,
 * the guest type, a Kconfig option the gates read).  tgt NULL with
 * form XSMC_TF_DOMID_SELF for DOMID_SELF.  sys (src's system) keeps the
 * changes to what Xen would boot: no second hardware domain.
 */
void xsmc_explain(FILE *out, const struct xsmc_op_env *env, const struct xsmc_system *sys,
                  const struct xsmc_op *op,
                  const struct xsmc_dom *src, const struct xsmc_dom *tgt,
                  enum xsmc_target_form form, const struct xsmc_dom *other);
/* Explain a bare hook decision (xsmcap query HOOK): the hook's logic and the lattice. */
void xsmc_explain_hook(FILE *out, enum xsmc_profile profile, uint32_t options,
                       const struct xsmc_request *rq, const struct xsmc_dom *src,
                       const struct xsmc_dom *tgt);

#ifdef __cplusplus
}
#endif
#endif
