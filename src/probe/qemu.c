/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot plans under QEMU: write each domain's module (the probe guest with
 * its script appended), the boot device tree, start one QEMU per plan, all
 * at once (a boot mostly waits: Xen counts down three seconds when SILO is
 * off), read their consoles until every domain is done, then stop them.
 * Every QEMU is killed and reaped on every path.
 *
 * A boot that times out first has Xen dump its state into the console log
 * (debug keys through the serial line), then runs once more: a hang that
 * does not come back is the machine's, one that does is reported.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boot.h"
#include "cache.h"
#include "fsutil.h"
#include "proc.h"

#define QEMU "qemu-system-aarch64"
#define QEMU_PACKAGE "qemu-system-arm"
#define MACHINE "virt,virtualization=on,gic-version=2"
#define MAX_BOOTS 4
#define ATTEMPTS 2
#define DUMP_SECONDS 1.5
#define READ_CHUNK 65536
#define SWITCH_SETTLE_S 0.3

/* The machine of live-xen.md; dumpdtb must see the same options as the boot. */
#define MACHINE_ARGS "-cpu", "cortex-a57", "-m", "2048", "-smp", "2", "-display", "none", \
                     "-nic", "none", "-monitor", "none"

/*
 * Three CTRL-a move Xen's serial input to the next of Xen and the domains
 * (xen/drivers/char/console.c:console_switch_input, which says where); once
 * at Xen, the debug keys: 'q' each domain and vCPU, 'r' the scheduler's run
 * queues, 'd' the registers of every physical CPU.
 */
static const char switch_keys[] = "\x01\x01\x01";
static const char dump_keys[] = "qrd"; /* one at a time: Xen defers all but 'd' to one slot */
#define INPUT_TO_XEN "Serial input to Xen"
#define INPUT_SWITCHED "Serial input to "

struct run {
    struct xsmp_boot *boot;
    FILE *log;                  /* the whole console, for --keep-logs and errors */
    size_t qemu_err_len;
    double start;               /* of the current attempt */
    double dump_until;          /* collecting a timed-out attempt's dump until then; 0 */
    struct xsmp_console console;
    int finished;
    unsigned attempts;
    unsigned switches;          /* input switches asked for during a dump */
    double last_switch;         /* when the last was asked for */
    int input_at_xen;           /* the last switch Xen reported went to Xen */
    unsigned asked;             /* debug keys sent so far */
    char tail[64];              /* the end of the output so far, for the switch messages */
    struct xsmp_child child;
    char qemu_err[256];         /* QEMU's first line on stderr */
    char log_path[PATH_MAX];
    char dtb[PATH_MAX];
    char modules[XSMP_MAX_DOMAINS][PATH_MAX + 64];
    const char *argv[24 + 2 * XSMP_MAX_DOMAINS];
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int dump_qemu_dtb(const char *dir, char *out, size_t len, struct xsmp_error *err)
{
    char machine[PATH_MAX + 64], log[PATH_MAX];
    if (xsmp_path(out, len, "%s/qemu.dtb", dir) || xsmp_path(log, sizeof(log), "%s/dumpdtb.log", dir))
        return xsmp_fail(err, "path too long: %s", dir);
    snprintf(machine, sizeof(machine), "%s,dumpdtb=%s", MACHINE, out);
    const char *argv[] = {QEMU, "-machine", machine, MACHINE_ARGS, NULL};
    int status;
    enum xsmp_run_status rs = xsmp_run(argv, NULL, log, &status);
    if (rs == XSMP_RUN_STOPPED)
        return xsmp_fail(err, "interrupted by signal %d", xsmp_stop_signal());
    if (rs != XSMP_RUN_OK || !xsmp_is_file(out)) {
        char st[64];
        xsmp_status_text(status, st, sizeof(st));
        snprintf(err->log, sizeof(err->log), "%s", log);
        return xsmp_fail(err, "%s could not dump its device tree (%s)", QEMU,
                         rs == XSMP_RUN_NOSTART ? strerror(errno) : st);
    }
    return 0;
}

/* The guest image with the domain's script after it; image_size covers both. */
static int write_module(const uint8_t *image, size_t image_len, const struct xsmp_list *l,
                        uint32_t domid, const char *path, uint64_t *size, struct xsmp_error *err)
{
    uint8_t *script;
    size_t script_len;
    if (!image || image_len < 64)
        return xsmp_fail(err, "the probe guest image is missing or shorter than an arm64 Image header");
    if (xsmp_script_encode(l, domid, &script, &script_len, err))
        return -1;
    size_t total = image_len + script_len;
    uint8_t *m = malloc(total);
    if (!m) {
        free(script);
        return xsmp_fail(err, "out of memory");
    }
    memcpy(m, image, image_len);
    memcpy(m + image_len, script, script_len);
    free(script);
    /* arm64 Image header: image_size at offset 16, little-endian */
    for (unsigned i = 0; i < 8; i++)
        m[16 + i] = (uint8_t)((uint64_t)total >> (8 * i));
    int rc = xsmp_write_file(path, m, total, 0644);
    free(m);
    if (rc)
        return xsmp_fail(err, "cannot write %s: %s", path, strerror(errno));
    *size = total;
    return 0;
}

/* Everything a boot needs on disk, and QEMU's command line. */
static int prepare(struct run *r, const char *dir, size_t index, const char *qemu_dtb,
                   const uint8_t *image, size_t image_len, struct xsmp_error *err)
{
    struct xsmp_boot *b = r->boot;
    const struct xsmp_plan *plan = b->plan;
    uint64_t sizes[XSMP_MAX_DOMAINS];
    for (size_t i = 0; i < plan->ndoms; i++) {
        char path[PATH_MAX];
        if (xsmp_path(path, sizeof(path), "%s/boot%zu-d%u.bin", dir, index, plan->doms[i].domid))
            return xsmp_fail(err, "path too long: %s", dir);
        if (write_module(image, image_len, &plan->lists[i], plan->doms[i].domid, path, &sizes[i],
                         err))
            return -1;
        snprintf(r->modules[i], sizeof(r->modules[i]), "loader,file=%s,addr=%#llx,force-raw=on",
                 path, (unsigned long long)xsmp_module_addr(i));
    }
    if (xsmp_path(r->dtb, sizeof(r->dtb), "%s/boot%zu.dtb", dir, index) ||
        xsmp_path(r->log_path, sizeof(r->log_path), "%s/boot%zu-console.log", dir, index))
        return xsmp_fail(err, "path too long: %s", dir);
    if (xsmp_boot_dtb(qemu_dtb, plan, b->policy, sizes, r->dtb, err))
        return -1;
    r->log = fopen(r->log_path, "w");
    if (!r->log)
        return xsmp_fail(err, "cannot write %s: %s", r->log_path, strerror(errno));
    const char *head[] = {QEMU, "-machine", MACHINE, MACHINE_ARGS, "-no-reboot", "-serial",
                          "stdio", "-kernel", b->xen_image, "-dtb", r->dtb};
    size_t k = 0;
    for (; k < sizeof(head) / sizeof(head[0]); k++)
        r->argv[k] = head[k];
    for (size_t i = 0; i < plan->ndoms; i++) {
        r->argv[k++] = "-device";
        r->argv[k++] = r->modules[i];
    }
    r->argv[k] = NULL;
    for (size_t i = 0; i < plan->ndoms; i++) {
        b->answers[i].res = calloc(plan->lists[i].n ? plan->lists[i].n : 1,
                                   sizeof(struct xsmp_result));
        if (!b->answers[i].res)
            return xsmp_fail(err, "out of memory");
    }
    return 0;
}

/* Start an attempt: answers forgotten, a fresh console, QEMU with a pipe to the serial input. */
static int launch(struct run *r, struct xsmp_error *err)
{
    const struct xsmp_plan *plan = r->boot->plan;
    for (size_t i = 0; i < plan->ndoms; i++) {
        struct xsmp_answers *a = &r->boot->answers[i];
        memset(a->res, 0, (plan->lists[i].n ? plan->lists[i].n : 1) * sizeof(*a->res));
        a->n = 0;
        a->started = a->done = 0;
    }
    xsmp_console_init(&r->console, plan, r->boot->answers);
    r->qemu_err_len = 0;
    r->qemu_err[0] = '\0';
    r->dump_until = 0;
    r->attempts++;
    r->start = now_s();
    if (xsmp_child_start(&r->child, r->argv, NULL, XSMP_CHILD_STDIN) != 0)
        return xsmp_fail(err, "cannot start %s: %s", QEMU, strerror(errno));
    return 0;
}

static void send(struct run *r, const char *keys)
{
    if (r->child.in_fd < 0)
        return;
    ssize_t put = write(r->child.in_fd, keys, strlen(keys));
    (void)put; /* a QEMU that stopped reading gets its dump skipped */
}

/* During a dump: follow Xen's input switches until the input is Xen's, then ask. */
static void watch_input(struct run *r, const char *buf, size_t n)
{
    static char text[sizeof(r->tail) + READ_CHUNK];
    size_t keep = strlen(r->tail);
    /* the old output's end too: a message may straddle two reads */
    memcpy(text, r->tail, keep);
    memcpy(text + keep, buf, n);
    size_t len = keep + n;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    text[len] = '\0';
    /* the last message says where the input is now */
    const char *xen = NULL, *any = NULL;
    for (const char *p = text; (p = strstr(p, INPUT_SWITCHED)) != NULL; p++)
        any = p;
    for (const char *p = text; (p = strstr(p, INPUT_TO_XEN)) != NULL; p++)
        xen = p;
    if (any)
        r->input_at_xen = xen == any;
    size_t from = len > sizeof(r->tail) - 1 ? len - (sizeof(r->tail) - 1) : 0;
    memcpy(r->tail, text + from, len - from + 1);
}

/* Read what is there on one of the run's pipes; -1 on failure, 1 at end of output. */
static int pump(struct run *r, int fd, struct xsmp_error *err)
{
    char buf[READ_CHUNK];
    ssize_t got = read(fd, buf, sizeof(buf));
    if (got < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : xsmp_fail(err, "reading QEMU: %s",
                                                                 strerror(errno));
    if (got == 0)
        return 1;
    fwrite(buf, 1, (size_t)got, r->log);
    if (fd == r->child.err_fd) {
        /* QEMU's own complaints: kept for the error if it exits early */
        for (ssize_t i = 0; i < got && r->qemu_err_len + 1 < sizeof(r->qemu_err); i++) {
            if (buf[i] == '\n')
                r->qemu_err_len = sizeof(r->qemu_err);
            else
                r->qemu_err[r->qemu_err_len++] = buf[i];
        }
        if (r->qemu_err_len < sizeof(r->qemu_err))
            r->qemu_err[r->qemu_err_len] = '\0';
        return 0;
    }
    /* a timed-out attempt's dump is for people, not for the console reader */
    if (r->dump_until) {
        watch_input(r, buf, (size_t)got);
        return 0;
    }
    return xsmp_console_feed(&r->console, buf, (size_t)got, err);
}

static void kill_qemu(struct run *r)
{
    xsmp_child_kill(&r->child);
    r->boot->seconds = now_s() - r->start;
}

/* Stop a run: QEMU killed, the console log complete and closed. */
static void stop(struct run *r)
{
    if (r->child.pid > 0)
        kill_qemu(r);
    if (r->log) {
        fclose(r->log);
        r->log = NULL;
    }
}

static int keep_log(const struct run *r, struct xsmp_error *err)
{
    const char *dest = r->boot->console_log;
    if (!dest)
        return 0;
    if (access(r->log_path, R_OK) != 0)
        return xsmp_fail(err, "cannot read %s: %s", r->log_path, strerror(errno));
    /* streamed, not atomic: a reader may see it part-written, which for a log is fine */
    if (xsmp_copy_file(r->log_path, dest) != 0)
        return xsmp_fail(err, "cannot write %s: %s", dest, strerror(errno));
    return 0;
}

/* The attempt timed out: move the input to Xen and ask for its state, for DUMP_SECONDS. */
static void start_dump(struct run *r)
{
    fprintf(r->log, "\n---- xsmcap: no progress for the timeout; Xen's state follows\n");
    r->tail[0] = '\0';
    r->switches = 0;
    r->last_switch = 0;
    r->input_at_xen = 0;
    r->asked = 0;
    /* time to go round Xen and the domains, ask, and hear the answers */
    r->dump_until = now_s() + (r->boot->plan->ndoms + 2 + 3) * SWITCH_SETTLE_S + DUMP_SECONDS;
}

/*
 * Once Xen said the input is its own, the keys; until then a switch at a
 * time, each given time to be answered (Xen may also switch by itself, at
 * the end of its boot), at most once around Xen and the domains.
 */
static void next_switch(struct run *r)
{
    double t = now_s();
    if (r->asked == sizeof(dump_keys) - 1 || t - r->last_switch < SWITCH_SETTLE_S)
        return;
    r->last_switch = t;
    if (r->input_at_xen) {
        char key[2] = {dump_keys[r->asked++], '\0'};
        send(r, key);
        /* the last key's answer needs a moment to come out */
        if (r->asked == sizeof(dump_keys) - 1)
            r->dump_until = t + DUMP_SECONDS;
    } else if (r->switches <= r->boot->plan->ndoms + 1) {
        r->switches++;
        send(r, switch_keys);
    }
}

/* The dump is in: try once more, or fail naming where the boot stood. */
static int end_dump(struct run *r, const struct xsmp_settings *s, struct xsmp_error *err)
{
    char where[160];
    xsmp_console_progress(&r->console, where, sizeof(where));
    kill_qemu(r);
    if (r->attempts < ATTEMPTS) {
        fprintf(r->log, "\n---- xsmcap: the boot timed out after %g s (%s); booting again\n",
                s->timeout_s, where);
        r->boot->retries++;
        return launch(r, err);
    }
    return xsmp_fail(err, "the boot timed out after %g s, %u times: %s", s->timeout_s,
                     r->attempts, where);
}

/* Has the run's QEMU gone?  Judge what it printed: done, or an error. */
static int judge_exit(struct run *r, struct xsmp_error *err)
{
    char st[64], where[160];
    int pr = 0;
    /* whatever it printed last is still in the pipe: read it before judging */
    while (r->child.out_fd >= 0 && (pr = pump(r, r->child.out_fd, err)) == 0)
        ;
    if (pr < 0 || xsmp_console_end(&r->console, err))
        return -1;
    if (xsmp_console_complete(&r->console)) {
        stop(r);
        r->finished = 1;
        return 0;
    }
    xsmp_console_progress(&r->console, where, sizeof(where));
    xsmp_status_text(r->child.status, st, sizeof(st));
    return xsmp_fail(err, "QEMU exited (%s) before every domain reported: %s%s%s", st, where,
                     r->qemu_err[0] ? "; QEMU said: " : "", r->qemu_err);
}

/* One turn of the loop over every unfinished run; -1 on the first failure, *culprit its run. */
static int step(struct run *runs, size_t n, const struct xsmp_settings *s, struct xsmp_error *err,
                size_t *culprit)
{
    int fds[2 * MAX_BOOTS], ready[2 * MAX_BOOTS];
    struct run *owner[2 * MAX_BOOTS];
    size_t nfds = 0;
    for (size_t i = 0; i < n; i++) {
        if (runs[i].finished)
            continue;
        if (runs[i].child.out_fd >= 0) {
            owner[nfds] = &runs[i];
            fds[nfds++] = runs[i].child.out_fd;
        }
        if (runs[i].child.err_fd >= 0) {
            owner[nfds] = &runs[i];
            fds[nfds++] = runs[i].child.err_fd;
        }
    }
    if (xsmp_wait_fds(fds, nfds, 200, ready) < 0)
        return xsmp_fail(err, "interrupted by signal %d", xsmp_stop_signal());
    for (size_t k = 0; k < nfds; k++) {
        struct run *r = owner[k];
        if (!ready[k] || r->finished)
            continue;
        *culprit = (size_t)(r - runs);
        int rc = pump(r, fds[k], err);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            /* end of one pipe: QEMU exited or closed it; stop reading it */
            int *fd = fds[k] == r->child.out_fd ? &r->child.out_fd : &r->child.err_fd;
            close(*fd);
            *fd = -1;
        }
        if (!r->dump_until && xsmp_console_complete(&r->console)) {
            stop(r);
            r->finished = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct run *r = &runs[i];
        if (r->finished)
            continue;
        *culprit = i;
        double t = now_s();
        if (r->dump_until) {
            next_switch(r);
            if ((t >= r->dump_until || r->child.out_fd < 0) && end_dump(r, s, err))
                return -1;
        } else if (r->child.out_fd < 0 || xsmp_child_poll(&r->child)) {
            if (judge_exit(r, err))
                return -1;
        } else if (t - r->start > s->timeout_s) {
            if (xsmp_console_end(&r->console, err))
                return -1;
            start_dump(r);
        }
    }
    return 0;
}

static int all_finished(const struct run *runs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!runs[i].finished)
            return 0;
    return 1;
}

/* After the boots: every QEMU gone, each console log where it was asked for (or, failed, kept). */
static int finish(struct run *runs, size_t n, const struct xsmp_settings *s, int rc,
                  size_t culprit, struct xsmp_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct xsmp_boot *b = runs[i].boot;
        stop(&runs[i]);
        if (!runs[i].log_path[0])
            continue;
        /* the console log is worth keeping most when the boot failed */
        char failed[PATH_MAX];
        const char *wanted = b->console_log;
        if (rc && i == culprit && !wanted &&
            xsmp_path(failed, sizeof(failed), "%s/failed-boot%zu-console.log", s->cache_dir, i) == 0)
            b->console_log = failed;
        struct xsmp_error ignored;
        int kept = keep_log(&runs[i], rc ? &ignored : err);
        if (!rc && kept)
            rc = -1;
        else if (rc && i == culprit && !kept && b->console_log)
            snprintf(err->log, sizeof(err->log), "%s", b->console_log);
        b->console_log = wanted;
    }
    return rc;
}

int xsmp_boot_run(struct xsmp_boot *boots, size_t n, const struct xsmp_settings *s,
                  struct xsmp_error *err)
{
    if (n == 0 || n > MAX_BOOTS)
        return xsmp_fail(err, "%zu boots at once; the probe runs 1 to %d", n, MAX_BOOTS);
    if (!xsmp_have_program(QEMU))
        return xsmp_fail(err, "%s not found (install the Debian package %s)", QEMU, QEMU_PACKAGE);
    char dir[PATH_MAX], qemu_dtb[PATH_MAX];
    if (xsmp_cache_tmpdir(s->cache_dir, "boot", dir, sizeof(dir), err))
        return -1;
    struct run *runs = calloc(n, sizeof(*runs));
    if (!runs) {
        xsmp_rmtree(dir);
        return xsmp_fail(err, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        runs[i].boot = &boots[i];
        boots[i].retries = 0;
        runs[i].child.out_fd = runs[i].child.err_fd = runs[i].child.in_fd = -1;
    }
    uint8_t *image = NULL;
    size_t image_len = 0;
    int rc = dump_qemu_dtb(dir, qemu_dtb, sizeof(qemu_dtb), err);
    if (!rc && xsmp_read_file(boots[0].guest_image, xsmp_module_max(), &image, &image_len) != 0)
        rc = xsmp_fail(err, "cannot read the probe guest %s: %s", boots[0].guest_image,
                       strerror(errno));
    size_t culprit = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        culprit = i;
        rc = prepare(&runs[i], dir, i, qemu_dtb, image, image_len, err);
    }
    free(image);
    for (size_t i = 0; i < n && !rc; i++) {
        culprit = i;
        rc = launch(&runs[i], err);
    }
    while (!rc && !all_finished(runs, n))
        rc = step(runs, n, s, err, &culprit);
    rc = finish(runs, n, s, rc, culprit, err);
    free(runs);
    xsmp_rmtree(dir);
    return rc;
}

void xsmp_boot_free(struct xsmp_boot *b)
{
    for (size_t i = 0; i < XSMP_MAX_DOMAINS; i++) {
        free(b->answers[i].res);
        b->answers[i].res = NULL;
    }
}
