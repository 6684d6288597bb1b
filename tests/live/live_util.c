/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers of the live tests (see live_util.h). */
#include "live_util.h"

#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct buf {
    char *data;
    size_t len;
};

static int append(struct buf *b, const char *p, size_t n)
{
    char *d = realloc(b->data, b->len + n + 1);
    if (!d)
        return -1;
    memcpy(d + b->len, p, n);
    b->len += n;
    d[b->len] = '\0';
    b->data = d;
    return 0;
}

int live_run(const char *const *argv, char **out, char **err)
{
    int po[2], pe[2];
    *out = *err = NULL;
    if (pipe(po) != 0)
        return -1;
    if (pipe(pe) != 0) {
        close(po[0]);
        close(po[1]);
        return -1;
    }
    /* what we printed must not be printed again by the child */
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]);
        close(pe[0]);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    struct buf bo = {0}, be = {0};
    struct pollfd p[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds && pid > 0) {
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[65536];
            ssize_t n = read(p[i].fd, chunk, sizeof(chunk));
            if (n > 0 && append(i ? &be : &bo, chunk, (size_t)n) == 0)
                continue;
            close(p[i].fd);
            p[i].fd = -1;
            open_fds--;
        }
    }
    for (int i = 0; i < 2; i++)
        if (p[i].fd >= 0)
            close(p[i].fd);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        free(bo.data);
        free(be.data);
        return -1;
    }
    *out = bo.data ? bo.data : strdup("");
    *err = be.data ? be.data : strdup("");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void live_rmtree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#define TARBALL "xen-c447b7308b-hypervisor.tar.xz"
#define TOPDIR  "xen-c447b7308b-hypervisor"

static int fits(int n, size_t len)
{
    return n >= 0 && (size_t)n < len;
}

int live_tree_open(const char *root, struct live_tree *t)
{
    char shared[4096], tarball[4096];
    const char *env_patch = getenv("XEN_PATCH"), *env_tree = getenv("XEN_TREE");
    memset(t, 0, sizeof(*t));
    if (!fits(snprintf(shared, sizeof(shared), "%s/../shared/xen", root), sizeof(shared)) ||
        !fits(snprintf(tarball, sizeof(tarball), "%s/" TARBALL, shared), sizeof(tarball)) ||
        !fits(env_patch && *env_patch
                  ? snprintf(t->patch, sizeof(t->patch), "%s", env_patch)
                  : snprintf(t->patch, sizeof(t->patch), "%s/patches/hwpriv-seed.patch", shared),
              sizeof(t->patch)) ||
        (env_tree && !fits(snprintf(t->tree, sizeof(t->tree), "%s", env_tree), sizeof(t->tree)))) {
        printf("live: path too long under %s\n", root);
        return 1;
    }
    if (!t->tree[0] && access(tarball, R_OK) != 0) {
        printf("live: skipped (no Xen tree; set XEN_TREE)\n");
        const char *ci = getenv("CI");
        return ci && !strcmp(ci, "true") ? 1 : 77;
    }
    if (access(t->patch, R_OK) != 0) {
        printf("live: cannot read the seed patch %s (set XEN_PATCH)\n", t->patch);
        return 1;
    }
    snprintf(t->tmp, sizeof(t->tmp), "/tmp/xsmcap-live-XXXXXX");
    if (!mkdtemp(t->tmp)) {
        perror("mkdtemp");
        return 1;
    }
    if (t->tree[0])
        return 0;
    const char *tar[] = {"tar", "-xf", tarball, "-C", t->tmp, NULL};
    char *o = NULL, *e = NULL;
    int st = live_run(tar, &o, &e);
    if (st != 0)
        printf("live: cannot unpack %s: %s\n", tarball, e ? e : "");
    free(o);
    free(e);
    if (st != 0) {
        live_rmtree(t->tmp);
        return 1;
    }
    snprintf(t->tree, sizeof(t->tree), "%s/" TOPDIR, t->tmp);
    return 0;
}

void live_tree_close(struct live_tree *t)
{
    live_rmtree(t->tmp);
}
