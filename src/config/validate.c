/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's boot-time rules over a system, each a row of rules.def.  Xen stops
 * at the first panic; xsmcap reports every violation in one run.  Which
 * rules apply depends on where the system came from: every source has the
 * role rules; Arm boot files (dom0less, ImageBuilder) the dom0less node
 * rules; x86 hyperlaunch the few its posted parser has.
 */
#include <string.h>

#include "rules.h"

static int is_arm(const struct xsmc_system *sys)
{
    return sys->kind == XSMC_SRC_DOM0LESS || sys->kind == XSMC_SRC_IMAGEBUILDER;
}

static int is_boot_file(const struct xsmc_system *sys)
{
    return is_arm(sys) || sys->kind == XSMC_SRC_HYPERLAUNCH;
}

static int direct_mapped(const struct xsmc_dom *d)
{
    return d->direct_map == XSMC_YES || (d->boot.given & XSMC_BOOT_DIRECT_MAP);
}

/* Capabilities and the proposed hypercall-untargetable property. */
static void check_caps(struct xsmc_system *sys, const struct xsmc_dom *d, enum xsmc_profile profile)
{
    uint32_t defined = xsmc_profile_caps(profile);
    uint32_t bits = d->core.caps;
    if ((d->boot.given & XSMC_BOOT_UNTARGETABLE) && !(d->raw_caps & XSMC_CAP_NOT_HYPERCALL_TARGET)) {
        bits &= ~XSMC_CAP_NOT_HYPERCALL_TARGET;
        if (!(defined & XSMC_CAP_NOT_HYPERCALL_TARGET))
            xsmc_report(sys, XSMC_R_UNTARGETABLE_UNKNOWN, d->where,
                        "hypercall-untargetable on domain '%s' is not known under profile %s",
                        d->name, xsmc_profile_name(profile));
    }
    if (bits & ~defined)
        xsmc_report(sys, XSMC_R_CAPS_INVALID, d->where,
                    "Invalid capabilities (%x) for domain '%s': profile %s defines only 0x%x",
                    d->caps_explicit ? d->raw_caps : bits, d->name, xsmc_profile_name(profile),
                    defined);
}

/* parse_dom0less_node and arch_parse_dom0less_node for a HARDWARE domain. */
static void check_hwdom(struct xsmc_system *sys, const struct xsmc_dom *d)
{
    if (d->classic_dom0)
        return;
    if (d->boot.given & XSMC_BOOT_PASSTHROUGH)
        xsmc_report(sys, XSMC_R_PASSTHROUGH_ON_HWDOM, d->where,
                    "Don't specify passthrough for hardware domain ('%s')", d->name);
    if (!direct_mapped(d) && sys->iommu == XSMC_NO)
        xsmc_report(sys, XSMC_R_HWDOM_NEEDS_IOMMU, d->where,
                    "non-direct mapped hardware domain requires iommu: '%s' is not direct-mapped and %s",
                    d->name, sys->iommu_cmdline == XSMC_NO ? "iommu= on Xen's command line turns the IOMMU off"
                                                           : "the platform has no enabled IOMMU");
    else if (!direct_mapped(d) && sys->iommu != XSMC_YES)
        xsmc_report(sys, XSMC_R_HWDOM_IOMMU_UNKNOWN, d->where,
                    "'%s' is not direct-mapped, so Xen boots it only with an enabled IOMMU (\"non-direct "
                    "mapped hardware domain requires iommu\"), and the configuration does not say whether "
                    "the platform has one: undecided", d->name);
    if (d->boot.given & XSMC_BOOT_PARTIAL_DT)
        xsmc_report(sys, XSMC_R_PARTIAL_DT_ON_HWDOM, d->where,
                    "\"multiboot,device-tree\" incompatible with hardware domain ('%s' has one)", d->name);
    else if (d->boot.given & XSMC_BOOT_LATER_PARTIAL_DT)
        xsmc_report(sys, XSMC_R_PARTIAL_DT_ON_HWDOM, d->where,
                    "\"multiboot,device-tree\" incompatible with hardware domain: '%s' has none, but Xen "
                    "searches the rest of the whole tree after its node and finds a later domain's",
                    d->name);
    if (d->boot.given & XSMC_BOOT_NR_SPIS)
        xsmc_report(sys, XSMC_R_NR_SPIS_ON_HWDOM, d->where,
                    "nr_spis cannot be specified for hardware domain ('%s')", d->name);
    if (d->boot.given & XSMC_BOOT_VPL011)
        xsmc_report(sys, XSMC_R_VPL011_ON_HWDOM, d->where,
                    "vpl011 on hardware domain '%s' is ignored by Xen", d->name);
}

/* Memory, mapping, vCPUs and the kernel of an Arm boot domain. */
static void check_arm_node(struct xsmc_system *sys, const struct xsmc_dom *d)
{
    const struct xsmc_boot_facts *b = &d->boot;
    if (d->classic_dom0)
        return;
    if (d->static_mem && sys->llc_coloring == XSMC_YES)
        xsmc_report(sys, XSMC_R_STATIC_MEM_WITH_LLC, d->where,
                    "LLC coloring and static memory are incompatible ('%s' has xen,static-mem)", d->name);
    if (direct_mapped(d) && !d->static_mem)
        xsmc_report(sys, XSMC_R_DIRECT_MAP_NO_STATIC, d->where,
                    "direct-map is not valid for domain %s without static allocation.", d->name);
    if (!(b->given & XSMC_BOOT_CPUS))
        xsmc_report(sys, XSMC_R_CPUS_MISSING, d->where, "Missing property 'cpus' for domain %s", d->name);
    else if (d->cpus == 0)
        xsmc_report(sys, XSMC_R_CPUS_ZERO, d->where, "No vCPUS: domain %s has cpus = <0>", d->name);
    if (b->given & XSMC_BOOT_TRAP_UNMAPPED && b->trap_unmapped > 1)
        xsmc_report(sys, XSMC_R_TRAP_UNMAPPED_INVALID, d->where,
                    "trap-unmapped-accesses: supported values are 0 or 1 (domain %s has %u)", d->name,
                    b->trap_unmapped);
    if (b->given & XSMC_BOOT_LLC_COLORS && sys->llc_coloring != XSMC_YES)
        xsmc_report(sys, XSMC_R_LLC_COLORS_DISABLED, d->where,
                    "'llc-colors' found, but LLC coloring is disabled (domain %s)", d->name);
    if (!(b->given & XSMC_BOOT_MEMORY))
        xsmc_report(sys, XSMC_R_MEMORY_MISSING, d->where,
                    "Error building DomU: cannot read \"memory\" property (domain %s)", d->name);
    else if (d->static_mem && !(d->core.caps & XSMC_CAP_HARDWARE) && b->static_mem_kb != d->memory_kb)
        xsmc_report(sys, XSMC_R_STATIC_MEM_MISMATCH, d->where,
                    "Size of \"memory\" property doesn't match up with the sum-up of \"xen,static-mem\": "
                    "memory %llu KiB, banks %llu KiB (domain %s)", (unsigned long long)d->memory_kb,
                    (unsigned long long)b->static_mem_kb, d->name);
    if (sys->iommu == XSMC_YES && !(d->core.caps & XSMC_CAP_HARDWARE) &&
        (b->given & (XSMC_BOOT_LATER_PARTIAL_DT | XSMC_BOOT_PARTIAL_DT)) == XSMC_BOOT_LATER_PARTIAL_DT)
        xsmc_report(sys, XSMC_R_PARTIAL_DT_QUIRK, d->where,
                    "'%s' owns no multiboot,device-tree module, but a later node does: Xen gives it the IOMMU flag",
                    d->name);
}

static void check_kernel(struct xsmc_system *sys, const struct xsmc_dom *d)
{
    if (d->classic_dom0 || d->has_kernel)
        return;
    if (d->boot.given & XSMC_BOOT_KERNEL_EXPECTED)
        xsmc_report(sys, XSMC_R_KERNEL_MISSING, d->where,
                    "Missing kernel boot module? (domain %s has no multiboot,kernel module)", d->name);
    else if (is_arm(sys))
        xsmc_report(sys, XSMC_R_OVERLAY_DEFERRED, d->where,
                    "domain %s has no kernel module in this overlay: the boot loader is expected to add it",
                    d->name);
}

/*
 * The first domain with a role holds it; every later one is Xen's panic
 * "Only 1 ROLE domain can be specified! (ID)", the holder's id printed
 * as %pd ("d1") for hardware and %u ("1") for xenstore.
 */
static void only_one(struct xsmc_system *sys, const struct xsmc_dom *d, const struct xsmc_dom **holder,
                     enum xsmc_rule rule, const char *role, const char *id_prefix)
{
    if (!*holder) {
        *holder = d;
        return;
    }
    xsmc_report(sys, rule, d->where,
                "Only 1 %s domain can be specified! (%s%u): '%s' already is the %s domain, '%s' asks too",
                role, id_prefix, (*holder)->core.domid, (*holder)->name, role, d->name);
}

/* The XSM module and the IOMMU, as the command line and the build decide them. */
static void check_boot(struct xsmc_system *sys)
{
    if (sys->kind == XSMC_SRC_PARTIAL_DT)
        return; /* a guest's device tree: Xen does not boot it */
    const char *at = sys->xen_cmdline_at ? sys->xen_cmdline_at : "";
    const char *chosen = xsmc_xsm_module_name((enum xsmc_xsm_module)sys->xsm_boot);
    enum xsmc_xsm_module m = xsmc_system_xsm_module(sys);
    if (xsmc_system_xsm_param_ignored(sys)) {
        if (!xsmc_kconfig_on(&sys->kconfig, XSMC_K_XSM))
            xsmc_report(sys, XSMC_R_XSM_PARAM_IGNORED, at,
                        "parameter \"xsm\" unknown!: Xen built without CONFIG_XSM has no xsm= and "
                        "ignores xsm=%s; the default policy applies", chosen);
        else
            xsmc_report(sys, XSMC_R_XSM_PARAM_IGNORED, at,
                        "parameter \"xsm\" has invalid value \"%s\", rc=-22!: this build has no "
                        "CONFIG_XSM_%s, so Xen keeps its default module (%s)", chosen,
                        sys->xsm_boot == XSMC_XSM_SILO ? "SILO" : "FLASK", xsmc_xsm_module_name(m));
    }
    if (m == XSMC_XSM_SILO && sys->xsm_boot != XSMC_XSM_SILO)
        xsmc_report(sys, XSMC_R_XSM_SILO_DEFAULT, at,
                    "Xen built this way applies SILO unless booted with xsm=dummy "
                    "(CONFIG_XSM_SILO_DEFAULT; the answers here assume the default policy unless --silo)");
    if (m == XSMC_XSM_FLASK)
        xsmc_report(sys, XSMC_R_XSM_FLASK, at,
                    "Xen boots with %s: the default policy does not apply; %s",
                    sys->xsm_boot == XSMC_XSM_FLASK ? "xsm=flask" : "Flask (CONFIG_XSM_FLASK_DEFAULT)",
                    sys->xsm_policy ? "the Flask policy the configuration loads decides (compare it with "
                                      "'xsmcap flask', the Flask form of the default policy)"
                                    : "the configuration loads no Flask policy, so Xen needs one built in "
                                      "(CONFIG_XSM_FLASK_POLICY) or panics \"Unable to load FLASK policy\"");
    if (sys->iommu_force && sys->iommu == XSMC_NO)
        xsmc_report(sys, XSMC_R_IOMMU_REQUIRED, at,
                    "Couldn't enable IOMMU and iommu=required/force: %s",
                    sys->iommu_cmdline == XSMC_NO ? "the same command line turns the IOMMU off"
                                                  : "the platform has no enabled IOMMU");
}

int xsmc_validate(struct xsmc_system *sys, enum xsmc_profile profile)
{
    size_t before = xsmc_system_count(sys, XSMC_ERROR);
    check_boot(sys);
    const struct xsmc_dom *hw = NULL, *xs = NULL, *wants_xs = NULL;
    size_t nwants = 0;
    for (size_t i = 0; i < sys->ndoms; i++) {
        const struct xsmc_dom *d = &sys->doms[i];
        check_caps(sys, d, profile);
        if (d->core.caps & XSMC_CAP_HARDWARE) {
            only_one(sys, d, &hw, XSMC_R_HWDOM_DUPLICATE, "hardware", "d");
            if (is_arm(sys))
                check_hwdom(sys, d);
        }
        if (d->core.caps & XSMC_CAP_XENSTORE)
            only_one(sys, d, &xs, XSMC_R_XENSTORE_DUPLICATE, "xenstore", "");
        if (d->xenstore_requested && !nwants++)
            wants_xs = d;
        if (is_arm(sys))
            check_arm_node(sys, d);
        else if (d->boot.given & XSMC_BOOT_CPUS && d->cpus == 0)
            xsmc_report(sys, XSMC_R_CPUS_ZERO, d->where, "No vCPUS: domain %s has cpus = <0>", d->name);
        if (is_boot_file(sys))
            check_kernel(sys, d);
    }
    if (wants_xs && !xs)
        xsmc_report(sys, XSMC_R_XENSTORE_MISSING, wants_xs->where,
                    "xenstore requested, but xenstore domain not present: %zu domain(s) ask for it "
                    "(xen,enhanced), first '%s', and none has the xenstore capability", nwants,
                    wants_xs->name);
    return (int)(xsmc_system_count(sys, XSMC_ERROR) - before);
}
