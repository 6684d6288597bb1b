/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_write_file: an output file appears whole or not at all.  Every
 * failure (missing directory, a directory in the way, a write cut short by
 * RLIMIT_FSIZE) leaves the old file untouched and no temporary behind.
 * Tests run as root, so permission bits cannot make a path unwritable;
 * these failures do not depend on permissions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/xsmc-write-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* How many entries a directory holds. */
static int entries(const char *where)
{
    DIR *d = opendir(where);
    int n = 0;
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static void writes_whole_file(void **state)
{
    (void)state;
    char path[128], got[64];
    path_in(path, sizeof(path), "ok.txt");
    mode_t old = umask(022);
    assert_int_equal(cli_write_file(path, "hello\n", 6), 0);
    umask(old);
    slurp(path, got, sizeof(got));
    assert_string_equal(got, "hello\n");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(entries(dir), 1);
    unlink(path);
}

static void missing_directory_fails_cleanly(void **state)
{
    (void)state;
    char path[128];
    path_in(path, sizeof(path), "no/such/dir/out.txt");
    errno = 0;
    assert_int_equal(cli_write_file(path, "x", 1), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(entries(dir), 0);
}

static void file_as_directory_fails_cleanly(void **state)
{
    (void)state;
    char file[128], path[160];
    path_in(file, sizeof(file), "plain");
    assert_int_equal(cli_write_file(file, "x", 1), 0);
    snprintf(path, sizeof(path), "%s/out.txt", file);
    errno = 0;
    assert_int_equal(cli_write_file(path, "y", 1), -1);
    assert_int_equal(errno, ENOTDIR);
    assert_int_equal(entries(dir), 1);
    unlink(file);
}

static void directory_in_the_way_is_kept(void **state)
{
    (void)state;
    char path[128];
    path_in(path, sizeof(path), "taken");
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(cli_write_file(path, "x", 1), -1);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(entries(dir), 1); /* no temporary left next to it */
    rmdir(path);
}

/*
 * A write cut short (here by RLIMIT_FSIZE, as a full disk would) must keep
 * the previous file and remove the temporary.  Run in a child: the limit
 * and the ignored SIGXFSZ must not leak into the other tests.
 */
static void short_write_keeps_old_file(void **state)
{
    (void)state;
    char path[128], got[64];
    path_in(path, sizeof(path), "report.txt");
    assert_int_equal(cli_write_file(path, "old\n", 4), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim = {4096, 4096};
        signal(SIGXFSZ, SIG_IGN);
        static char big[1 << 16];
        memset(big, 'n', sizeof(big));
        int rc = setrlimit(RLIMIT_FSIZE, &lim) == 0 ? cli_write_file(path, big, sizeof(big)) : 0;
        _exit(rc == -1 && errno == EFBIG ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    slurp(path, got, sizeof(got));
    assert_string_equal(got, "old\n");
    assert_int_equal(entries(dir), 1);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_whole_file),
        cmocka_unit_test(missing_directory_fails_cleanly),
        cmocka_unit_test(file_as_directory_fails_cleanly),
        cmocka_unit_test(directory_in_the_way_is_kept),
        cmocka_unit_test(short_write_keeps_old_file),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
