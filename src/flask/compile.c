/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compile a policy source with Debian's checkpolicy, as a child process:
 * `checkpolicy -t Xen -c 30`.  -t Xen writes the XenFlask layout; -c 30 is
 * POLICYDB_VERSION_XEN_DEVICETREE, the highest Xen reads (without -c,
 * checkpolicy 3.4 fails: it knows no Xen layout for its default 33).
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xsmcap/flask.h"

extern char **environ;

static int write_all(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return (fclose(f) == 0 && n == len) ? 0 : -1;
}

static void *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16384;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* The first line checkpolicy printed, to quote in our one-line error. */
static void first_line(const char *path, char *out, size_t len)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0]) {
            snprintf(out, len, "%s", line);
            break;
        }
    }
    fclose(f);
}

static void remove_dir(const char *dir)
{
    static const char *const files[] = {"policy.conf", "xenpolicy", "checkpolicy.log"};
    char path[4200];
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

void *xsmc_flask_compile(const char *prog, const char *source, size_t *len,
                         char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], conf[4200], bin[4200], log[4200];
    snprintf(dir, sizeof(dir), "%s/xsmcap-flask-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot create a temporary directory: %s", strerror(errno));
        return NULL;
    }
    snprintf(conf, sizeof(conf), "%s/policy.conf", dir);
    snprintf(bin, sizeof(bin), "%s/xenpolicy", dir);
    snprintf(log, sizeof(log), "%s/checkpolicy.log", dir);
    void *out = NULL;
    if (write_all(conf, source, strlen(source))) {
        snprintf(err, errlen, "cannot write %s: %s", conf, strerror(errno));
        goto done;
    }
    if (!prog)
        prog = "checkpolicy";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
    char *argv[] = {(char *)prog, "-t", "Xen", "-c", "30", conf, "-o", bin, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    while (rc == 0 && waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            snprintf(err, errlen, "waiting for %s: %s", prog, strerror(errno));
            goto done;
        }
    }
    /* glibc reports a failed exec as ENOENT, or (without vfork, e.g. under valgrind) as exit 127 */
    if (rc == ENOENT || (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127)) {
        snprintf(err, errlen, "%s not found: install Debian's checkpolicy package "
                              "(apt-get install checkpolicy) or give --checkpolicy PATH", prog);
        goto done;
    }
    if (rc) {
        snprintf(err, errlen, "cannot run %s: %s", prog, strerror(rc));
        goto done;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[512];
        first_line(log, line, sizeof(line));
        snprintf(err, errlen, "%s -t Xen -c 30 failed%s%s", prog, line[0] ? ": " : "", line);
        goto done;
    }
    out = read_all(bin, len);
    if (!out)
        snprintf(err, errlen, "cannot read %s's output %s", prog, bin);
done:
    remove_dir(dir);
    return out;
}
