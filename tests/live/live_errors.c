/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live probe's failures with a real Xen tree: a patch that does not
 * apply, a build that fails, a boot that times out, xsmcap stopped by
 * SIGTERM during a boot.  Each must be one error line (exit 2), leave the
 * user's tree as it was, and leave no QEMU and no temporary directory.
 *
 * Usage: live-errors XSMCAP SOURCE_ROOT (the tree as for `live`).
 */
#include <dirent.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "live_util.h"

#define SYSTEM "A:control;B:hardware,xenstore;C"

static int failures;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(ok ? "ok: " : "FAIL: ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    failures += !ok;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t len = 0, cap = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (len + 2 > cap) {
            cap = cap ? 2 * cap : 4096;
            char *d = realloc(data, cap);
            if (!d)
                break;
            data = d;
        }
        data[len++] = (char)c;
    }
    fclose(f);
    if (data)
        data[len] = '\0';
    return data;
}

/* The cache xsmcap uses when given none (docs/live.md). */
static void default_cache(char *out, size_t len)
{
    const char *env = getenv("XSMCAP_CACHE"), *xdg = getenv("XDG_CACHE_HOME");
    if (env && *env)
        snprintf(out, len, "%s", env);
    else if (xdg && *xdg)
        snprintf(out, len, "%s/xsmcap/probe", xdg);
    else
        snprintf(out, len, "%s/.cache/xsmcap/probe", getenv("HOME") ? getenv("HOME") : "");
}

/* Is any process running with `needle` in its command line (QEMU names its boot directory)? */
static int process_with(const char *needle)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int found = 0;
    while (d && !found && (e = readdir(d)) != NULL) {
        char path[300], buf[8192];
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        for (size_t i = 0; i < n; i++)
            if (buf[i] == '\0')
                buf[i] = ' ';
        buf[n] = '\0';
        found = strstr(buf, needle) != NULL;
    }
    if (d)
        closedir(d);
    return found;
}

/* Does DIR/tmp hold a work directory of the run `pid`? */
static int work_dir_of(const char *cache, long pid)
{
    char dir[4200], prefix[64];
    snprintf(dir, sizeof(dir), "%s/tmp", cache);
    snprintf(prefix, sizeof(prefix), "-%ld-", pid);
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && !found && (e = readdir(d)) != NULL)
        found = strstr(e->d_name, prefix) != NULL;
    if (d)
        closedir(d);
    return found;
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* A patch whose context is not in the tree: named with its first failing hunk, tree untouched. */
static void patch_that_does_not_apply(const char *xsmcap, const struct live_tree *t)
{
    char patch[200], dummy[4200];
    snprintf(patch, sizeof(patch), "%s/stale.patch", t->tmp);
    snprintf(dummy, sizeof(dummy), "%s/xen/include/xsm/dummy.h", t->tree);
    write_text(patch, "--- a/xen/include/xsm/dummy.h\n+++ b/xen/include/xsm/dummy.h\n"
                      "@@ -1,3 +1,3 @@\n-no line of dummy.h reads so\n+nor so\n nor this\n nor that\n");
    char *before = slurp(dummy);
    const char *argv[] = {xsmcap, "probe", "--xen", t->tree, "--patch", patch, "--system", SYSTEM,
                          NULL};
    char *out, *err;
    int st = live_run(argv, &out, &err);
    char *after = slurp(dummy);
    check(st == 2 && strstr(err, "stale.patch does not apply") && strstr(err, "Hunk #1 FAILED"),
          "a patch that does not apply: exit %d, %s", st, err);
    check(before && after && !strcmp(before, after), "the tree's dummy.h is unchanged");
    snprintf(dummy, sizeof(dummy), "%s/xen/include/xsm/dummy.h.rej", t->tree);
    check(access(dummy, F_OK) != 0, "no .rej file in the tree");
    free(before);
    free(after);
    free(out);
    free(err);
}

/* A tree whose build fails: the error and the end of the build log. */
static void build_that_fails(const char *xsmcap, const struct live_tree *t)
{
    char patch[200];
    snprintf(patch, sizeof(patch), "%s/broken-makefile.patch", t->tmp);
    write_text(patch, "--- a/xen/Makefile\n+++ b/xen/Makefile\n@@ -1,2 +1,3 @@\n"
                      "+this line is not make syntax\n # $(lastword,) for GNU Make older than "
                      "3.81\n lastword = $(word $(words $(1)),$(1))\n");
    const char *argv[] = {xsmcap, "probe", "--xen", t->tree, "--patch", patch, "--system", SYSTEM,
                          NULL};
    char *out, *err;
    int st = live_run(argv, &out, &err);
    check(st == 2 && strstr(err, "failed (exit 2)") && strstr(err, "the last lines of") &&
              strstr(err, "missing separator"),
          "a build that fails: exit %d, %s", st, err);
    free(out);
    free(err);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Start xsmcap with its output in files; its pid. */
static pid_t start(const char *const *argv, const char *out, const char *err)
{
    /* what we printed must not be printed again by the child */
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out, "w", stdout) || !freopen(err, "w", stderr))
            _exit(127);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* A boot that outlives --timeout: the error names it; the console log is kept; nothing is left. */
static void boot_that_times_out(const char *xsmcap, const struct live_tree *t, const char *cache)
{
    char out[200], err[200], log[200], needle[64];
    snprintf(out, sizeof(out), "%s/timeout.out", t->tmp);
    snprintf(err, sizeof(err), "%s/timeout.err", t->tmp);
    snprintf(log, sizeof(log), "%s/console.log", t->tmp);
    unlink(log);
    /* the default policy counts down 3 s before any domain runs (live-xen.md) */
    const char *argv[] = {xsmcap, "probe", "--xen", t->tree, "--system", SYSTEM, "--timeout", "1",
                          "--keep-logs", t->tmp, NULL};
    pid_t pid = start(argv, out, err);
    int status = 0;
    waitpid(pid, &status, 0);
    char *text = slurp(err), *console = slurp(log);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 2 && text &&
              strstr(text, "the boot timed out after 1 s"),
          "a boot that times out: %s", text ? text : "");
    check(console && strstr(console, "(XEN)"), "the console log of the failed boot is kept");
    snprintf(needle, sizeof(needle), "/tmp/boot-%ld-", (long)pid);
    check(!process_with(needle) && !work_dir_of(cache, pid), "no QEMU and no work directory left");
    free(text);
    free(console);
}

/* SIGTERM while QEMU runs: xsmcap kills it, cleans up and fails with one line. */
static void stopped_during_boot(const char *xsmcap, const struct live_tree *t, const char *cache)
{
    char out[200], err[200], needle[64];
    snprintf(out, sizeof(out), "%s/term.out", t->tmp);
    snprintf(err, sizeof(err), "%s/term.err", t->tmp);
    const char *argv[] = {xsmcap, "probe", "--xen", t->tree, "--system", SYSTEM, NULL};
    pid_t pid = start(argv, out, err);
    snprintf(needle, sizeof(needle), "/tmp/boot-%ld-", (long)pid);
    double t0 = now_s();
    int seen = 0;
    /* a cold cache builds first: wait for the boot, however long the build takes */
    while (!seen && now_s() - t0 < 1500 && waitpid(pid, NULL, WNOHANG) == 0) {
        seen = process_with(needle) && process_with("qemu-system-aarch64");
        if (!seen)
            usleep(100000);
    }
    check(seen, "QEMU started");
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    char *text = slurp(err);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 2 && text && strstr(text, "interrupted"),
          "SIGTERM during the boot: %s", text ? text : "");
    check(!process_with(needle) && !work_dir_of(cache, pid), "no QEMU and no work directory left");
    free(text);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: live-errors XSMCAP SOURCE_ROOT\n");
        return 2;
    }
    struct live_tree t;
    int rc = live_tree_open(argv[2], &t);
    if (rc)
        return rc;
    char cache[4096];
    default_cache(cache, sizeof(cache));
    patch_that_does_not_apply(argv[1], &t);
    build_that_fails(argv[1], &t);
    boot_that_times_out(argv[1], &t, cache);
    stopped_during_boot(argv[1], &t, cache);
    live_tree_close(&t);
    printf("live-errors: %d failures\n", failures);
    return failures ? 1 : 0;
}
