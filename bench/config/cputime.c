/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cputime RUNS CMD [ARG...]: run a command RUNS times (stdout and stderr to
 * /dev/null) and print the best user+system CPU time in microseconds.  CPU
 * time, not wall time, so other load on the machine does not skew a
 * comparison between two programs.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return fprintf(stderr, "usage: cputime RUNS CMD [ARG...]\n"), 2;
    int runs = atoi(argv[1]);
    long best = -1;
    for (int i = 0; i < runs; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return 1;
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0)
            return 1;
        long us = ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec +
                  ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec;
        if (best < 0 || us < best)
            best = us;
    }
    printf("%ld\n", best);
    return 0;
}
