/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Child processes of the live probe (make, patch, the cross compiler,
 * QEMU): each in its own process group, its output read through pipes,
 * always reaped.  SIGINT, SIGTERM and SIGHUP are held back while
 * xsmp_signals_hold() is in force and seen only while waiting for a child,
 * so that an interrupted run kills its children, removes its temporary
 * files and returns an error instead of dying half way.
 */
#ifndef XSMP_PROC_H
#define XSMP_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "probe.h"

/* The signal that asked us to stop, or 0. */
int xsmp_stop_signal(void);

/* Search PATH for a program; 1 found, 0 not. */
int xsmp_have_program(const char *name);

/* A child whose stdout and stderr the parent reads. */
struct xsmp_child {
    pid_t pid;        /* also its process group; 0 when not running */
    int out_fd;       /* its stdout, -1 once closed */
    int err_fd;       /* its stderr, or -1 when merged into out_fd */
    int in_fd;        /* its stdin, with XSMP_CHILD_STDIN; else -1 */
    int status;       /* wait status once reaped */
    int reaped;
};

#define XSMP_CHILD_MERGE 1u /* stderr into the stdout pipe */
#define XSMP_CHILD_STDIN 2u /* a pipe to its stdin (else /dev/null) */

/* Start argv[0] (searched in PATH) in directory dir (NULL: ours).  0, or -1 with errno. */
int xsmp_child_start(struct xsmp_child *c, const char *const *argv, const char *dir,
                     unsigned flags);
/* Kill the child's whole process group and reap the child; safe to repeat. */
void xsmp_child_kill(struct xsmp_child *c);
/* Reap if it has exited (no wait); 1 reaped, 0 still running. */
int xsmp_child_poll(struct xsmp_child *c);

/* Outcome of a run to completion. */
enum xsmp_run_status {
    XSMP_RUN_OK = 0,      /* exited 0 */
    XSMP_RUN_FAILED,      /* exited non-zero or by a signal (status says) */
    XSMP_RUN_NOSTART,     /* could not start (errno) */
    XSMP_RUN_STOPPED      /* we were asked to stop: the child was killed */
};

/*
 * Run argv to completion in dir, appending its stdout and stderr to the
 * file `log` (created if missing).  *status gets the wait status.
 */
enum xsmp_run_status xsmp_run(const char *const *argv, const char *dir, const char *log,
                              int *status);

/*
 * Run argv to completion and keep the first line of its output (stdout and
 * stderr) in line[len].  0 when it exited 0, else -1.
 */
int xsmp_capture_line(const char *const *argv, char *line, size_t len);

/* "exit 2", "signal 9" */
void xsmp_status_text(int status, char *buf, size_t len);

/*
 * Wait until one of fds is readable, the timeout (ms, -1 none) passes or a
 * held signal arrives (the only place one is delivered).  Returns the
 * number of readable fds, 0 on timeout, -1 when stopped by a signal.
 * ready[i] is set for each readable fd.
 */
int xsmp_wait_fds(const int *fds, size_t n, int timeout_ms, int *ready);

#endif
