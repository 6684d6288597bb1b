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

/* An operation: one hook (with the sub-op its own logic reads) or a catalogue sub-op. */
struct xsmc_aop {
    const char *name;          /* "platform_op", "PHYSDEVOP_setup_gsi" */
    const char *group;         /* the hypercall it belongs to: "platform_op", "domctl" */
    const char *detail;        /* the representative sub-op of a hook ("CONSOLEIO_read"), or "" */
    const struct xsmc_op *op;  /* catalogue row, or NULL for a hook */
    uint8_t targeted;          /* 1: decided per target domain */
    uint8_t on_caller;         /* the hook's target is the caller itself */
    uint8_t nsteps;
    struct xsmc_op_step steps[XSMC_OP_MAX_HOOKS]; /* all must pass, in Xen's order */
};

/* Which operations a matrix covers. */
#define XSMC_OPS_HOOKS  1u
#define XSMC_OPS_SUBOPS 2u
#define XSMC_OPS_ALL    3u

/* The operation list (hooks first, in hooks.def order; then the catalogue). Caller frees. */
struct xsmc_aop *xsmc_aop_list(unsigned opset, size_t *count);

/* A hook by name (subop as given) or a catalogue sub-op; -1 if unknown. */
int xsmc_aop_from_name(const char *name, uint32_t subop, struct xsmc_aop *out);

/*
 * Decide an operation for src on tgt (tgt ignored for untargeted ops):
 * every step in order, stopping at the first denial.  `other` is the third
 * domain some hooks see (may be NULL).  dec[] receives the steps taken,
 * *ndone how many.  Returns 1 allow, 0 deny, negative XSMC_E*.
 */
int xsmc_aop_decide(enum xsmc_profile profile, uint32_t options, const struct xsmc_aop *aop,
                    const struct xsmc_domain *src, const struct xsmc_domain *tgt,
                    const struct xsmc_domain *other,
                    struct xsmc_decision dec[XSMC_OP_MAX_HOOKS], unsigned *ndone);

/*
 * The step that explains an outcome: the failing step of a denial; for an
 * allow, the first step that needed more than HOOK (every domain passes
 * HOOK, so it explains nothing).  NULL when no step ran.
 */
const struct xsmc_decision *xsmc_aop_decisive(const struct xsmc_decision *dec, unsigned ndone);

/*
 * The third domain the matrix uses: evtchn_unbound sees the caller as the
 * remote end (it allocates a port in the target for itself to bind, the
 * common case); every other hook sees none.
 */
const struct xsmc_domain *xsmc_aop_matrix_other(const struct xsmc_aop *aop,
                                                const struct xsmc_domain *src);

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
    struct xsmc_aop *ops;
    size_t nops;
    struct xsmc_class *classes;
    size_t nclasses;
    uint32_t *class_of;   /* per domain index */
    size_t *target_of;    /* per domain index: index of its target, or SIZE_MAX */
    uint8_t *cache;       /* [op][src class][tgt class]: 4 known bits, 4 allow bits */
};

#define XSMC_NO_TARGET SIZE_MAX

/* Build the classes of a system; NULL on allocation failure. */
struct xsmc_matrix *xsmc_matrix_new(const struct xsmc_system *sys, enum xsmc_profile profile,
                                    uint32_t options, unsigned opset);
/* The same over a given list of operations (copied). */
struct xsmc_matrix *xsmc_matrix_new_ops(const struct xsmc_system *sys, enum xsmc_profile profile,
                                        uint32_t options, const struct xsmc_aop *ops, size_t nops);
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

/* One decision that differs between two matrices. */
struct xsmc_change {
    size_t src;     /* domain index in the first system */
    size_t op;
    size_t tgt;     /* domain index in the first system, or XSMC_NO_TARGET */
    uint8_t gained; /* 1: denied before, allowed after; 0: lost */
};

struct xsmc_diff {
    struct xsmc_change *changes; /* ordered by source, op, target */
    size_t nchanges;
    size_t gained, lost;
    size_t domains_changed;      /* sources with at least one change */
    char **only_before, **only_after; /* domain names in one system only */
    size_t nonly_before, nonly_after;
};

/*
 * Compare two matrices over the same operation set.  Domains are matched by
 * name; a domain in one system only is listed, not compared.  0 or -1.
 */
int xsmc_diff_compute(struct xsmc_matrix *before, struct xsmc_matrix *after,
                      struct xsmc_diff *out);
void xsmc_diff_free(struct xsmc_diff *d);

/* Plain words of a hook: what it lets a domain do, and a short topic. */
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

/* Explain one decision: the path, each predicate, and what would change the answer. */
void xsmc_explain(FILE *out, enum xsmc_profile profile, uint32_t options,
                  const struct xsmc_aop *aop, const struct xsmc_dom *src,
                  const struct xsmc_dom *tgt, const struct xsmc_dom *other);

#ifdef __cplusplus
}
#endif
#endif
