/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The lattice side by side with Xen's own function, on the same requests.
 *
 * The seed's five-domain system (XSMC_BUILTIN_SPEC) is built twice: as
 * xsmcap domain structures and as Xen domain structures (xen_shape.h, Xen's
 * xsm_default_action compiled for one profile, BENCH_PROFILE).  A random mix
 * of (action, source, target) requests over it, target NULL or any domain,
 * is decided by four loops, each a pass over the same requests:
 *   loop     the loads of each request and nothing else (the overhead),
 *   xen      xsm_default_action, inlined as in Xen,
 *   allowed  xsmc_lattice_allowed, inlined from the public header,
 *   lattice  xsmc_lattice, the library call with the reason.
 * Every answer is checked identical before timing, and every timed pass must
 * count the same allowed requests.  The engine's profile is read from a
 * volatile at run time, so that it is not folded into the loop as Xen's is.
 *
 *   bench-lattice-PROFILE [--requests N] [--passes R] [--sorted]
 *       time per decision: median over R passes of each loop, the loops
 *       taking turns, after warm-up passes; --sorted: the same requests
 *       grouped, so that Xen's branches are predictable;
 *   bench-lattice-PROFILE --only LOOP [--requests N]
 *       one pass of one loop, to count its instructions under callgrind
 *       (the count does not depend on the order of the requests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xen_shape.h"
#include "xsmcap/policy.h"
#include "xsmcap/system.h"

_Static_assert(BENCH_UPSTREAM == XSMC_PROFILE_UPSTREAM && BENCH_HWPRIV == XSMC_PROFILE_HWPRIV,
               "BENCH_PROFILE numbers the engine's profiles");

#define NDOMS 5
#define WARMUP_PASSES 3

/* One request, in each side's own terms; both have the same layout. */
struct request {
    const struct xsmc_domain *src, *tgt;
    enum xsmc_action action;
};
struct xen_request {
    struct domain *src, *tgt;
    xsm_default_t action;
};

static volatile int engine_profile = BENCH_PROFILE;

__attribute__((noinline)) static unsigned run_loop(const struct request *r, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        /* the loads every other loop makes, kept without a decision */
        __asm__ volatile("" : : "r"(r[i].src), "r"(r[i].tgt));
        sum += (unsigned)r[i].action;
    }
    return sum;
}

__attribute__((noinline)) static unsigned run_xen(const struct xen_request *r, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += xsm_default_action(r[i].action, r[i].src, r[i].tgt) == 0;
    return sum;
}

__attribute__((noinline)) static unsigned run_allowed(const struct request *r, size_t n,
                                                      enum xsmc_profile p)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned)xsmc_lattice_allowed(p, r[i].action, r[i].src, r[i].tgt);
    return sum;
}

__attribute__((noinline)) static unsigned run_lattice(const struct request *r, size_t n,
                                                      enum xsmc_profile p)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        struct xsmc_decision d;
        sum += xsmc_lattice(p, r[i].action, r[i].src, r[i].tgt, &d) == 0 && d.allow;
    }
    return sum;
}

enum { LOOP, XEN, ALLOWED, LATTICE, NLOOPS };
static const char *const loop_names[NLOOPS] = {"loop", "xen", "allowed", "lattice"};

struct bench {
    struct xsmc_domain doms[NDOMS];
    struct domain xdoms[NDOMS];
    struct request *req;
    struct xen_request *xreq;
    size_t n;
    unsigned expect[NLOOPS]; /* what each loop's pass must return */
};

static unsigned run(const struct bench *b, int loop)
{
    enum xsmc_profile p = (enum xsmc_profile)engine_profile;
    switch (loop) {
    case LOOP: return run_loop(b->req, b->n);
    case XEN: return run_xen(b->xreq, b->n);
    case ALLOWED: return run_allowed(b->req, b->n, p);
    default: return run_lattice(b->req, b->n, p);
    }
}

/* The seed system, as xsmcap and as Xen hold it. */
static int build_system(struct bench *b)
{
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    if (!sys || sys->ndoms != NDOMS) {
        fprintf(stderr, "bench-lattice: the built-in system: %s\n", sys ? "not five domains" : err);
        xsmc_system_free(sys);
        return -1;
    }
    for (size_t i = 0; i < NDOMS; i++) {
        const struct xsmc_domain *c = &sys->doms[i].core;
        if (c->caps & ~xsmc_profile_caps(BENCH_PROFILE) || c->flags & XSMC_DOMF_IDLE_BOOT) {
            fprintf(stderr, "bench-lattice: domain %zu has what Xen's shape here cannot hold\n", i);
            xsmc_system_free(sys);
            return -1;
        }
        b->doms[i] = *c;
        b->xdoms[i] = (struct domain){.domain_id = (domid_t)c->domid,
                                      .is_privileged = (c->caps & XSMC_CAP_CONTROL) != 0,
                                      .options = (c->caps & XSMC_CAP_XENSTORE) ? XEN_DOMCTL_CDF_xs_domain
                                                                                : 0};
        if (c->caps & XSMC_CAP_HARDWARE)
            hardware_domain = &b->xdoms[i];
    }
    for (size_t i = 0; i < NDOMS; i++)
        for (size_t j = 0; j < NDOMS; j++)
            if (b->doms[i].target == b->doms[j].domid)
                b->xdoms[i].target = &b->xdoms[j];
    xsmc_system_free(sys);
    return 0;
}

/* splitmix64: the same mix on every machine and libc. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

#define SEED 0x5eed5eedu

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/*
 * The mix: an action uniform over those the profile defines, a source
 * uniform over the five domains, a target uniform over the five and NULL.
 * Sorted, the same requests come grouped, so that Xen's branches are
 * predictable: the other end of what a stream of requests can be.
 */
static int build_mix(struct bench *b, int sorted)
{
    static const xsm_default_t xen_action[XSMC_LATTICE_ACTIONS] = {
        [XSMC_ACT_HOOK] = XSM_HOOK,       [XSMC_ACT_DM_PRIV] = XSM_DM_PRIV,
        [XSMC_ACT_TARGET] = XSM_TARGET,   [XSMC_ACT_PRIV] = XSM_PRIV,
        [XSMC_ACT_XS_PRIV] = XSM_XS_PRIV,
#if BENCH_PROFILE == BENCH_HWPRIV
        [XSMC_ACT_HW_PRIV] = XSM_HW_PRIV,
#endif
    };
    unsigned nactions = BENCH_PROFILE == BENCH_HWPRIV ? XSMC_LATTICE_ACTIONS : XSMC_ACT_HW_PRIV;
    uint64_t state = SEED;
    /* each request as one number, (action * 8 + source) * 8 + target, NDOMS for NULL */
    unsigned *mix = malloc(b->n * sizeof(*mix));
    b->req = malloc(b->n * sizeof(*b->req));
    b->xreq = malloc(b->n * sizeof(*b->xreq));
    if (!mix || !b->req || !b->xreq) {
        free(mix);
        return -1;
    }
    for (size_t i = 0; i < b->n; i++) {
        unsigned a = (unsigned)(next_random(&state) % nactions);
        unsigned src = (unsigned)(next_random(&state) % NDOMS);
        unsigned tgt = (unsigned)(next_random(&state) % (NDOMS + 1));
        mix[i] = (a * 8 + src) * 8 + tgt;
    }
    if (sorted)
        qsort(mix, b->n, sizeof(*mix), cmp_unsigned);
    for (size_t i = 0; i < b->n; i++) {
        unsigned a = mix[i] / 64, src = mix[i] / 8 % 8, tgt = mix[i] % 8;
        b->req[i] = (struct request){&b->doms[src], tgt < NDOMS ? &b->doms[tgt] : NULL, (enum xsmc_action)a};
        b->xreq[i] = (struct xen_request){&b->xdoms[src], tgt < NDOMS ? &b->xdoms[tgt] : NULL, xen_action[a]};
    }
    free(mix);
    return 0;
}

/* Every request answered alike by the three deciders; fills b->expect. */
static int check_answers(struct bench *b)
{
    enum xsmc_profile p = (enum xsmc_profile)engine_profile;
    unsigned allowed = 0, action_sum = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct request *r = &b->req[i];
        const struct xen_request *x = &b->xreq[i];
        struct xsmc_decision d;
        int xen = xsm_default_action(x->action, x->src, x->tgt) == 0;
        int quick = xsmc_lattice_allowed(p, r->action, r->src, r->tgt);
        int full = xsmc_lattice(p, r->action, r->src, r->tgt, &d) == 0 && d.allow;
        if (xen != quick || xen != full) {
            fprintf(stderr, "bench-lattice: request %zu (%s, domid %u, %s): Xen %d, allowed %d, lattice %d\n",
                    i, xsmc_action_name(r->action), r->src->domid, r->tgt ? "a target" : "NULL", xen,
                    quick, full);
            return -1;
        }
        allowed += (unsigned)xen;
        action_sum += (unsigned)r->action;
    }
    b->expect[LOOP] = action_sum;
    b->expect[XEN] = b->expect[ALLOWED] = b->expect[LATTICE] = allowed;
    return 0;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ns per decision of every pass of every loop; the loops take turns. */
static int time_loops(const struct bench *b, int passes, double *ns[NLOOPS])
{
    for (int w = 0; w < WARMUP_PASSES; w++)
        for (int l = 0; l < NLOOPS; l++)
            if (run(b, l) != b->expect[l])
                return -1;
    for (int i = 0; i < passes; i++)
        for (int k = 0; k < NLOOPS; k++) {
            int l = (i + k) % NLOOPS;
            double t0 = now_ns();
            unsigned sum = run(b, l);
            ns[l][i] = (now_ns() - t0) / (double)b->n;
            if (sum != b->expect[l]) {
                fprintf(stderr, "bench-lattice: a timed pass of %s counted %u, not %u\n", loop_names[l], sum,
                        b->expect[l]);
                return -1;
            }
        }
    for (int l = 0; l < NLOOPS; l++)
        qsort(ns[l], (size_t)passes, sizeof(double), cmp_double);
    return 0;
}

static void report(const struct bench *b, int passes, int sorted, double *ns[NLOOPS])
{
    static const char *const what[NLOOPS] = {
        "loop alone (loads of a request)",
        "Xen xsm_default_action",
        "xsmc_lattice_allowed",
        "xsmc_lattice (with reason)",
    };
    printf("  system: %s (%d domains)\n", XSMC_BUILTIN_SPEC, NDOMS);
    printf("  requests: %zu, seed 0x%x; action uniform over the %u the profile defines,\n"
           "  source uniform over the domains, target uniform over the domains and NULL\n",
           b->n, SEED, BENCH_PROFILE == BENCH_HWPRIV ? 6u : 5u);
    printf("  answers: identical for every request (%u allowed)\n", b->expect[XEN]);
    printf("  compiler: %s; this file (Xen's function, xsmc_lattice_allowed, the loops) -O2,\n"
           "  the library (xsmc_lattice) -O%s\n", BENCH_CC, BENCH_LIB_OPT);
    printf("  time per decision, requests %s;\n"
           "  median of %d passes of each loop (quartiles), after %d warm-up passes:\n",
           sorted ? "sorted by action, source, target (Xen's branches predictable)"
                  : "in random order (Xen's branches unpredictable)",
           passes, WARMUP_PASSES);
    double xen = ns[XEN][passes / 2], loop = ns[LOOP][passes / 2];
    for (int l = 0; l < NLOOPS; l++) {
        double med = ns[l][passes / 2];
        printf("    %-32s %6.2f ns (%5.2f-%5.2f)", what[l], med, ns[l][passes / 4], ns[l][3 * passes / 4]);
        if (l != LOOP)
            printf("  x Xen %.2f, without the loop %.2f", med / xen, (med - loop) / (xen - loop));
        printf("\n");
    }
}

static int parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || v > 100000000ul)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    struct bench b = {.n = 65536};
    size_t passes = 101;
    int only = -1, sorted = 0;
    for (int i = 1; i < argc; i++) {
        int ok = i + 1 < argc;
        if (strcmp(argv[i], "--sorted") == 0)
            ok = sorted = 1;
        else if (ok && strcmp(argv[i], "--requests") == 0)
            ok = parse_count(argv[++i], &b.n) == 0;
        else if (ok && strcmp(argv[i], "--passes") == 0)
            ok = parse_count(argv[++i], &passes) == 0 && passes < 100000;
        else if (ok && strcmp(argv[i], "--only") == 0) {
            i++;
            for (only = NLOOPS - 1; only >= 0 && strcmp(argv[i], loop_names[only]); only--)
                continue;
            ok = only >= 0;
        } else
            ok = 0;
        if (!ok) {
            fprintf(stderr, "usage: %s [--requests N] [--passes R] [--sorted]"
                    " [--only loop|xen|allowed|lattice]\n", argv[0]);
            return 2;
        }
    }
    if (build_system(&b) || build_mix(&b, sorted) || check_answers(&b))
        return 1;
    int status = 0;
    if (only >= 0) {
        status = run(&b, only) != b.expect[only];
    } else {
        double *ns[NLOOPS];
        for (int l = 0; l < NLOOPS; l++)
            ns[l] = malloc(passes * sizeof(double));
        status = !ns[LOOP] || !ns[XEN] || !ns[ALLOWED] || !ns[LATTICE] || time_loops(&b, (int)passes, ns);
        if (!status)
            report(&b, (int)passes, sorted, ns);
        for (int l = 0; l < NLOOPS; l++)
            free(ns[l]);
    }
    free(b.req);
    free(b.xreq);
    return status;
}
