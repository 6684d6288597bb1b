/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Build the arm64 hypervisor of a Xen tree for one XSM policy, out of the
 * user's tree: the parts the hypervisor build reads are copied into a work
 * directory, the patches applied there, and the products (the image, the
 * .config, the log) kept in the cache under a hash of everything that
 * decides them.  The user's tree is only read.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "fsutil.h"
#include "probe.h"
#include "proc.h"
#include "cache_key.h"

#define CROSS "aarch64-linux-gnu-"
#define CROSS_GCC CROSS "gcc"
#define CROSS_PACKAGE "gcc-aarch64-linux-gnu"
/* Bump when the way a build is made changes, so old entries are not reused. */
#define BUILD_RECIPE "xsmcap-probe-xen-1"

/* What the hypervisor build reads (xen/Makefile includes ../Config.mk, ../config/). */
static const char *const tree_parts[] = {"xen", "config", "Config.mk"};
/* Read when present: the Flask policy sources of an XSM build. */
static const char *const optional_parts[] = {"tools/flask/policy"};
/* A directory is a Xen tree when these exist. */
static const char *const tree_markers[] = {"xen/Makefile", "xen/include/xsm/dummy.h",
                                           "xen/arch/arm/Kconfig", "Config.mk"};

/*
 * The Kconfig fragment on top of the arm64 defconfig.  STATIC_MEMORY (which
 * needs UNSUPPORTED) lets the hardware domain be direct-mapped without an
 * IOMMU (live-xen.md).  The default policy is CONFIG_XSM off; SILO is the
 * XSM build, chosen at boot with xsm=silo.
 */
static const char *fragment(enum xsmp_policy p)
{
    if (p == XSMP_POLICY_SILO)
        return "CONFIG_XSM=y\nCONFIG_XSM_SILO=y\nCONFIG_UNSUPPORTED=y\nCONFIG_STATIC_MEMORY=y\n";
    return "# CONFIG_XSM is not set\nCONFIG_UNSUPPORTED=y\nCONFIG_STATIC_MEMORY=y\n";
}

/* Lines olddefconfig must have kept: a tree whose Kconfig lacks one cannot be probed. */
static const char *const required_default[] = {"# CONFIG_XSM is not set", "CONFIG_STATIC_MEMORY=y",
                                               NULL};
static const char *const required_silo[] = {"CONFIG_XSM=y", "CONFIG_XSM_SILO=y",
                                            "CONFIG_STATIC_MEMORY=y", NULL};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int xsmp_tree_check(const char *dir, struct xsmp_error *err)
{
    if (!xsmp_is_dir(dir))
        return xsmp_fail(err, "%s is not a directory", dir);
    for (size_t i = 0; i < sizeof(tree_markers) / sizeof(tree_markers[0]); i++) {
        char path[PATH_MAX];
        xsmp_path(path, sizeof(path), "%s/%s", dir, tree_markers[i]);
        if (!xsmp_is_file(path))
            return xsmp_fail(err, "%s is not a Xen source tree (no %s)", dir, tree_markers[i]);
    }
    return 0;
}

static int part_present(const char *dir, const char *part)
{
    char path[PATH_MAX];
    xsmp_path(path, sizeof(path), "%s/%s", dir, part);
    return access(path, F_OK) == 0;
}

/* The cache key: the tree's parts, the patches, the fragment and the compiler. */
static int build_key(const struct xsmp_tree *tree, enum xsmp_policy policy, const char *compiler,
                     char key[65], struct xsmp_error *err)
{
    struct xsmp_key_hash c;
    char where[PATH_MAX];
    xsmp_key_init(&c);
    xsmp_key_add_str(&c, BUILD_RECIPE);
    xsmp_key_add_str(&c, fragment(policy));
    xsmp_key_add_str(&c, compiler);
    for (size_t i = 0; i < sizeof(tree_parts) / sizeof(tree_parts[0]); i++)
        if (xsmp_hash_tree(&c, tree->dir, tree_parts[i], where, sizeof(where)) != 0)
            return xsmp_fail(err, "cannot read %s: %s", where, strerror(errno));
    for (size_t i = 0; i < sizeof(optional_parts) / sizeof(optional_parts[0]); i++) {
        int present = part_present(tree->dir, optional_parts[i]);
        xsmp_key_add_u64(&c, (uint64_t)present);
        if (present && xsmp_hash_tree(&c, tree->dir, optional_parts[i], where, sizeof(where)) != 0)
            return xsmp_fail(err, "cannot read %s: %s", where, strerror(errno));
    }
    xsmp_key_add_u64(&c, tree->npatches);
    for (size_t i = 0; i < tree->npatches; i++) {
        uint8_t *data;
        size_t len;
        if (xsmp_read_file(tree->patches[i], (size_t)256 << 20, &data, &len) != 0)
            return xsmp_fail(err, "patch %s: %s", tree->patches[i], strerror(errno));
        xsmp_key_add_u64(&c, len);
        xsmp_key_add(&c, data, len);
        free(data);
    }
    xsmp_key_hex(&c, key);
    return 0;
}

static int copy_parts(const char *dir, const char *src, struct xsmp_error *err)
{
    char where[PATH_MAX];
    if (xsmp_mkdirs(src, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", src, strerror(errno));
    for (size_t i = 0; i < sizeof(tree_parts) / sizeof(tree_parts[0]); i++)
        if (xsmp_copy_tree(dir, tree_parts[i], src, where, sizeof(where)) != 0)
            return xsmp_fail(err, "cannot copy %s: %s", where, strerror(errno));
    for (size_t i = 0; i < sizeof(optional_parts) / sizeof(optional_parts[0]); i++) {
        if (!part_present(dir, optional_parts[i]))
            continue;
        char parent[PATH_MAX];
        xsmp_path(parent, sizeof(parent), "%s/%s", src, optional_parts[i]);
        *strrchr(parent, '/') = '\0';
        if (xsmp_mkdirs(parent, 0755) != 0 ||
            xsmp_copy_tree(dir, optional_parts[i], src, where, sizeof(where)) != 0)
            return xsmp_fail(err, "cannot copy %s: %s", where, strerror(errno));
    }
    return 0;
}

/* The first line of the patch log that says why it failed, for a one-line error. */
static void patch_reason(const char *log, char *out, size_t len)
{
    uint8_t *data;
    size_t n;
    char file[256] = "";
    snprintf(out, len, "see the log");
    if (xsmp_read_file(log, (size_t)16 << 20, &data, &n) != 0)
        return;
    char *text = (char *)data;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && text[e] != '\n')
            e++;
        const char *line = text + i;
        int l = (int)(e - i);
        if (l > 14 && strncmp(line, "patching file ", 14) == 0) {
            snprintf(file, sizeof(file), "%.*s", l - 14, line + 14);
        } else if ((l > 5 && strncmp(line, "Hunk ", 5) == 0 && memmem(line, (size_t)l, "FAILED", 6)) ||
                   memmem(line, (size_t)l, "can't find file", 15) ||
                   memmem(line, (size_t)l, "malformed patch", 15) ||
                   memmem(line, (size_t)l, "Only garbage", 12) ||
                   memmem(line, (size_t)l, "Reversed (or previously applied)", 32)) {
            if (file[0] && strncmp(line, "Hunk ", 5) == 0)
                snprintf(out, len, "%s: %.*s", file, l, line);
            else
                snprintf(out, len, "%.*s", l, line);
            break;
        }
        i = e + 1;
    }
    free(data);
}

static int apply_patches(const struct xsmp_tree *tree, const char *src, const char *log,
                         struct xsmp_error *err)
{
    for (size_t i = 0; i < tree->npatches; i++) {
        char abs[PATH_MAX];
        if (!realpath(tree->patches[i], abs))
            return xsmp_fail(err, "patch %s: %s", tree->patches[i], strerror(errno));
        /* -r -: no .rej files; --forward: a patch already in the tree is an error, not a reversal */
        const char *argv[] = {"patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch",
                              "-r", "-", "-i", abs, NULL};
        int status;
        enum xsmp_run_status rs = xsmp_run(argv, src, log, &status);
        if (rs == XSMP_RUN_STOPPED)
            return xsmp_fail(err, "interrupted by signal %d", xsmp_stop_signal());
        if (rs == XSMP_RUN_NOSTART)
            return xsmp_fail(err, "cannot run patch: %s (install the Debian package patch)",
                             strerror(errno));
        if (rs != XSMP_RUN_OK) {
            char why[512];
            patch_reason(log, why, sizeof(why));
            snprintf(err->log, sizeof(err->log), "%s", log);
            return xsmp_fail(err, "patch %s does not apply to %s: %s", tree->patches[i],
                             tree->dir, why);
        }
    }
    return 0;
}

static int make_step(const char *src, const char *obj, const char *target, unsigned jobs,
                     const char *log, struct xsmp_error *err, const char *what)
{
    char dir[PATH_MAX], o[PATH_MAX + 2], j[32], cross[64];
    xsmp_path(dir, sizeof(dir), "%s/xen", src);
    snprintf(o, sizeof(o), "O=%s", obj);
    snprintf(j, sizeof(j), "-j%u", jobs ? jobs : 1);
    snprintf(cross, sizeof(cross), "CROSS_COMPILE=%s", CROSS);
    /* CHECKPOLICY=/bin/false: no built-in Flask policy, so checkpolicy is not needed */
    const char *argv[] = {"make", "-C", dir, "XEN_TARGET_ARCH=arm64", cross,
                          o, "CHECKPOLICY=/bin/false", j, target, NULL};
    int status;
    enum xsmp_run_status rs = xsmp_run(argv, NULL, log, &status);
    if (rs == XSMP_RUN_STOPPED)
        return xsmp_fail(err, "interrupted by signal %d", xsmp_stop_signal());
    if (rs == XSMP_RUN_NOSTART)
        return xsmp_fail(err, "cannot run make: %s (install the Debian package make)",
                         strerror(errno));
    if (rs != XSMP_RUN_OK) {
        char st[64];
        xsmp_status_text(status, st, sizeof(st));
        snprintf(err->log, sizeof(err->log), "%s", log);
        return xsmp_fail(err, "%s failed (%s)", what, st);
    }
    return 0;
}

static int append_fragment(const char *config, enum xsmp_policy policy, struct xsmp_error *err)
{
    FILE *f = fopen(config, "a");
    if (!f || fputs(fragment(policy), f) < 0) {
        if (f)
            fclose(f);
        return xsmp_fail(err, "cannot write %s: %s", config, strerror(errno));
    }
    if (fclose(f) != 0)
        return xsmp_fail(err, "cannot write %s: %s", config, strerror(errno));
    return 0;
}

static int check_config(const char *config, enum xsmp_policy policy, struct xsmp_error *err)
{
    uint8_t *data;
    size_t len;
    if (xsmp_read_file(config, (size_t)16 << 20, &data, &len) != 0)
        return xsmp_fail(err, "cannot read %s: %s", config, strerror(errno));
    const char *const *need = policy == XSMP_POLICY_SILO ? required_silo : required_default;
    int rc = 0;
    for (; *need && !rc; need++) {
        size_t n = strlen(*need);
        int found = 0;
        for (size_t i = 0; i + n <= len && !found; i++)
            found = (i == 0 || data[i - 1] == '\n') && memcmp(data + i, *need, n) == 0 &&
                    (i + n == len || data[i + n] == '\n');
        if (!found)
            rc = xsmp_fail(err, "the tree's Kconfig did not keep \"%s\" for the %s policy "
                                "(see %s)", *need, xsmp_policy_name(policy), config);
    }
    free(data);
    return rc;
}

/*
 * Make work/src the tree's parts: copied afresh, or, in a warm tree, synced
 * so that unchanged files keep their mtimes.  A warm tree whose last build
 * did not finish loses its objects.
 */
static int prepare_sources(const char *dir, const char *work, int warm, int clean,
                           struct xsmp_error *err)
{
    char src[PATH_MAX], obj[PATH_MAX], where[PATH_MAX];
    if (xsmp_path(src, sizeof(src), "%s/src", work) || xsmp_path(obj, sizeof(obj), "%s/obj", work))
        return xsmp_fail(err, "path too long: %s", work);
    if (warm && !clean && xsmp_rmtree(obj) != 0)
        return xsmp_fail(err, "cannot remove %s: %s", obj, strerror(errno));
    if (xsmp_mkdirs(obj, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", obj, strerror(errno));
    if (!warm || !xsmp_is_dir(src))
        return xsmp_rmtree(src) == 0 ? copy_parts(dir, src, err)
                                     : xsmp_fail(err, "cannot remove %s: %s", src, strerror(errno));
    for (size_t i = 0; i < sizeof(tree_parts) / sizeof(tree_parts[0]); i++)
        if (xsmp_sync_tree(dir, tree_parts[i], src, where, sizeof(where)) != 0)
            return xsmp_fail(err, "cannot copy %s: %s", where, strerror(errno));
    for (size_t i = 0; i < sizeof(optional_parts) / sizeof(optional_parts[0]); i++) {
        char part[PATH_MAX];
        if (xsmp_path(part, sizeof(part), "%s/%s", src, optional_parts[i]))
            return xsmp_fail(err, "path too long: %s", src);
        int ok;
        if (part_present(dir, optional_parts[i])) {
            *strrchr(part, '/') = '\0';
            ok = xsmp_mkdirs(part, 0755) == 0 &&
                 xsmp_sync_tree(dir, optional_parts[i], src, where, sizeof(where)) == 0;
        } else {
            snprintf(where, sizeof(where), "%s", part);
            ok = xsmp_rmtree(part) == 0;
        }
        if (!ok)
            return xsmp_fail(err, "cannot copy %s: %s", where, strerror(errno));
    }
    return 0;
}

/* What Kconfig reads: the Kconfig files and the defconfigs. */
static int kconfig_input(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "Kconfig", 7) == 0 || (n > 9 && strcmp(name + n - 9, "defconfig") == 0);
}

/*
 * Configure obj/ for the policy, unless a warm tree's .config already came
 * from the same Kconfig files and fragment: Xen's syncconfig touches every
 * option's dependency file after any new .config, even an identical one,
 * and so would turn an incremental build into a full one.
 */
static int configure(const char *src, const char *obj, enum xsmp_policy policy, int warm,
                     const char *log, struct xsmp_error *err)
{
    char stamp[PATH_MAX], config[PATH_MAX], dir[PATH_MAX], where[PATH_MAX], key[65];
    struct xsmp_key_hash c;
    if (xsmp_path(stamp, sizeof(stamp), "%s/config.key", obj) ||
        xsmp_path(config, sizeof(config), "%s/.config", obj) ||
        xsmp_path(dir, sizeof(dir), "%s/xen", src))
        return xsmp_fail(err, "path too long: %s", obj);
    xsmp_key_init(&c);
    xsmp_key_add_str(&c, BUILD_RECIPE);
    xsmp_key_add_str(&c, fragment(policy));
    if (xsmp_hash_files(&c, src, "xen", kconfig_input, where, sizeof(where)) != 0)
        return xsmp_fail(err, "cannot read %s: %s", where, strerror(errno));
    xsmp_key_hex(&c, key);
    uint8_t *old;
    size_t len;
    if (warm && xsmp_is_file(config) && xsmp_read_file(stamp, 128, &old, &len) == 0) {
        int same = len == 64 && memcmp(old, key, 64) == 0;
        free(old);
        if (same)
            return check_config(config, policy, err);
    }
    unlink(stamp);
    if (make_step(src, obj, "defconfig", 1, log, err, "make defconfig") ||
        append_fragment(config, policy, err) ||
        make_step(src, obj, "olddefconfig", 1, log, err, "make olddefconfig") ||
        check_config(config, policy, err))
        return -1;
    if (xsmp_write_file(stamp, key, 64, 0644) != 0)
        return xsmp_fail(err, "cannot write %s: %s", stamp, strerror(errno));
    return 0;
}

/* Build in work/ (src/, obj/) and move tmp/out/ (image, .config, log) into the cache. */
static int build_in(const struct xsmp_tree *tree, enum xsmp_policy policy,
                    const struct xsmp_settings *s, const char *work, int warm, int clean,
                    const char *tmp, struct xsmp_build *out, struct xsmp_error *err)
{
    char src[PATH_MAX], obj[PATH_MAX], done[PATH_MAX], log[PATH_MAX], path[PATH_MAX];
    if (xsmp_path(src, sizeof(src), "%s/src", work) || xsmp_path(obj, sizeof(obj), "%s/obj", work) ||
        xsmp_path(done, sizeof(done), "%s/out", tmp) ||
        xsmp_path(log, sizeof(log), "%s/build.log", done))
        return xsmp_fail(err, "path too long: %s", work);
    if (xsmp_mkdirs(done, 0755) != 0)
        return xsmp_fail(err, "cannot create %s: %s", done, strerror(errno));
    if (prepare_sources(tree->dir, work, warm, clean, err) || apply_patches(tree, src, log, err))
        return -1;
    if (configure(src, obj, policy, warm, log, err) ||
        make_step(src, obj, "xen", s->jobs, log, err, "building Xen"))
        return -1;
    char image[PATH_MAX], config[PATH_MAX], entry[PATH_MAX];
    xsmp_path(image, sizeof(image), "%s/xen", done);
    xsmp_path(config, sizeof(config), "%s/config", done);
    xsmp_path(path, sizeof(path), "%s/xen", obj);
    if (xsmp_copy_file(path, image) != 0)
        return xsmp_fail(err, "the build made no %s: %s", path, strerror(errno));
    xsmp_path(path, sizeof(path), "%s/.config", obj);
    if (xsmp_copy_file(path, config) != 0)
        return xsmp_fail(err, "cannot copy %s: %s", path, strerror(errno));
    if (xsmp_cache_publish(s->cache_dir, "xen", out->key, done, entry, sizeof(entry), err))
        return -1;
    xsmp_path(out->image, sizeof(out->image), "%s/xen", entry);
    xsmp_path(out->config, sizeof(out->config), "%s/config", entry);
    xsmp_path(out->log, sizeof(out->log), "%s/build.log", entry);
    return 0;
}

int xsmp_build_xen(const struct xsmp_tree *tree, enum xsmp_policy policy,
                   const struct xsmp_settings *s, struct xsmp_build *out, struct xsmp_error *err)
{
    double t0 = now_s();
    memset(out, 0, sizeof(*out));
    if (xsmp_tree_check(tree->dir, err))
        return -1;
    if (!xsmp_have_program(CROSS_GCC))
        return xsmp_fail(err, "%s not found (install the Debian package %s)", CROSS_GCC,
                         CROSS_PACKAGE);
    char compiler[512];
    const char *version[] = {CROSS_GCC, "--version", NULL};
    if (xsmp_capture_line(version, compiler, sizeof(compiler)) != 0)
        return xsmp_fail(err, "%s --version failed", CROSS_GCC);
    if (build_key(tree, policy, compiler, out->key, err))
        return -1;
    char entry[PATH_MAX];
    if (xsmp_cache_lookup(s->cache_dir, "xen", out->key, entry, sizeof(entry))) {
        xsmp_path(out->image, sizeof(out->image), "%s/xen", entry);
        xsmp_path(out->config, sizeof(out->config), "%s/config", entry);
        xsmp_path(out->log, sizeof(out->log), "%s/build.log", entry);
        out->cached = 1;
        out->seconds = now_s() - t0;
        return 0;
    }
    if (s->progress)
        fprintf(stderr, "probe: building Xen from %s (%zu patch%s, %s policy)...\n", tree->dir,
                tree->npatches, tree->npatches == 1 ? "" : "es", xsmp_policy_name(policy));
    char tmp[PATH_MAX], warm[PATH_MAX];
    if (xsmp_cache_tmpdir(s->cache_dir, "xen", tmp, sizeof(tmp), err))
        return -1;
    /* the warm tree of this policy and compiler, unless another run holds it */
    char name[64], ckey[65];
    struct xsmp_key_hash c;
    xsmp_key_init(&c);
    xsmp_key_add_str(&c, BUILD_RECIPE);
    xsmp_key_add_str(&c, compiler);
    xsmp_key_hex(&c, ckey);
    snprintf(name, sizeof(name), "%s-%.16s", policy == XSMP_POLICY_SILO ? "silo" : "default", ckey);
    int clean = 0;
    int lock = xsmp_cache_warm_claim(s->cache_dir, name, warm, sizeof(warm), &clean);
    int rc = build_in(tree, policy, s, lock >= 0 ? warm : tmp, lock >= 0, clean, tmp, out, err);
    /* a build that failed on its own left consistent objects; a killed one may not have */
    if (lock >= 0)
        xsmp_cache_warm_release(lock, warm, !xsmp_stop_signal());
    if (rc && err->log[0]) {
        /* the work directory goes: keep its log where the error can point to it */
        char kept[PATH_MAX];
        xsmp_path(kept, sizeof(kept), "%s/failed-%s.log", s->cache_dir, out->key);
        if (xsmp_copy_file(err->log, kept) == 0)
            snprintf(err->log, sizeof(err->log), "%s", kept);
        else
            err->log[0] = '\0';
    }
    xsmp_rmtree(tmp);
    out->seconds = now_s() - t0;
    return rc;
}
