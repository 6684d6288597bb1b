/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flask export and verification: from a system and a profile, write an
 * XSM:Flask policy for the Xen target that grants what the default policy
 * grants, compile it with checkpolicy, load the binary with libsepol and
 * compare every mapped decision with xsmc_decide.
 */
#ifndef XSMCAP_FLASK_H
#define XSMCAP_FLASK_H

#include <stddef.h>
#include <stdint.h>
#include "xsmcap/policy.h"
#include "xsmcap/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Xen's security classes (src/flask/classes.def), value = index + 1. */
#define XSMC_FLASK_CLASSES 13
const char *xsmc_flask_class_name(unsigned index);
/* The class's permissions, space separated, bit = position. */
const char *xsmc_flask_class_perms(unsigned index);
/* Class value (1-based) and permission bit of "class"/"perm"; 0 or -1. */
int xsmc_flask_perm(const char *cls, const char *perm, unsigned *class_value, uint32_t *bit);

/* How a mapping row relates Flask to the default policy (hookmap.def). */
enum xsmc_flask_kind {
    XSMC_FLASK_FULL = 0,    /* exact; granted; must agree */
    XSMC_FLASK_SHARED,      /* another hook shares the check, or Flask sees more; not granted */
    XSMC_FLASK_UNMAPPED,    /* no Flask access check to compare */
    XSMC_FLASK_KINDS
};

enum xsmc_flask_src { XSMC_FS_NONE = 0, XSMC_FS_CUR, XSMC_FS_TGT };
enum xsmc_flask_tgt {
    XSMC_FT_DOM = 0, XSMC_FT_RAW, XSMC_FT_XEN, XSMC_FT_DOMXEN, XSMC_FT_DEVICE,
    XSMC_FT_IRQ, XSMC_FT_IOMEM, XSMC_FT_IOPORT, XSMC_FT_REFUSE, XSMC_FT_REFUSE_SELF
};

#define XSMC_FLASK_MAX_CHECKS 3
/* The subop of an UNMAPPED row that stands for a hook's sub-operations without a row. */
#define XSMC_FLASK_OTHER_SUBOPS 0xffffffffu

struct xsmc_flask_check {
    uint8_t src;        /* enum xsmc_flask_src; NONE ends the list */
    uint8_t tgt;        /* enum xsmc_flask_tgt */
    const char *cls;    /* class name */
    const char *perms;  /* space-separated; "@use" = the IOMMU use permission */
};

struct xsmc_flask_map {
    uint32_t hook;      /* enum xsmc_hook */
    uint32_t subop, subop2;
    uint8_t kind;       /* enum xsmc_flask_kind */
    struct xsmc_flask_check checks[XSMC_FLASK_MAX_CHECKS];
    const char *flask_fn; /* the Xen function it models, file:function */
    const char *note;
};

size_t xsmc_flask_map_count(void);
const struct xsmc_flask_map *xsmc_flask_map_at(size_t i);
const char *xsmc_flask_kind_name(enum xsmc_flask_kind kind);

/* Flask type of domain i of sys ("dom0_t"); the table is built once per system. */
struct xsmc_flask_types {
    char **names;       /* one per domain */
    size_t n;
};
int xsmc_flask_types_build(const struct xsmc_system *sys, struct xsmc_flask_types *out,
                           char *err, size_t errlen);
void xsmc_flask_types_free(struct xsmc_flask_types *t);

/* The resource permission flask_iommu_resource_use_perm asks for this system. */
const char *xsmc_flask_use_perm(const struct xsmc_system *sys);

/* Policy source (policy.conf) and labels text, malloc'd. */
struct xsmc_flask_export {
    char *source;
    char *labels;
    size_t nrules;      /* allow rules written */
};
int xsmc_flask_export(const struct xsmc_system *sys, enum xsmc_profile profile,
                      uint32_t options, struct xsmc_flask_export *out,
                      char *err, size_t errlen);
void xsmc_flask_export_free(struct xsmc_flask_export *e);

/*
 * Compile a policy source with `checkpolicy -t Xen -c 30` (prog NULL: the
 * checkpolicy on PATH).  Returns the binary (malloc'd, *len set) or NULL
 * with a one-line message.
 */
void *xsmc_flask_compile(const char *prog, const char *source, size_t *len,
                         char *err, size_t errlen);

/*
 * A binary policy loaded with libsepol.  Refused unless it carries the
 * XenFlask magic and Xen's classes and permissions in Xen's numbering.
 */
struct xsmc_flask_policy;
struct xsmc_flask_policy *xsmc_flask_load(const void *data, size_t len, const char *name,
                                          char *err, size_t errlen);
void xsmc_flask_free(struct xsmc_flask_policy *pol);

/*
 * Resolve each domain's SIDs as Xen does (label, self_sid by
 * type_transition on itself, target_sid for a device model) and each
 * mapping row's class and permissions.  Must precede xsmc_flask_decide.
 */
int xsmc_flask_bind(struct xsmc_flask_policy *pol, const struct xsmc_system *sys,
                    char *err, size_t errlen);
/* Flask's answer for row `row`, source domain src, target tgt (SIZE_MAX: none): 1 allow, 0 deny. */
int xsmc_flask_decide(struct xsmc_flask_policy *pol, size_t row, size_t src, size_t tgt);

struct xsmc_flask_diff {
    size_t row;         /* mapping row */
    size_t src, tgt;    /* domain indexes; tgt SIZE_MAX when the hook takes none */
    uint8_t default_allow, flask_allow;
};

struct xsmc_flask_report {
    size_t agree[XSMC_FLASK_KINDS];
    size_t disagree[XSMC_FLASK_KINDS];
    size_t unreached;              /* pairs no operation of the platform brings to the hook */
    struct xsmc_flask_diff *diffs; /* every disagreement, in row order */
    size_t ndiffs;
};

/* Compare every mapped row over every (src, target) pair of sys. */
int xsmc_flask_verify(struct xsmc_flask_policy *pol, const struct xsmc_system *sys,
                      enum xsmc_profile profile, uint32_t options,
                      struct xsmc_flask_report *out, char *err, size_t errlen);
void xsmc_flask_report_free(struct xsmc_flask_report *r);

/*
 * The (source, target) pairs a row is asked over: every ordered pair of
 * domains for a hook that takes a target domain, every domain alone (target
 * SIZE_MAX) otherwise.  Pair k of xsmc_flask_npairs.
 */
size_t xsmc_flask_npairs(const struct xsmc_system *sys, size_t row);
void xsmc_flask_pair(const struct xsmc_system *sys, size_t row, size_t k, size_t *src, size_t *tgt);

/* The default engine's request for row `row` over (src, tgt) of sys. */
void xsmc_flask_request(const struct xsmc_system *sys, size_t row, size_t src, size_t tgt,
                        struct xsmc_request *out);
/* Pair k of row: its domains and xsmc_decide's answer (returns xsmc_decide's status). */
int xsmc_flask_default(const struct xsmc_system *sys, size_t row, size_t k, enum xsmc_profile profile,
                       uint32_t options, size_t *src, size_t *tgt, struct xsmc_decision *dec);

#ifdef __cplusplus
}
#endif
#endif
