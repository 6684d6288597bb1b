/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The build cache (src/probe/cache.c): entries appear whole or not at all,
 * a run that finishes second uses the first one's entry, a warm tree has
 * one owner at a time, work directories of dead runs go once old, and a
 * synced tree is touched only where it differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cache.h"
#include "fsutil.h"

struct fixture {
    char dir[64];
    char cache[4096];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    struct xsmp_error err;
    snprintf(f->dir, sizeof(f->dir), "/tmp/xsmcap-cache-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char given[128];
    snprintf(given, sizeof(given), "%s/c", f->dir);
    assert_int_equal(xsmp_cache_dir(given, f->cache, sizeof(f->cache), &err), 0);
    assert_true(xsmp_is_dir(f->cache));
    assert_int_equal(f->cache[0], '/');
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    xsmp_rmtree(f->dir);
    free(f);
    return 0;
}

/* A finished directory with one file in it. */
static void finished(const char *cache, const char *text, char *out, size_t len)
{
    struct xsmp_error err;
    char file[4200];
    assert_int_equal(xsmp_cache_tmpdir(cache, "xen", out, len, &err), 0);
    snprintf(file, sizeof(file), "%s/xen", out);
    assert_int_equal(xsmp_write_file(file, text, strlen(text), 0644), 0);
}

static void the_first_publisher_wins(void **state)
{
    struct fixture *f = *state;
    struct xsmp_error err;
    char a[4200], b[4200], entry[4200], file[4300];
    assert_false(xsmp_cache_lookup(f->cache, "xen", "k1", entry, sizeof(entry)));
    finished(f->cache, "first", a, sizeof(a));
    finished(f->cache, "second", b, sizeof(b));
    assert_int_equal(xsmp_cache_publish(f->cache, "xen", "k1", a, entry, sizeof(entry), &err), 0);
    assert_int_equal(xsmp_cache_publish(f->cache, "xen", "k1", b, entry, sizeof(entry), &err), 0);
    assert_true(xsmp_cache_lookup(f->cache, "xen", "k1", entry, sizeof(entry)));
    snprintf(file, sizeof(file), "%s/xen", entry);
    uint8_t *data;
    size_t len;
    assert_int_equal(xsmp_read_file(file, 64, &data, &len), 0);
    assert_memory_equal(data, "first", 5);
    free(data);
    assert_false(xsmp_is_dir(a)); /* moved */
    assert_false(xsmp_is_dir(b)); /* removed */
}

static void a_warm_tree_has_one_owner(void **state)
{
    struct fixture *f = *state;
    char dir[4200], dir2[4200];
    int clean = -1;
    int lock = xsmp_cache_warm_claim(f->cache, "default-x", dir, sizeof(dir), &clean);
    assert_true(lock >= 0);
    assert_int_equal(clean, 0); /* nothing built there yet */
    assert_int_equal(xsmp_cache_warm_claim(f->cache, "default-x", dir2, sizeof(dir2), &clean), -1);
    xsmp_cache_warm_release(lock, dir, 1);
    lock = xsmp_cache_warm_claim(f->cache, "default-x", dir, sizeof(dir), &clean);
    assert_true(lock >= 0);
    assert_int_equal(clean, 1);
    /* a run that dies now leaves it unclean: the mark went at the claim */
    xsmp_cache_warm_release(lock, dir, 0);
    lock = xsmp_cache_warm_claim(f->cache, "default-x", dir, sizeof(dir), &clean);
    assert_true(lock >= 0);
    assert_int_equal(clean, 0);
    xsmp_cache_warm_release(lock, dir, 1);
}

static void make_work_dir(const char *cache, const char *name, time_t age)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/tmp/%s", cache, name);
    assert_int_equal(xsmp_mkdirs(path, 0755), 0);
    struct timespec times[2] = {{time(NULL) - age, 0}, {time(NULL) - age, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static int work_dir_exists(const char *cache, const char *name)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/tmp/%s", cache, name);
    return xsmp_is_dir(path);
}

static void dead_runs_are_swept_once_old(void **state)
{
    struct fixture *f = *state;
    char alive[64];
    /* pid 2^22 + 1 is above Linux's pid_max limit: no process has it */
    make_work_dir(f->cache, "xen-4194305-old", 7200);
    make_work_dir(f->cache, "xen-4194305-new", 60);
    snprintf(alive, sizeof(alive), "boot-%ld-old", (long)getppid());
    make_work_dir(f->cache, alive, 7200);
    xsmp_cache_sweep(f->cache);
    assert_false(work_dir_exists(f->cache, "xen-4194305-old"));
    assert_true(work_dir_exists(f->cache, "xen-4194305-new"));
    assert_true(work_dir_exists(f->cache, alive));
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    assert_int_equal(xsmp_write_file(path, text, strlen(text), 0644), 0);
}

/* xsmp_sync_tree: unchanged files keep their mtime, changed ones are rewritten, missing ones go. */
static void a_sync_touches_only_what_differs(void **state)
{
    struct fixture *f = *state;
    char src[128], dst[128], from[160], to[160], path[200], where[256];
    snprintf(src, sizeof(src), "%s/src", f->dir);
    snprintf(dst, sizeof(dst), "%s/dst", f->dir);
    snprintf(from, sizeof(from), "%s/t", src);
    snprintf(to, sizeof(to), "%s/t", dst);
    assert_int_equal(xsmp_mkdirs(from, 0755), 0);
    assert_int_equal(xsmp_mkdirs(dst, 0755), 0);
    put(from, "same", "unchanged\n");
    put(from, "changed", "old text\n");
    put(from, "gone", "removed from the source\n");
    assert_int_equal(xsmp_sync_tree(src, "t", dst, where, sizeof(where)), 0);

    /* the copy of the unchanged file made long ago */
    const struct timespec old[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    snprintf(path, sizeof(path), "%s/same", to);
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    /* same size, other bytes: only the content tells them apart */
    put(from, "changed", "new text\n");
    snprintf(path, sizeof(path), "%s/gone", from);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(xsmp_sync_tree(src, "t", dst, where, sizeof(where)), 0);

    struct stat st;
    snprintf(path, sizeof(path), "%s/same", to);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mtim.tv_sec, 1000000000);
    assert_int_equal(st.st_mtim.tv_nsec, 0);
    uint8_t *data;
    size_t len;
    snprintf(path, sizeof(path), "%s/changed", to);
    assert_int_equal(xsmp_read_file(path, 4096, &data, &len), 0);
    assert_int_equal(len, strlen("new text\n"));
    assert_memory_equal(data, "new text\n", len);
    free(data);
    snprintf(path, sizeof(path), "%s/gone", to);
    assert_int_equal(lstat(path, &st), -1);
    assert_false(xsmp_is_file(path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_first_publisher_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(a_warm_tree_has_one_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(dead_runs_are_swept_once_old, setup, teardown),
        cmocka_unit_test_setup_teardown(a_sync_touches_only_what_differs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
