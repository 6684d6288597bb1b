/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live probe, host side (docs/live.md): build Xen and the probe guest,
 * write the boot device tree, boot QEMU, read what every domain's guest
 * printed.  Internal to xsmcap: the CLI (src/cli/cmd_probe.c) links it.
 *
 * Who asks what is not decided here: a planner (struct xsmp_planner) turns
 * the system's domains into one list of records per domain, each tagged
 * with an opaque (operation, target) key, and gets back Xen's rc and
 * readbacks for every record.  The built-in planner is a small smoke set
 * (plan_smoke.c); the operation catalogue's planner plugs in the same way.
 */
#ifndef XSMP_PROBE_H
#define XSMP_PROBE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "script_format.h"
#include "xsmcap/system.h"

#define XSMP_MAX_DOMAINS 16    /* modules and memory of the boot layout (boot_fdt.c) */
#define XSMP_INIT_MAX    1024  /* initial bytes of buffer 1 a record may set */
#define XSMP_PATH_MAX    4096
#define XSMP_DOMID_SELF  0x7FF0u

/* Xen's dom0less capabilities (xen/include/public/bootfdt.h DOMAIN_CAPS_*). */
#define XSMP_DOMAIN_CAPS_CONTROL  (1u << 0)
#define XSMP_DOMAIN_CAPS_HARDWARE (1u << 1)
#define XSMP_DOMAIN_CAPS_XENSTORE (1u << 2)

/* Which XSM policy the hypervisor is built and booted with. */
enum xsmp_policy {
    XSMP_POLICY_DEFAULT = 0, /* # CONFIG_XSM is not set: the dummy module */
    XSMP_POLICY_SILO         /* CONFIG_XSM=y, booted with xsm=silo */
};
const char *xsmp_policy_name(enum xsmp_policy p);

/* An error: one line naming the cause, and a log whose last lines explain it. */
struct xsmp_error {
    char msg[1024];
    char log[XSMP_PATH_MAX]; /* "" when there is none */
};
/* Print the last `lines` lines of a file (an error's log), each prefixed. */
void xsmp_print_tail(FILE *out, const char *path, unsigned lines, const char *prefix);
/* Set err->msg (printf style); returns -1 for `return xsmp_fail(...)`. */
int xsmp_fail(struct xsmp_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- Records: what a domain's guest issues, in order. ---- */

/* The planner's own name for a record; the probe only carries it. */
struct xsmp_key {
    uint32_t op;
    uint32_t target;
};

struct xsmp_patch {
    uint16_t off;     /* in buffer 1 */
    uint8_t width;    /* 4 or 8 */
    uint8_t kind;     /* XSMP_PATCH_BUF2 or XSMP_PATCH_PREV_R0 */
    uint64_t addend;
};

struct xsmp_read {
    uint8_t buf;      /* 1 or 2 */
    uint8_t width;    /* 1, 2, 4 or 8 */
    uint16_t off;
};

struct xsmp_record {
    struct xsmp_key key;
    uint32_t hypercall;
    uint8_t nargs;
    uint8_t arg_kind[XSMP_MAX_ARGS];    /* XSMP_ARG_IMM, _BUF, _BUF2 */
    uint64_t arg_value[XSMP_MAX_ARGS];
    uint16_t init_len;                  /* bytes of init; the rest of buffer 1 is zero */
    uint8_t init[XSMP_INIT_MAX];
    uint8_t npatches;
    struct xsmp_patch patches[XSMP_MAX_PATCHES];
    uint8_t nreads;
    struct xsmp_read reads[XSMP_MAX_READS];
    uint8_t wait;                       /* 1: repeat until rc == wait_rc, at most wait_ms */
    int32_t wait_rc;
    uint32_t wait_ms;
};

struct xsmp_list {
    struct xsmp_record *v;
    size_t n, cap;
};
/* Append a copy; 0, or -1 on allocation failure. */
int xsmp_list_add(struct xsmp_list *l, const struct xsmp_record *r);
/* The same for a planner: 0, or -1 with "out of memory" in err. */
int xsmp_plan_add(struct xsmp_list *l, const struct xsmp_record *r, struct xsmp_error *err);
void xsmp_list_free(struct xsmp_list *l);

/* Little-endian writes into a record's buffer 1, extending init_len. */
void xsmp_put(struct xsmp_record *r, unsigned off, unsigned width, uint64_t v);

/* ---- Results. ---- */

struct xsmp_result {
    int64_t rc;
    uint8_t nreads;
    uint64_t read[XSMP_MAX_READS];
};

/* One domain's answers, parallel to its record list. */
struct xsmp_answers {
    struct xsmp_result *res;
    size_t n;      /* records reported so far */
    int started;   /* "XSMP start" seen */
    int done;      /* "XSMP done" seen */
};

/* ---- The plan: the system's domains as Xen numbers them, and their records. ---- */

struct xsmp_domain {
    const struct xsmc_dom *dom;
    uint32_t domid;      /* Xen's domid at boot: 1, 2, ... in the system's order */
    uint32_t xen_caps;   /* DOMAIN_CAPS_* of its xen,domain node */
};

struct xsmp_plan {
    const struct xsmc_system *sys;
    size_t ndoms;
    struct xsmp_domain doms[XSMP_MAX_DOMAINS];
    struct xsmp_list lists[XSMP_MAX_DOMAINS];
};

/*
 * Fill doms from the system (dom0less numbering; capabilities the device
 * tree binding can express).  A system the probe cannot boot (too many
 * domains, a capability with no xen,domain binding, no hardware domain
 * where one is needed) is an error.
 */
int xsmp_plan_init(struct xsmp_plan *plan, const struct xsmc_system *sys, struct xsmp_error *err);
void xsmp_plan_free(struct xsmp_plan *plan);
/* The plan's domain with this Xen domid, or NULL. */
const struct xsmp_domain *xsmp_plan_domid(const struct xsmp_plan *plan, uint32_t domid);

/*
 * A source of records.  plan() appends every domain's records to
 * plan->lists (doms is filled); describe() names a key for people, e.g.
 * "domctl:getdomaininfo" and "dom2".
 */
struct xsmp_planner {
    const char *name;
    int (*plan)(struct xsmp_plan *plan, struct xsmp_error *err);
    void (*describe)(const struct xsmp_plan *plan, const struct xsmp_key *key, char *op,
                     size_t oplen, char *target, size_t targetlen);
};

/*
 * Records every planner shares (plan.c).  A device model's relation to its
 * guest (system "dm>guest") has no boot-time binding: xsmp_plan_targets()
 * puts XEN_DOMCTL_set_target(dm, guest) first in the control domain's list
 * and, first in the device model's list, a record that waits until the
 * relation holds.  Call it before adding a planner's own records; their
 * keys use the reserved ops below (key.target: the index in doms of the
 * device model for SET_TARGET, of the guest for WAIT_TARGET).
 */
#define XSMP_OP_SET_TARGET  0xFFFFFF00u
#define XSMP_OP_WAIT_TARGET 0xFFFFFF01u
#define XSMP_TARGET_WAIT_MS 20000u
int xsmp_plan_targets(struct xsmp_plan *plan, struct xsmp_error *err);
/* After the boot: every set-up record answered 0, else an error naming it. */
int xsmp_plan_check_setup(const struct xsmp_plan *plan, const struct xsmp_answers *answers,
                          struct xsmp_error *err);
/* describe() for the reserved ops: 1 when key is one of them. */
int xsmp_describe_setup(const struct xsmp_plan *plan, const struct xsmp_key *key, char *op,
                        size_t oplen, char *target, size_t targetlen);

/* The smoke set (plan_smoke.c): the answers of live-xen.md and the seed patch. */
extern const struct xsmp_planner xsmp_planner_smoke;

/*
 * The catalogue (plan_catalogue.c): every operation of src/ops/ that exists
 * on arm64 with a harmless probe form.  key.op is the catalogue index, with
 * XSMP_KEY_FOLLOW_UP on a record that undoes the one before it (closing a
 * port the probe opened); key.target a domain index, XSMP_KEY_NO_TARGET or
 * XSMP_KEY_DOMID_SELF.
 */
#define XSMP_KEY_FOLLOW_UP  0x40000000u
#define XSMP_KEY_NO_TARGET  0xFFFFFFFFu
#define XSMP_KEY_DOMID_SELF 0xFFFFFFFDu
extern const struct xsmp_planner xsmp_planner_catalogue;
struct xsmc_op;
/* The operation of a catalogue key; -1 for a set-up record. */
int xsmp_catalogue_key(const struct xsmp_key *key, const struct xsmc_op **op, int *follow_up);

/* ---- The script a guest runs (script.c). ---- */

/*
 * Encode a record list for the domain `tag`; *out is malloc'ed.  A record
 * the format cannot carry is an error naming it.
 */
int xsmp_script_encode(const struct xsmp_list *l, uint32_t tag, uint8_t **out, size_t *len,
                       struct xsmp_error *err);

/*
 * Signals: between hold and release, SIGINT, SIGTERM and SIGHUP are held
 * and seen only while the probe waits for a child; a step then kills its
 * children, removes its temporary files and fails ("interrupted").  Hold
 * them around every call that builds or boots: without, a signal kills
 * xsmcap and leaves its children running.
 */
void xsmp_signals_hold(void);
void xsmp_signals_release(void);

/* ---- Settings shared by the steps. ---- */

struct xsmp_settings {
    const char *cache_dir;   /* resolved by xsmp_cache_dir() */
    unsigned jobs;           /* make -j */
    double timeout_s;        /* per boot */
    int progress;            /* 1: a line per step on stderr */
};

/*
 * $XSMCAP_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/xsmcap/probe, unless
 * given; created, made absolute, and rid of the work directories of runs
 * that died more than an hour ago.
 */
int xsmp_cache_dir(const char *given, char *out, size_t len, struct xsmp_error *err);

/* ---- Building (xen_build.c, guest_build.c). ---- */

struct xsmp_tree {
    const char *dir;
    const char *const *patches;
    size_t npatches;
};

struct xsmp_build {
    char image[XSMP_PATH_MAX];   /* the hypervisor, in the cache */
    char config[XSMP_PATH_MAX];  /* the .config it was built with ("" for the guest) */
    char log[XSMP_PATH_MAX];     /* the build's output */
    char key[65];
    int cached;                  /* 1: found in the cache, nothing built */
    double seconds;
};

/* Is dir a Xen source tree (the files the hypervisor build needs)?  0, or -1 with err. */
int xsmp_tree_check(const char *dir, struct xsmp_error *err);

/* Build (or find in the cache) the arm64 hypervisor of a tree for a policy. */
int xsmp_build_xen(const struct xsmp_tree *tree, enum xsmp_policy policy,
                   const struct xsmp_settings *s, struct xsmp_build *out, struct xsmp_error *err);

/* Build (or find in the cache) the probe guest image. */
int xsmp_build_guest(const struct xsmp_settings *s, struct xsmp_build *out,
                     struct xsmp_error *err);

/* ---- Booting (boot_fdt.c, qemu.c). ---- */

struct xsmp_boot {
    const char *xen_image;
    const char *guest_image;
    enum xsmp_policy policy;
    const struct xsmp_plan *plan;
    const char *console_log;                  /* keep the console here, or NULL */
    struct xsmp_answers answers[XSMP_MAX_DOMAINS];
    double seconds;                           /* of the attempt that finished */
    unsigned retries;                         /* attempts that timed out before it */
};

/*
 * Boot each entry in its own QEMU, all at once, and collect every domain's
 * answers.  Returns 0 when every domain of every boot printed all its
 * records; -1 with the first failure in err.  No QEMU survives the call.
 * A boot without progress for settings->timeout_s has Xen dump its state
 * into the console log and boots once more (retries counts it); a second
 * timeout is an error.
 */
int xsmp_boot_run(struct xsmp_boot *boots, size_t n, const struct xsmp_settings *s,
                  struct xsmp_error *err);
void xsmp_boot_free(struct xsmp_boot *b);

#endif
