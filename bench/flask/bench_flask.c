/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time per decision: the exported Flask policy through libsepol, and the
 * default engine, on the same list of requests (every fully mapped row over
 * every pair of domains).  Best of 5 passes each; the policy's export and
 * compilation are timed once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xsmcap/xsmcap.h"
#include "xsmcap/flask.h"

struct req {
    size_t row, src, tgt;
    struct xsmc_request rq;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile unsigned sink;

int main(int argc, char **argv)
{
    const char *spec = NULL;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--system") == 0) {
        spec = argv[2];
        a = 3;
    }
    int rounds = a < argc ? atoi(argv[a]) : 20;
    if (rounds < 1)
        rounds = 1;
    char err[1024];
    struct xsmc_system *sys = spec ? xsmc_spec_parse(spec, err, sizeof(err)) : xsmc_builtin_system(err, sizeof(err));
    if (!sys) {
        fprintf(stderr, "bench-flask: %s\n", err);
        return 2;
    }
    enum xsmc_profile p = XSMC_PROFILE_DEFAULT;
    double t0 = now();
    struct xsmc_flask_export ex;
    if (xsmc_flask_export(sys, p, 0, &ex, err, sizeof(err))) {
        fprintf(stderr, "bench-flask: %s\n", err);
        return 2;
    }
    double t1 = now();
    size_t len;
    void *bin = xsmc_flask_compile(NULL, ex.source, &len, err, sizeof(err));
    double t2 = now();
    struct xsmc_flask_policy *pol = bin ? xsmc_flask_load(bin, len, "<bench>", err, sizeof(err)) : NULL;
    if (!pol || xsmc_flask_bind(pol, sys, err, sizeof(err))) {
        fprintf(stderr, "bench-flask: %s\n", err);
        return 2;
    }
    double t3 = now();

    size_t n = 0, cap = 1024;
    struct req *reqs = malloc(cap * sizeof(*reqs));
    if (!reqs)
        return 2;
    for (size_t r = 0; r < xsmc_flask_map_count(); r++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(r);
        if (m->kind != XSMC_FLASK_FULL)
            continue;
        for (size_t k = 0; k < xsmc_flask_npairs(sys, r); k++) {
            if (n == cap) {
                struct req *more = realloc(reqs, (cap *= 2) * sizeof(*reqs));
                if (!more) {
                    fprintf(stderr, "bench-flask: out of memory\n");
                    return 2;
                }
                reqs = more;
            }
            struct req *q = &reqs[n++];
            q->row = r;
            xsmc_flask_pair(sys, r, k, &q->src, &q->tgt);
            xsmc_flask_request(sys, r, q->src, q->tgt, &q->rq);
        }
    }
    double best[3] = {1e9, 1e9, 1e9};
    for (int pass = 0; pass < 5; pass++) {
        unsigned acc = 0;
        double s0 = now();
        for (int k = 0; k < rounds; k++)
            for (size_t i = 0; i < n; i++)
                acc += (unsigned)xsmc_flask_decide(pol, reqs[i].row, reqs[i].src, reqs[i].tgt);
        double s1 = now();
        for (int k = 0; k < rounds; k++)
            for (size_t i = 0; i < n; i++) {
                struct xsmc_decision d;
                xsmc_decide(p, 0, &reqs[i].rq, &d);
                acc += d.allow;
            }
        double s2 = now();
        for (int k = 0; k < rounds; k++)
            for (size_t i = 0; i < n; i++)
                acc += (unsigned)xsmc_allowed(p, 0, &reqs[i].rq);
        double s3 = now();
        sink = acc;
        const double d[3] = {s1 - s0, s2 - s1, s3 - s2};
        for (int j = 0; j < 3; j++)
            if (d[j] < best[j])
                best[j] = d[j];
    }
    double total = (double)n * rounds;
    printf("  system %s: %zu domains, %zu requests x %d rounds, profile %s\n", sys->source, sys->ndoms,
           n, rounds, xsmc_profile_name(p));
    printf("  export %.2f ms (%zu rules), checkpolicy %.1f ms, load+bind %.2f ms\n",
           (t1 - t0) * 1e3, ex.nrules, (t2 - t1) * 1e3, (t3 - t2) * 1e3);
    printf("  flask (libsepol)      %8.1f ns/decision\n", best[0] / total * 1e9);
    printf("  default xsmc_decide   %8.1f ns/decision\n", best[1] / total * 1e9);
    printf("  default xsmc_allowed  %8.1f ns/decision\n", best[2] / total * 1e9);
    free(reqs);
    xsmc_flask_free(pol);
    free(bin);
    xsmc_flask_export_free(&ex);
    xsmc_system_free(sys);
    return 0;
}
