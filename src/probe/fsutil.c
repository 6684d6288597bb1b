/* SPDX-License-Identifier: GPL-2.0-only */
/* Files and directories: recursive copy, hash and removal, whole-file I/O. */
#include "fsutil.h"
#include "probe.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TREE_MAX_DEPTH 64

int xsmp_path(char *out, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int xsmp_mkdirs(const char *path, unsigned mode)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof(buf)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
            return -1;
        if (!xsmp_is_dir(buf)) {
            errno = ENOTDIR;
            return -1;
        }
        *p = saved;
        if (saved == '\0')
            return 0;
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
    return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

int xsmp_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int xsmp_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int xsmp_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int xsmp_read_file(const char *path, size_t max, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno ? errno : EINVAL;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        int e = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
        close(fd);
        errno = e;
        return -1;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = calloc(1, size ? size : 1);
    size_t got = 0;
    while (buf && got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    int e = errno;
    close(fd);
    if (!buf || got != size) {
        free(buf);
        errno = buf ? (e ? e : EIO) : ENOMEM;
        return -1;
    }
    *data = buf;
    *len = size;
    return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int xsmp_write_file(const char *path, const void *data, size_t len, unsigned mode)
{
    char tmp[PATH_MAX];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path) >= sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    int ok = fchmod(fd, (mode_t)mode) == 0 && write_all(fd, data, len) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return 0;
    e = errno ? errno : e;
    unlink(tmp);
    errno = e;
    return -1;
}

int xsmp_copy_file(const char *src, const char *dst)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    struct stat st;
    if (fstat(in, &st) != 0) {
        close(in);
        return -1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 0777);
    if (out < 0) {
        close(in);
        return -1;
    }
    char buf[65536];
    int rc = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof(buf));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || (r > 0 && write_all(out, buf, (size_t)r) != 0)) {
            rc = -1;
            break;
        }
        if (r == 0)
            break;
    }
    int e = errno;
    close(in);
    if (close(out) != 0)
        rc = -1;
    errno = rc ? e : 0;
    return rc;
}

/* Byte order, not the locale's: the hash must not depend on LC_COLLATE. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_dot(const struct dirent *d)
{
    return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

enum walk_kind { W_FILE = 1, W_DIR, W_LINK };

/* Visit root/rel and everything under it, in byte order of names; 1 from fn skips a subtree. */
typedef int (*visit_fn)(void *ctx, const char *path, const char *rel, enum walk_kind kind,
                        const struct stat *st);

static int walk(const char *root, const char *rel, int depth, visit_fn fn, void *ctx, char *where,
                size_t wlen)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", root, rel) >= sizeof(path)) {
        snprintf(where, wlen, "%s", rel);
        errno = ENAMETOOLONG;
        return -1;
    }
    struct stat st;
    if (lstat(path, &st) != 0 || depth > TREE_MAX_DEPTH) {
        if (depth > TREE_MAX_DEPTH)
            errno = ELOOP;
        snprintf(where, wlen, "%s", path);
        return -1;
    }
    enum walk_kind kind = S_ISREG(st.st_mode) ? W_FILE : S_ISDIR(st.st_mode) ? W_DIR
                        : S_ISLNK(st.st_mode) ? W_LINK : 0;
    if (!kind) {
        snprintf(where, wlen, "%s", path);
        errno = EINVAL;
        return -1;
    }
    int visit = fn(ctx, path, rel, kind, &st);
    if (visit < 0) {
        snprintf(where, wlen, "%s", path);
        return -1;
    }
    if (kind != W_DIR || visit == 1)
        return 0;
    struct dirent **names;
    int n = scandir(path, &names, not_dot, by_name);
    if (n < 0) {
        snprintf(where, wlen, "%s", path);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char sub[PATH_MAX];
        if (rc == 0 &&
            (size_t)snprintf(sub, sizeof(sub), "%s/%s", rel, names[i]->d_name) >= sizeof(sub)) {
            snprintf(where, wlen, "%s/%s", path, names[i]->d_name);
            errno = ENAMETOOLONG;
            rc = -1;
        }
        if (rc == 0)
            rc = walk(root, sub, depth + 1, fn, ctx, where, wlen);
        free(names[i]);
    }
    free(names);
    return rc;
}

struct hash_ctx {
    struct xsmp_key_hash *c;
    int (*keep)(const char *name); /* NULL: every file */
};

static int hash_visit(void *ctx, const char *path, const char *rel, enum walk_kind kind,
                      const struct stat *st)
{
    const struct hash_ctx *hc = ctx;
    struct xsmp_key_hash *c = hc->c;
    const char *base = strrchr(rel, '/');
    if (hc->keep && kind != W_DIR && !hc->keep(base ? base + 1 : rel))
        return 0;
    xsmp_key_add_str(c, rel);
    xsmp_key_add_u64(c, (uint64_t)kind);
    if (kind == W_DIR)
        return 0;
    if (kind == W_LINK) {
        char target[PATH_MAX];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n < 0)
            return -1;
        xsmp_key_add(c, target, (size_t)n);
        xsmp_key_add_u64(c, (uint64_t)n);
        return 0;
    }
    xsmp_key_add_u64(c, (st->st_mode & 0111) != 0);
    xsmp_key_add_u64(c, (uint64_t)st->st_size);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[65536];
    uint64_t total = 0;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof(buf));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            close(fd);
            /* a file that changed size while read must not pass as the old one */
            return r < 0 || total != (uint64_t)st->st_size ? -1 : 0;
        }
        xsmp_key_add(c, buf, (size_t)r);
        total += (uint64_t)r;
    }
}

int xsmp_hash_tree(struct xsmp_key_hash *c, const char *root, const char *rel, char *where, size_t len)
{
    struct hash_ctx hc = {c, NULL};
    return walk(root, rel, 0, hash_visit, &hc, where, len);
}

int xsmp_hash_files(struct xsmp_key_hash *c, const char *root, const char *rel,
                    int (*keep)(const char *name), char *where, size_t len)
{
    struct hash_ctx hc = {c, keep};
    return walk(root, rel, 0, hash_visit, &hc, where, len);
}

struct copy_ctx {
    const char *dst;
};

static int copy_visit(void *ctx, const char *path, const char *rel, enum walk_kind kind,
                      const struct stat *st)
{
    const struct copy_ctx *cc = ctx;
    char out[PATH_MAX];
    if ((size_t)snprintf(out, sizeof(out), "%s/%s", cc->dst, rel) >= sizeof(out)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (kind == W_DIR)
        return mkdir(out, 0755) == 0 || errno == EEXIST ? 0 : -1;
    if (kind == W_LINK) {
        char target[PATH_MAX];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n < 0)
            return -1;
        target[n] = '\0';
        return symlink(target, out);
    }
    (void)st;
    return xsmp_copy_file(path, out);
}

int xsmp_copy_tree(const char *root, const char *rel, const char *dst, char *where, size_t len)
{
    struct copy_ctx cc = {dst};
    return walk(root, rel, 0, copy_visit, &cc, where, len);
}

/* Does dst hold exactly the bytes of src?  Errors count as "no". */
static int same_content(const char *src, const char *dst, const struct stat *st)
{
    struct stat dt;
    if (lstat(dst, &dt) != 0 || !S_ISREG(dt.st_mode) || dt.st_size != st->st_size ||
        (dt.st_mode & 0111) != (st->st_mode & 0111))
        return 0;
    int a = open(src, O_RDONLY | O_CLOEXEC), b = open(dst, O_RDONLY | O_CLOEXEC);
    int same = a >= 0 && b >= 0;
    char ba[65536], bb[65536];
    while (same) {
        ssize_t ra = read(a, ba, sizeof(ba));
        ssize_t rb = ra > 0 ? read(b, bb, (size_t)ra) : 0;
        if (ra <= 0) {
            same = ra == 0 && read(b, bb, 1) == 0;
            break;
        }
        same = rb == ra && memcmp(ba, bb, (size_t)ra) == 0;
    }
    if (a >= 0)
        close(a);
    if (b >= 0)
        close(b);
    return same;
}

static int same_link(const char *src, const char *dst)
{
    char ta[PATH_MAX], tb[PATH_MAX];
    ssize_t na = readlink(src, ta, sizeof(ta)), nb = readlink(dst, tb, sizeof(tb));
    return na >= 0 && na == nb && memcmp(ta, tb, (size_t)na) == 0;
}

static int sync_visit(void *ctx, const char *path, const char *rel, enum walk_kind kind,
                      const struct stat *st)
{
    const struct copy_ctx *cc = ctx;
    char out[PATH_MAX];
    struct stat dt;
    if (xsmp_path(out, sizeof(out), "%s/%s", cc->dst, rel))
        return -1;
    int exists = lstat(out, &dt) == 0;
    if (kind == W_DIR) {
        if (exists && S_ISDIR(dt.st_mode))
            return 0;
        if (exists && xsmp_rmtree(out) != 0)
            return -1;
        return mkdir(out, 0755);
    }
    /* an unchanged file keeps its old mtime, so make rebuilds nothing for it */
    if (exists && (kind == W_FILE ? same_content(path, out, st) : same_link(path, out)))
        return 0;
    if (exists && xsmp_rmtree(out) != 0)
        return -1;
    return copy_visit(ctx, path, rel, kind, st);
}

/* Second pass: what dst has and the source lacks goes. */
static int prune_visit(void *ctx, const char *path, const char *rel, enum walk_kind kind,
                       const struct stat *st)
{
    const char *root = ctx;
    char src[PATH_MAX];
    struct stat sst;
    (void)kind;
    (void)st;
    if (xsmp_path(src, sizeof(src), "%s/%s", root, rel))
        return -1;
    if (lstat(src, &sst) == 0)
        return 0;
    if (errno != ENOENT)
        return -1;
    return xsmp_rmtree(path) == 0 ? 1 : -1;
}

int xsmp_sync_tree(const char *root, const char *rel, const char *dst, char *where, size_t len)
{
    struct copy_ctx to_dst = {dst};
    if (walk(root, rel, 0, sync_visit, &to_dst, where, len) != 0)
        return -1;
    return walk(dst, rel, 0, prune_visit, (void *)root, where, len);
}

void xsmp_print_tail(FILE *out, const char *path, unsigned lines, const char *prefix)
{
    uint8_t *data;
    size_t len;
    if (xsmp_read_file(path, (size_t)64 << 20, &data, &len) != 0)
        return;
    size_t start = len;
    unsigned seen = 0;
    /* step back over `lines` newlines, ignoring the one that ends the file */
    while (start > 0) {
        if (data[start - 1] == '\n' && start != len && ++seen == lines)
            break;
        start--;
    }
    size_t i = start;
    while (i < len) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        fprintf(out, "%s%.*s\n", prefix, (int)(e - i), (const char *)data + i);
        i = e + 1;
    }
    free(data);
}
