/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ImageBuilder config -> system: the domains uboot-script-gen would write
 * into /chosen (Xilinx/imagebuilder scripts/uboot-script-gen:
 * xen_config(), xen_device_tree_editing(), add_device_tree_mem(),
 * parse_domain_caps()), with ImageBuilder's own refusals as errors and its
 * silent surprises as warnings.  Xen's boot rules are checked later by
 * xsmc_validate() over the result.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/suggest.h"
#include "cmdline.h"
#include "grants.h"
#include "imagebuilder_read.h"
#include "readers.h"

enum ib_scope { IB_GLOBAL, IB_LIST, IB_DOMU };

static const struct ib_known {
    const char *name;
    enum ib_scope scope;
} known_vars[] = {
#define IB_VAR(name, scope) {#name, scope},
#include "imagebuilder_vars.def"
#undef IB_VAR
};

/* ImageBuilder's defaults (uboot-script-gen xen_config, add_device_tree_mem). */
#define IB_DEFAULT_DOMU_MEM_MB 512u
#define IB_DEFAULT_DOM0_MEM_MB 1500u   /* when XEN_CMD is generated */

static const struct ib_known *known(const char *name)
{
    for (size_t i = 0; i < sizeof(known_vars) / sizeof(known_vars[0]); i++)
        if (strcmp(known_vars[i].name, name) == 0)
            return &known_vars[i];
    return NULL;
}

const struct ib_var *ib_set(const struct reader *r, const char *name, uint32_t index)
{
    const struct ib_var *v = ib_get(r->vars, name, index);
    return v && *v->value ? v : NULL;
}

const char *ib_value(const struct reader *r, const char *name, uint32_t index)
{
    const struct ib_var *v = ib_set(r, name, index);
    return v ? v->value : NULL;
}

const char *ib_label(const struct ib_var *v, char *buf, size_t len)
{
    if (v->indexed)
        snprintf(buf, len, "%s[%u]", v->name, v->index);
    else
        snprintf(buf, len, "%s", v->name);
    return buf;
}

const char *ib_at_line(char *buf, size_t len, unsigned line)
{
    snprintf(buf, len, "line %u", line);
    return buf;
}

void ib_report(struct reader *r, enum ib_rule rule, unsigned line, const char *fmt, ...)
{
    char msg[512], where[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* values may hold newlines or escapes: a diagnostic stays one printable line */
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    const struct ib_rule_info *info = ib_rule(rule);
    xsmc_system_diag(r->sys, info->severity, info->id, ib_at_line(where, sizeof(where), line),
                     *info->fix ? info->fix : NULL, "%s", msg);
}

int ib_read_number(struct reader *r, const char *name, uint32_t index, uint64_t fallback,
                  uint64_t *out)
{
    const struct ib_var *v = ib_set(r, name, index);
    *out = fallback;
    if (!v)
        return 0;
    int octal;
    char lb[160];
    if (ib_number(v->value, out, &octal)) {
        ib_report(r, IBR_IB_VALUE, v->line,
             "%s='%s' is not a number; ImageBuilder's arithmetic on it fails",
             ib_label(v, lb, sizeof(lb)), v->value);
        *out = fallback;
        return -1;
    }
    if (octal)
        ib_report(r, IBR_IB_OCTAL, v->line,
             "%s='%s' has a leading 0, so bash reads it as octal (%llu)",
             ib_label(v, lb, sizeof(lb)), v->value, (unsigned long long)*out);
    return 0;
}

uint64_t ib_mib_to_kib(uint64_t mb)
{
    return mb > UINT64_MAX / 1024 ? UINT64_MAX : mb * 1024;
}

/* ---- whole-file checks ------------------------------------------------- */

/* NUM_DOMUS is compared with `test -lt`: a decimal integer, 0 when unset. */
static int read_num_domus(struct reader *r, const char *path)
{
    const struct ib_var *v = ib_set(r, "NUM_DOMUS", 0);
    r->num_domus = 0;
    r->num_domus_line = v ? v->line : 1;
    if (!v)
        return 0;
    uint64_t n = 0;
    for (const char *s = v->value; *s; s++) {
        if (*s < '0' || *s > '9') {
            snprintf(r->err, r->errlen, "%s:line %u: error: [%s] NUM_DOMUS='%.64s' is not a decimal number",
                     path, v->line, ib_rule(IBR_IB_VALUE)->id, v->value);
            return -1;
        }
        n = n * 10 + (uint64_t)(*s - '0');
        if (n >= XSMC_MAX_DOMAINS) {
            snprintf(r->err, r->errlen,
                     "%s:line %u: error: [%s] NUM_DOMUS=%.64s: No more domain IDs available "
                     "(at most %u domUs)", path, v->line, ib_rule(IBR_IB_LIMIT)->id, v->value,
                     (unsigned)XSMC_MAX_DOMAINS - 1);
            return -1;
        }
    }
    r->num_domus = (uint32_t)n;
    return 0;
}

static const char *known_name(size_t i, const void *ctx)
{
    (void)ctx;
    return known_vars[i].name;
}

/* Names ImageBuilder does not read, indices it never looks at. */
static void check_names(struct reader *r)
{
    for (size_t i = 0; i < r->vars->n; i++) {
        const struct ib_var *v = &r->vars->v[i];
        const struct ib_known *k = known(v->name);
        if (!k) {
            const char *near[XSMC_SUGGEST_MAX];
            char hint[256];
            size_t n = xsmc_suggest(v->name, sizeof(known_vars) / sizeof(known_vars[0]), known_name,
                                    NULL, near);
            if (!v->referenced)
                ib_report(r, IBR_IB_UNKNOWN_VARIABLE, v->line,
                     "ImageBuilder does not read %s; a misspelt name is silently ignored%s%s", v->name,
                     n ? "; " : "", xsmc_suggest_text(near, n, hint, sizeof(hint)));
        } else if (k->scope == IB_GLOBAL && v->index) {
            ib_report(r, IBR_IB_UNUSED, v->line,
                 "%s[%u] is never read: ImageBuilder reads %s, which is %s[0]", v->name,
                 v->index, v->name, v->name);
        } else if (k->scope == IB_DOMU && !v->indexed) {
            ib_report(r, IBR_IB_IMPLICIT_INDEX, v->line,
                 "%s without [N] is %s[0] in bash: it configures domU0", v->name, v->name);
        } else if (k->scope == IB_DOMU && v->index >= r->num_domus) {
            ib_report(r, IBR_IB_UNUSED, v->line,
                 "%s[%u] is set but NUM_DOMUS=%u (line %u): ImageBuilder creates no domU%u, "
                 "so this entry is unused", v->name, v->index, r->num_domus, r->num_domus_line,
                 v->index);
        }
    }
}

/* ---- dom0 -------------------------------------------------------------- */

static const char *const dom0_params[] = {"DOM0_MEM", "DOM0_VCPUS", "DOM0_COLORS", "DOM0_CMD",
                                          "DOM0_RAMDISK", "DOM0_ROOTFS", "DOM0_VIOMMU"};

/* The classic dom0's memory and vCPUs: from XEN_CMD, or the one ImageBuilder generates. */
static void dom0_resources(struct reader *r, struct xsmc_dom *d)
{
    const struct ib_var *cmd = ib_set(r, "XEN_CMD", 0);
    uint64_t mb, vcpus;
    if (!cmd) {
        ib_read_number(r, "DOM0_MEM", 0, IB_DEFAULT_DOM0_MEM_MB, &mb);
        ib_read_number(r, "DOM0_VCPUS", 0, 1, &vcpus);
        d->memory_kb = ib_mib_to_kib(mb);
        d->cpus = vcpus > UINT32_MAX ? UINT32_MAX : (uint32_t)vcpus;
        d->boot.given |= XSMC_BOOT_MEMORY | XSMC_BOOT_CPUS;
        return;
    }
    for (size_t i = 0; i < 2; i++) {
        const struct ib_var *p = ib_set(r, dom0_params[i], 0);
        if (p)
            ib_report(r, IBR_IB_XEN_CMD_DOM0_PARAMS, p->line,
                 "%s beside XEN_CMD (line %u): ImageBuilder stops without writing a boot script "
                 "(\"One can specify either XEN_CMD or (DOM0_MEM and/or DOM0_VCPUS)\")",
                 dom0_params[i], cmd->line);
    }
    struct xen_cmdline xc;
    xsmc_parse_xen_cmdline(cmd->value, &xc);
    d->memory_kb = xc.dom0_mem_kb;
    d->boot.given |= XSMC_BOOT_MEMORY;
    if (!d->memory_kb) {
        char where[32];
        d->memory_kb = XEN_DOM0_MEM_DEFAULT_KB;
        xsmc_report(r->sys, XSMC_R_DOM0_MEM_DEFAULT, ib_at_line(where, sizeof(where), cmd->line),
                    "PLEASE SPECIFY dom0_mem PARAMETER - USING 512M FOR NOW: XEN_CMD has no dom0_mem");
    }
    if (xc.dom0_vcpus) {
        d->cpus = xc.dom0_vcpus;
        d->boot.given |= XSMC_BOOT_CPUS;
    }
}

static int add_dom0(struct reader *r)
{
    const struct ib_var *kernel = ib_set(r, "DOM0_KERNEL", 0);
    if (!kernel) {
        for (size_t i = 0; i < sizeof(dom0_params) / sizeof(dom0_params[0]); i++) {
            const struct ib_var *p = ib_set(r, dom0_params[i], 0);
            if (p)
                ib_report(r, IBR_IB_DOM0_PARAMS, p->line,
                     "%s is set but DOM0_KERNEL is not: \"For dom0less configuration without dom0, "
                     "no dom0 specific parameters should be specified\"", dom0_params[i]);
        }
        return 0;
    }
    char where[32];
    struct xsmc_dom *d = xsmc_system_add(r->sys, "dom0", ib_at_line(where, sizeof(where), kernel->line));
    if (!d)
        return -1;
    d->core.domid = 0;
    d->core.caps = d->raw_caps = XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
    d->classic_dom0 = 1;
    d->has_kernel = 1;
    /* Arm's create_dom0() maps dom0 1:1 unless LLC colouring is on */
    int coloured = ib_set(r, "XEN_COLORS", 0) || ib_set(r, "DOM0_COLORS", 0);
    d->direct_map = coloured ? XSMC_UNKNOWN : XSMC_YES;
    d->boot.given |= XSMC_BOOT_KERNEL_EXPECTED | (coloured ? 0 : XSMC_BOOT_DIRECT_MAP);
    dom0_resources(r, d);
    return 0;
}

/* ---- domUs ------------------------------------------------------------- */

/* The words parse_domain_caps() knows, lower case. */
static const struct {
    const char *word;
    uint32_t caps;
} cap_words[] = {
    {"none", 0},
    {"control", XSMC_CAP_CONTROL},
    {"hardware", XSMC_CAP_HARDWARE},
    {"xenstore", XSMC_CAP_XENSTORE},
    {"dom0", XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE},
    {"domain0", XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE},
};

/* One word of DOMU_CAPS (lower-cased into `word`): its bits, or -1 if unknown. */
static int cap_word(const char *w, size_t len, char word[64], uint64_t *bits)
{
    size_t n = len < 63 ? len : 63;
    for (size_t k = 0; k < n; k++)
        word[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] - 'A' + 'a' : w[k]);
    word[n] = '\0';
    *bits = 0;
    if (!len)
        return 0;
    for (size_t k = 0; k < sizeof(cap_words) / sizeof(cap_words[0]); k++)
        if (strcmp(word, cap_words[k].word) == 0) {
            *bits = cap_words[k].caps;
            return 0;
        }
    /* longer than any number ImageBuilder's arithmetic accepts: unknown */
    return len > 63 || ib_number(word, bits, &(int){0}) || *bits > UINT32_MAX ? -1 : 0;
}

/* parse_domain_caps(): words joined by '|', case-insensitive, or numbers. */
static void domu_caps(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    const struct ib_var *v = ib_set(r, "DOMU_CAPS", i);
    if (!v)
        return;
    /* the value reaches parse_domain_caps unquoted: only its first word is read */
    const char *first = v->value + strspn(v->value, " \t\n");
    size_t flen = strcspn(first, " \t\n");
    if (first[flen + strspn(first + flen, " \t\n")])
        ib_report(r, IBR_IB_CAPS_DROPPED, v->line,
             "DOMU_CAPS[%u]='%s': ImageBuilder passes it unquoted and reads only the first word "
             "('%.*s')", i, v->value, (int)flen, first);
    uint64_t caps = 0;
    for (const char *w = first, *end = first + flen; w < end;) {
        size_t wlen = strcspn(w, "|");
        if (wlen > (size_t)(end - w))
            wlen = (size_t)(end - w);
        char word[64];
        uint64_t bits;
        if (cap_word(w, wlen, word, &bits))
            ib_report(r, IBR_IB_CAPS, v->line,
                 "DOMU_CAPS[%u]: '%s' is not a capability ImageBuilder knows (it stops with "
                 "\"Invalid DOMU_CAPS[%u]\")", i, word, i);
        else
            caps |= bits;
        w += wlen + 1;
    }
    d->core.caps = d->raw_caps = (uint32_t)caps;
    d->caps_explicit = 1;
}

/* add_device_tree_mem(): static banks decide the size; DOMU_MEM otherwise (MB). */
static void domu_memory(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    uint64_t mb;
    int bad = ib_read_number(r, "DOMU_MEM", i, 0, &mb);
    if (!bad && !mb)
        mb = IB_DEFAULT_DOMU_MEM_MB;
    d->memory_kb = ib_mib_to_kib(mb);
    d->boot.given |= XSMC_BOOT_MEMORY;
    const struct ib_var *banks = ib_set(r, "DOMU_STATIC_MEM", i);
    if (!banks) {
        const struct ib_var *dm = ib_set(r, "DOMU_DIRECT_MAP", i);
        d->direct_map = XSMC_NO;
        if (dm)
            ib_report(r, IBR_IB_IGNORED, dm->line,
                 "DOMU_DIRECT_MAP[%u] has no effect without DOMU_STATIC_MEM[%u]", i, i);
        return;
    }
    uint64_t kib;
    if (ib_static_mem(r, banks, i, &kib))
        return;
    d->static_mem = 1;
    d->boot.static_mem_kb = kib;
    if (ib_mib_to_kib(mb) != kib && ib_set(r, "DOMU_MEM", i))
        ib_report(r, IBR_IB_MEM_MISMATCH, banks->line,
             "DOMU_MEM[%u] does not match DOMU_STATIC_MEM[%u]; ImageBuilder ignores DOMU_MEM",
             i, i);
    d->memory_kb = kib;
    /* direct-map is written as a bool: present when `test "$v" -eq 1` holds; default 1 */
    const char *dm = ib_value(r, "DOMU_DIRECT_MAP", i);
    d->direct_map = !dm || strcmp(dm, "1") == 0 ? XSMC_YES : XSMC_NO;
    if (d->direct_map == XSMC_YES)
        d->boot.given |= XSMC_BOOT_DIRECT_MAP;
}

/*
 * xen,enhanced "enabled" when DOMU_ENHANCED is 1, or when dom0 exists and
 * it is not 0 -- so with a dom0, 2 ("no-xenstore") still gives "enabled".
 */
static void domu_enhanced(struct reader *r, struct xsmc_dom *d, uint32_t i, int has_dom0)
{
    const struct ib_var *v = ib_set(r, "DOMU_ENHANCED", i);
    const char *e = v ? v->value : "";
    d->xenstore_requested = strcmp(e, "1") == 0 || (has_dom0 && strcmp(e, "0") != 0);
    if (v && strcmp(e, "0") && strcmp(e, "1") && strcmp(e, "2"))
        ib_report(r, IBR_IB_ENHANCED_VALUE, v->line,
             "DOMU_ENHANCED[%u]='%s' is not 0, 1 or 2; ImageBuilder treats it as %s", i, e,
             d->xenstore_requested ? "\"enabled\"" : "absent");
    else if (v && has_dom0 && strcmp(e, "2") == 0)
        ib_report(r, IBR_IB_ENHANCED_QUIRK, v->line,
             "DOMU_ENHANCED[%u]=2 asks for \"no-xenstore\", but with DOM0_KERNEL set "
             "ImageBuilder's first test matches and writes \"enabled\"", i);
}

static int domu_devices(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    const char *paths = ib_value(r, "DOMU_PASSTHROUGH_PATHS", i);
    /* a partial device tree: given, or built from PASSTHROUGH_DTS_REPO / lopper */
    if (ib_value(r, "DOMU_PASSTHROUGH_DTB", i) ||
        (paths && (ib_value(r, "PASSTHROUGH_DTS_REPO", 0) || ib_value(r, "LOPPER_PATH", 0))))
        d->boot.given |= XSMC_BOOT_PARTIAL_DT;
    for (const char *s = paths; s && *s;) {
        s += strspn(s, " \t\n");
        size_t len = strcspn(s, " \t\n");
        if (!len)
            break;
        char *path = strndup(s, len);
        if (!path || xsmc_dom_add_device(d, path, XSMC_UNKNOWN)) {
            free(path);
            return -1;
        }
        free(path);
        s += len;
    }
    return 0;
}

static void domu_extras(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    uint64_t n;
    if (ib_set(r, "DOMU_NR_SPIS", i))
        d->boot.given |= XSMC_BOOT_NR_SPIS;
    const struct ib_var *colors = ib_set(r, "DOMU_COLORS", i);
    if (colors && r->sys->llc_coloring == XSMC_YES)
        d->boot.given |= XSMC_BOOT_LLC_COLORS;
    else if (colors)
        ib_report(r, IBR_IB_COLORS, colors->line,
             "DOMU_COLORS[%u] asks for cache colouring, but XEN_CMD does not turn llc-coloring on: "
             "upstream Xen ignores the colours, or panics if built with CONFIG_LLC_COLORING", i);
    const char *vpl011 = ib_value(r, "DOMU_VPL011", i);
    if (!vpl011 || strcmp(vpl011, "1") == 0)
        d->boot.given |= XSMC_BOOT_VPL011;
    if (ib_set(r, "DOMU_TRAP_UNMAP", i) && !ib_read_number(r, "DOMU_TRAP_UNMAP", i, 0, &n)) {
        d->boot.given |= XSMC_BOOT_TRAP_UNMAPPED;
        d->boot.trap_unmapped = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    }
}

/* max_grant_version, max_grant_frames, max_maptrack_frames: Xen's limits as for any domain node. */
static void domu_grants(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    static const char *const names[] = {"DOMU_GRANT_VER", "DOMU_GRANT_FRAMES", "DOMU_MAPTRACK_FRAMES"};
    struct grant_opts g = {0};
    int *has[] = {&g.has_version, &g.has_frames, &g.has_maptrack};
    uint64_t *value[] = {&g.version, &g.frames, &g.maptrack};
    unsigned line = 0;
    for (size_t k = 0; k < 3; k++) {
        const struct ib_var *v = ib_set(r, names[k], i);
        if (!v || ib_read_number(r, names[k], i, 0, value[k]))
            continue;
        *has[k] = 1;
        line = line ? line : v->line;
    }
    char where[32];
    if (line)
        xsmc_check_grants(r->sys, ib_at_line(where, sizeof(where), line), d->name, &g, r->gnttab_max_version);
}

/* DOMU_CPUPOOL[i]: the index of one of the NUM_CPUPOOLS pools CPUPOOL[n] describes. */
static void domu_cpupool(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    const struct ib_var *v = ib_set(r, "DOMU_CPUPOOL", i);
    uint64_t pool;
    if (!v || ib_read_number(r, "DOMU_CPUPOOL", i, 0, &pool))
        return;
    const char *def = pool < r->num_cpupools ? ib_value(r, "CPUPOOL", (uint32_t)pool) : NULL;
    if (!def) {
        ib_report(r, IBR_IB_CPUPOOL, v->line,
                  "DOMU_CPUPOOL[%u]=%llu names no pool: NUM_CPUPOOLS=%llu%s, so ImageBuilder writes no "
                  "xen,cpupool node for it", i, (unsigned long long)pool,
                  (unsigned long long)r->num_cpupools, pool < r->num_cpupools ? " but CPUPOOL[n] is unset" : "");
        return;
    }
    char text[160];
    snprintf(text, sizeof(text), "CPUPOOL[%llu] (%.120s)", (unsigned long long)pool, def);
    if (xsmc_dom_set_cpupool(d, text))
        ib_report(r, IBR_IB_LIMIT, v->line, "out of memory");
}

/* The line of the first DOMU_*[i] assignment, per i: where each domU is declared. */
static unsigned *first_lines(const struct reader *r)
{
    unsigned *lines = calloc(r->num_domus ? r->num_domus : 1, sizeof(*lines));
    if (!lines)
        return NULL;
    for (size_t k = 0; k < r->vars->n; k++) {
        const struct ib_var *v = &r->vars->v[k];
        const struct ib_known *kn = known(v->name);
        if (!kn || kn->scope != IB_DOMU || v->index >= r->num_domus)
            continue;
        if (!lines[v->index] || v->first_line < lines[v->index])
            lines[v->index] = v->first_line;
    }
    return lines;
}

static int add_domu(struct reader *r, uint32_t i, unsigned line, uint32_t domid, int has_dom0)
{
    char name[32], where[32];
    snprintf(name, sizeof(name), "domU%u", i);
    struct xsmc_dom *d = xsmc_system_add(r->sys, name, ib_at_line(where, sizeof(where), line));
    if (!d)
        return -1;
    d->core.domid = domid;
    /* ImageBuilder writes a /chosen xen,domain node, and create_domUs sets is_console for each */
    d->core.flags |= XSMC_DOMF_CONSOLE;
    d->has_kernel = ib_set(r, "DOMU_KERNEL", i) != NULL;
    /* a missing kernel is reported once, as ImageBuilder's refusal, not again as Xen's */
    if (d->has_kernel)
        d->boot.given |= XSMC_BOOT_KERNEL_EXPECTED;
    else
        ib_report(r, IBR_IB_KERNEL_MISSING, line,
             "DOMU_KERNEL[%u] is not defined (ImageBuilder stops here)", i);
    uint64_t vcpus;
    ib_read_number(r, "DOMU_VCPUS", i, 1, &vcpus);
    d->cpus = vcpus > UINT32_MAX ? UINT32_MAX : (uint32_t)vcpus;
    d->boot.given |= XSMC_BOOT_CPUS;
    domu_caps(r, d, i);
    domu_memory(r, d, i);
    ib_shared_mem(r, d, i);
    domu_grants(r, d, i);
    domu_cpupool(r, d, i);
    domu_enhanced(r, d, i, has_dom0);
    domu_extras(r, d, i);
    return domu_devices(r, d, i);
}

static int add_domus(struct reader *r, int has_dom0)
{
    unsigned *lines = first_lines(r);
    if (!lines)
        return -1;
    uint32_t domid = 1; /* dom0less domains never get 0 */
    size_t first = r->sys->ndoms;
    for (uint32_t i = 0; i < r->num_domus; i++) {
        unsigned line = lines[i] ? lines[i] : r->num_domus_line;
        const struct ib_var *skip = ib_set(r, "DOMU_NOBOOT", i);
        if (skip && strcmp(skip->value, "0") == 0)
            ib_report(r, IBR_IB_NOBOOT_ZERO, skip->line,
                 "DOMU_NOBOOT[%u]=0 still skips domU%u: ImageBuilder only tests that it is set", i, i);
        else if (skip || (skip = ib_set(r, "DOMU_ROOTFS", i)))
            ib_report(r, IBR_IB_NOT_BOOTED, skip->line,
                 "domU%u is not created at boot (%s[%u] is set)", i, skip->name, i);
        if (skip)
            continue;
        if (add_domu(r, i, line, domid++, has_dom0)) {
            free(lines);
            return -1;
        }
    }
    free(lines);
    shm_report_unshared(&r->shm, r->sys);
    /* Xen searches the rest of the tree after a domain node for its partial DT */
    int later = 0;
    for (size_t k = r->sys->ndoms; k-- > first;) {
        struct xsmc_dom *d = &r->sys->doms[k];
        if (later)
            d->boot.given |= XSMC_BOOT_LATER_PARTIAL_DT;
        later |= (d->boot.given & XSMC_BOOT_PARTIAL_DT) != 0;
    }
    return 0;
}

struct placed_diag {
    unsigned long line;
    size_t order;
    struct xsmc_diag diag;
};

static int by_place(const void *a, const void *b)
{
    const struct placed_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The reader's diagnostics in file order, so a report reads top to bottom. */
static void sort_diags(struct xsmc_system *sys)
{
    struct placed_diag *p = malloc(sys->ndiags * sizeof(*p) + 1);
    if (!p)
        return; /* unsorted is still correct */
    for (size_t i = 0; i < sys->ndiags; i++) {
        const char *w = sys->diags[i].where;
        p[i].line = strncmp(w, "line ", 5) == 0 ? strtoul(w + 5, NULL, 10) : 0;
        p[i].order = i;
        p[i].diag = sys->diags[i];
    }
    qsort(p, sys->ndiags, sizeof(*p), by_place);
    for (size_t i = 0; i < sys->ndiags; i++)
        sys->diags[i] = p[i].diag;
    free(p);
}

static int build(struct reader *r, const char *path)
{
    if (read_num_domus(r, path))
        return -1;
    /* ImageBuilder's generated XEN_CMD chooses no colouring, XSM module or IOMMU setting */
    struct xen_cmdline xc;
    const struct ib_var *cmd = ib_set(r, "XEN_CMD", 0), *xen = ib_set(r, "XEN", 0);
    char where[32];
    xsmc_parse_xen_cmdline(cmd ? cmd->value : NULL, &xc);
    xsmc_apply_xen_cmdline(r->sys, &xc, ib_at_line(where, sizeof(where), cmd ? cmd->line : xen ? xen->line : 1));
    r->gnttab_max_version = xc.gnttab_max_version;
    ib_read_number(r, "NUM_CPUPOOLS", 0, 0, &r->num_cpupools);
    ib_static_heap(r);
    check_names(r);
    if (!ib_set(r, "XEN", 0))
        ib_report(r, IBR_IB_NO_XEN, 1,
             "XEN is not set: ImageBuilder builds no Xen system from this file");
    r->sys->xsm_policy = ib_set(r, "XEN_POLICY", 0) != NULL;
    /*
     * ImageBuilder boots Xen with BOOT_CMD: bootz takes a zImage, which only
     * 32-bit Xen is (arm32/head.S carries the zImage header, arm64/head.S
     * the arm64 Image header booti takes).  Anything else is read as arm64.
     */
    const char *boot = ib_value(r, "BOOT_CMD", 0);
    xsmc_system_set_platform(r->sys, boot && strcmp(boot, "bootz") == 0 ? XSMC_ARCH_ARM32
                                                                         : XSMC_ARCH_ARM64, NULL);
    int has_dom0 = ib_set(r, "DOM0_KERNEL", 0) != NULL;
    if (!has_dom0 && !r->num_domus)
        ib_report(r, IBR_IB_NO_DOMAINS, r->num_domus_line,
             "Neither dom0 or domUs are specified");
    if (add_dom0(r) || add_domus(r, has_dom0)) {
        snprintf(r->err, r->errlen, "%s: error: [%s] out of memory", path, ib_rule(IBR_IB_LIMIT)->id);
        return -1;
    }
    sort_diags(r->sys);
    return 0;
}

struct xsmc_system *xsmc_read_imagebuilder(const char *path, const char *text, size_t len,
                                           const struct xsmc_load_opts *opts, char *err,
                                           size_t errlen)
{
    struct xsmc_system *sys = xsmc_system_new(path, XSMC_SRC_IMAGEBUILDER);
    if (!sys) {
        snprintf(err, errlen, "%s: error: [%s] out of memory", path, ib_rule(IBR_IB_LIMIT)->id);
        return NULL;
    }
    sys->iommu = opts ? opts->iommu : XSMC_UNKNOWN; /* a .cfg cannot tell */
    struct ib_vars vars = {0};
    struct reader r = {.sys = sys, .vars = &vars, .err = err, .errlen = errlen};
    int failed = ib_parse(path, text, len, &vars, sys, err, errlen) || build(&r, path);
    ib_vars_free(&vars);
    regions_free(&r.regions);
    shm_banks_free(&r.shm);
    if (failed) {
        for (char *c = err; errlen && *c; c++) /* the error stays one printable line */
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                *c = '?';
        xsmc_system_free(sys);
        return NULL;
    }
    return sys;
}
