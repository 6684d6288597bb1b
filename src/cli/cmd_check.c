/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap check: the resolved system of a boot configuration, then Xen's boot-time rules. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: xsmcap check [CONFIG | --system SPEC] [--profile P] [--iommu yes|no]\n"
    "                    [--target DM=GUEST]... [--format text|json]\n"
    "       xsmcap check --list-rules [--format text|json]\n\n"
    "CONFIG is a dom0less or hyperlaunch device tree (.dtb, or .dts/.dtsi/.dtso\n"
    "compiled by dtc), a passthrough partial device tree, or an ImageBuilder .cfg;\n"
    "without CONFIG or --system the embedded default system is checked.\n\n"
    "Prints each domain (domid, name, capabilities, target, memory, cpus, devices,\n"
    "static shared memory), the platform's IOMMU, then every diagnostic as\n"
    "FILE:NODE: severity: [rule] message.\n"
    "--iommu says whether the platform has an enabled IOMMU when the file cannot tell;\n"
    "--target DM=GUEST makes DM the device model of GUEST (XEN_DOMCTL_set_target),\n"
    "like the xsmcap,target = <&GUEST> property of a xen,domain node.\n"
    "--list-rules prints the rule table (id, severity, Xen message, Xen source, fix).\n";

enum { OPT_LIST_RULES = OPT_VERB_FIRST };

static const char *const kind_names[] = {
    [XSMC_SRC_BUILTIN] = "embedded default system",
    [XSMC_SRC_SPEC] = "inline --system spec",
    [XSMC_SRC_DOM0LESS] = "Arm dom0less device tree",
    [XSMC_SRC_HYPERLAUNCH] = "x86 hyperlaunch device tree",
    [XSMC_SRC_IMAGEBUILDER] = "ImageBuilder configuration",
    [XSMC_SRC_PARTIAL_DT] = "passthrough partial device tree",
};

static const char *kind_name(int kind)
{
    return kind >= 0 && kind <= XSMC_SRC_PARTIAL_DT ? kind_names[kind] : "unknown";
}

static const char *tristate(int v)
{
    return v == XSMC_YES ? "yes" : v == XSMC_NO ? "no" : "unknown";
}

static const char *memory_text(uint64_t kb, char *buf, size_t len)
{
    if (!kb)
        snprintf(buf, len, "-");
    else if (kb % (1024 * 1024) == 0)
        snprintf(buf, len, "%llu GiB", (unsigned long long)(kb / (1024 * 1024)));
    else if (kb % 1024 == 0)
        snprintf(buf, len, "%llu MiB", (unsigned long long)(kb / 1024));
    else
        snprintf(buf, len, "%llu KiB", (unsigned long long)kb);
    return buf;
}

static const char *const shm_roles[] = {
    [XSMC_SHM_DEFAULT] = "borrower, DOMID_IO owns it",
    [XSMC_SHM_OWNER] = "owner",
    [XSMC_SHM_BORROWER] = "borrower",
};

static void print_shm(const struct xsmc_shm *m)
{
    char host[32] = "Xen's heap";
    if (m->host_given)
        snprintf(host, sizeof(host), "%#llx", (unsigned long long)m->host);
    printf("       shared memory %s: %#llx bytes, host %s, guest %#llx (%s)\n", m->id,
           (unsigned long long)m->size, host, (unsigned long long)m->guest, shm_roles[m->role]);
}

/* Append `part` to a comma-separated line. */
static void add_part(char *line, size_t len, const char *part)
{
    size_t used = strlen(line);
    snprintf(line + used, len - used, "%s%s", used ? ", " : "", part);
}

/*
 * What a domain was given beyond its row: guest type (x86), static memory,
 * direct map, PV interfaces, boot cpupool, static event channels.
 */
static void print_details(const struct xsmc_system *sys, const struct xsmc_dom *d)
{
    char line[1024] = "", part[256], mem[32];
    if (sys->arch == XSMC_ARCH_X86_64) {
        snprintf(part, sizeof(part), "%s guest", xsmc_guest_name(xsmc_dom_guest(d)));
        add_part(line, sizeof(line), part);
    }
    if (d->static_mem) {
        snprintf(part, sizeof(part), "static memory (xen,static-mem, %s)",
                 memory_text(d->boot.static_mem_kb, mem, sizeof(mem)));
        add_part(line, sizeof(line), part);
    }
    if (d->direct_map == XSMC_YES && !d->classic_dom0)
        add_part(line, sizeof(line), "direct-mapped");
    if (d->xenstore_requested)
        add_part(line, sizeof(line), "xen,enhanced: grant table, event channels and xenstore");
    if (d->cpupool) {
        snprintf(part, sizeof(part), "cpupool %s", d->cpupool);
        add_part(line, sizeof(line), part);
    }
    if (*line)
        printf("       %s\n", line);
    for (size_t j = 0; j < d->nevtchns; j++)
        printf("       static event channel: port %u <-> %s port %u\n", d->evtchns[j].port,
               d->evtchns[j].peer, d->evtchns[j].peer_port);
}

static void print_text(const struct xsmc_system *sys, enum xsmc_profile profile)
{
    char caps[128], mem[32], cpus[16];
    printf("%s: %s, %zu domain%s, profile %s, IOMMU %s\n", sys->source, kind_name(sys->kind),
           sys->ndoms, sys->ndoms == 1 ? "" : "s", xsmc_profile_name(profile), tristate(sys->iommu));
    if (sys->ndoms)
        printf("%-6s %-16s %-28s %-10s %-9s %-5s %s\n", "DOMID", "NAME", "CAPABILITIES", "TARGET",
               "MEMORY", "CPUS", "WHERE");
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        snprintf(cpus, sizeof(cpus), d->cpus ? "%u" : "-", d->cpus);
        printf("%-6u %-16s %-28s %-10s %-9s %-5s %s\n", d->core.domid, d->name,
               xsmc_caps_text(d->core.caps, caps, sizeof(caps)),
               d->target_name ? d->target_name : "-", memory_text(d->memory_kb, mem, sizeof(mem)),
               cpus, d->where);
        print_details(sys, d);
        for (size_t j = 0; j < d->ndevices; j++)
            printf("       device %s (DMA-capable: %s)\n", d->devices[j].path,
                   tristate(d->devices[j].dma_capable));
        for (size_t j = 0; j < d->nshms; j++)
            print_shm(&d->shms[j]);
    }
    cli_print_diags(stdout, sys);
    printf("%zu error%s, %zu warning%s%s\n", xsmc_system_count(sys, XSMC_ERROR),
           xsmc_system_count(sys, XSMC_ERROR) == 1 ? "" : "s", xsmc_system_count(sys, XSMC_WARNING),
           xsmc_system_count(sys, XSMC_WARNING) == 1 ? "" : "s",
           xsmc_config_verdict(sys) == XSMC_UNDECIDED
               ? "; undecided: Xen boots this only if what the configuration does not say holds"
               : "");
}

static void print_json(const struct cli_common *c, const struct xsmc_system *sys)
{
    json_t *o = xsmc_json_root("check"), *doms = json_array(), *diags = json_array();
    for (size_t i = 0; i < sys->ndoms; i++)
        json_array_append_new(doms, xsmc_json_domain_boot(sys, i));
    for (size_t i = 0; i < sys->ndiags; i++)
        json_array_append_new(diags, xsmc_json_diag(&sys->diags[i]));
    size_t errors = xsmc_system_count(sys, XSMC_ERROR);
    enum xsmc_verdict verdict = xsmc_config_verdict(sys);
    xsmc_json_context(o, sys, c->profile, c->options);
    json_object_set_new(o, "kind", json_string(kind_name(sys->kind)));
    json_object_set_new(o, "iommu", sys->iommu == XSMC_UNKNOWN ? json_null() : json_boolean(sys->iommu == XSMC_YES));
    json_object_set_new(o, "domains", doms);
    json_object_set_new(o, "diagnostics", diags);
    json_object_set_new(o, "errors", json_integer((json_int_t)errors));
    json_object_set_new(o, "warnings", json_integer((json_int_t)xsmc_system_count(sys, XSMC_WARNING)));
    json_object_set_new(o, "valid", json_boolean(verdict == XSMC_VALID));
    json_object_set_new(o, "verdict", json_string(cli_verdict_name(verdict)));
    xsmc_json_dump(stdout, o);
}

/* The rule table, as the Markdown of docs/boot-config.md or as JSON. */
static int list_rules(int format)
{
    json_t *arr = json_array();
    json_t *root = xsmc_json_root("check-rules");
    if (format != FMT_JSON) {
        printf("| id | severity | stage | Xen message mirrored | Xen source | fix |\n");
        printf("|---|---|---|---|---|---|\n");
    }
    for (size_t i = 0; i < xsmc_rule_count(); i++) {
        const struct xsmc_rule_info *r = xsmc_rule_at(i);
        if (format == FMT_JSON) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(r->id));
            json_object_set_new(o, "severity", json_string(xsmc_severity_name(r->severity)));
            json_object_set_new(o, "stage", json_string(r->stage));
            json_object_set_new(o, "xen_message", json_string(r->xen_message));
            json_object_set_new(o, "xen_source", json_string(r->xen_source));
            json_object_set_new(o, "fix", json_string(r->fix));
            json_object_set_new(o, "undecided", json_boolean(r->undecided));
            json_object_set_new(o, "imagebuilder_fix", r->ib_fix ? json_string(r->ib_fix) : json_null());
            json_array_append_new(arr, o);
        } else {
            printf("| `%s` | %s | %s | %s | %s | %s%s%s |\n", r->id,
                   r->undecided ? "undecided" : xsmc_severity_name(r->severity), r->stage, r->xen_message,
                   r->xen_source, r->fix, r->ib_fix ? "; ImageBuilder: " : "", r->ib_fix ? r->ib_fix : "");
        }
    }
    json_object_set_new(root, "rules", arr);
    if (format == FMT_JSON)
        return xsmc_json_dump(stdout, root) ? 2 : 0;
    json_decref(root);
    return 0;
}

static const struct cli_opt own[] = {{"list-rules", no_argument, OPT_LIST_RULES}, {0, 0, 0}};
static const struct cli_verb verb = {"check", help, 1, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

int cmd_check(int argc, char **argv)
{
    struct cli_common c;
    int list = 0, opt;
    cli_init(&c, &verb, argc, argv);
    while ((opt = cli_next_option(&c, argc, argv)) == OPT_LIST_RULES)
        list = 1;
    if (opt == CLI_EXIT)
        return c.exit;
    if (cli_take_config(&c, argc, argv))
        return 2;
    if (list)
        return list_rules(c.format);
    struct xsmc_system *sys = cli_load_system(&c);
    if (!sys)
        return 2;
    xsmc_validate(sys, c.profile);
    if (c.format == FMT_JSON)
        print_json(&c, sys);
    else
        print_text(sys, c.profile);
    int rc = cli_verdict_status(sys);
    xsmc_system_free(sys);
    return rc;
}
