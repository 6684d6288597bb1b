/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Build the probe guest (probe-guest/, embedded in xsmcap) with the arm64
 * cross compiler, and keep the flat image in the cache under a hash of the
 * sources, the flags and the compiler.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "fsutil.h"
#include "guest_sources.h"
#include "probe.h"
#include "proc.h"
#include "cache_key.h"

#define CROSS_GCC "aarch64-linux-gnu-gcc"
#define CROSS_OBJCOPY "aarch64-linux-gnu-objcopy"
#define GUEST_RECIPE "xsmcap-probe-guest-1"
#define GUEST_MAX_BYTES 65536u

/*
 * Freestanding, position independent, MMU off (live-xen.md): no unaligned
 * access (Device memory), no FP/SIMD registers, no jump tables (absolute
 * addresses), no calls to memset/memcpy the compiler would invent.
 */
static const char *const cflags[] = {
    "-std=c17", "-Os", "-Wall", "-Wextra", "-ffreestanding", "-nostdlib", "-fpie",
    "-fvisibility=hidden", "-mstrict-align", "-mgeneral-regs-only", "-fno-jump-tables",
    "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables",
    "-fno-tree-loop-distribute-patterns", "-fno-builtin", "-mbranch-protection=none", "-I."};
#define NCFLAGS (sizeof(cflags) / sizeof(cflags[0]))
/* No dynamic section and no relocation: probe.ld asserts both. */
static const char *const ldflags[] = {"-static-pie", "-Wl,--no-dynamic-linker",
                                      "-Wl,--no-warn-rwx-segments", "-Wl,-T,probe.ld",
                                      "-Wl,--build-id=none"};
#define NLDFLAGS (sizeof(ldflags) / sizeof(ldflags[0]))

static int is_unit(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && name[n - 2] == '.' && (name[n - 1] == 'c' || name[n - 1] == 'S');
}

static int guest_key(const char *compiler, char key[65])
{
    struct xsmp_key_hash c;
    xsmp_key_init(&c);
    xsmp_key_add_str(&c, GUEST_RECIPE);
    xsmp_key_add_str(&c, compiler);
    for (size_t i = 0; i < NCFLAGS; i++)
        xsmp_key_add_str(&c, cflags[i]);
    for (size_t i = 0; i < NLDFLAGS; i++)
        xsmp_key_add_str(&c, ldflags[i]);
    for (size_t i = 0; i < xsmp_guest_nfiles; i++) {
        xsmp_key_add_str(&c, xsmp_guest_files[i].name);
        xsmp_key_add_u64(&c, xsmp_guest_files[i].len);
        xsmp_key_add(&c, xsmp_guest_files[i].text, xsmp_guest_files[i].len);
    }
    xsmp_key_hex(&c, key);
    return 0;
}

static int run_tool(const char *const *argv, const char *dir, const char *log,
                    struct xsmp_error *err)
{
    int status;
    enum xsmp_run_status rs = xsmp_run(argv, dir, log, &status);
    if (rs == XSMP_RUN_OK)
        return 0;
    if (rs == XSMP_RUN_STOPPED)
        return xsmp_fail(err, "interrupted by signal %d", xsmp_stop_signal());
    if (rs == XSMP_RUN_NOSTART)
        return xsmp_fail(err, "cannot run %s: %s", argv[0], strerror(errno));
    char st[64];
    xsmp_status_text(status, st, sizeof(st));
    snprintf(err->log, sizeof(err->log), "%s", log);
    return xsmp_fail(err, "building the probe guest failed: %s (%s)", argv[0], st);
}

/* The flat image must be what head.S and probe.ld promise Xen and the host. */
static int check_image(const char *path, struct xsmp_error *err)
{
    uint8_t *data;
    size_t len;
    if (xsmp_read_file(path, GUEST_MAX_BYTES, &data, &len) != 0)
        return xsmp_fail(err, "probe guest image %s: %s", path, strerror(errno));
    int ok = len >= 64 && len % 16 == 0 && memcmp(data + 0x38, "ARM\x64", 4) == 0;
    free(data);
    return ok ? 0 : xsmp_fail(err, "probe guest image %s is not a 16-byte aligned arm64 Image",
                              path);
}

static int build_in(const struct xsmp_settings *s, const char *tmp, struct xsmp_build *out,
                    struct xsmp_error *err)
{
    char done[PATH_MAX], log[PATH_MAX], path[PATH_MAX];
    xsmp_path(done, sizeof(done), "%s/out", tmp);
    xsmp_path(log, sizeof(log), "%s/build.log", done);
    if (xsmp_mkdirs(done, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", done, strerror(errno));
    for (size_t i = 0; i < xsmp_guest_nfiles; i++) {
        xsmp_path(path, sizeof(path), "%s/%s", tmp, xsmp_guest_files[i].name);
        if (xsmp_write_file(path, xsmp_guest_files[i].text, xsmp_guest_files[i].len, 0644) != 0)
            return xsmp_fail(err, "cannot write %s: %s", path, strerror(errno));
    }
    const char *argv[NCFLAGS + NLDFLAGS + 24];
    const char *objs[16];
    char objnames[16][64];
    size_t nobj = 0;
    for (size_t i = 0; i < xsmp_guest_nfiles; i++) {
        const char *name = xsmp_guest_files[i].name;
        if (!is_unit(name) || nobj == 16)
            continue;
        snprintf(objnames[nobj], sizeof(objnames[nobj]), "%s.o", name);
        size_t k = 0;
        argv[k++] = CROSS_GCC;
        for (size_t f = 0; f < NCFLAGS; f++)
            argv[k++] = cflags[f];
        argv[k++] = "-c";
        argv[k++] = name;
        argv[k++] = "-o";
        argv[k++] = objnames[nobj];
        argv[k] = NULL;
        if (run_tool(argv, tmp, log, err))
            return -1;
        objs[nobj] = objnames[nobj];
        nobj++;
    }
    size_t k = 0;
    argv[k++] = CROSS_GCC;
    for (size_t f = 0; f < NCFLAGS; f++)
        argv[k++] = cflags[f];
    for (size_t f = 0; f < NLDFLAGS; f++)
        argv[k++] = ldflags[f];
    argv[k++] = "-o";
    argv[k++] = "probe.elf";
    for (size_t o = 0; o < nobj; o++)
        argv[k++] = objs[o];
    argv[k] = NULL;
    if (run_tool(argv, tmp, log, err))
        return -1;
    xsmp_path(path, sizeof(path), "%s/probe.bin", done);
    const char *objcopy[] = {CROSS_OBJCOPY, "-O", "binary", "probe.elf", path, NULL};
    if (run_tool(objcopy, tmp, log, err) || check_image(path, err))
        return -1;
    char entry[PATH_MAX];
    if (xsmp_cache_publish(s->cache_dir, "guest", out->key, done, entry, sizeof(entry), err))
        return -1;
    xsmp_path(out->image, sizeof(out->image), "%s/probe.bin", entry);
    xsmp_path(out->log, sizeof(out->log), "%s/build.log", entry);
    return 0;
}

int xsmp_build_guest(const struct xsmp_settings *s, struct xsmp_build *out,
                     struct xsmp_error *err)
{
    memset(out, 0, sizeof(*out));
    if (!xsmp_have_program(CROSS_GCC) || !xsmp_have_program(CROSS_OBJCOPY))
        return xsmp_fail(err, "%s not found (install the Debian package gcc-aarch64-linux-gnu)",
                         xsmp_have_program(CROSS_GCC) ? CROSS_OBJCOPY : CROSS_GCC);
    char compiler[512];
    const char *version[] = {CROSS_GCC, "--version", NULL};
    if (xsmp_capture_line(version, compiler, sizeof(compiler)) != 0)
        return xsmp_fail(err, "%s --version failed", CROSS_GCC);
    guest_key(compiler, out->key);
    char entry[PATH_MAX];
    if (xsmp_cache_lookup(s->cache_dir, "guest", out->key, entry, sizeof(entry))) {
        xsmp_path(out->image, sizeof(out->image), "%s/probe.bin", entry);
        xsmp_path(out->log, sizeof(out->log), "%s/build.log", entry);
        out->cached = 1;
        return 0;
    }
    char tmp[PATH_MAX];
    if (xsmp_cache_tmpdir(s->cache_dir, "guest", tmp, sizeof(tmp), err))
        return -1;
    int rc = build_in(s, tmp, out, err);
    if (rc && err->log[0]) {
        char kept[PATH_MAX];
        xsmp_path(kept, sizeof(kept), "%s/failed-guest-%s.log", s->cache_dir, out->key);
        if (xsmp_copy_file(err->log, kept) == 0)
            snprintf(err->log, sizeof(err->log), "%s", kept);
        else
            err->log[0] = '\0';
    }
    xsmp_rmtree(tmp);
    return rc;
}
