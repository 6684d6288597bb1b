/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time and peak memory of the full matrix summary (every operation, hooks
 * and catalogue sub-ops, for every source and every target domain) of a
 * generated system of N domains.
 *
 *   bench-matrix N classes|naive
 *
 * `classes` answers by role class (what xsmcap does); `naive` asks the
 * engine for every cell.  Prints one line: N, classes, operations, cells,
 * allowed cells, seconds, peak resident KiB.  Both modes must agree on the
 * allowed count (run.sh compares them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "xsmcap/analysis.h"

/*
 * A split system as an integrator would build it, grown to N domains:
 * dom0 hardware+xenstore, one control domain, and guests of which every
 * fourth is served by a device model (stub domain) of its own.
 */
static struct xsmc_system *generate(size_t n)
{
    struct xsmc_system *sys = xsmc_system_new("<generated>", XSMC_SRC_SPEC);
    char name[32];
    for (size_t i = 0; sys && i < n; i++) {
        snprintf(name, sizeof(name), "d%zu", i);
        struct xsmc_dom *d = xsmc_system_add(sys, name, name);
        if (!d)
            return NULL;
        if (i == 0)
            d->core.caps = XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
        else if (i == 1)
            d->core.caps = XSMC_CAP_CONTROL;
        else if (i % 4 == 3)
            d->core.target = (uint32_t)i - 1; /* the device model of the guest before it */
        d->core.flags = i % 2 ? XSMC_DOMF_CONSOLE : 0;
    }
    return sys;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "classes") && strcmp(argv[2], "naive"))) {
        fprintf(stderr, "usage: bench-matrix N classes|naive\n");
        return 2;
    }
    size_t n = strtoul(argv[1], NULL, 10);
    int naive = strcmp(argv[2], "naive") == 0;
    struct xsmc_system *sys = generate(n);
    if (!sys) {
        fprintf(stderr, "bench-matrix: cannot generate %zu domains\n", n);
        return 2;
    }
    double t0 = now();
    struct xsmc_matrix *m = xsmc_matrix_new(sys, XSMC_PROFILE_HWPRIV, 0);
    struct xsmc_matrix_summary s;
    int rc = !m || (naive ? xsmc_matrix_summarise_naive(m, &s) : xsmc_matrix_summarise(m, &s));
    double t1 = now();
    if (rc) {
        fprintf(stderr, "bench-matrix: out of memory\n");
        return 2;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu %zu %zu %llu %llu %.4f %ld\n", n, m->nclasses, m->nops, (unsigned long long)s.cells,
           (unsigned long long)s.total, t1 - t0, ru.ru_maxrss);
    xsmc_matrix_summary_free(&s);
    xsmc_matrix_free(m);
    xsmc_system_free(sys);
    return 0;
}
