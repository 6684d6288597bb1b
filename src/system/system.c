/* SPDX-License-Identifier: GPL-2.0-only */
/* The system model: domains, devices and diagnostics, owned by one struct. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsmcap/system.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
        return 0; /* overlong, or a UTF-16 surrogate */
    if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
        return 0;
    return n;
}

/*
 * Copy text that came from a file into the model as valid, printable UTF-8:
 * control characters and bytes that are not UTF-8 become \xHH.  Names and
 * messages then print on one line and survive JSON, whatever the input held.
 */
static char *dup_text(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text);
    char *out = malloc(len * 4 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t n = s[i] >= 0x20 && s[i] != 0x7f ? utf8_len(s + i) : 0;
        if (n) {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        } else {
            o += (size_t)sprintf(out + o, "\\x%02x", s[i]);
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

struct xsmc_system *xsmc_system_new(const char *source, int kind)
{
    struct xsmc_system *sys = calloc(1, sizeof(*sys));
    if (!sys)
        return NULL;
    sys->source = strdup(source ? source : "<unknown>");
    if (!sys->source) {
        free(sys);
        return NULL;
    }
    sys->kind = kind;
    sys->iommu = XSMC_UNKNOWN;
    sys->intremap = XSMC_UNKNOWN;
    sys->xsm_boot = XSMC_XSM_UNSET;
    sys->iommu_cmdline = XSMC_UNKNOWN;
    xsmc_system_set_platform(sys, XSMC_ARCH_DEFAULT, NULL);
    return sys;
}

int xsmc_system_set_platform(struct xsmc_system *sys, enum xsmc_arch arch,
                             const struct xsmc_kconfig *kconfig)
{
    if (!xsmc_arch_name(arch) || (kconfig && kconfig->arch != (uint8_t)arch))
        return -1;
    sys->arch = (int)arch;
    if (kconfig)
        sys->kconfig = *kconfig;
    else
        xsmc_kconfig_default(arch, &sys->kconfig);
    return 0;
}

static void dom_free(struct xsmc_dom *d)
{
    free(d->name);
    free(d->where);
    free(d->target_name);
    for (size_t i = 0; i < d->ndevices; i++)
        free(d->devices[i].path);
    free(d->devices);
    for (size_t i = 0; i < d->nbackends; i++)
        free(d->backends[i]);
    free(d->backends);
    for (size_t i = 0; i < d->nshms; i++)
        free(d->shms[i].id);
    free(d->shms);
    for (size_t i = 0; i < d->nevtchns; i++)
        free(d->evtchns[i].peer);
    free(d->evtchns);
    free(d->cpupool);
}

void xsmc_system_free(struct xsmc_system *sys)
{
    if (!sys)
        return;
    for (size_t i = 0; i < sys->ndoms; i++)
        dom_free(&sys->doms[i]);
    free(sys->doms);
    for (size_t i = 0; i < sys->ndiags; i++) {
        free(sys->diags[i].rule);
        free(sys->diags[i].where);
        free(sys->diags[i].message);
        free(sys->diags[i].fix);
    }
    free(sys->diags);
    free(sys->xen_cmdline_at);
    free(sys->source);
    free(sys);
}

/*
 * Make room for item `count` of an array whose capacity is the next power
 * of two at or above `count`: growing only at powers of two keeps appends
 * O(1) amortised without storing a capacity.
 */
static int grow(void **array, size_t count, size_t size)
{
    if (count & (count - 1))
        return 0; /* not a power of two: room is left */
    size_t cap = count ? count * 2 : 1;
    void *p = realloc(*array, cap * size);
    if (!p)
        return -1;
    *array = p;
    return 0;
}

struct xsmc_dom *xsmc_system_add(struct xsmc_system *sys, const char *name, const char *where)
{
    if (sys->ndoms >= XSMC_MAX_DOMAINS)
        return NULL;
    if (grow((void **)&sys->doms, sys->ndoms, sizeof(*sys->doms)))
        return NULL;
    struct xsmc_dom *d = &sys->doms[sys->ndoms];
    memset(d, 0, sizeof(*d));
    d->name = dup_text(name ? name : "");
    d->where = dup_text(where ? where : "");
    if (!d->name || !d->where) {
        free(d->name);
        free(d->where);
        return NULL;
    }
    d->core.domid = (uint32_t)sys->ndoms;
    d->core.target = XSMC_DOMID_NONE;
    d->direct_map = XSMC_UNKNOWN;
    sys->ndoms++;
    return d;
}

int xsmc_dom_add_device(struct xsmc_dom *d, const char *path, int dma_capable)
{
    if (grow((void **)&d->devices, d->ndevices, sizeof(*d->devices)))
        return -1;
    char *copy = dup_text(path);
    if (!copy)
        return -1;
    d->devices[d->ndevices].path = copy;
    d->devices[d->ndevices].dma_capable = dma_capable;
    d->ndevices++;
    return 0;
}

int xsmc_dom_add_shm(struct xsmc_dom *d, const char *id_text, const struct xsmc_shm *shm)
{
    if (grow((void **)&d->shms, d->nshms, sizeof(*d->shms)))
        return -1;
    char *id = dup_text(id_text);
    if (!id)
        return -1;
    d->shms[d->nshms] = *shm;
    d->shms[d->nshms].id = id;
    d->nshms++;
    return 0;
}

int xsmc_dom_add_evtchn(struct xsmc_dom *d, uint32_t port, const char *peer, uint32_t peer_port)
{
    if (grow((void **)&d->evtchns, d->nevtchns, sizeof(*d->evtchns)))
        return -1;
    char *copy = dup_text(peer);
    if (!copy)
        return -1;
    d->evtchns[d->nevtchns++] = (struct xsmc_evtchn){port, copy, peer_port};
    return 0;
}

int xsmc_dom_set_cpupool(struct xsmc_dom *d, const char *pool)
{
    char *copy = dup_text(pool);
    if (!copy)
        return -1;
    free(d->cpupool);
    d->cpupool = copy;
    return 0;
}

/* Does the build have the module?  xsm_core.c parses only the modules it compiled. */
static int built_with(const struct xsmc_kconfig *k, enum xsmc_xsm_module m)
{
    if (!xsmc_kconfig_on(k, XSMC_K_XSM))
        return 0; /* without CONFIG_XSM, xsm= is an unknown parameter */
    switch (m) {
    case XSMC_XSM_DUMMY: return 1;
    case XSMC_XSM_SILO: return xsmc_kconfig_on(k, XSMC_K_XSM_SILO);
    case XSMC_XSM_FLASK: return xsmc_kconfig_on(k, XSMC_K_XSM_FLASK);
    default: return 0;
    }
}

int xsmc_system_xsm_param_ignored(const struct xsmc_system *sys)
{
    return sys->xsm_boot != XSMC_XSM_UNSET && !built_with(&sys->kconfig, (enum xsmc_xsm_module)sys->xsm_boot);
}

enum xsmc_xsm_module xsmc_system_xsm_module(const struct xsmc_system *sys)
{
    if (sys->xsm_boot != XSMC_XSM_UNSET && !xsmc_system_xsm_param_ignored(sys))
        return (enum xsmc_xsm_module)sys->xsm_boot;
    return xsmc_kconfig_xsm_default(&sys->kconfig);
}

void xsmc_system_diag(struct xsmc_system *sys, int severity, const char *rule,
                      const char *where, const char *fix, const char *fmt, ...)
{
    if (grow((void **)&sys->diags, sys->ndiags, sizeof(*sys->diags)))
        return;
    struct xsmc_diag *g = &sys->diags[sys->ndiags];
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    g->severity = severity;
    g->rule = strdup(rule ? rule : "");
    g->where = dup_text(where ? where : "");
    g->fix = fix ? strdup(fix) : NULL;
    g->message = msg ? dup_text(msg) : NULL;
    free(msg);
    if (!g->rule || !g->where || !g->message || (fix && !g->fix)) {
        free(g->rule);
        free(g->where);
        free(g->fix);
        free(g->message);
        return;
    }
    sys->ndiags++;
}

size_t xsmc_system_count(const struct xsmc_system *sys, int severity)
{
    size_t n = 0;
    for (size_t i = 0; i < sys->ndiags; i++)
        n += sys->diags[i].severity == severity;
    return n;
}

struct xsmc_dom *xsmc_system_by_domid(const struct xsmc_system *sys, uint32_t domid)
{
    for (size_t i = 0; i < sys->ndoms; i++)
        if (sys->doms[i].core.domid == domid)
            return &sys->doms[i];
    return NULL;
}

struct xsmc_dom *xsmc_system_find(const struct xsmc_system *sys, const char *name_or_id)
{
    if (!name_or_id || !*name_or_id)
        return NULL;
    for (size_t i = 0; i < sys->ndoms; i++)
        if (strcmp(sys->doms[i].name, name_or_id) == 0)
            return &sys->doms[i];
    /* a domain id, when no domain is called so */
    char *end;
    unsigned long id = strtoul(name_or_id, &end, 10);
    if (*end || name_or_id[0] < '0' || name_or_id[0] > '9' || id > UINT32_MAX)
        return NULL;
    return xsmc_system_by_domid(sys, (uint32_t)id);
}

const char *xsmc_caps_text(uint32_t caps, char *buf, size_t len)
{
    size_t used = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(caps & (1u << bit)))
            continue;
        const char *name = xsmc_cap_name(bit);
        char tmp[16];
        if (!name) {
            snprintf(tmp, sizeof(tmp), "0x%x", 1u << bit);
            name = tmp;
        }
        int n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", name);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    if (!used)
        snprintf(buf, len, "none");
    return buf;
}
