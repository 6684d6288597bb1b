/* SPDX-License-Identifier: GPL-2.0-only */
/* The build cache (see cache.h). */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

/* A dead run's work directory is removed only once it is this old: a pid may be reused. */
#define STALE_SECONDS 3600
#define CACHE_PATH_MAX 1024

int xsmp_cache_dir(const char *given, char *out, size_t len, struct xsmp_error *err)
{
    const char *env = getenv("XSMCAP_CACHE");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (given && *given)
        n = snprintf(out, len, "%s", given);
    else if (env && *env)
        n = snprintf(out, len, "%s", env);
    else if (xdg && *xdg)
        n = snprintf(out, len, "%s/xsmcap/probe", xdg);
    else if (home && *home)
        n = snprintf(out, len, "%s/.cache/xsmcap/probe", home);
    else
        return xsmp_fail(err, "no cache directory: set XSMCAP_CACHE or HOME, or give --cache DIR");
    if (n < 0 || (size_t)n >= len)
        return xsmp_fail(err, "cache directory path too long");
    if (xsmp_mkdirs(out, 0755) != 0)
        return xsmp_fail(err, "cannot create the cache directory %s: %s", out, strerror(errno));
    /* absolute: make runs elsewhere (O=); short: every path built under it then fits PATH_MAX */
    char abs[PATH_MAX];
    if (!realpath(out, abs))
        return xsmp_fail(err, "cache directory %s: %s", out, strerror(errno));
    if (strlen(abs) > CACHE_PATH_MAX || strlen(abs) >= len)
        return xsmp_fail(err, "cache directory %s: longer than %d characters", abs, CACHE_PATH_MAX);
    memcpy(out, abs, strlen(abs) + 1);
    xsmp_cache_sweep(out);
    return 0;
}

int xsmp_cache_lookup(const char *cache, const char *kind, const char *key, char *entry,
                      size_t len)
{
    if ((size_t)snprintf(entry, len, "%s/%s/%s", cache, kind, key) >= len)
        return 0;
    return xsmp_is_dir(entry);
}

int xsmp_cache_tmpdir(const char *cache, const char *kind, char *out, size_t len,
                      struct xsmp_error *err)
{
    char base[PATH_MAX];
    xsmp_path(base, sizeof(base), "%s/tmp", cache);
    if (xsmp_mkdirs(base, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", base, strerror(errno));
    if ((size_t)snprintf(out, len, "%s/%s-%ld-XXXXXX", base, kind, (long)getpid()) >= len)
        return xsmp_fail(err, "cache directory path too long");
    if (!mkdtemp(out))
        return xsmp_fail(err, "cannot create a work directory in %s: %s", base, strerror(errno));
    return 0;
}

int xsmp_cache_publish(const char *cache, const char *kind, const char *key, const char *done,
                       char *entry, size_t len, struct xsmp_error *err)
{
    char dir[PATH_MAX];
    xsmp_path(dir, sizeof(dir), "%s/%s", cache, kind);
    if (xsmp_mkdirs(dir, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", dir, strerror(errno));
    if ((size_t)snprintf(entry, len, "%s/%s", dir, key) >= len)
        return xsmp_fail(err, "cache directory path too long");
    if (rename(done, entry) == 0)
        return 0;
    if ((errno == EEXIST || errno == ENOTEMPTY) && xsmp_is_dir(entry)) {
        xsmp_rmtree(done);
        return 0;
    }
    return xsmp_fail(err, "cannot move %s into the cache as %s: %s", done, entry, strerror(errno));
}

int xsmp_cache_warm_claim(const char *cache, const char *name, char *dir, size_t len, int *clean)
{
    char lock[PATH_MAX], mark[PATH_MAX];
    *clean = 0;
    if (xsmp_path(dir, len, "%s/warm/%s", cache, name) ||
        xsmp_path(lock, sizeof(lock), "%s.lock", dir) ||
        xsmp_path(mark, sizeof(mark), "%s/clean", dir) || xsmp_mkdirs(dir, 0755) != 0)
        return -1;
    /* O_CLOEXEC: a child that outlives us must not hold the lock */
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return -1;
    }
    /* the mark goes first: a run that dies from here on leaves the tree unclean */
    *clean = unlink(mark) == 0;
    return fd;
}

void xsmp_cache_warm_release(int lock, const char *dir, int ok)
{
    char mark[PATH_MAX];
    if (ok && xsmp_path(mark, sizeof(mark), "%s/clean", dir) == 0) {
        int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0)
            close(fd);
    }
    close(lock);
}

/* "KIND-PID-XXXXXX": the pid of the run that made it, or 0. */
static long owner_pid(const char *name)
{
    const char *dash = strchr(name, '-');
    if (!dash)
        return 0;
    char *end;
    long pid = strtol(dash + 1, &end, 10);
    return *end == '-' && pid > 0 ? pid : 0;
}

void xsmp_cache_sweep(const char *cache)
{
    char base[PATH_MAX];
    xsmp_path(base, sizeof(base), "%s/tmp", cache);
    DIR *d = opendir(base);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = owner_pid(e->d_name);
        char path[PATH_MAX];
        struct stat st;
        if (!pid || pid == (long)getpid() ||
            (size_t)xsmp_path(path, sizeof(path), "%s/%s", base, e->d_name) >= sizeof(path) ||
            lstat(path, &st) != 0 || now - st.st_mtime < STALE_SECONDS)
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            xsmp_rmtree(path);
    }
    closedir(d);
}
