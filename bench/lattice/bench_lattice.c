/*
 * Per-decision cost of the engine's lattice (one table lookup by role class)
 * beside a straightforward switch-based reimplementation of the same lattice,
 * written the way Xen writes xsm_default_action.  Both decide the same
 * random mix of (profile, action, source role, target relation); the answers
 * must be identical.
 *
 *   bench-lattice [N] [--only engine|baseline]
 * prints ns per decision for each; --only runs one loop, for callgrind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xsmcap/policy.h"

/* One decision of the mix: the four inputs, packed as xsmc_key() packs them. */
typedef uint16_t item_t;

/* The baseline: Xen's switch with fall-through, per profile, from role bits. */
static int baseline(unsigned p, unsigned a, unsigned role, unsigned rel)
{
    int c = role & XSMC_ROLE_CONTROL, h = role & XSMC_ROLE_HARDWARE;
    int x = role & XSMC_ROLE_XENSTORE, dm = role & XSMC_ROLE_DM;
    int self = rel & XSMC_REL_SELF, t = rel & XSMC_REL_TARGET, nt = rel & XSMC_REL_UNTARGET;
    if ((role & XSMC_ROLE_UNDEFINED) || (rel & XSMC_REL_UNDEFINED))
        return 0;
    switch (p) {
    case XSMC_PROFILE_UPSTREAM:
        switch (a) {
        case XSMC_ACT_HOOK: return 1;
        case XSMC_ACT_TARGET: if (self) return 1; /* fall through */
        case XSMC_ACT_XS_PRIV: if (a == XSMC_ACT_XS_PRIV && x) return 1; /* fall through */
        case XSMC_ACT_DM_PRIV: if (t) return 1; /* fall through */
        case XSMC_ACT_PRIV: return c != 0;
        default: return 0;
        }
    case XSMC_PROFILE_HWPRIV:
        switch (a) {
        case XSMC_ACT_HOOK: return 1;
        case XSMC_ACT_TARGET: if (self) return 1; /* fall through */
        case XSMC_ACT_XS_PRIV: if (a == XSMC_ACT_XS_PRIV && x) return 1; /* fall through */
        case XSMC_ACT_DM_PRIV: if (t) return 1; /* fall through */
        case XSMC_ACT_PRIV:
        case XSMC_ACT_HW_PRIV:
            if (c && a != XSMC_ACT_HW_PRIV) return 1;
            return h && (a == XSMC_ACT_HW_PRIV || a == XSMC_ACT_DM_PRIV);
        default: return 0;
        }
    case XSMC_PROFILE_HWPRIV_DM:
        switch (a) {
        case XSMC_ACT_HOOK: return 1;
        case XSMC_ACT_TARGET: if (self) return 1; /* fall through */
        case XSMC_ACT_XS_PRIV: if (a == XSMC_ACT_XS_PRIV && x) return 1; /* fall through */
        case XSMC_ACT_DM_PRIV: if (dm || t) return 1; /* fall through */
        case XSMC_ACT_HW_PRIV: if (a == XSMC_ACT_HW_PRIV && h) return 1; /* fall through */
        case XSMC_ACT_PRIV: return c != 0;
        default: return 0;
        }
    case XSMC_PROFILE_HWPRIV_V2:
        switch (a) {
        case XSMC_ACT_HOOK: return 1;
        case XSMC_ACT_HW_PRIV: return h != 0;
        case XSMC_ACT_TARGET: if (self) return 1; /* fall through */
        case XSMC_ACT_XS_PRIV: if (a == XSMC_ACT_XS_PRIV && (x || c)) return 1; /* fall through */
        case XSMC_ACT_DM_PRIV:
        case XSMC_ACT_PRIV:
            if (nt) return 0;
            if (a != XSMC_ACT_PRIV && (dm || t)) return 1;
            return c != 0;
        default: return 0;
        }
    default:
        return 0;
    }
}

/* A relation that can occur: none, self, own target, other; untargetable in v2. */
static unsigned random_rel(unsigned p)
{
    static const unsigned rels[] = {XSMC_REL_NULL, XSMC_REL_SELF, XSMC_REL_TARGET, 0};
    unsigned rel = rels[rand() % 4];
    if (p == XSMC_PROFILE_HWPRIV_V2 && !(rel & (XSMC_REL_NULL | XSMC_REL_SELF)) && rand() % 4 == 0)
        rel |= XSMC_REL_UNTARGET;
    return rel;
}

static unsigned random_role(unsigned p)
{
    unsigned role = (unsigned)rand() & (XSMC_ROLE_CONTROL | XSMC_ROLE_HARDWARE | XSMC_ROLE_XENSTORE);
    if (p >= XSMC_PROFILE_HWPRIV_DM && rand() % 3 == 0)
        role |= XSMC_ROLE_DM;
    return role;
}

/* The baseline unpacks the same inputs, then switches. */
static int baseline_key(unsigned key)
{
    unsigned pa = key >> 10;
    return baseline(pa / XSMC_LATTICE_ACTIONS, pa % XSMC_LATTICE_ACTIONS, (key >> 5) & 31, key & 31);
}

__attribute__((noinline)) static unsigned run_engine(const item_t *it, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned)xsmc_key_allows(it[i]);
    return sum;
}

__attribute__((noinline)) static unsigned run_baseline(const item_t *it, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned)baseline_key(it[i]);
    return sum;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double time_loop(unsigned (*fn)(const item_t *, size_t), const item_t *it,
                        size_t n, unsigned *sum)
{
    double best = 1e30;
    for (int rep = 0; rep < 7; rep++) {
        double t0 = now_ns();
        *sum = fn(it, n);
        double t = now_ns() - t0;
        if (t < best)
            best = t;
    }
    return best / (double)n;
}

int main(int argc, char **argv)
{
    size_t n = 1u << 20;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            n = strtoul(argv[i], NULL, 10);
    }
    item_t *it = malloc(n * sizeof(*it));
    if (!it || n == 0)
        return 2;
    srand(12345);
    for (size_t i = 0; i < n; i++) {
        unsigned p = (unsigned)rand() % XSMC_PROFILE_COUNT;
        unsigned a = (unsigned)rand() % XSMC_LATTICE_ACTIONS;
        if (p == XSMC_PROFILE_UPSTREAM && a == XSMC_ACT_HW_PRIV)
            a = XSMC_ACT_PRIV; /* HW_PRIV does not exist there */
        it[i] = (item_t)xsmc_key(p, a, random_role(p), random_rel(p));
    }
    if (only) {
        unsigned s = strcmp(only, "engine") == 0 ? run_engine(it, n) : run_baseline(it, n);
        printf("%s: %u allowed of %zu\n", only, s, n);
        free(it);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (xsmc_key_allows(it[i]) != baseline_key(it[i])) {
            fprintf(stderr, "bench-lattice: engine and baseline disagree at item %zu\n", i);
            return 1;
        }
    }
    unsigned se, sb;
    double ne = time_loop(run_engine, it, n, &se);
    double nb = time_loop(run_baseline, it, n, &sb);
    printf("random mix of %zu decisions, identical answers (%u allowed)\n", n, se);
    printf("  engine   (table by role class): %6.2f ns/decision\n", ne);
    printf("  baseline (switch, like Xen):    %6.2f ns/decision\n", nb);
    printf("  engine/baseline time: %.2f\n", ne / nb);
    free(it);
    return se == sb ? 0 : 1;
}
