/*
 * Compiling device-tree source with the dtc program: a child process
 * without a shell, its output and errors in a private temporary directory.
 * A .dtsi fragment has no /dts-v1/ header, so it is compiled through a
 * wrapper that includes it; an overlay (/plugin/) needs dtc -@.
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

#include "dtc.h"
#include "fdt_read.h"

extern char **environ;

static int read_all(const char *path, char **out, size_t *len, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap || n > max)
            break;
        char *more = realloc(buf, cap * 2 + 1);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    fclose(f);
    if (!buf)
        return -1;
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* dtc's first "Error: FILE:LINE.COL-COL message" (or FATAL ERROR) as one line. */
static void dtc_message(const char *text, const char *file, char *err, size_t errlen)
{
    const char *line = strstr(text, "Error: ");
    const char *fatal = strstr(text, "FATAL ERROR: ");
    if (line) {
        line += 7;
        size_t n = strcspn(line, "\n");
        /* "FILE:10.19-77 syntax error" -> "FILE:10.19-77: error: [dtc-failed] syntax error" */
        const char *space = memchr(line, ' ', n);
        if (space && memchr(line, ':', (size_t)(space - line)))
            snprintf(err, errlen, "%.*s: error: [dtc-failed] %.*s (dtc)", (int)(space - line), line,
                     (int)(n - (size_t)(space - line) - 1), space + 1);
        else
            snprintf(err, errlen, "%s:/: error: [dtc-failed] %.*s (dtc)", file, (int)n, line);
    } else if (fatal) {
        fatal += 13;
        snprintf(err, errlen, "%s:/: error: [dtc-failed] %.*s (dtc)", file,
                 (int)strcspn(fatal, "\n"), fatal);
    } else {
        snprintf(err, errlen, "%s:/: error: [dtc-failed] dtc failed without a message", file);
    }
}

static int run_dtc(char *const argv[], const char *errfile, int *status)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    if (posix_spawn_file_actions_init(&fa))
        return -1;
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int rc = posix_spawnp(&pid, "dtc", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc) {
        errno = rc;
        return -1;
    }
    while (waitpid(pid, status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

int xsmc_dtc_compile(const char *path, int kind, void **blob, size_t *len, char *err, size_t errlen)
{
    char dir[] = "/tmp/xsmcap-dtc-XXXXXX";
    char out[64], errfile[64], wrapper[64];
    char *abs = NULL;
    int rc = -1;
    if (!mkdtemp(dir)) {
        xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot make a temporary directory: %s",
                  strerror(errno));
        return -1;
    }
    snprintf(out, sizeof(out), "%s/out.dtb", dir);
    snprintf(errfile, sizeof(errfile), "%s/dtc.err", dir);
    snprintf(wrapper, sizeof(wrapper), "%s/wrap.dts", dir);
    const char *input = path;
    if (kind == XSMC_DTS_FRAGMENT) {
        abs = realpath(path, NULL);
        FILE *w = abs && !strpbrk(abs, "\"\\\n") ? fopen(wrapper, "w") : NULL;
        if (!w) {
            xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot wrap the fragment for dtc");
            goto out;
        }
        fprintf(w, "/dts-v1/;\n/ { };\n/include/ \"%s\"\n", abs);
        fclose(w);
        input = wrapper;
    }
    char *argv[] = {"dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, NULL, NULL, NULL};
    int argc = 8;
    if (kind == XSMC_DTS_OVERLAY)
        argv[argc++] = "-@";
    argv[argc] = (char *)input;
    int status = 0;
    if (run_dtc(argv, errfile, &status)) {
        xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_MISSING,
                  "cannot run dtc (%s): .dts files are compiled by the device-tree compiler",
                  strerror(errno));
        goto out;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char *text = NULL;
        size_t n = 0;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_MISSING, "dtc is not installed");
        else if (read_all(errfile, &text, &n, 1 << 16) == 0)
            dtc_message(text, path, err, errlen);
        else
            xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_FAILED, "dtc failed");
        free(text);
        goto out;
    }
    char *data = NULL;
    if (read_all(out, &data, len, DT_MAX_FILE) || *len > DT_MAX_FILE) {
        free(data);
        xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_FAILED, "dtc produced no readable blob");
        goto out;
    }
    *blob = data;
    rc = 0;
out:
    unlink(out);
    unlink(errfile);
    unlink(wrapper);
    rmdir(dir);
    free(abs);
    return rc;
}
