/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The build cache: DIR/KIND/KEY/ holds one finished product (a hypervisor,
 * the probe guest), DIR/tmp/ the work in progress.  An entry appears by
 * rename(2) of a finished directory, so a reader sees it whole or not at
 * all, and two runs building the same key at once both succeed.
 */
#ifndef XSMP_CACHE_H
#define XSMP_CACHE_H

#include <stddef.h>

#include "probe.h"

/* 1 and the entry's path when KIND/KEY exists, else 0. */
int xsmp_cache_lookup(const char *cache, const char *kind, const char *key, char *entry,
                      size_t len);
/* A fresh private directory under DIR/tmp; 0 or -1 with err set. */
int xsmp_cache_tmpdir(const char *cache, const char *kind, char *out, size_t len,
                      struct xsmp_error *err);
/*
 * Move the finished directory `done` into place as KIND/KEY (entry gets its
 * path).  When another run got there first, ours is removed and theirs used.
 */
int xsmp_cache_publish(const char *cache, const char *kind, const char *key, const char *done,
                       char *entry, size_t len, struct xsmp_error *err);
/*
 * A warm build tree: DIR/warm/NAME/ keeps the sources and objects of the
 * last build of its kind, so the next build with a few changed files
 * recompiles only what they touch.  Builds stay where they are (object
 * files and dependency lists hold absolute paths), so one run at a time
 * owns it: claim takes DIR/warm/NAME.lock without waiting and returns the
 * lock's descriptor (-1: busy or unusable, build elsewhere) and *clean, 1
 * when the last build there finished (else its objects cannot be trusted).
 * release marks the tree clean when `ok` (the run was not killed half
 * way), and drops the lock.
 */
int xsmp_cache_warm_claim(const char *cache, const char *name, char *dir, size_t len, int *clean);
void xsmp_cache_warm_release(int lock, const char *dir, int ok);

/* Remove work directories left by runs that died (their process is gone). */
void xsmp_cache_sweep(const char *cache);

#endif
