/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers of the live tests: run a program and keep its output, remove a tree. */
#ifndef LIVE_UTIL_H
#define LIVE_UTIL_H

/*
 * Run argv (argv[0] searched in PATH) and collect its stdout and stderr
 * (malloc'ed, NUL-terminated).  Returns the exit status, or -1 when it
 * could not run or was killed.
 */
int live_run(const char *const *argv, char **out, char **err);
void live_rmtree(const char *path);

/*
 * The Xen tree of the live tests: $XEN_TREE, or the snapshot tarball in
 * ROOT/../shared/xen/ unpacked into tmp; the seed patch: $XEN_PATCH or
 * ROOT/../shared/xen/patches/hwpriv-seed.patch.  tmp is a fresh private
 * directory either way.
 */
struct live_tree {
    char tree[4096];
    char patch[4096];
    char tmp[64];
};

/*
 * 0 when ready; 77 after printing "live: skipped (no Xen tree; set
 * XEN_TREE)" (1 instead when CI=true: a skip must not pass CI); 1 after an
 * error line.
 */
int live_tree_open(const char *root, struct live_tree *t);
void live_tree_close(struct live_tree *t);

#endif
