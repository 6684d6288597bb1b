/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The role-class matrix must give every cell, count and summary exactly as
 * deciding each operation cell by cell does: on the embedded default, on
 * every corpus system that loads, and on generated systems built to hit the
 * corners (idle domain, self targets, dangling targets, every flag, every
 * architecture and x86 guest type, the defconfig and a changed build).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/analysis.h"
#include "xsmcap/config.h"

static const char *corpus_dir;

/* Every cell, count and the summary, under every profile with and without SILO. */
static void assert_matches_naive(const struct xsmc_system *sys, const char *what)
{
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        for (uint32_t opt = 0; opt <= XSMC_OPT_SILO; opt += XSMC_OPT_SILO) {
            struct xsmc_matrix *m = xsmc_matrix_new(sys, (enum xsmc_profile)p, opt);
            assert_non_null(m);
            for (size_t op = 0; op < m->nops; op++) {
                int targeted = xsmc_op_targeted(m->ops[op]);
                for (size_t s = 0; s < sys->ndoms; s++) {
                    size_t naive_count = 0;
                    size_t last = targeted ? sys->ndoms : 1;
                    for (size_t t = 0; t < last; t++) {
                        size_t tgt = targeted ? t : XSMC_NO_TARGET;
                        int fast = xsmc_matrix_cell(m, op, s, tgt);
                        int naive = xsmc_matrix_cell_naive(m, op, s, tgt);
                        if (fast != naive)
                            fail_msg("%s: %s profile %d silo %u: %s -> %s: class %d, engine %d", what,
                                     m->ops[op]->name, p, opt, sys->doms[s].name,
                                     tgt == XSMC_NO_TARGET ? "-" : sys->doms[t].name, fast, naive);
                        naive_count += (size_t)naive;
                    }
                    assert_int_equal(xsmc_matrix_allowed_count(m, op, s), naive_count);
                }
            }
            struct xsmc_matrix_summary a, b;
            assert_int_equal(xsmc_matrix_summarise(m, &a), 0);
            assert_int_equal(xsmc_matrix_summarise_naive(m, &b), 0);
            assert_true(a.total == b.total);
            assert_true(a.cells == b.cells);
            assert_memory_equal(a.allowed, b.allowed, m->nops * sizeof(*a.allowed));
            xsmc_matrix_summary_free(&a);
            xsmc_matrix_summary_free(&b);
            xsmc_matrix_free(m);
        }
    }
}

static void test_builtin(void **state)
{
    (void)state;
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    assert_non_null(sys);
    assert_matches_naive(sys, "builtin");
    xsmc_system_free(sys);
}

/* A small deterministic generator, so a failure names a reproducible seed. */
static uint32_t next(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static struct xsmc_system *generate(uint32_t seed, size_t n)
{
    struct xsmc_system *sys = xsmc_system_new("<generated>", XSMC_SRC_SPEC);
    enum xsmc_arch arch = (enum xsmc_arch)(seed % XSMC_ARCH_COUNT);
    struct xsmc_kconfig k;
    xsmc_kconfig_default(arch, &k);
    if (seed % 2) /* a changed build: every option the catalogue reads flipped but the arch's own */
        for (unsigned i = 0; i < XSMC_K_COUNT; i++)
            if (i != XSMC_K_ARM && i != XSMC_K_ARM_64 && i != XSMC_K_ARM_32 && i != XSMC_K_X86 &&
                i != XSMC_K_X86_64)
                k.on[i / 64] ^= 1ull << (i % 64);
    assert_int_equal(xsmc_system_set_platform(sys, arch, &k), 0);
    char name[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "d%zu", i);
        struct xsmc_dom *d = xsmc_system_add(sys, name, name);
        assert_non_null(d);
        uint32_t r = next(&seed);
        /* mostly guests, so that classes have many members */
        d->core.caps = (r % 3 == 0) ? (next(&seed) & XSMC_CAP_ALL) : 0;
        d->core.flags = next(&seed) & (XSMC_DOMF_CONSOLE | ((r % 7 == 0) ? XSMC_DOMF_IDLE_BOOT : 0));
        if (arch == XSMC_ARCH_X86_64)
            d->core.flags |= XSMC_DOMF_GUEST(XSMC_GUEST_PV + next(&seed) % 3);
        if (i == n - 1)
            d->core.domid = XSMC_DOMID_IDLE;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t r = next(&seed) % 6;
        if (r == 0)
            sys->doms[i].core.target = sys->doms[next(&seed) % n].core.domid; /* maybe itself */
        else if (r == 1)
            sys->doms[i].core.target = 20000; /* a domain that does not exist */
    }
    return sys;
}

static void test_generated(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 18; seed++) {
        struct xsmc_system *sys = generate(seed, 24 + seed);
        char what[32];
        snprintf(what, sizeof(what), "seed %u", seed);
        assert_matches_naive(sys, what);
        xsmc_system_free(sys);
    }
}

static void test_corpus(void **state)
{
    (void)state;
    DIR *dir = opendir(corpus_dir);
    assert_non_null(dir);
    struct dirent *e;
    int loaded = 0;
    while ((e = readdir(dir))) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || (strcmp(dot, ".dts") && strcmp(dot, ".dtsi") && strcmp(dot, ".dtso") &&
                     strcmp(dot, ".cfg")))
            continue;
        char path[1024], err[512];
        snprintf(path, sizeof(path), "%s/%s", corpus_dir, e->d_name);
        struct xsmc_load_opts opts = {.iommu = XSMC_YES};
        struct xsmc_system *sys = xsmc_config_load(path, &opts, err, sizeof(err));
        if (!sys)
            continue; /* unparseable on purpose: the readers' tests cover it */
        if (sys->ndoms) {
            assert_matches_naive(sys, e->d_name);
            loaded++;
        }
        xsmc_system_free(sys);
    }
    closedir(dir);
    assert_true(loaded >= 10);
}

/* Summaries of a larger system, where classes have hundreds of members. */
static void test_large_summary(void **state)
{
    (void)state;
    struct xsmc_system *sys = generate(99, 300);
    for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
        struct xsmc_matrix *m = xsmc_matrix_new(sys, (enum xsmc_profile)p, 0);
        struct xsmc_matrix_summary a, b;
        assert_int_equal(xsmc_matrix_summarise(m, &a), 0);
        assert_int_equal(xsmc_matrix_summarise_naive(m, &b), 0);
        assert_memory_equal(a.allowed, b.allowed, m->nops * sizeof(*a.allowed));
        assert_true(a.total > 0 && a.total < a.cells);
        xsmc_matrix_summary_free(&a);
        xsmc_matrix_summary_free(&b);
        xsmc_matrix_free(m);
    }
    xsmc_system_free(sys);
}

/*
 * A profile diff of one system takes a shortcut by class; the same diff
 * against an identical copy of the system compares every cell.  They agree.
 */
static void test_diff_shortcut(void **state)
{
    (void)state;
    for (uint32_t seed = 3; seed <= 8; seed++) {
        struct xsmc_system *sys = generate(seed, 40), *copy = generate(seed, 40);
        for (int p = 1; p < XSMC_PROFILE_COUNT; p++) {
            struct xsmc_matrix *a = xsmc_matrix_new(sys, XSMC_PROFILE_UPSTREAM, 0);
            struct xsmc_matrix *b = xsmc_matrix_new(sys, (enum xsmc_profile)p, 0);
            struct xsmc_matrix *c = xsmc_matrix_new(copy, (enum xsmc_profile)p, 0);
            struct xsmc_diff fast, full;
            assert_int_equal(xsmc_diff_compute(a, b, &fast), 0);
            assert_int_equal(xsmc_diff_compute(a, c, &full), 0);
            assert_int_equal(fast.nchanges, full.nchanges);
            assert_true(fast.nchanges > 0);
            for (size_t i = 0; i < fast.nchanges; i++) {
                assert_int_equal(fast.changes[i].src, full.changes[i].src);
                assert_int_equal(fast.changes[i].op, full.changes[i].op);
                assert_int_equal(fast.changes[i].tgt, full.changes[i].tgt);
                assert_int_equal(fast.changes[i].gained, full.changes[i].gained);
            }
            assert_int_equal(fast.domains_changed, full.domains_changed);
            xsmc_diff_free(&fast);
            xsmc_diff_free(&full);
            xsmc_matrix_free(a);
            xsmc_matrix_free(b);
            xsmc_matrix_free(c);
        }
        xsmc_system_free(sys);
        xsmc_system_free(copy);
    }
}

/* Classes collapse what the policy cannot tell apart, and nothing more. */
static void test_classes(void **state)
{
    (void)state;
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    struct xsmc_matrix *m = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0);
    assert_int_equal(m->nclasses, 3); /* hardware+xenstore, guests (dm1 too), control */
    assert_int_equal(m->class_of[1], m->class_of[3]);
    assert_int_equal(m->target_of[3], 1);
    assert_int_equal(m->target_of[1], XSMC_NO_TARGET);
    size_t arm_ops = 0;
    for (size_t i = 0; i < xsmc_op_count(); i++)
        arm_ops += xsmc_op_exists(xsmc_op_at(i), XSMC_ARCH_ARM64);
    assert_int_equal(m->nops, arm_ops); /* the operations of arm64, the default's platform */
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
}

int main(int argc, char **argv)
{
    corpus_dir = argc > 1 ? argv[1] : "tests/corpus";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_builtin),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_large_summary),
        cmocka_unit_test(test_diff_shortcut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
