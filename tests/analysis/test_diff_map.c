/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Diffs between two systems with links (--map): a split, a merge, a
 * regroup, a rename; the union and intersection rule checked cell by cell
 * against the engine; and every headline a complete sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/report.h"

struct pair {
    struct xsmc_system *sys[2];
    struct xsmc_matrix *m[2];
    struct xsmc_diff d;
};

static struct xsmc_system *spec(const char *text)
{
    char err[256];
    struct xsmc_system *sys = xsmc_spec_parse(text, err, sizeof(err));
    if (!sys)
        fail_msg("%s: %s", text, err);
    return sys;
}

static void open_pair(struct pair *p, const char *a, const char *b, enum xsmc_profile profile,
                      const struct xsmc_diff_link *links, size_t nlinks)
{
    char err[256];
    p->sys[0] = spec(a);
    p->sys[1] = spec(b);
    p->m[0] = xsmc_matrix_new(p->sys[0], profile, 0);
    p->m[1] = xsmc_matrix_new(p->sys[1], profile, 0);
    assert_non_null(p->m[0]);
    assert_non_null(p->m[1]);
    assert_int_equal(xsmc_diff_compute_linked(p->m[0], p->m[1], links, nlinks, &p->d, err,
                                              sizeof(err)), 0);
}

static void close_pair(struct pair *p)
{
    xsmc_diff_free(&p->d);
    for (int i = 0; i < 2; i++) {
        xsmc_matrix_free(p->m[i]);
        xsmc_system_free(p->sys[i]);
    }
}

static size_t op_index(const struct xsmc_matrix *m, const char *name)
{
    for (size_t i = 0; i < m->nops; i++)
        if (strcmp(m->ops[i]->name, name) == 0)
            return i;
    fail_msg("no operation %s", name);
    return 0;
}

/* Did the unit named `src` gain (or lose) op on the unit named `tgt` (NULL: no target)? */
static int changed(const struct pair *p, const char *src, const char *op, const char *tgt, int gained)
{
    size_t o = op_index(p->m[0], op);
    for (size_t i = 0; i < p->d.nchanges; i++) {
        const struct xsmc_change *c = &p->d.changes[i];
        if (c->op == o && c->gained == gained && strcmp(p->d.units[c->src].name, src) == 0 &&
            (tgt ? c->tgt != XSMC_NO_TARGET && strcmp(p->d.units[c->tgt].name, tgt) == 0
                 : c->tgt == XSMC_NO_TARGET))
            return 1;
    }
    return 0;
}

/*
 * dom0 holding every capability split into hw (hardware, xenstore) and ctl
 * (control): together they hold every capability dom0 held, so no power is
 * lost.  A power is gained on the unit itself: XEN_DOMCTL_pausedomain
 * refuses the caller's own domain (xen/common/domctl.c: -EINVAL when
 * d == current->domain), but ctl may pause hw.
 */
static void test_split(void **state)
{
    (void)state;
    const struct xsmc_diff_link links[] = {{"dom0", "hw"}, {"dom0", "ctl"}};
    struct pair p;
    open_pair(&p, "dom0:control,hardware,xenstore;g", "hw:hardware,xenstore;ctl:control;g",
              XSMC_PROFILE_HWPRIV, links, 2);
    assert_int_equal(p.d.nunits, 2);
    assert_string_equal(p.d.units[0].name, "dom0=hw,ctl");
    assert_string_equal(p.d.units[0].kind, "split");
    assert_true(p.d.units[0].linked);
    assert_int_equal(p.d.units[0].nafter, 2);
    assert_string_equal(p.d.units[1].name, "g");
    assert_int_equal(p.d.lost, 0);
    assert_true(changed(&p, "dom0=hw,ctl", "XEN_DOMCTL_pausedomain", "dom0=hw,ctl", 1));
    assert_false(changed(&p, "dom0=hw,ctl", "XEN_DOMCTL_pausedomain", "g", 1));
    close_pair(&p);
}

/*
 * hw (hardware) and ctl (control) merged into dom0: the merged domain gains
 * what one of them lacked, XEN_DOMCTL_createdomain (the control domain's,
 * xsm_domctl) and, under hwpriv, XENPF_settime64 (HW_PRIV: the hardware
 * domain's).  Matched by name, without links, they are not compared.
 */
static void test_merge(void **state)
{
    (void)state;
    const struct xsmc_diff_link links[] = {{"hw", "dom0"}, {"ctl", "dom0"}};
    struct pair p;
    open_pair(&p, "hw:hardware;ctl:control;g", "dom0:control,hardware;g", XSMC_PROFILE_HWPRIV,
              links, 2);
    assert_string_equal(p.d.units[0].name, "hw,ctl=dom0");
    assert_string_equal(p.d.units[0].kind, "merge");
    assert_true(changed(&p, "hw,ctl=dom0", "XEN_DOMCTL_createdomain", NULL, 1));
    assert_true(changed(&p, "hw,ctl=dom0", "XENPF_settime64", NULL, 1));
    assert_int_equal(p.d.lost, 0);
    close_pair(&p);
    open_pair(&p, "hw:hardware;ctl:control;g", "dom0:control,hardware;g", XSMC_PROFILE_HWPRIV, NULL, 0);
    assert_int_equal(p.d.nunits, 1);
    assert_int_equal(p.d.nonly_before, 2);
    assert_int_equal(p.d.nonly_after, 1);
    assert_string_equal(p.d.only_after[0], "dom0");
    close_pair(&p);
}

/*
 * a (control) and b (hardware) regrouped as x (control) and y (hardware),
 * every old domain linked to every new one: one unit "a,b=x,y" of kind
 * regroup.  Before, the unit may do what both a and b may (intersection),
 * after, what x or y may (union): XEN_DOMCTL_createdomain (xsm_domctl, the
 * control domain's) was a's but not b's, so 0 before; x has it, so 1 after:
 * gained.  Likewise XENPF_settime64 under hwpriv (HW_PRIV, the hardware
 * domain's): b's but not a's before, y's after.  The new domains hold the
 * old ones' capabilities one for one, so the union never falls below the
 * intersection: nothing is lost.
 */
static void test_regroup(void **state)
{
    (void)state;
    const struct xsmc_diff_link links[] = {{"a", "x"}, {"a", "y"}, {"b", "x"}, {"b", "y"}};
    struct pair p;
    open_pair(&p, "a:control;b:hardware;g", "x:control;y:hardware;g", XSMC_PROFILE_HWPRIV, links, 4);
    assert_int_equal(p.d.nunits, 2);
    assert_string_equal(p.d.units[0].name, "a,b=x,y");
    assert_string_equal(p.d.units[0].kind, "regroup");
    assert_true(p.d.units[0].linked);
    assert_int_equal(p.d.units[0].nbefore, 2);
    assert_int_equal(p.d.units[0].nafter, 2);
    assert_string_equal(p.d.units[1].name, "g");
    assert_true(changed(&p, "a,b=x,y", "XEN_DOMCTL_createdomain", NULL, 1));
    assert_true(changed(&p, "a,b=x,y", "XENPF_settime64", NULL, 1));
    assert_int_equal(p.d.lost, 0);
    assert_int_equal(p.d.nonly_before + p.d.nonly_after, 0);
    close_pair(&p);
}

/* A rename is compared as one domain; bad links are refused with the name they lack. */
static void test_rename_and_bad_links(void **state)
{
    (void)state;
    const struct xsmc_diff_link rename[] = {{"dom0", "hwdom"}};
    struct pair p;
    open_pair(&p, "dom0:hardware,xenstore;g", "hwdom:hardware,xenstore;g", XSMC_PROFILE_HWPRIV,
              rename, 1);
    assert_string_equal(p.d.units[0].kind, "rename");
    assert_int_equal(p.d.nchanges, 0);
    assert_int_equal(p.d.nonly_before + p.d.nonly_after, 0);
    char err[256];
    struct xsmc_diff d;
    const struct xsmc_diff_link bad[] = {{"dom0", "nobody"}};
    assert_int_equal(xsmc_diff_compute_linked(p.m[0], p.m[1], bad, 1, &d, err, sizeof(err)),
                     XSMC_EBADARG);
    assert_non_null(strstr(err, "'nobody'"));
    assert_int_equal(xsmc_diff_compute_linked(p.m[0], p.m[0], rename, 1, &d, err, sizeof(err)),
                     XSMC_EBADARG);
    close_pair(&p);
}

/*
 * The rule, cell by cell against the engine itself (xsmc_matrix_cell_naive,
 * no class cache): a split's cell is the union over the new domains, a
 * merge's the intersection over the old ones.
 */
static void test_rule_against_engine(void **state)
{
    (void)state;
    const struct xsmc_diff_link links[] = {{"a", "x"}, {"a", "y"}, {"b", "z"}, {"c", "z"}};
    struct pair p;
    open_pair(&p, "a:control,hardware;b:xenstore;c;g;dm>g", "x:hardware;y:control;z:xenstore;g;dm>g",
              XSMC_PROFILE_UPSTREAM, links, 4);
    const struct xsmc_diff *d = &p.d;
    size_t k = 0;
    for (size_t s = 0; s < d->nunits; s++)
        for (size_t op = 0; op < p.m[0]->nops; op++) {
            int targeted = xsmc_op_targeted(p.m[0]->ops[op]);
            for (size_t t = 0; t < (targeted ? d->nunits : 1); t++) {
                const struct xsmc_diff_unit *u = &d->units[s], *v = targeted ? &d->units[t] : NULL;
                int before = 1, after = 0;
                for (size_t i = 0; i < u->nbefore; i++)
                    for (size_t j = 0; j < (v ? v->nbefore : 1); j++)
                        before &= xsmc_matrix_cell_naive(p.m[0], op, u->before[i],
                                                         v ? v->before[j] : XSMC_NO_TARGET);
                for (size_t i = 0; i < u->nafter; i++)
                    for (size_t j = 0; j < (v ? v->nafter : 1); j++)
                        after |= xsmc_matrix_cell_naive(p.m[1], op, u->after[i],
                                                        v ? v->after[j] : XSMC_NO_TARGET);
                if (before == after)
                    continue;
                assert_true(k < d->nchanges);
                const struct xsmc_change *c = &d->changes[k++];
                assert_int_equal(c->src, s);
                assert_int_equal(c->op, op);
                assert_int_equal(c->tgt, targeted ? t : XSMC_NO_TARGET);
                assert_int_equal(c->gained, after);
            }
        }
    assert_int_equal(k, d->nchanges);
    assert_true(d->nchanges > 0);
    close_pair(&p);
}

/* Every line of the headlines: "Under ..."/"In ..." ending with a full stop, or the concern. */
static void assert_sentences(const struct xsmc_diff_sides *s, const struct xsmc_diff *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    xsmc_write_diff_headlines(mem, s, d);
    fclose(mem);
    size_t lines = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        int ok = strncmp(line, "Under ", 6) == 0 || strncmp(line, "In ", 3) == 0 ||
                 strncmp(line, "  This is the reviewers' concern: ", 34) == 0;
        if (!ok || line[strlen(line) - 1] != '.')
            fail_msg("not a complete sentence: %s", line);
    }
    assert_true(lines > 0);
    free(buf);
}

static void test_sentences(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        struct xsmc_diff_link links[2];
        size_t nlinks;
    } cases[] = {
        {"dom0:hardware,xenstore;g;ctl:control", "dom0:hardware,xenstore;g;ctl", {{0}}, 0},
        {"dom0:control,hardware,xenstore;g", "hw:hardware,xenstore;ctl:control;g",
         {{"dom0", "hw"}, {"dom0", "ctl"}}, 2},
        {"hw:hardware;ctl:control;g", "dom0:control,hardware;g", {{"hw", "dom0"}, {"ctl", "dom0"}}, 2},
        {"dom0:hardware;g", "d:hardware;g", {{"dom0", "d"}}, 1},
        {"a;b", "a;b", {{0}}, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int profile = 0; profile < XSMC_PROFILE_COUNT; profile++) {
            struct pair p;
            open_pair(&p, cases[i].a, cases[i].b, (enum xsmc_profile)profile, cases[i].links,
                      cases[i].nlinks);
            struct xsmc_diff_sides s = {{p.m[0], p.m[1]}, {"a", "b"}};
            assert_sentences(&s, &p.d);
            close_pair(&p);
        }
    }
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    for (int a = 0; a < XSMC_PROFILE_COUNT; a++)
        for (int b = 0; b < XSMC_PROFILE_COUNT; b++) {
            struct xsmc_matrix *x = xsmc_matrix_new(sys, (enum xsmc_profile)a, 0);
            struct xsmc_matrix *y = xsmc_matrix_new(sys, (enum xsmc_profile)b, 0);
            struct xsmc_diff d;
            assert_int_equal(xsmc_diff_compute(x, y, &d), 0);
            struct xsmc_diff_sides s = {{x, y}, {xsmc_profile_name(a), xsmc_profile_name(b)}};
            assert_sentences(&s, &d);
            xsmc_diff_free(&d);
            xsmc_matrix_free(x);
            xsmc_matrix_free(y);
        }
    xsmc_system_free(sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_regroup),
        cmocka_unit_test(test_rename_and_bad_links),
        cmocka_unit_test(test_rule_against_engine),
        cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
