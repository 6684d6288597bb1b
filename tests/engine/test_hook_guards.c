/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kconfig column of include/xsmcap/hooks.def against where Xen puts each
 * hook at the reference snapshot (c447b7308b): the #if around the function
 * in xen/include/xsm/dummy.h, and the #if or Makefile obj-$(CONFIG_...) line
 * that every call site sits under.  A hook not in the table below has
 * neither and must have an empty column.  Architecture directories
 * (xen/arch/x86/...) are not Kconfig guards here: which architectures
 * reach a hook is the operation catalogue's business.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "xsmcap/policy.h"

static const struct {
    const char *hook;
    const char *guard;
    const char *where; /* the fact, file:function or file and its #if */
} guards[] = {
    {"sysctl", "CONFIG_SYSCTL", "xen/common/Makefile: obj-$(CONFIG_SYSCTL) += sysctl.o (do_sysctl, the only caller); xen/include/xsm/hooks.h #ifdef CONFIG_SYSCTL"},
    {"grant_mapref", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"grant_unmapref", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"grant_setup", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"grant_transfer", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"grant_copy", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"grant_query_size", "CONFIG_GRANT_TABLE", "dummy.h #ifdef CONFIG_GRANT_TABLE"},
    {"kexec", "CONFIG_KEXEC", "dummy.h #ifdef CONFIG_KEXEC"},
    {"memory_pin_page", "CONFIG_PV", "xen/arch/x86/mm.c:do_mmuext_op, inside #ifdef CONFIG_PV"},
    {"init_hardware_domain", "CONFIG_LATE_HWDOM", "xen/common/domain.c:late_hwdom_init, the call inside #ifdef CONFIG_LATE_HWDOM"},
    {"get_pod_target", "CONFIG_HVM", "xen/arch/x86/mm.c:arch_memory_op, XENMEM_get_pod_target inside #ifdef CONFIG_HVM"},
    {"set_pod_target", "CONFIG_HVM", "xen/arch/x86/mm.c:arch_memory_op, XENMEM_set_pod_target inside #ifdef CONFIG_HVM"},
    {"get_device_group", "CONFIG_HAS_PASSTHROUGH && CONFIG_HAS_PCI", "dummy.h #if defined(CONFIG_HAS_PASSTHROUGH) && defined(CONFIG_HAS_PCI)"},
    {"resource_plug_pci", "CONFIG_HAS_PASSTHROUGH && CONFIG_HAS_PCI", "dummy.h #if defined(CONFIG_HAS_PASSTHROUGH) && defined(CONFIG_HAS_PCI)"},
    {"resource_unplug_pci", "CONFIG_HAS_PASSTHROUGH && CONFIG_HAS_PCI", "dummy.h #if defined(CONFIG_HAS_PASSTHROUGH) && defined(CONFIG_HAS_PCI)"},
    {"resource_setup_pci", "CONFIG_HAS_PCI", "dummy.h #ifdef CONFIG_HAS_PCI"},
    {"resource_setup_gsi", "CONFIG_HAS_PCI", "dummy.h #ifdef CONFIG_HAS_PCI"},
    {"hypfs_op", "CONFIG_HYPFS", "dummy.h #ifdef CONFIG_HYPFS"},
    {"do_xsm_op", "CONFIG_XSM", "dummy.h #ifdef CONFIG_XSM"},
    {"do_compat_op", "CONFIG_XSM && CONFIG_COMPAT", "dummy.h #ifdef CONFIG_XSM, #ifdef CONFIG_COMPAT"},
    {"map_domain_pirq", "CONFIG_HAS_PIRQ", "dummy.h #ifdef CONFIG_HAS_PIRQ"},
    {"unmap_domain_pirq", "CONFIG_HAS_PIRQ", "dummy.h #ifdef CONFIG_HAS_PIRQ"},
    {"iomem_mapping_vpci", "CONFIG_HAS_VPCI", "dummy.h #ifdef CONFIG_HAS_VPCI"},
    {"pci_config_permission", "CONFIG_HAS_PCI", "dummy.h #ifdef CONFIG_HAS_PCI"},
    {"hvm_param", "CONFIG_HVM", "dummy.h #ifdef CONFIG_HVM"},
    {"hvm_param_altp2mhvm", "CONFIG_HVM", "dummy.h #ifdef CONFIG_HVM"},
    {"hvm_altp2mhvm_op", "CONFIG_ALTP2M", "dummy.h #ifdef CONFIG_ALTP2M"},
    {"mem_access", "CONFIG_VM_EVENT", "dummy.h #ifdef CONFIG_VM_EVENT"},
    {"mem_paging", "CONFIG_MEM_PAGING", "dummy.h #ifdef CONFIG_MEM_PAGING"},
    {"mem_sharing", "CONFIG_MEM_SHARING", "dummy.h #ifdef CONFIG_MEM_SHARING"},
    {"mem_sharing_op", "CONFIG_X86 && CONFIG_MEM_SHARING", "dummy.h #ifdef CONFIG_X86; every caller in xen/arch/x86/mm/mem_sharing.c, obj-$(CONFIG_MEM_SHARING)"},
    {"apic", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"machine_memory_map", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"domain_memory_map", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"do_mca", "CONFIG_X86 && CONFIG_PV", "dummy.h #ifdef CONFIG_X86, #ifdef CONFIG_PV"},
    {"mmu_update", "CONFIG_X86 && CONFIG_PV", "dummy.h #ifdef CONFIG_X86, #ifdef CONFIG_PV"},
    {"mmuext_op", "CONFIG_X86 && CONFIG_PV", "dummy.h #ifdef CONFIG_X86, #ifdef CONFIG_PV"},
    {"update_va_mapping", "CONFIG_X86 && CONFIG_PV", "dummy.h #ifdef CONFIG_X86, #ifdef CONFIG_PV"},
    {"priv_mapping", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"ioport_permission", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"ioport_mapping", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"pmu_op", "CONFIG_X86", "dummy.h #ifdef CONFIG_X86"},
    {"dm_op", "CONFIG_IOREQ_SERVER", "dummy.h #ifdef CONFIG_IOREQ_SERVER"},
    {"argo_enable", "CONFIG_ARGO", "dummy.h #ifdef CONFIG_ARGO"},
    {"argo_register_single_source", "CONFIG_ARGO", "dummy.h #ifdef CONFIG_ARGO"},
    {"argo_register_any_source", "CONFIG_ARGO", "dummy.h #ifdef CONFIG_ARGO"},
    {"argo_send", "CONFIG_ARGO", "dummy.h #ifdef CONFIG_ARGO"},
};

#define NGUARDS (sizeof(guards) / sizeof(guards[0]))

static void every_row_names_a_hook(void **st)
{
    (void)st;
    for (size_t i = 0; i < NGUARDS; i++) {
        uint32_t id;
        if (xsmc_hook_from_name(guards[i].hook, &id))
            fail_msg("table row %s is not a hook of the catalogue", guards[i].hook);
        for (size_t j = i + 1; j < NGUARDS; j++)
            assert_string_not_equal(guards[i].hook, guards[j].hook);
    }
}

static void kconfig_column_is_xens_guard(void **st)
{
    (void)st;
    int bad = 0;
    for (uint32_t id = 0; id < XSMC_HOOK_COUNT; id++) {
        const struct xsmc_hook_info *h = xsmc_hook_info(id);
        const char *want = "", *where = "no #if in dummy.h or around its call sites";
        for (size_t i = 0; i < NGUARDS; i++)
            if (strcmp(guards[i].hook, h->name) == 0) {
                want = guards[i].guard;
                where = guards[i].where;
            }
        if (strcmp(h->kconfig, want) != 0) {
            print_error("%s: kconfig column \"%s\", Xen: \"%s\" (%s)\n", h->name, h->kconfig,
                        want, where);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_names_a_hook),
        cmocka_unit_test(kconfig_column_is_xens_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
