/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lint over large systems: a control domain, a hardware+xenstore domain and
 * pairs of guest + stub device model, up to Xen's 32752 domains; prints the
 * time of one run (best of 5) and the findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "xsmcap/lint.h"

static struct xsmc_system *make_system(size_t ndoms)
{
    struct xsmc_system *s = xsmc_system_new("<bench>", XSMC_SRC_SPEC);
    char name[32];
    if (!s)
        return NULL;
    xsmc_system_add(s, "ctl", "ctl")->core.caps = XSMC_CAP_CONTROL;
    xsmc_system_add(s, "hw", "hw")->core.caps = XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
    for (size_t i = 2; i + 1 < ndoms; i += 2) {
        snprintf(name, sizeof(name), "g%zu", i);
        struct xsmc_dom *g = xsmc_system_add(s, name, name);
        snprintf(name, sizeof(name), "dm%zu", i);
        struct xsmc_dom *dm = xsmc_system_add(s, name, name);
        if (!g || !dm) {
            xsmc_system_free(s);
            return NULL;
        }
        dm->core.target = g->core.domid;
    }
    s->iommu = XSMC_NO;
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t sizes[] = {64, 1024, 8192, XSMC_MAX_DOMAINS};
    size_t nsizes = sizeof(sizes) / sizeof(sizes[0]);
    if (argc > 1) {
        sizes[0] = (size_t)strtoul(argv[1], NULL, 10);
        nsizes = 1;
    }
    for (size_t k = 0; k < nsizes; k++) {
        struct xsmc_system *s = make_system(sizes[k]);
        struct xsmc_lint_config cfg;
        if (!s)
            return 1;
        xsmc_lint_config_init(&cfg);
        cfg.options = XSMC_OPT_SILO;
        double best = 1e9;
        size_t findings = 0;
        for (int run = 0; run < 5; run++) {
            struct xsmc_lint_findings f;
            double t0 = now();
            if (xsmc_lint_run(s, XSMC_PROFILE_HWPRIV, &cfg, &f))
                return 1;
            double t = now() - t0;
            best = t < best ? t : best;
            findings = f.count;
            xsmc_lint_findings_free(&f);
        }
        printf("  %6zu domains: %9.3f ms per lint run (all rules, SILO on), %zu findings\n",
               s->ndoms, best * 1e3, findings);
        xsmc_system_free(s);
    }
    return 0;
}
