/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Arm dom0less binding (docs/misc/arm/device-tree/booting.txt): boot
 * modules and xen,domain nodes under /chosen, read as Xen's early scan
 * (bootinfo-fdt.c), module lookup (kernel.c) and node parser
 * (dom0less-bindings.c, arch/arm/dom0less-build.c) read them.
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "dt_early.h"
#include "grants.h"

struct d0l {
    const struct dt *dt;
    struct xsmc_system *sys;
    const char *chosen_path;
    struct dt_early early;     /* modules and reserved regions, in Xen's order */
    uint32_t gnttab_max_version; /* from Xen's command line */
    struct dt_domain_index index;
};

/* Xen's rules for which /chosen property is its own command line. */
static const char *xen_bootargs(const struct dt *dt, int chosen, int dom0_kernel)
{
    const char *xen = NULL, *generic = NULL, *kernel_args = NULL;
    int has_xen = dt_string(dt, chosen, "xen,xen-bootargs", &xen) == DT_STR_OK;
    int has_dom0 = dt_has(dt, chosen, "xen,dom0-bootargs");
    int has_generic = dt_string(dt, chosen, "bootargs", &generic) == DT_STR_OK;
    if (has_xen)
        return xen;
    if (!has_generic)
        return NULL;
    if (has_dom0)
        return generic;
    if (dom0_kernel >= 0 && dt_string(dt, dom0_kernel, "bootargs", &kernel_args) == DT_STR_OK)
        return generic;
    return NULL;
}

static struct xsmc_dom *add_classic_dom0(struct d0l *s, const struct xen_cmdline *cmd, const char *where)
{
    struct xsmc_dom *d = xsmc_system_add(s->sys, "dom0", where);
    if (!d)
        return NULL;
    d->core.domid = 0;
    d->core.caps = d->raw_caps = XSMC_CAP_CONTROL | XSMC_CAP_HARDWARE | XSMC_CAP_XENSTORE;
    d->classic_dom0 = 1;
    d->has_kernel = 1;
    /* construct_dom0: 1:1 unless LLC colouring is on */
    d->direct_map = cmd->llc_coloring == XSMC_YES ? XSMC_NO : XSMC_YES;
    if (d->direct_map == XSMC_YES)
        d->boot.given |= XSMC_BOOT_DIRECT_MAP;
    d->cpus = cmd->dom0_vcpus;
    d->memory_kb = cmd->dom0_mem_kb;
    /* an overlay's boot loader usually brings Xen's command line: there it is unknown */
    if (!d->memory_kb && !s->dt->overlay) {
        /* construct_dom0: CONFIG_DOM0_MEM (empty in every defconfig), else 512M with a warning */
        d->memory_kb = XEN_DOM0_MEM_DEFAULT_KB;
        xsmc_report(s->sys, XSMC_R_DOM0_MEM_DEFAULT, where,
                    "PLEASE SPECIFY dom0_mem PARAMETER - USING 512M FOR NOW: Xen's command line has no dom0_mem");
    }
    return d;
}

static void read_caps(struct d0l *s, struct xsmc_dom *d, int node)
{
    uint32_t v;
    int r = dt_u32(s->dt, node, "capabilities", &v);
    if (r == DT_PRESENT) {
        d->raw_caps = d->core.caps = v;
        d->caps_explicit = 1;
    } else if (r == DT_SHORT) {
        xsmc_report(s->sys, XSMC_R_PROP_SHORT, d->where,
                    "capabilities is shorter than a 32-bit cell: Xen ignores it and the domain gets none");
    }
    if (dt_has(s->dt, node, "hypercall-untargetable")) {
        d->boot.given |= XSMC_BOOT_UNTARGETABLE;
        d->core.caps |= XSMC_CAP_NOT_HYPERCALL_TARGET;
    }
}

static void read_memory(struct d0l *s, struct xsmc_dom *d, int node, int chosen)
{
    const struct dt *dt = s->dt;
    uint64_t mem;
    int r = dt_u64(dt, node, "memory", &mem);
    if (r == DT_PRESENT) {
        d->memory_kb = mem;
        d->boot.given |= XSMC_BOOT_MEMORY;
    } else if (r == DT_SHORT) {
        xsmc_report(s->sys, XSMC_R_PROP_SHORT, d->where,
                    "memory is shorter than two cells (a u64 in KiB): Xen cannot read it");
    }
    if (dt_has(dt, node, "xen,static-mem")) {
        uint64_t bytes;
        d->static_mem = 1;
        /* the banks use the parent's (/chosen's) cells, inherited from / as Xen's scan does */
        uint32_t ac = dt_cells(dt, chosen, "#address-cells", dt_cells(dt, 0, "#address-cells", 2));
        uint32_t sc = dt_cells(dt, chosen, "#size-cells", dt_cells(dt, 0, "#size-cells", 1));
        if (dt_reg_size_sum(dt, node, "xen,static-mem", ac, sc, &bytes) == 0)
            d->boot.static_mem_kb = bytes / 1024;
    }
    d->direct_map = dt_has(dt, node, "direct-map") ? XSMC_YES : XSMC_NO;
    if (d->direct_map == XSMC_YES)
        d->boot.given |= XSMC_BOOT_DIRECT_MAP;
}

static void read_u32_facts(struct d0l *s, struct xsmc_dom *d, int node)
{
    const struct dt *dt = s->dt;
    uint32_t v;
    int r = dt_u32(dt, node, "cpus", &v);
    if (r == DT_PRESENT) {
        d->cpus = v;
        d->boot.given |= XSMC_BOOT_CPUS;
    } else if (r == DT_SHORT) {
        xsmc_report(s->sys, XSMC_R_PROP_SHORT, d->where,
                    "cpus is shorter than a 32-bit cell: Xen reads it as missing");
    }
    if (dt_u32(dt, node, "nr_spis", &v) == DT_PRESENT)
        d->boot.given |= XSMC_BOOT_NR_SPIS;
    if (dt_u32(dt, node, "trap-unmapped-accesses", &v) == DT_PRESENT) {
        d->boot.given |= XSMC_BOOT_TRAP_UNMAPPED;
        d->boot.trap_unmapped = v;
    }
    if (dt_has(dt, node, "vpl011"))
        d->boot.given |= XSMC_BOOT_VPL011;
    if (dt_has(dt, node, "llc-colors"))
        d->boot.given |= XSMC_BOOT_LLC_COLORS;
}

/* The grant-table options, as u32 properties. */
static void check_grants(struct d0l *s, struct xsmc_dom *d, int node)
{
    struct grant_opts g = {0};
    uint32_t v;
    if ((g.has_frames = dt_u32(s->dt, node, "max_grant_frames", &v) == DT_PRESENT))
        g.frames = v;
    if ((g.has_maptrack = dt_u32(s->dt, node, "max_maptrack_frames", &v) == DT_PRESENT))
        g.maptrack = v;
    if ((g.has_version = dt_u32(s->dt, node, "max_grant_version", &v) == DT_PRESENT))
        g.version = v;
    xsmc_check_grants(s->sys, d->where, d->name, &g, s->gnttab_max_version);
}

/*
 * arch_parse_dom0less_node hands sve to sve_domctl_vl_param as an int and
 * stores bits/128 in a uint8_t; arch_sanitise_domain_config then refuses
 * more than the CPU has, and no CPU has more than 2048 bits.  Whether Xen
 * was built with CONFIG_ARM64_SVE, and the CPU's length, are not known here.
 */
static void check_sve(struct d0l *s, struct xsmc_dom *d, int node)
{
    uint32_t v;
    int len;
    if (!fdt_getprop(s->dt->fdt, node, "sve", &len) || len == 0)
        return; /* absent, or empty: the CPU's maximum */
    if (dt_u32(s->dt, node, "sve", &v) != DT_PRESENT) {
        xsmc_report(s->sys, XSMC_R_SVE_INVALID, d->where, "Error reading 'sve' property: shorter than a cell");
        return;
    }
    if (v > INT32_MAX) {
        xsmc_report(s->sys, XSMC_R_SVE_QUIRK, d->where,
                    "sve = <%u> is negative as Xen reads it: the domain gets the CPU's maximum vector length", v);
        return;
    }
    if (v % 128) {
        xsmc_report(s->sys, XSMC_R_SVE_INVALID, d->where, "SVE vector length error: %u is not a multiple of 128", v);
        return;
    }
    uint32_t stored = ((v / 128) & 0xff) * 128;
    if (stored > 2048)
        xsmc_report(s->sys, XSMC_R_SVE_INVALID, d->where,
                    "Requested SVE vector length (%u) > supported length (no CPU has more than 2048)", stored);
    else if (stored != v)
        xsmc_report(s->sys, XSMC_R_SVE_QUIRK, d->where,
                    "sve = <%u> does not fit Xen's 8-bit field: the domain gets %u-bit vectors%s", v, stored,
                    stored ? "" : ", that is no SVE");
}

static void read_strings(struct d0l *s, struct xsmc_dom *d, int node)
{
    const struct dt *dt = s->dt;
    const char *v = NULL;
    int r = dt_string(dt, node, "passthrough", &v);
    if (r == DT_STR_OK) {
        d->boot.given |= XSMC_BOOT_PASSTHROUGH;
        if (strcmp(v, "enabled") != 0 && strcmp(v, "disabled") != 0)
            xsmc_report(s->sys, XSMC_R_PASSTHROUGH_VALUE, d->where,
                        "passthrough = \"%.64s\" is neither \"enabled\" nor \"disabled\": Xen treats it as disabled", v);
    } else if (r != DT_STR_ABSENT) {
        xsmc_report(s->sys, XSMC_R_PASSTHROUGH_VALUE, d->where,
                    "passthrough without a string value: Xen ignores it");
    }
    /* construct_domU: an empty or non-string xen,enhanced means "enabled" */
    r = dt_string(dt, node, "xen,enhanced", &v);
    if (r == DT_STR_EMPTY || r == DT_STR_NOT_STRING ||
        (r == DT_STR_OK && (strcmp(v, "enabled") == 0 || strcmp(v, "legacy") == 0)))
        d->xenstore_requested = 1;
    else if (r == DT_STR_OK && strcmp(v, "no-xenstore") != 0 && strcmp(v, "disabled") != 0)
        xsmc_report(s->sys, XSMC_R_ENHANCED_UNKNOWN, d->where,
                    "xen,enhanced = \"%.64s\" is not a value Xen knows: it means disabled", v);
}

/* domain_vcpu_affinity: each xen,vcpu child needs an id below cpus. */
static void check_vcpu(struct d0l *s, struct xsmc_dom *d, int vcpu)
{
    uint32_t id;
    if (dt_u32(s->dt, vcpu, "id", &id) != DT_PRESENT)
        xsmc_report(s->sys, XSMC_R_VCPU_INVALID, d->where,
                    "Invalid xen,vcpu node for domain %s: %s has no id", d->name,
                    fdt_get_name(s->dt->fdt, vcpu, NULL));
    else if ((d->boot.given & XSMC_BOOT_CPUS) && id >= d->cpus)
        xsmc_report(s->sys, XSMC_R_VCPU_INVALID, d->where, "Invalid vcpu_id %u for domain %s, max_vcpus=%u",
                    id, d->name, d->cpus);
}

/*
 * Does kernel_probe find the kernel child `node` names?  Only a registered
 * module of kind kernel at its address serves (boot_module_find_by_addr_and_kind);
 * a node without an address yet (EFI, boot loader) is taken as found, and
 * one add_boot_module dropped was reported as module-overlap already.
 */
enum kernel_state { KERNEL_NONE = 0, KERNEL_FOUND, KERNEL_EMPTY };

static enum kernel_state kernel_found(const struct dt_early *e, int node)
{
    const struct dt_module *m = dt_early_module_at(e, node);
    if (!m)
        return KERNEL_NONE; /* not a boot module: never registered */
    if (!m->located)
        return KERNEL_FOUND;
    const struct dt_module *found = dt_early_find(e, MOD_KERNEL, m->start);
    if (!found)
        return m->clash ? KERNEL_FOUND : KERNEL_NONE;
    return found->size ? KERNEL_FOUND : KERNEL_EMPTY;
}

/* Kernel, partial device tree, vCPUs, cpupool: what the node's children and links say. */
static void read_links(struct d0l *s, struct xsmc_dom *d, int node)
{
    const struct dt *dt = s->dt;
    int child;
    uint32_t ph;
    enum kernel_state kernel = KERNEL_NONE;
    /* the node's own properties first: reading a child's evicts them from the cache */
    if (dt_u32(dt, node, "domain-cpupool", &ph) == DT_PRESENT) {
        int pool = fdt_node_offset_by_phandle(dt->fdt, ph);
        char path[DT_MAX_PATH];
        if (pool < 0 || !dt_compat(dt, pool, "xen,cpupool"))
            xsmc_report(s->sys, XSMC_R_CPUPOOL_BAD, d->where,
                        "Error getting cpupool id from domain-cpupool: phandle 0x%x is not a xen,cpupool node", ph);
        else if (fdt_get_path(dt->fdt, pool, path, sizeof(path)) == 0 && xsmc_dom_set_cpupool(d, path))
            xsmc_report(s->sys, XSMC_R_FILE_READ, d->where, "out of memory");
    }
    /* dt_find_compatible_node(node, ...) searches every node after this one */
    if (dt->last_partial_dt > node)
        d->boot.given |= XSMC_BOOT_LATER_PARTIAL_DT;
    fdt_for_each_subnode(child, dt->fdt, node) {
        if (dt_compat(dt, child, "xen,vcpu"))
            check_vcpu(s, d, child);
        /* kernel_probe: each multiboot,kernel child is looked up by address; the last one counts */
        if (dt_compat(dt, child, "multiboot,kernel"))
            kernel = kernel_found(&s->early, child);
        if (dt_is_boot_module(dt, child) && dt_compat(dt, child, "multiboot,device-tree"))
            d->boot.given |= XSMC_BOOT_PARTIAL_DT;
    }
    d->has_kernel = kernel != KERNEL_NONE;
    if (kernel == KERNEL_EMPTY)
        xsmc_report(s->sys, XSMC_R_KERNEL_MISSING, d->where,
                    "Missing kernel boot module?: domain %s's kernel is 0 bytes long as Xen reads its reg "
                    "(in the domain node's #address-cells and #size-cells)", d->name);
}

static struct xsmc_dom *add_domain(struct d0l *s, int node, int chosen, const char *path,
                                   uint32_t domid)
{
    const char *name = fdt_get_name(s->dt->fdt, node, NULL);
    /* the classic dom0 owns the name "dom0"; a node of that name keeps its path */
    if (s->sys->ndoms && s->sys->doms[0].classic_dom0 && strcmp(name, "dom0") == 0)
        name = path;
    struct xsmc_dom *d = xsmc_system_add(s->sys, name, path);
    if (!d)
        return NULL;
    d->core.domid = domid;
    d->core.flags = XSMC_DOMF_CONSOLE; /* create_domUs sets is_console for each */
    if (!s->dt->overlay)
        d->boot.given |= XSMC_BOOT_KERNEL_EXPECTED;
    xsmc_dt_check_domain_props(s->dt, s->sys, node, path, d->name, 0);
    read_caps(s, d, node);
    read_memory(s, d, node, chosen);
    read_u32_facts(s, d, node);
    read_strings(s, d, node);
    check_grants(s, d, node);
    check_sve(s, d, node);
    read_links(s, d, node);
    return d;
}

static int add_domains(struct d0l *s, int chosen, char *err, size_t errlen)
{
    const struct dt *dt = s->dt;
    uint32_t domid = 1; /* domid_alloc(DOMID_ANY) never returns 0 */
    int child;
    char path[DT_MAX_PATH];
    fdt_for_each_subnode(child, dt->fdt, chosen) {
        if (!dt_compat(dt, child, "xen,domain"))
            continue;
        if (domid >= XSMC_DOMID_FIRST_RESERVED) {
            xsmc_fail(err, errlen, dt->file, s->chosen_path, XSMC_R_DOMID_EXHAUSTED,
                      "No more domain IDs available: more than %u domains", XSMC_DOMID_FIRST_RESERVED - 1);
            return -1;
        }
        dt_child_path(path, sizeof(path), s->chosen_path, fdt_get_name(dt->fdt, child, NULL));
        if (dt_index_add(&s->index, dt, child) || !add_domain(s, child, chosen, path, domid++)) {
            xsmc_fail(err, errlen, dt->file, path, XSMC_R_FILE_READ, "out of memory");
            return -1;
        }
    }
    return 0;
}

struct xsmc_system *xsmc_read_dom0less(const struct dt *dt, int chosen, const char *chosen_path,
                                       char *err, size_t errlen)
{
    struct d0l s = {.dt = dt, .chosen_path = chosen_path};
    s.sys = xsmc_system_new(dt->file, XSMC_SRC_DOM0LESS);
    if (!s.sys)
        return xsmc_fail(err, errlen, dt->file, chosen_path, XSMC_R_FILE_READ, "out of memory");
    s.sys->iommu = dt->iommu;
    /* a dom0less tree is Arm: arm32 when a host tree's CPUs all are cores only 32-bit Xen runs on */
    xsmc_system_set_platform(s.sys, dt->cpu_nodes && dt->cpu_nodes == dt->cpu_nodes_arm32
                                        ? XSMC_ARCH_ARM32 : XSMC_ARCH_ARM64, NULL);
    if (xsmc_dt_early_scan(dt, s.sys, chosen, chosen_path, &s.early, err, errlen))
        goto fail;
    /* the first kernel outside any domain node is meant for dom0; the first registered one is its */
    const struct dt_module *meant = dt_early_first_dom0_kernel(&s.early);
    const struct dt_module *kernel = dt_early_dom0_module(&s.early, MOD_KERNEL);
    int domu_kernels = dt_early_domu_kernels(&s.early);
    s.sys->xsm_policy = dt_early_dom0_module(&s.early, MOD_XSM) != NULL;
    struct xen_cmdline cmd;
    xsmc_parse_xen_cmdline(xen_bootargs(dt, chosen, meant ? meant->node : -1), &cmd);
    xsmc_apply_xen_cmdline(s.sys, &cmd, chosen_path);
    s.gnttab_max_version = cmd.gnttab_max_version;
    if (kernel && !add_classic_dom0(&s, &cmd, kernel->path)) {
        xsmc_fail(err, errlen, dt->file, chosen_path, XSMC_R_FILE_READ, "out of memory");
        goto fail;
    }
    /* kernel_probe: a module of size 0 is no kernel (its reg read in its parent's cells) */
    if (kernel && kernel->located && !kernel->size)
        xsmc_report(s.sys, XSMC_R_KERNEL_MISSING, kernel->path,
                    "Missing kernel boot module?: dom0's kernel is 0 bytes long as Xen reads its reg (in its "
                    "parent's #address-cells and #size-cells, 2 and 1 where no ancestor gives them), then "
                    "panic \"Could not set up d0 guest OS (rc = -2)\"");
    xsmc_dt_report_dropped(dt, &s.early, s.sys, meant ? meant->node : -1);
    size_t first = s.sys->ndoms;
    if (add_domains(&s, chosen, err, errlen))
        goto fail;
    /* is_dom0less_mode is false without any kernel: Xen builds dom0 first, and that fails */
    if (!dt->overlay && !meant && !domu_kernels)
        xsmc_report(s.sys, XSMC_R_KERNEL_MISSING, chosen_path,
                    "no kernel boot module%s: Xen is not in dom0less mode and builds dom0 first: \"Missing "
                    "kernel boot module?\", then panic \"Could not set up d0 guest OS (rc = -2)\"",
                    s.sys->ndoms ? " registered for any domain" : " and no xen,domain node");
    else if (s.sys->ndoms == 0)
        xsmc_report(s.sys, XSMC_R_KERNEL_MISSING, chosen_path,
                    "no dom0 kernel module and no xen,domain node: Xen has nothing to boot");
    xsmc_dt_check_evtchns(dt, s.sys, chosen, chosen_path, &s.index, first);
    xsmc_dt_map_shmem(&s.early, s.sys, chosen, &s.index, first);
    for (size_t i = 0; i < s.sys->ndoms; i++) {
        if (!(s.sys->doms[i].core.caps & XSMC_CAP_HARDWARE))
            continue;
        if (!dt->overlay && xsmc_dt_hwdom_devices(dt, &s.sys->doms[i])) {
            xsmc_fail(err, errlen, dt->file, chosen_path, XSMC_R_FILE_READ, "out of memory");
            goto fail;
        }
        break;
    }
    /* the classic dom0 has no node, so no xsmcap,target */
    xsmc_dt_link_targets(dt, s.sys, first, &s.index);
    dt_index_free(&s.index);
    xsmc_dt_early_free(&s.early);
    return s.sys;
fail:
    dt_index_free(&s.index);
    xsmc_dt_early_free(&s.early);
    xsmc_system_free(s.sys);
    return NULL;
}
