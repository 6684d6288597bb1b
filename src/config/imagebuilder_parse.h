/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ImageBuilder config as data: a bash fragment of plain assignments
 * read into a table of (NAME, index) -> value, never executed.  Shared by
 * imagebuilder_parse.c (the lexer) and imagebuilder.c (the mapping).
 */
#ifndef XSMC_IMAGEBUILDER_PARSE_H
#define XSMC_IMAGEBUILDER_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "xsmcap/system.h"

/* Limits; each breach is a one-line error naming the line. */
#define IB_MAX_BYTES     (4u << 20)  /* whole file */
#define IB_MAX_LINE      16384u      /* one physical line */
#define IB_MAX_VALUE     65536u      /* one value after quotes and ${VAR} expansion */
#define IB_MAX_VARS      65536u      /* distinct NAME[index] entries */
#define IB_MAX_INDEX     XSMC_MAX_DOMAINS /* 32752: more domUs than Xen has domain ids */

/* The reader's rules (imagebuilder_rules.def): id, severity and fix per rule. */
enum ib_rule {
#define RULE(name, id, sev, stage, msg, src, fix) IBR_##name,
#include "imagebuilder_rules.def"
#undef RULE
    IBR_COUNT
};

struct ib_rule_info {
    const char *id;
    int severity;    /* enum xsmc_severity */
    const char *fix;
};

const struct ib_rule_info *ib_rule(enum ib_rule rule);

/* One NAME[index] (a plain NAME is NAME[0], as in bash). */
struct ib_var {
    char *name;
    uint32_t index;
    int indexed;          /* written as NAME[index] at its last assignment */
    char *value;
    unsigned line;        /* last assignment: bash keeps the last one */
    unsigned first_line;  /* first assignment */
    int referenced;       /* expanded by a later ${NAME} */
};

struct ib_vars {
    struct ib_var *v;
    size_t n;
    size_t *slots;        /* open-addressing hash of v indices + 1; 0 = empty */
    size_t nslots;        /* power of two */
};

/*
 * Parse `text` (len bytes) into `vars`.  Reassignments add a warning to
 * `sys`.  Returns 0, or -1 with "PATH:line N: error: [ib-...] ..." in err.
 */
int ib_parse(const char *path, const char *text, size_t len, struct ib_vars *vars,
             struct xsmc_system *sys, char *err, size_t errlen);

/* The value of NAME[index], or NULL when never assigned. */
const struct ib_var *ib_get(const struct ib_vars *vars, const char *name, uint32_t index);

void ib_vars_free(struct ib_vars *vars);

/*
 * A number as bash arithmetic reads it: 0x.. hexadecimal, a leading 0
 * octal, otherwise decimal.  Returns 0, or -1 when `s` is not such a number
 * or exceeds UINT64_MAX.  *octal is set when a leading 0 made it octal.
 */
int ib_number(const char *s, uint64_t *out, int *octal);

#endif
