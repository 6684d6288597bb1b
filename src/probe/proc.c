/* SPDX-License-Identifier: GPL-2.0-only */
/* Child processes and the signals that stop them (see proc.h). */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;
static sigset_t held_mask, old_mask;
static struct sigaction old_actions[3], old_pipe;
static const int held_signals[3] = {SIGINT, SIGTERM, SIGHUP};
static int holding;

static void on_signal(int sig)
{
    stop_signal = sig;
}

void xsmp_signals_hold(void)
{
    if (holding++)
        return;
    sigemptyset(&held_mask);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* no SA_RESTART: the wait in ppoll must return */
    for (size_t i = 0; i < 3; i++) {
        sigaddset(&held_mask, held_signals[i]);
        sigaction(held_signals[i], &sa, &old_actions[i]);
    }
    /* a child's stdin that closed is an EPIPE to handle, not a reason to die */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &old_pipe);
    sigprocmask(SIG_BLOCK, &held_mask, &old_mask);
}

void xsmp_signals_release(void)
{
    if (!holding || --holding)
        return;
    for (size_t i = 0; i < 3; i++)
        sigaction(held_signals[i], &old_actions[i], NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

int xsmp_stop_signal(void)
{
    return stop_signal;
}

int xsmp_have_program(const char *name)
{
    const char *path = getenv("PATH");
    if (strchr(name, '/'))
        return access(name, X_OK) == 0;
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        char full[PATH_MAX];
        if (n && (size_t)snprintf(full, sizeof(full), "%.*s/%s", (int)n, path, name) < sizeof(full) &&
            access(full, X_OK) == 0)
            return 1;
        path += n + (end != NULL);
    }
    return 0;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void __attribute__((noreturn)) child_exec(const char *const *argv, const char *dir, int in,
                                                 int out, int err)
{
    setpgid(0, 0);
    for (size_t i = 0; i < 3; i++)
        signal(held_signals[i], SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (in < 0)
        in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
    if (dir && chdir(dir) != 0)
        _exit(127);
    execvp(argv[0], (char *const *)argv);
    _exit(127);
}

int xsmp_child_start(struct xsmp_child *c, const char *const *argv, const char *dir,
                     unsigned flags)
{
    int out[2], err[2] = {-1, -1}, in[2] = {-1, -1};
    int merge = (flags & XSMP_CHILD_MERGE) != 0;
    memset(c, 0, sizeof(*c));
    c->out_fd = c->err_fd = c->in_fd = -1;
    if (!xsmp_have_program(argv[0])) {
        errno = ENOENT;
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) != 0)
        return -1;
    if ((!merge && pipe2(err, O_CLOEXEC) != 0) ||
        ((flags & XSMP_CHILD_STDIN) && pipe2(in, O_CLOEXEC) != 0)) {
        int e = errno;
        int fds[] = {out[0], out[1], err[0], err[1], in[0], in[1]};
        for (size_t i = 0; i < 6; i++)
            if (fds[i] >= 0)
                close(fds[i]);
        errno = e;
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0)
        child_exec(argv, dir, in[0], out[1], merge ? out[1] : err[1]);
    int e = errno;
    int theirs[] = {out[1], err[1], in[0]};
    for (size_t i = 0; i < 3; i++)
        if (theirs[i] >= 0)
            close(theirs[i]);
    if (pid < 0) {
        int ours[] = {out[0], err[0], in[1]};
        for (size_t i = 0; i < 3; i++)
            if (ours[i] >= 0)
                close(ours[i]);
        errno = e;
        return -1;
    }
    /* also here: a kill before the child ran setpgid must still reach its group */
    setpgid(pid, pid);
    c->pid = pid;
    c->out_fd = out[0];
    c->err_fd = err[0];
    c->in_fd = in[1];
    return 0;
}

static void close_fds(struct xsmp_child *c)
{
    if (c->out_fd >= 0)
        close(c->out_fd);
    if (c->err_fd >= 0)
        close(c->err_fd);
    if (c->in_fd >= 0)
        close(c->in_fd);
    c->out_fd = c->err_fd = c->in_fd = -1;
}

void xsmp_child_kill(struct xsmp_child *c)
{
    if (c->pid > 0) {
        kill(-c->pid, SIGKILL);
        if (!c->reaped) {
            while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
                ;
            c->reaped = 1;
        }
        c->pid = 0;
    }
    close_fds(c);
}

int xsmp_child_poll(struct xsmp_child *c)
{
    if (c->reaped)
        return 1;
    if (c->pid <= 0)
        return 1;
    if (waitpid(c->pid, &c->status, WNOHANG) == c->pid) {
        c->reaped = 1;
        /* whatever the child left in its group goes with it */
        kill(-c->pid, SIGKILL);
        return 1;
    }
    return 0;
}

int xsmp_wait_fds(const int *fds, size_t n, int timeout_ms, int *ready)
{
    struct pollfd p[8];
    if (n > 8)
        n = 8;
    for (size_t i = 0; i < n; i++) {
        p[i].fd = fds[i];
        p[i].events = POLLIN;
        p[i].revents = 0;
        ready[i] = 0;
    }
    if (stop_signal)
        return -1;
    struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
    sigset_t open_mask;
    sigprocmask(SIG_SETMASK, NULL, &open_mask);
    for (size_t i = 0; i < 3; i++)
        sigdelset(&open_mask, held_signals[i]);
    int r = ppoll(p, n, timeout_ms < 0 ? NULL : &ts, &open_mask);
    if (stop_signal)
        return -1;
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    for (size_t i = 0; i < n; i++)
        ready[i] = (p[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    return r;
}

enum xsmp_run_status xsmp_run(const char *const *argv, const char *dir, const char *log,
                              int *status)
{
    *status = 0;
    int logfd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (logfd < 0)
        return XSMP_RUN_NOSTART;
    struct xsmp_child c;
    if (xsmp_child_start(&c, argv, dir, XSMP_CHILD_MERGE) != 0) {
        int e = errno;
        close(logfd);
        errno = e;
        return XSMP_RUN_NOSTART;
    }
    char buf[65536];
    int eof = 0;
    /* until the output ends and the child is gone; signals are seen only in the wait */
    while (!eof || !xsmp_child_poll(&c)) {
        int ready = 0;
        int r = xsmp_wait_fds(&c.out_fd, eof ? 0 : 1, eof ? 100 : 500, &ready);
        if (r < 0) {
            xsmp_child_kill(&c);
            close(logfd);
            return XSMP_RUN_STOPPED;
        }
        if (!eof && !ready)
            xsmp_child_poll(&c); /* reaping kills what it left holding the pipe */
        if (eof || !ready)
            continue;
        ssize_t got = read(c.out_fd, buf, sizeof(buf));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            eof = 1;
            continue;
        }
        /* the log is for people: a failed write loses text, not the build */
        ssize_t put = write(logfd, buf, (size_t)got);
        (void)put;
    }
    close(logfd);
    xsmp_child_kill(&c);
    *status = c.status;
    return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0 ? XSMP_RUN_OK : XSMP_RUN_FAILED;
}

int xsmp_capture_line(const char *const *argv, char *line, size_t len)
{
    struct xsmp_child c;
    size_t used = 0;
    int full = 0;
    line[0] = '\0';
    if (xsmp_child_start(&c, argv, NULL, XSMP_CHILD_MERGE) != 0)
        return -1;
    char buf[4096];
    for (;;) {
        int ready = 0;
        int r = xsmp_wait_fds(&c.out_fd, 1, 1000, &ready);
        if (r < 0)
            break;
        if (!ready) {
            xsmp_child_poll(&c);
            continue;
        }
        ssize_t got = read(c.out_fd, buf, sizeof(buf));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        /* the first line is all we keep; the rest is read only to let the child finish */
        for (ssize_t i = 0; i < got && !full; i++) {
            if (buf[i] == '\n' || used + 1 >= len)
                full = 1;
            else
                line[used++] = buf[i];
        }
        line[used] = '\0';
    }
    while (!xsmp_child_poll(&c) && !xsmp_stop_signal())
        xsmp_wait_fds(NULL, 0, 50, NULL);
    xsmp_child_kill(&c);
    return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0 && !xsmp_stop_signal() ? 0 : -1;
}

void xsmp_status_text(int status, char *buf, size_t len)
{
    if (WIFEXITED(status))
        snprintf(buf, len, "exit %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, len, "signal %d", WTERMSIG(status));
    else
        snprintf(buf, len, "status %d", status);
}
