/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmc_config_load: read a file (bounded), choose its reader by content and
 * extension; xsmc_config_apply_opts: what the command line adds to any
 * system (--iommu, --target DM=GUEST).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dtc.h"
#include "fdt_read.h"
#include "readers.h"

static const unsigned char fdt_magic[4] = {0xd0, 0x0d, 0xfe, 0xed};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The whole file, NUL-terminated, at most DT_MAX_FILE bytes. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    /* stat first: opening a FIFO or a terminal would block before fstat could refuse it */
    if (stat(path, &st))
        return xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot read: %s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot read: %s",
                         S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
    FILE *f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
        int e = f ? EINVAL : errno;
        if (f)
            fclose(f);
        return xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot read: %s", strerror(e));
    }
    if ((unsigned long long)st.st_size > DT_MAX_FILE) {
        fclose(f);
        return xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_TOO_LARGE,
                         "%lld bytes, more than the %u-byte limit", (long long)st.st_size, DT_MAX_FILE);
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    int bad = !buf || ferror(f) || n != (size_t)st.st_size;
    fclose(f);
    if (bad) {
        free(buf);
        return xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_READ, "cannot read the whole file");
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Does a line of the source begin with `directive` (comments and all else ignored)? */
static int has_directive(const char *text, const char *directive)
{
    size_t n = strlen(directive);
    for (const char *line = text; line; line = strchr(line, '\n')) {
        while (*line == '\n' || *line == ' ' || *line == '\t')
            line++;
        if (strncmp(line, directive, n) == 0)
            return 1;
    }
    return 0;
}

static struct xsmc_system *load_source(const char *path, const char *text,
                                       const struct xsmc_load_opts *opts, char *err, size_t errlen)
{
    int kind = XSMC_DTS_PLAIN;
    if (ends_with(path, ".dtso") || has_directive(text, "/plugin/"))
        kind = XSMC_DTS_OVERLAY;
    else if (ends_with(path, ".dtsi") && !has_directive(text, "/dts-v1/"))
        kind = XSMC_DTS_FRAGMENT;
    void *blob = NULL;
    size_t len = 0;
    if (xsmc_dtc_compile(path, kind, opts, &blob, &len, err, errlen))
        return NULL;
    struct xsmc_system *sys = xsmc_read_dtb(path, blob, len, opts, err, errlen);
    free(blob);
    return sys;
}

enum xsmc_config_path xsmc_config_path_kind(const char *path)
{
    if (ends_with(path, ".dtb") || ends_with(path, ".dtbo"))
        return XSMC_PATH_DTB;
    if (ends_with(path, ".cfg"))
        return XSMC_PATH_CFG;
    if (ends_with(path, ".dts") || ends_with(path, ".dtsi") || ends_with(path, ".dtso"))
        return XSMC_PATH_DTS;
    return XSMC_PATH_OTHER;
}

struct xsmc_system *xsmc_config_load(const char *path, const struct xsmc_load_opts *opts,
                                     char *err, size_t errlen)
{
    size_t len = 0;
    char *data = read_file(path, &len, err, errlen);
    if (!data)
        return NULL;
    struct xsmc_system *sys;
    enum xsmc_config_path kind = xsmc_config_path_kind(path);
    if (len >= 4 && memcmp(data, fdt_magic, 4) == 0)
        sys = xsmc_read_dtb(path, data, len, opts, err, errlen);
    else if (kind == XSMC_PATH_DTB)
        sys = xsmc_read_dtb(path, data, len, opts, err, errlen);
    else if (kind == XSMC_PATH_CFG)
        sys = xsmc_read_imagebuilder(path, data, len, opts, err, errlen);
    else if (memchr(data, '\0', len))
        sys = xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_KIND,
                        "binary file that is not a device-tree blob");
    else if (kind == XSMC_PATH_DTS || has_directive(data, "/dts-v1/"))
        sys = load_source(path, data, opts, err, errlen);
    else
        sys = xsmc_fail(err, errlen, path, "/", XSMC_R_FILE_KIND,
                        "not a device tree (.dtb, .dts, .dtsi, .dtso) nor an ImageBuilder .cfg");
    free(data);
    return sys;
}

/* --target DM=GUEST: the relation XEN_DOMCTL_set_target makes after boot. */
static int apply_target(struct xsmc_system *sys, const struct xsmc_target_opt *t)
{
    struct xsmc_dom *dm = xsmc_system_find(sys, t->dm);
    struct xsmc_dom *guest = xsmc_system_find(sys, t->guest);
    const struct xsmc_rule_info *r = xsmc_rule_by_id("target-unknown-domain");
    if (!dm || !guest) {
        xsmc_system_diag(sys, XSMC_ERROR, r->id, "--target", r->fix, "--target %s=%s: '%s' is not a domain of %s",
                         t->dm, t->guest, dm ? t->guest : t->dm, sys->source);
        return 1;
    }
    if (dm == guest) {
        xsmc_system_diag(sys, XSMC_ERROR, r->id, "--target", "name two different domains",
                         "--target %s=%s: a domain cannot be its own device model", t->dm, t->guest);
        return 1;
    }
    if (dm->core.target != XSMC_DOMID_NONE && dm->core.target != guest->core.domid) {
        r = xsmc_rule_by_id("target-twice");
        xsmc_system_diag(sys, XSMC_ERROR, r->id, dm->where, r->fix,
                         "--target %s=%s: '%s' already serves '%s'; XEN_DOMCTL_set_target sets a target once",
                         t->dm, t->guest, dm->name, dm->target_name ? dm->target_name : "another domain");
        return 1;
    }
    char *name = strdup(guest->name);
    if (!name)
        return 1;
    free(dm->target_name);
    dm->target_name = name;
    dm->core.target = guest->core.domid;
    return 0;
}

int xsmc_config_apply_opts(struct xsmc_system *sys, const struct xsmc_load_opts *opts)
{
    int errors = 0;
    if (!opts)
        return 0;
    /* --iommu says what the platform has; iommu=off on Xen's command line leaves it unused */
    if (opts->iommu != XSMC_UNKNOWN)
        sys->iommu = sys->iommu_cmdline == XSMC_NO ? XSMC_NO : opts->iommu;
    if (opts->intremap != XSMC_UNKNOWN)
        sys->intremap = opts->intremap;
    for (size_t i = 0; i < opts->ntargets; i++)
        errors += apply_target(sys, &opts->targets[i]);
    return errors;
}
