/* SPDX-License-Identifier: GPL-2.0-only */
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

/* The names dtc knows the input by, and the user's name for all of them. */
struct dtc_names {
    const char *path;    /* the user's file */
    const char *out;     /* the temporary blob: dtc names it where a message has no position */
    const char *wrapper; /* the temporary wrapper of a fragment */
    const char *abs;     /* the fragment's absolute path, as the wrapper includes it */
};

/*
 * dtc's "FILE:LINE.COL-LINE.COL" (or "FILE") of `loc[0..n)`, with the file
 * named as the user named it; a place in a temporary file of ours is the
 * user's file as a whole ("FILE:/", as the readers name it).
 */
static void location(char *buf, size_t len, const char *loc, size_t n, const struct dtc_names *nm)
{
    const char *colon = memchr(loc, ':', n);
    size_t flen = colon ? (size_t)(colon - loc) : n;
    const char *ours[] = {nm->out, nm->wrapper};
    for (size_t i = 0; i < 2; i++)
        if (ours[i] && strlen(ours[i]) == flen && strncmp(loc, ours[i], flen) == 0) {
            snprintf(buf, len, "%s:/", nm->path);
            return;
        }
    int same = strlen(nm->path) == flen && strncmp(loc, nm->path, flen) == 0;
    if (nm->abs && strlen(nm->abs) == flen && strncmp(loc, nm->abs, flen) == 0)
        same = 1;
    if (same)
        snprintf(buf, len, "%s%.*s", nm->path, (int)(n - flen), loc + flen);
    else
        snprintf(buf, len, "%.*s", (int)n, loc);
    if (!colon)
        snprintf(buf + strlen(buf), len - strlen(buf), ":/");
}

/*
 * One line of dtc's stderr as a diagnostic: "LOC: Warning (CHECK): text" and
 * "LOC: ERROR (CHECK): text" from its checks, "Error: LOC text" from its
 * parser, "FATAL ERROR: text".  Returns the severity (XSMC_WARNING or
 * XSMC_ERROR) with the line in out, or -1 for a line that is none of
 * these (dtc's closing summary, an indented continuation).
 */
static int dtc_line(const char *line, size_t n, const struct dtc_names *nm, char *out, size_t len)
{
    char loc[512];
    static const struct {
        const char *key;
        int severity;
    } checks[] = {{": Warning (", XSMC_WARNING}, {": ERROR (", XSMC_ERROR}};
    for (size_t i = 0; i < 2; i++) {
        const char *k = strstr(line, checks[i].key);
        const char *close = k && k < line + n ? strstr(k, "): ") : NULL;
        if (!close || close >= line + n)
            continue;
        const char *check = k + strlen(checks[i].key), *text = close + 3;
        location(loc, sizeof(loc), line, (size_t)(k - line), nm);
        snprintf(out, len, "%s: %s: [dtc-%s] %.*s (dtc: %.*s)", loc,
                 checks[i].severity == XSMC_ERROR ? "error" : "warning",
                 checks[i].severity == XSMC_ERROR ? "failed" : "warning",
                 (int)(line + n - text), text, (int)(close - check), check);
        return checks[i].severity;
    }
    if (strncmp(line, "Error: ", 7) == 0) {
        /* "Error: FILE:10.19-77 syntax error" -> "FILE:10.19-77: error: [dtc-failed] syntax error" */
        const char *at = line + 7, *space = memchr(at, ' ', n - 7);
        if (space && memchr(at, ':', (size_t)(space - at))) {
            location(loc, sizeof(loc), at, (size_t)(space - at), nm);
            snprintf(out, len, "%s: error: [dtc-failed] %.*s (dtc)", loc,
                     (int)(line + n - space - 1), space + 1);
        } else {
            snprintf(out, len, "%s:/: error: [dtc-failed] %.*s (dtc)", nm->path, (int)(n - 7), at);
        }
        return XSMC_ERROR;
    }
    if (strncmp(line, "FATAL ERROR: ", 13) == 0) {
        snprintf(out, len, "%s:/: error: [dtc-failed] %.*s (dtc)", nm->path, (int)(n - 13), line + 13);
        return XSMC_ERROR;
    }
    return -1;
}

/*
 * dtc's messages: each warning to the caller's tool_warning, the first
 * error into err.  Returns 1 when an error was found.
 */
static int dtc_messages(const char *text, const struct dtc_names *nm,
                        const struct xsmc_load_opts *opts, char *err, size_t errlen)
{
    int errors = 0;
    char out[1024];
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        int severity = dtc_line(line, n, nm, out, sizeof(out));
        if (severity == XSMC_WARNING && opts && opts->tool_warning)
            opts->tool_warning(out, opts->tool_ctx);
        if (severity == XSMC_ERROR && !errors++)
            snprintf(err, errlen, "%s", out);
        line += n + (line[n] == '\n');
    }
    return errors > 0;
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

int xsmc_dtc_compile(const char *path, int kind, const struct xsmc_load_opts *opts, void **blob,
                     size_t *len, char *err, size_t errlen)
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
    /* without -q: dtc's warnings are the user's, as when they run dtc themselves */
    char *argv[] = {"dtc", "-I", "dts", "-O", "dtb", "-o", out, NULL, NULL, NULL};
    int argc = 7;
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
    struct dtc_names names = {path, out, kind == XSMC_DTS_FRAGMENT ? wrapper : NULL, abs};
    char *text = NULL;
    size_t n = 0;
    int failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    int said = read_all(errfile, &text, &n, 1 << 16) == 0 && dtc_messages(text, &names, opts, err, errlen);
    free(text);
    if (failed) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_MISSING, "dtc is not installed");
        else if (!said)
            xsmc_fail(err, errlen, path, "/", XSMC_R_DTC_FAILED, "dtc failed without a message");
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
