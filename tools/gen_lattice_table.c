/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Build-time generator: evaluates the readable lattice (src/policy/lattice.c)
 * and writes the tables the library looks up, so that they are the lattice,
 * not a copy of it:
 *  - xsmc_lattice_cells: decision and reason for every profile, action and
 *    cell (what the lattice sees of a src and target pair), read by
 *    xsmc_lattice() and xsmc_lattice_allowed();
 *  - xsmc_lattice_undefined_caps: the capability bits each profile lacks;
 *  - xsmc_lattice_words: the allow bit for every profile, action, role class
 *    and relation, the matrix path (xsmc_lattice_allows, xsmc_key_allows).
 * It stops the build if a pair it builds for a cell does not have that
 * cell as the header computes it.
 */
#include <stdio.h>
#include "xsmcap/policy.h"
#include "lattice_internal.h"

/* A (src, target) pair that has exactly the given role and relation. */
static const struct xsmc_domain *class_pair(uint32_t role, uint32_t rel,
                                            struct xsmc_domain *s, struct xsmc_domain *t,
                                            enum xsmc_profile p)
{
    uint32_t undef = ~xsmc_profile_caps(p) & XSMC_CAP_ALL;
    /* the lowest capability the profile lacks stands for "undefined" */
    uint32_t undef_bit = undef & -undef;
    s->domid = 1;
    s->flags = 0;
    s->caps = role & (XSMC_ROLE_CONTROL | XSMC_ROLE_HARDWARE | XSMC_ROLE_XENSTORE | XSMC_ROLE_DM);
    if (role & XSMC_ROLE_UNDEFINED)
        s->caps |= undef_bit;
    s->target = XSMC_DOMID_NONE;
    if (rel & XSMC_REL_NULL)
        return NULL;
    if (rel & XSMC_REL_SELF) {
        /* the target is the source: its caps carry the target-side bits */
        if (rel & XSMC_REL_UNTARGET)
            s->caps |= XSMC_CAP_NOT_HYPERCALL_TARGET;
        if (rel & XSMC_REL_UNDEFINED)
            s->caps |= undef_bit;
        if (rel & XSMC_REL_TARGET)
            s->target = s->domid;
        return s;
    }
    t->domid = 2;
    t->flags = 0;
    t->target = XSMC_DOMID_NONE;
    t->caps = (rel & XSMC_REL_UNTARGET) ? XSMC_CAP_NOT_HYPERCALL_TARGET : 0;
    if (rel & XSMC_REL_UNDEFINED)
        t->caps |= undef_bit;
    if (rel & XSMC_REL_TARGET)
        s->target = t->domid;
    return t;
}

static int print_words(void)
{
    printf("const uint32_t xsmc_lattice_words[XSMC_LATTICE_WORDS] = {\n");
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        printf("    /* %s */\n", xsmc_profile_name(p));
        for (int a = 0; a < XSMC_LATTICE_ACTIONS; a++) {
            printf("    /* %s */\n   ", xsmc_action_name(a));
            for (uint32_t role = 0; role < XSMC_ROLES; role++) {
                uint32_t word = 0;
                for (uint32_t rel = 0; rel < XSMC_RELATIONS; rel++) {
                    struct xsmc_domain s, t;
                    struct xsmc_decision d;
                    const struct xsmc_domain *tp = class_pair(role, rel, &s, &t, p);
                    /* relations that cannot occur (self and null, untargetable
                       self, ...) stay denied */
                    int impossible = (rel & XSMC_REL_NULL) && rel != XSMC_REL_NULL;
                    if ((role & XSMC_ROLE_UNDEFINED) && !(~xsmc_profile_caps(p) & XSMC_CAP_ALL))
                        impossible = 1;
                    if ((rel & XSMC_REL_UNDEFINED) && !(~xsmc_profile_caps(p) & XSMC_CAP_ALL))
                        impossible = 1;
                    if (impossible)
                        continue;
                    if (xsmc_lattice_spec(p, a, &s, tp, &d) != 0) {
                        fprintf(stderr, "gen_lattice_table: lattice refused p=%d a=%d\n", p, a);
                        return 1;
                    }
                    if (d.allow)
                        word |= 1u << rel;
                }
                printf(" 0x%08xu,", word);
                if (role % 6 == 5)
                    printf("\n   ");
            }
            printf("\n");
        }
    }
    printf("};\n\n");
    return 0;
}

/*
 * A (src, target) pair whose cell is `cell`.  With XSMC_CELL_NO_TGT the
 * target is NULL and the header reads the source in its place: the source
 * then carries the target bits, as far as it can (it is always itself).
 */
static const struct xsmc_domain *cell_pair(uint32_t cell, struct xsmc_domain *s, struct xsmc_domain *t)
{
    *s = (struct xsmc_domain){.domid = 1, .target = XSMC_DOMID_NONE, .caps = cell & XSMC_CELL_CAPS,
                              .flags = (cell & XSMC_CELL_IDLE) ? XSMC_DOMF_IDLE_BOOT : 0};
    *t = (struct xsmc_domain){.domid = 2, .target = XSMC_DOMID_NONE, .caps = cell & XSMC_CELL_UNTARGET,
                              .flags = 0};
    const struct xsmc_domain *tp = (cell & XSMC_CELL_NO_TGT) ? NULL : t;
    if (!tp || (cell & XSMC_CELL_SELF)) {
        s->caps |= cell & XSMC_CELL_UNTARGET;
        if (tp)
            tp = s;
    }
    if (cell & XSMC_CELL_TARGET)
        s->target = tp ? tp->domid : s->domid;
    return tp;
}

/* Cells the header can compute; the others stay in the table, never read. */
static int reachable(uint32_t cell)
{
    return !(cell & XSMC_CELL_NO_TGT) || (cell & XSMC_CELL_SELF);
}

static uint8_t cell_value(const struct xsmc_decision *d)
{
    return (uint8_t)(d->why | (uint32_t)d->allow << XSMC_CELL_ALLOW_SHIFT);
}

static int print_cells(void)
{
    printf("const uint8_t xsmc_lattice_cells[XSMC_PROFILE_COUNT][XSMC_LATTICE_ACTIONS][XSMC_CELLS] = {\n");
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        printf("    /* %s */\n    {\n", xsmc_profile_name(p));
        for (int a = 0; a < XSMC_LATTICE_ACTIONS; a++) {
            printf("        /* %s */\n        {", xsmc_action_name(a));
            for (uint32_t cell = 0; cell < XSMC_CELLS; cell++) {
                struct xsmc_domain s, t;
                struct xsmc_decision d;
                const struct xsmc_domain *tp = cell_pair(cell, &s, &t);
                if (reachable(cell) && xsmc_lattice_cell(&s, tp ? tp : &s, !tp) != cell) {
                    fprintf(stderr, "gen_lattice_table: cell 0x%03x built as 0x%03x\n", cell,
                            xsmc_lattice_cell(&s, tp ? tp : &s, !tp));
                    return 1;
                }
                if (xsmc_lattice_spec(p, a, &s, tp, &d) != 0) {
                    fprintf(stderr, "gen_lattice_table: lattice refused p=%d a=%d\n", p, a);
                    return 1;
                }
                printf("%s0x%02x,", cell % 16 ? " " : "\n            ", cell_value(&d));
            }
            printf("\n        },\n");
        }
        printf("    },\n");
    }
    printf("};\n\n");
    printf("const uint32_t xsmc_lattice_undefined_caps[XSMC_PROFILE_COUNT] = {\n");
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++)
        printf("    0x%08xu, /* %s */\n", ~xsmc_profile_caps(p), xsmc_profile_name(p));
    printf("};\n");
    return 0;
}

int main(void)
{
    printf("/* Generated by tools/gen_lattice_table.c from src/policy/lattice.c. */\n");
    printf("#include \"xsmcap/policy.h\"\n\n");
    return print_words() || print_cells();
}
