/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pieces every JSON output is built from, so that a domain, a platform
 * or a diagnostic has one shape whichever verb writes it (docs/schema/).
 */
#include <jansson.h>
#include <stdio.h>

#include "xsmcap/explain.h"
#include "xsmcap/report.h"

json_t *xsmc_json_root(const char *name)
{
    char id[64];
    json_t *root = json_object();
    snprintf(id, sizeof(id), "xsmcap-%s/%d", name, XSMC_JSON_VERSION);
    json_object_set_new(root, "schema", json_string(id));
    return root;
}

json_t *xsmc_json_platform(const struct xsmc_system *sys)
{
    json_t *o = json_object();
    json_object_set_new(o, "arch", json_string(xsmc_arch_name((enum xsmc_arch)sys->arch)));
    json_object_set_new(o, "kconfig", json_string(sys->kconfig.from_file ? "given" : "defconfig"));
    return o;
}

void xsmc_json_context(json_t *root, const struct xsmc_system *sys, enum xsmc_profile profile,
                       uint32_t options)
{
    json_object_set_new(root, "system", json_string(sys->source));
    json_object_set_new(root, "platform", xsmc_json_platform(sys));
    json_object_set_new(root, "profile", json_string(xsmc_profile_name(profile)));
    json_object_set_new(root, "silo", json_boolean(options & XSMC_OPT_SILO));
}

/* Capability names; a bit no profile names is written as its value, so nothing is hidden. */
static json_t *caps_list(uint32_t caps)
{
    json_t *list = json_array();
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(caps & (1u << bit)))
            continue;
        const char *name = xsmc_cap_name(bit);
        char hex[16];
        snprintf(hex, sizeof(hex), "0x%x", 1u << bit);
        json_array_append_new(list, json_string(name ? name : hex));
    }
    return list;
}

/* The guest it serves: the name as configured, else the domain whose id core.target holds. */
static json_t *target_of(const struct xsmc_system *sys, const struct xsmc_dom *d)
{
    if (d->target_name)
        return json_string(d->target_name);
    const struct xsmc_dom *t =
        d->core.target == XSMC_DOMID_NONE ? NULL : xsmc_system_by_domid(sys, d->core.target);
    return t ? json_string(t->name) : json_null();
}

json_t *xsmc_json_domain(const struct xsmc_system *sys, size_t i)
{
    const struct xsmc_dom *d = &sys->doms[i];
    const char *guest = xsmc_guest_name(xsmc_dom_guest(d));
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(d->name));
    json_object_set_new(o, "domid", json_integer(d->core.domid));
    json_object_set_new(o, "capabilities", caps_list(d->core.caps));
    json_object_set_new(o, "guest", guest ? json_string(guest) : json_null());
    json_object_set_new(o, "target", target_of(sys, d));
    return o;
}

static json_t *tristate_json(int v)
{
    return v == XSMC_UNKNOWN ? json_null() : json_boolean(v == XSMC_YES);
}

static json_t *backends_json(const struct xsmc_dom *d)
{
    json_t *a = json_array();
    for (size_t j = 0; j < d->nbackends; j++)
        json_array_append_new(a, json_string(d->backends[j]));
    return a;
}

static json_t *shms_json(const struct xsmc_dom *d)
{
    static const char *const roles[] = {
        [XSMC_SHM_DEFAULT] = NULL, [XSMC_SHM_OWNER] = "owner", [XSMC_SHM_BORROWER] = "borrower"};
    json_t *a = json_array();
    for (size_t j = 0; j < d->nshms; j++) {
        const struct xsmc_shm *m = &d->shms[j];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(m->id));
        json_object_set_new(o, "role", roles[m->role] ? json_string(roles[m->role]) : json_null());
        json_object_set_new(o, "host", m->host_given ? json_integer((json_int_t)m->host) : json_null());
        json_object_set_new(o, "guest", json_integer((json_int_t)m->guest));
        json_object_set_new(o, "size", json_integer((json_int_t)m->size));
        json_array_append_new(a, o);
    }
    return a;
}

/* The static event channels of a domain (xen,evtchn-v1), each listed on both ends. */
static json_t *evtchns_json(const struct xsmc_dom *d)
{
    json_t *a = json_array();
    for (size_t j = 0; j < d->nevtchns; j++) {
        json_t *o = json_object();
        json_object_set_new(o, "port", json_integer(d->evtchns[j].port));
        json_object_set_new(o, "peer", json_string(d->evtchns[j].peer));
        json_object_set_new(o, "peer_port", json_integer(d->evtchns[j].peer_port));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *xsmc_json_domain_boot(const struct xsmc_system *sys, size_t i)
{
    const struct xsmc_dom *d = &sys->doms[i];
    json_t *o = xsmc_json_domain(sys, i), *boot = json_object(), *devs = json_array();
    for (size_t j = 0; j < d->ndevices; j++) {
        json_t *dev = json_object();
        json_object_set_new(dev, "path", json_string(d->devices[j].path));
        json_object_set_new(dev, "dma_capable", tristate_json(d->devices[j].dma_capable));
        json_array_append_new(devs, dev);
    }
    json_object_set_new(boot, "where", json_string(d->where));
    json_object_set_new(boot, "caps_value", json_integer(d->core.caps));
    json_object_set_new(boot, "target_domid", d->core.target == XSMC_DOMID_NONE ? json_null()
                                                                               : json_integer(d->core.target));
    json_object_set_new(boot, "memory_kb", d->memory_kb ? json_integer((json_int_t)d->memory_kb) : json_null());
    json_object_set_new(boot, "cpus", d->cpus ? json_integer(d->cpus) : json_null());
    json_object_set_new(boot, "direct_map", tristate_json(d->direct_map));
    json_object_set_new(boot, "static_mem", json_boolean(d->static_mem));
    json_object_set_new(boot, "xenstore_requested", json_boolean(d->xenstore_requested));
    json_object_set_new(boot, "classic_dom0", json_boolean(d->classic_dom0));
    json_object_set_new(boot, "devices", devs);
    json_object_set_new(boot, "backends", backends_json(d));
    json_object_set_new(boot, "shared_memory", shms_json(d));
    json_object_set_new(boot, "event_channels", evtchns_json(d));
    json_object_set_new(boot, "console", json_boolean(d->core.flags & XSMC_DOMF_CONSOLE));
    json_object_set_new(boot, "cpupool", d->cpupool ? json_string(d->cpupool) : json_null());
    json_object_set_new(o, "boot", boot);
    return o;
}

json_t *xsmc_json_diag(const struct xsmc_diag *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "severity", json_string(xsmc_severity_name(g->severity)));
    json_object_set_new(o, "rule", json_string(g->rule));
    json_object_set_new(o, "where", json_string(g->where && *g->where ? g->where : "/"));
    json_object_set_new(o, "message", json_string(g->message));
    json_object_set_new(o, "fix", g->fix && *g->fix ? json_string(g->fix) : json_null());
    return o;
}

int xsmc_json_dump(FILE *out, json_t *root)
{
    int rc = root && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : -1;
    fputc('\n', out);
    json_decref(root);
    return rc;
}
