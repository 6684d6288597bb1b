/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook catalogue as the reference model knows it: read at run time from
 * tests/data/xsm-hooks.csv (a byte-identical copy of the shared
 * reference/xsm-hooks.csv, one row per dummy.h function), never from
 * include/xsmcap/hooks.def.  Each text cell is read by the rules written in
 * ref_catalogue.c; the one profile the CSV has no column for (hwpriv-v2) is
 * encoded there with its sources.
 */
#ifndef XSMC_REF_CATALOGUE_H
#define XSMC_REF_CATALOGUE_H

#include <stddef.h>

/* Profiles in the order of enum xsmc_profile (the public ABI). */
enum { REF_UPSTREAM = 0, REF_HWPRIV = 1, REF_HWPRIV_DM = 2, REF_HWPRIV_V2 = 3, REF_PROFILES = 4 };

/*
 * What a hook does under one profile.  The first six keep Xen's
 * enum xsm_default order (xen/include/xsm/xsm.h), HW_PRIV appended as every
 * proposal appends it.
 */
enum ref_action {
    REF_A_HOOK = 0,
    REF_A_DM_PRIV,
    REF_A_TARGET,
    REF_A_PRIV,
    REF_A_XS_PRIV,
    REF_A_HW_PRIV,
    REF_A_OTHER,   /* the hook's own logic (an OTHER cell) */
    REF_A_NOTHING, /* SPECIAL: returns 0 / void / NULL, decides nothing */
    REF_A_ENOSYS,  /* SPECIAL (returns -ENOSYS) */
};
#define REF_LATTICE_ACTIONS 6

/* What Xen passes to xsm_default_action as the target (target_domain_arg). */
enum ref_target { REF_T_NONE = 0, REF_T_DOMAIN, REF_T_SELF };

struct ref_hook {
    char name[64];                 /* without the xsm_ prefix */
    unsigned char action[REF_PROFILES];
    unsigned char target;          /* enum ref_target */
    unsigned char target_may_be_null; /* "d (NULL for createdomain)" */
    unsigned char own_logic;       /* a label with a qualifier: "PRIV (OTHER-like: ...)" */
    unsigned char silo;            /* notes say "SILO overrides" */
};

/*
 * Read the CSV.  Returns 0, or -1 with a one-line reason ("FILE:LINE: ...")
 * in err.  Loading again replaces the previous catalogue.
 */
int ref_catalogue_load(const char *path, char *err, size_t errlen);

size_t ref_catalogue_count(void);
const struct ref_hook *ref_catalogue_at(size_t i);
const struct ref_hook *ref_catalogue_find(const char *name);

#endif
