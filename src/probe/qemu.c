/*
 * Boot plans under QEMU: write each domain's module (the probe guest with
 * its script appended), the boot device tree, start one QEMU per plan, all
 * at once (a boot mostly waits: Xen counts down three seconds when SILO is
 * off), read their consoles until every domain is done, then stop them.
 * Every QEMU is killed and reaped on every path.
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

/* The machine of live-xen.md; dumpdtb must see the same options as the boot. */
#define MACHINE_ARGS "-cpu", "cortex-a57", "-m", "2048", "-smp", "2", "-display", "none", \
                     "-nic", "none", "-monitor", "none"

struct run {
    struct xsmp_boot *boot;
    struct xsmp_child child;
    struct xsmp_console console;
    FILE *log;                  /* the whole console, for --keep-logs and errors */
    char log_path[PATH_MAX];
    char qemu_err[256];         /* QEMU's first line on stderr */
    size_t qemu_err_len;
    double start;
    int finished;
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
    if (xsmp_path(out, len, "%s/qemu.dtb", dir))
        return xsmp_fail(err, "path too long: %s", dir);
    snprintf(machine, sizeof(machine), "%s,dumpdtb=%s", MACHINE, out);
    xsmp_path(log, sizeof(log), "%s/dumpdtb.log", dir);
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

static int start_boot(struct run *r, const char *dir, size_t index, const char *qemu_dtb,
                      const uint8_t *image, size_t image_len, struct xsmp_error *err)
{
    struct xsmp_boot *b = r->boot;
    const struct xsmp_plan *plan = b->plan;
    uint64_t sizes[XSMP_MAX_DOMAINS];
    char modules[XSMP_MAX_DOMAINS][PATH_MAX + 64], dtb[PATH_MAX];
    for (size_t i = 0; i < plan->ndoms; i++) {
        char path[PATH_MAX];
        xsmp_path(path, sizeof(path), "%s/boot%zu-d%u.bin", dir, index, plan->doms[i].domid);
        if (write_module(image, image_len, &plan->lists[i], plan->doms[i].domid, path, &sizes[i],
                         err))
            return -1;
        snprintf(modules[i], sizeof(modules[i]), "loader,file=%s,addr=%#llx,force-raw=on", path,
                 (unsigned long long)xsmp_module_addr(i));
    }
    xsmp_path(dtb, sizeof(dtb), "%s/boot%zu.dtb", dir, index);
    if (xsmp_boot_dtb(qemu_dtb, plan, b->policy, sizes, dtb, err))
        return -1;
    xsmp_path(r->log_path, sizeof(r->log_path), "%s/boot%zu-console.log", dir, index);
    r->log = fopen(r->log_path, "w");
    if (!r->log)
        return xsmp_fail(err, "cannot write %s: %s", r->log_path, strerror(errno));
    const char *argv[24 + 2 * XSMP_MAX_DOMAINS] = {
        QEMU, "-machine", MACHINE, MACHINE_ARGS, "-no-reboot", "-serial", "stdio",
        "-kernel", b->xen_image, "-dtb", dtb};
    size_t k = 0;
    while (argv[k])
        k++;
    for (size_t i = 0; i < plan->ndoms; i++) {
        argv[k++] = "-device";
        argv[k++] = modules[i];
    }
    argv[k] = NULL;
    for (size_t i = 0; i < plan->ndoms; i++) {
        b->answers[i].res = calloc(plan->lists[i].n ? plan->lists[i].n : 1,
                                   sizeof(struct xsmp_result));
        if (!b->answers[i].res)
            return xsmp_fail(err, "out of memory");
    }
    xsmp_console_init(&r->console, plan, b->answers);
    r->start = now_s();
    if (xsmp_child_start(&r->child, argv, NULL, 0) != 0)
        return xsmp_fail(err, "cannot start %s: %s", QEMU, strerror(errno));
    return 0;
}

/* Read what is there on one of the run's pipes; -1 on failure, 1 at end of output. */
static int pump(struct run *r, int fd, struct xsmp_error *err)
{
    char buf[65536];
    ssize_t got = read(fd, buf, sizeof(buf));
    if (got < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : xsmp_fail(err, "reading QEMU: %s",
                                                                 strerror(errno));
    if (got == 0)
        return 1;
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
        fwrite(buf, 1, (size_t)got, r->log);
        return 0;
    }
    fwrite(buf, 1, (size_t)got, r->log);
    return xsmp_console_feed(&r->console, buf, (size_t)got, err);
}

/* Stop a run: QEMU killed, the console log complete and closed. */
static void stop(struct run *r)
{
    xsmp_child_kill(&r->child);
    if (r->log) {
        fclose(r->log);
        r->log = NULL;
    }
    r->boot->seconds = now_s() - r->start;
}

static int keep_log(const struct run *r, struct xsmp_error *err)
{
    const char *dest = r->boot->console_log;
    if (!dest)
        return 0;
    uint8_t *data;
    size_t len;
    if (xsmp_read_file(r->log_path, (size_t)256 << 20, &data, &len) != 0)
        return xsmp_fail(err, "cannot read %s: %s", r->log_path, strerror(errno));
    int rc = xsmp_write_file(dest, data, len, 0644);
    free(data);
    return rc ? xsmp_fail(err, "cannot write %s: %s", dest, strerror(errno)) : 0;
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
            if (fds[k] == r->child.out_fd) {
                close(r->child.out_fd);
                r->child.out_fd = -1;
            } else {
                close(r->child.err_fd);
                r->child.err_fd = -1;
            }
        }
        if (xsmp_console_complete(&r->console)) {
            stop(r);
            r->finished = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct run *r = &runs[i];
        if (r->finished)
            continue;
        *culprit = i;
        char where[160];
        if (r->child.out_fd < 0 || xsmp_child_poll(&r->child)) {
            char st[64];
            /* whatever it printed last is still in the pipe: read it before judging */
            int pr = 0;
            while (r->child.out_fd >= 0 && (pr = pump(r, r->child.out_fd, err)) == 0)
                ;
            if (pr < 0 || xsmp_console_end(&r->console, err))
                return -1;
            if (xsmp_console_complete(&r->console)) {
                stop(r);
                r->finished = 1;
                continue;
            }
            xsmp_console_progress(&r->console, where, sizeof(where));
            xsmp_status_text(r->child.status, st, sizeof(st));
            return xsmp_fail(err, "QEMU exited (%s) before every domain reported: %s%s%s", st,
                             where, r->qemu_err[0] ? "; QEMU said: " : "", r->qemu_err);
        }
        if (now_s() - r->start > s->timeout_s) {
            if (xsmp_console_end(&r->console, err))
                return -1;
            xsmp_console_progress(&r->console, where, sizeof(where));
            return xsmp_fail(err, "the boot timed out after %g s: %s", s->timeout_s, where);
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

int xsmp_boot_run(struct xsmp_boot *boots, size_t n, const struct xsmp_settings *s,
                  struct xsmp_error *err)
{
    if (n == 0 || n > MAX_BOOTS)
        return xsmp_fail(err, "%zu boots at once; the probe runs 1 to %d", n, MAX_BOOTS);
    if (!xsmp_have_program(QEMU))
        return xsmp_fail(err, "%s not found (install the Debian package %s)", QEMU, QEMU_PACKAGE);
    const struct xsmp_settings settings = *s;
    char dir[PATH_MAX], qemu_dtb[PATH_MAX];
    if (xsmp_cache_tmpdir(settings.cache_dir, "boot", dir, sizeof(dir), err))
        return -1;
    struct run runs[MAX_BOOTS];
    memset(runs, 0, sizeof(runs));
    for (size_t i = 0; i < n; i++) {
        runs[i].boot = &boots[i];
        runs[i].child.out_fd = runs[i].child.err_fd = -1;
        runs[i].finished = 1; /* until started */
    }
    uint8_t *image = NULL;
    size_t image_len = 0;
    int rc = dump_qemu_dtb(dir, qemu_dtb, sizeof(qemu_dtb), err);
    if (!rc && xsmp_read_file(boots[0].guest_image, xsmp_module_max(), &image, &image_len) != 0)
        rc = xsmp_fail(err, "cannot read the probe guest %s: %s", boots[0].guest_image,
                       strerror(errno));
    size_t culprit = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        runs[i].finished = 0;
        culprit = i;
        rc = start_boot(&runs[i], dir, i, qemu_dtb, image, image_len, err);
    }
    free(image);
    while (!rc && !all_finished(runs, n))
        rc = step(runs, n, &settings, err, &culprit);
    for (size_t i = 0; i < n; i++) {
        if (runs[i].child.pid > 0 || runs[i].log)
            stop(&runs[i]);
        if (!runs[i].log_path[0])
            continue;
        /* the console log is worth keeping most when the boot failed */
        char failed[PATH_MAX];
        if (rc && i == culprit && !boots[i].console_log) {
            xsmp_path(failed, sizeof(failed), "%s/failed-boot%zu-console.log", settings.cache_dir, i);
            boots[i].console_log = failed;
        }
        struct xsmp_error ignored;
        int kept = keep_log(&runs[i], rc ? &ignored : err);
        if (!rc && kept)
            rc = -1;
        else if (rc && i == culprit && !kept && boots[i].console_log)
            snprintf(err->log, sizeof(err->log), "%s", boots[i].console_log);
        if (boots[i].console_log == failed)
            boots[i].console_log = NULL;
    }
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
