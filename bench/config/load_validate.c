/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * load-validate FILE RUNS: the best CPU time, in microseconds, of
 * xsmc_config_load + xsmc_validate on FILE inside one process, so the
 * figure leaves out what starting a program costs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "xsmcap/xsmcap.h"

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return fprintf(stderr, "usage: load-validate FILE RUNS\n"), 2;
    int runs = atoi(argv[2]);
    long best = -1;
    for (int i = 0; i < runs; i++) {
        char err[512];
        struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
        long start = now_us();
        struct xsmc_system *sys = xsmc_config_load(argv[1], &opts, err, sizeof(err));
        if (!sys)
            return fprintf(stderr, "%s\n", err), 1;
        xsmc_validate(sys, XSMC_PROFILE_DEFAULT);
        long t = now_us() - start;
        xsmc_system_free(sys);
        if (best < 0 || t < best)
            best = t;
    }
    printf("%ld\n", best);
    return 0;
}
