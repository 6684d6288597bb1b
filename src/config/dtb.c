/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmc_read_dtb: check the blob, then hand it to the reader of its layout:
 * x86 hyperlaunch (/chosen/hypervisor), Arm dom0less (/chosen, or the
 * fragment of an overlay that targets &chosen), or a passthrough partial
 * device tree (/passthrough).
 */
#include <libfdt.h>
#include <string.h>

#include "dt_readers.h"
#include "readers.h"

/*
 * The __overlay__ node of the fragment applied to /chosen: dtc -@ records
 * a fragment's label target in /__fixups__ as "/fragment@N:target:0".
 */
static int overlay_chosen(const struct dt *dt)
{
    int fixups = fdt_path_offset(dt->fdt, "/__fixups__");
    int len = 0;
    const char *list = fixups >= 0 ? fdt_getprop(dt->fdt, fixups, "chosen", &len) : NULL;
    for (int off = 0; list && off < len;) {
        const char *entry = list + off;
        size_t n = strnlen(entry, (size_t)(len - off));
        const char *colon = memchr(entry, ':', n);
        if (colon && strncmp(colon, ":target:", 8) == 0) {
            int frag = fdt_path_offset_namelen(dt->fdt, entry, (int)(colon - entry));
            int ov = frag >= 0 ? fdt_subnode_offset(dt->fdt, frag, "__overlay__") : -1;
            if (ov >= 0)
                return ov;
        }
        off += (int)n + 1;
    }
    int frag;
    fdt_for_each_subnode(frag, dt->fdt, 0) {
        const char *path = NULL;
        if (dt_string(dt, frag, "target-path", &path) == DT_STR_OK && strcmp(path, "/chosen") == 0) {
            int ov = fdt_subnode_offset(dt->fdt, frag, "__overlay__");
            if (ov >= 0)
                return ov;
        }
    }
    return -1;
}

struct xsmc_system *xsmc_read_dtb(const char *path, const void *blob, size_t len,
                                  const struct xsmc_load_opts *opts, char *err, size_t errlen)
{
    struct dt dt;
    struct dt_prop_cache cache;
    (void)opts; /* --iommu and --target apply to every source, in xsmc_config_apply_opts */
    if (dt_open(&dt, &cache, blob, len, path, err, errlen))
        return NULL;
    if (dt.hypervisor >= 0 && dt_compat(&dt, dt.hypervisor, "hypervisor,xen"))
        return xsmc_read_hyperlaunch(&dt, dt.hypervisor, err, errlen);
    if (dt.chosen >= 0)
        return xsmc_read_dom0less(&dt, dt.chosen, "/chosen", err, errlen);
    int ov = overlay_chosen(&dt);
    if (ov >= 0) {
        dt.overlay = 1;
        return xsmc_read_dom0less(&dt, ov, "/chosen", err, errlen);
    }
    if (dt.passthrough >= 0)
        return xsmc_read_partial_dt(&dt, dt.passthrough, err, errlen);
    return xsmc_fail(err, errlen, path, "/", XSMC_R_DTB_NOT_CONFIG,
                     "no /chosen, /chosen/hypervisor or /passthrough node: not a Xen boot configuration");
}
