/* SPDX-License-Identifier: GPL-2.0-only */
/* Files and directories for the live probe's cache and work directories. */
#ifndef XSMP_FSUTIL_H
#define XSMP_FSUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "cache_key.h"

/* snprintf for paths: 0, or -1 (ENAMETOOLONG) when it does not fit. */
int xsmp_path(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Each returns 0, or -1 with errno set (and, where given, the path at fault in `where`). */
int xsmp_mkdirs(const char *path, unsigned mode);
int xsmp_rmtree(const char *path);
int xsmp_read_file(const char *path, size_t max, uint8_t **data, size_t *len);
/* Write a file whole: a temporary name beside it, then rename. */
int xsmp_write_file(const char *path, const void *data, size_t len, unsigned mode);
int xsmp_copy_file(const char *src, const char *dst);
int xsmp_is_dir(const char *path);
int xsmp_is_file(const char *path);

/*
 * Add a tree to a hash: every entry under root/rel in byte order of names,
 * with its relative path, kind, executable bit and content (a symlink's
 * target).  A path that is neither file, directory nor symlink, or a tree
 * deeper than 64 levels, fails with `where` naming it.
 */
int xsmp_hash_tree(struct xsmp_key_hash *c, const char *root, const char *rel, char *where, size_t len);
/* The same for the files whose name `keep` accepts (directories are walked, not hashed). */
int xsmp_hash_files(struct xsmp_key_hash *c, const char *root, const char *rel,
                    int (*keep)(const char *name), char *where, size_t len);
/* Copy root/rel to dst/rel the same way (modes kept, symlinks as symlinks). */
int xsmp_copy_tree(const char *root, const char *rel, const char *dst, char *where, size_t len);

/*
 * Make dst/rel a copy of root/rel, touching only what differs: a file whose
 * bytes and executable bit are the same keeps its mtime (so an incremental
 * build rebuilds only what changed), and what root/rel lacks is removed.
 */
int xsmp_sync_tree(const char *root, const char *rel, const char *dst, char *where, size_t len);

#endif
