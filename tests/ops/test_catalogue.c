/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catalogue as data: lookups, unique names, well-formed gates, the
 * hooks every row reaches, and rows checked by hand against Xen's headers
 * and call sites at the reference snapshot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "xsmcap/ops.h"

static const struct xsmc_op *op_named(const char *name)
{
    for (size_t i = 0; i < xsmc_op_count(); i++)
        if (strcmp(xsmc_op_at(i)->name, name) == 0)
            return xsmc_op_at(i);
    return NULL;
}

static int hook_reached(uint32_t hook)
{
    for (size_t i = 0; i < xsmc_op_count(); i++)
        if (xsmc_op_checks_hook(xsmc_op_at(i), hook))
            return 1;
    return 0;
}

static uint32_t hook(const char *name)
{
    uint32_t h = XSMC_HOOK_COUNT;
    assert_int_equal(xsmc_hook_from_name(name, &h), 0);
    return h;
}

static int is_xsm(const struct xsmc_gate *g)
{
    return g->kind == XSMC_G_XSM || g->kind == XSMC_G_XSM_FILTER;
}

static void test_lookup_forms(void **state)
{
    (void)state;
    const struct xsmc_op *gsi = op_named("PHYSDEVOP_setup_gsi");
    assert_non_null(gsi);
    assert_ptr_equal(xsmc_op_find("PHYSDEVOP_setup_gsi"), gsi);
    assert_ptr_equal(xsmc_op_find("physdev_op:setup_gsi"), gsi);
    assert_ptr_equal(xsmc_op_find("physdev_op:PHYSDEVOP_setup_gsi"), gsi);
    assert_string_equal(gsi->hypercall, "physdev_op");
    assert_int_equal(gsi->value, 21);
    assert_int_equal(xsmc_op_first_hook(gsi), hook("resource_setup_gsi"));

    /* constants without a conventional prefix still work both ways */
    const struct xsmc_op *uva = xsmc_op_find("update_va_mapping:update_va_mapping");
    assert_non_null(uva);
    assert_ptr_equal(xsmc_op_find("__HYPERVISOR_update_va_mapping"), uva);
    assert_ptr_equal(xsmc_op_find("hvm_op:altp2m_create_p2m"),
                     xsmc_op_find("HVMOP_altp2m_create_p2m"));
}

static void test_lookup_fails_closed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        NULL, "", ":", "physdev_op:", ":setup_gsi", "physdev_op:setup_gsi:x",
        "PHYSDEVOP_SETUP_GSI", "physdevop_setup_gsi", "Physdev_op:setup_gsi",
        "platform_op:setup_gsi", "nosuch_op:setup_gsi", "PHYSDEVOP_setup", "PHYSDEVOP_",
        "physdev_op:PHYSDEVOP_", "physdev_op:PHYSDEVOP", "setup_gsi", " PHYSDEVOP_setup_gsi",
        "PHYSDEVOP_setup_gsi ", "physdev_op :setup_gsi", "SCHEDOP_yield", "sched_op:yield",
        "resource_setup_gsi", "domctl:XEN_SYSCTL_readconsole"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (xsmc_op_find(bad[i]))
            fail_msg("'%s' must not name a catalogue row", bad[i] ? bad[i] : "(null)");
    }
}

static void test_names_unique_and_prefixed(void **state)
{
    (void)state;
    assert_true(xsmc_op_count() >= 250);
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *a = xsmc_op_at(i);
        const struct xsmc_hypercall *hc = xsmc_hypercall_find(a->hypercall);
        if (!hc)
            fail_msg("%s: hypercall %s is not in hypercalls.def", a->name, a->hypercall);
        size_t plen = strlen(hc->prefix);
        if (strncmp(a->constant, hc->prefix, plen) != 0 || !a->constant[plen])
            fail_msg("%s does not carry %s's prefix %s", a->name, a->hypercall, hc->prefix);
        if (strncmp(a->name, a->constant, strlen(a->constant)) != 0 ||
            (a->name[strlen(a->constant)] && a->name[strlen(a->constant)] != '/'))
            fail_msg("%s: a name is the constant, or constant/variant", a->name);
        const char *short_a = a->name + plen;
        for (size_t j = i + 1; j < xsmc_op_count(); j++) {
            const struct xsmc_op *b = xsmc_op_at(j);
            if (strcmp(a->name, b->name) == 0)
                fail_msg("%s appears twice (%s, %s)", a->name, a->hypercall, b->hypercall);
            if (strcmp(a->hypercall, b->hypercall) == 0 &&
                strcmp(short_a, b->name + strlen(hc->prefix)) == 0)
                fail_msg("%s:%s is ambiguous", a->hypercall, short_a);
        }
        /* every row is found again by each of its names */
        char full[160], short_form[160];
        snprintf(full, sizeof(full), "%s:%s", a->hypercall, a->name);
        snprintf(short_form, sizeof(short_form), "%s:%s", a->hypercall, short_a);
        assert_ptr_equal(xsmc_op_find(a->name), a);
        assert_ptr_equal(xsmc_op_find(full), a);
        assert_ptr_equal(xsmc_op_find(short_form), a);
    }
}

static void test_hypercalls_listed_once_and_used(void **state)
{
    (void)state;
    for (size_t i = 0; i < xsmc_hypercall_count(); i++) {
        const struct xsmc_hypercall *h = xsmc_hypercall_at(i);
        assert_ptr_equal(xsmc_hypercall_find(h->name), h);
        assert_true(h->reach != 0 && (h->reach & ~XSMC_P_ALL) == 0);
        assert_true(h->kopt < (int)XSMC_K_COUNT);
        int rows = 0;
        for (size_t j = 0; j < xsmc_op_count(); j++)
            rows += strcmp(xsmc_op_at(j)->hypercall, h->name) == 0;
        if (!rows)
            fail_msg("hypercall %s has no row", h->name);
    }
    assert_null(xsmc_hypercall_at(xsmc_hypercall_count()));
    assert_null(xsmc_op_at(xsmc_op_count()));
    assert_null(xsmc_hypercall_find(NULL));
    assert_null(xsmc_hypercall_find("physdev"));
}

/* A citation "xen/dir/file.c:function" (or a header's inline function, "file.h:function"). */
static int well_cited(const char *xen)
{
    if (!xen || strncmp(xen, "xen/", 4) != 0)
        return 0;
    const char *colon = strchr(xen, ':');
    return colon && colon[1] && colon > xen + 4 &&
           (strstr(xen, ".c:") != NULL || strstr(xen, ".h:") != NULL);
}

static void test_gates_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        assert_true(op->arches && (op->arches & ~XSMC_P_ALL) == 0);
        assert_non_null(xsmc_op_target_name(op->target));
        assert_true(op->ngates >= 1 && op->ngates <= XSMC_OP_MAX_GATES);
        assert_non_null(op->note);
        assert_non_null(op->what);
        for (unsigned g = 0; g < op->ngates; g++) {
            const struct xsmc_gate *gt = &op->gates[g];
            if (!xsmc_gate_kind_name(gt->kind))
                fail_msg("%s gate %u: unknown kind %u", op->name, g, gt->kind);
            if (!well_cited(gt->xen))
                fail_msg("%s gate %u: '%s' is not a xen/FILE.c:FUNCTION citation", op->name, g,
                         gt->xen ? gt->xen : "(null)");
            if (gt->runs & ~XSMC_P_ALL)
                fail_msg("%s gate %u: runs on an unknown platform", op->name, g);
            switch (gt->kind) {
            case XSMC_G_XSM:
            case XSMC_G_XSM_FILTER: {
                const struct xsmc_hook_info *h = xsmc_hook_info(gt->hook);
                if (!h)
                    fail_msg("%s gate %u is not a hook", op->name, g);
                /* the hooks whose own logic reads the constant must get it */
                if ((h->logic == XSMC_L_DOMCTL || h->logic == XSMC_L_SYSCTL ||
                     h->logic == XSMC_L_CONSOLE || h->logic == XSMC_L_XENVER ||
                     h->logic == XSMC_L_PMU) && strcmp(h->name, op->hypercall) != 0 &&
                    gt->subop != op->value)
                    fail_msg("%s: %s must see subop %u", op->name, h->name, op->value);
                if (h->target == XSMC_T_DOMAIN && op->target == XSMC_ON_NONE &&
                    gt->pair == XSMC_PAIR_CALLER_TARGET && h->logic != XSMC_L_NONE &&
                    h->logic != XSMC_L_DOMCTL)
                    fail_msg("%s: xsm_%s takes a target domain but the row has none", op->name,
                             h->name);
                break;
            }
            case XSMC_G_GUEST:
            case XSMC_G_TARGET_TYPE:
                assert_true(gt->allow && (gt->allow & ~XSMC_P_ALL) == 0);
                assert_true(gt->err > 0);
                break;
            case XSMC_G_KCONFIG:
            case XSMC_G_NOT_KCONFIG:
                assert_true(gt->kopt < XSMC_K_COUNT);
                assert_true(gt->err > 0);
                break;
            default:
                assert_true(gt->err > 0);
            }
            if ((gt->kind == XSMC_G_LOOKUP || gt->kind == XSMC_G_SELF ||
                 gt->kind == XSMC_G_NOT_SELF || gt->kind == XSMC_G_TARGET_TYPE) &&
                op->target != XSMC_ON_DOMAIN)
                fail_msg("%s: a %s gate on a row without a named target", op->name,
                         xsmc_gate_kind_name(gt->kind));
        }
    }
}

/*
 * Every harmless probe form fits the record the probe guest carries: fields,
 * read-backs and the port a pass opens lie inside buffer 1, a form reads a
 * status only where Xen writes one (grant_table_op), and one with a target
 * names the targets it is issued against.
 */
static void test_probe_forms_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        const struct xsmc_probe *pf = &op->probe;
        if (!pf->why || !*pf->why)
            fail_msg("%s: its probe form does not say why", op->name);
        if (!pf->harmless)
            continue;
        if (pf->nargs > XSMC_PROBE_MAX_ARGS || pf->nfields > XSMC_PROBE_MAX_FIELDS)
            fail_msg("%s: too many arguments or fields", op->name);
        for (unsigned f = 0; f < pf->nfields; f++)
            if (pf->fields[f].off + pf->fields[f].width > pf->buflen)
                fail_msg("%s: field %u lies past buffer 1 (%u bytes)", op->name, f, pf->buflen);
        if (pf->outcome == XSMC_PO_STATUS) {
            if (strcmp(op->hypercall, "grant_table_op") != 0 || pf->read_off[0] + 2u > pf->buflen)
                fail_msg("%s: a status read outside a grant op's structure", op->name);
            if (pf->pass_rc != XSMC_GNTST_OKAY && pf->pass_rc != XSMC_GNTST_BAD_GNTREF)
                fail_msg("%s: a pass status that is not GNTST_okay or GNTST_bad_gntref", op->name);
        }
        if (pf->outcome == XSMC_PO_ERRS &&
            (pf->data_gate == 0 || pf->data_gate >= op->ngates || pf->read_off[0] + 4u > 4096u))
            fail_msg("%s: errs[] read past buffer 2 or from a gate the row lacks", op->name);
        if (pf->outcome == XSMC_PO_LISTED && pf->read_off[0] + 4u > pf->buflen)
            fail_msg("%s: the count it reads lies past buffer 1", op->name);
        if (pf->close_port && pf->close_port - 1u + 4u > pf->buflen)
            fail_msg("%s: the port it closes lies past buffer 1", op->name);
        if ((op->target == XSMC_ON_DOMAIN) != (pf->targets != 0) &&
            !(op->target == XSMC_ON_DOMAIN && pf->targets == 0 && pf->nfields == 0))
            fail_msg("%s: its targets do not match the row's target", op->name);
    }
}

/* Xen's do_domctl sends exactly 12 commands to their own hooks; the engine agrees. */
static void test_domctl_own_hooks_match_engine(void **state)
{
    (void)state;
    struct xsmc_domain ctl = {.domid = 1, .target = XSMC_DOMID_NONE, .caps = XSMC_CAP_CONTROL};
    struct xsmc_domain guest = {.domid = 2, .target = XSMC_DOMID_NONE};
    int own = 0, rows = 0;
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (strcmp(op->hypercall, "domctl") != 0 || strchr(op->name, '/'))
            continue;
        rows++;
        struct xsmc_request rq = {.hook = hook("domctl"), .subop = op->value, .src = &ctl,
                                  .target = &guest};
        struct xsmc_decision d;
        assert_int_equal(xsmc_decide(XSMC_PROFILE_UPSTREAM, 0, &rq, &d), 0);
        int row_own = !xsmc_op_checks_hook(op, hook("domctl"));
        own += row_own;
        if (row_own != (d.rc == -XSMC_XEN_EILSEQ))
            fail_msg("%s: catalogue and engine disagree on its own hook", op->name);
    }
    assert_int_equal(own, 12);
    assert_true(rows >= 75);
}

static void test_every_deciding_hook_reached_or_explained(void **state)
{
    (void)state;
    for (uint32_t h = 0; h < XSMC_HOOK_COUNT; h++) {
        int listed = 0;
        for (size_t i = 0; i < xsmc_unreached_count(); i++)
            listed += xsmc_unreached_at(i)->hook == h;
        int reached = hook_reached(h);
        const struct xsmc_hook_info *info = xsmc_hook_info(h);
        if (listed > 1)
            fail_msg("%s listed twice as unreached", info->name);
        if (listed && reached)
            fail_msg("%s is reached by a row but listed as unreached", info->name);
        if (!listed && !reached && info->logic != XSMC_L_NONE)
            fail_msg("%s decides but no row reaches it and unreached.def does not say why",
                     info->name);
    }
    for (size_t i = 0; i < xsmc_unreached_count(); i++)
        assert_true(strlen(xsmc_unreached_at(i)->reason) > 20);
    assert_null(xsmc_unreached_at(xsmc_unreached_count()));
}

static void test_unchecked_are_not_rows(void **state)
{
    (void)state;
    assert_true(xsmc_unchecked_count() > 0);
    for (size_t i = 0; i < xsmc_unchecked_count(); i++) {
        const struct xsmc_unchecked_op *u = xsmc_unchecked_at(i);
        const struct xsmc_hypercall *hc = xsmc_hypercall_find(u->hypercall);
        assert_non_null(hc);
        assert_int_equal(strncmp(u->name, hc->prefix, strlen(hc->prefix)), 0);
        for (size_t j = 0; j < xsmc_op_count(); j++)
            if (strcmp(xsmc_op_at(j)->constant, u->name) == 0)
                fail_msg("%s is both a row and unchecked", u->name);
    }
    assert_null(xsmc_unchecked_at(xsmc_unchecked_count()));
}

/*
 * Values, architectures and XSM hooks checked by hand against Xen's
 * headers and call sites at the reference snapshot (c447b7308b).
 */
static void test_known_rows(void **state)
{
    (void)state;
    struct {
        const char *name;
        uint32_t value;
        unsigned target;
        uint8_t arches;
        const char *hooks[3];
    } known[] = {
        /* xen/arch/arm/platform_hypercall.c knows only XENPF_settime64 */
        {"XENPF_settime64", 62, XSMC_ON_NONE, XSMC_P_ALL, {"platform_op"}},
        {"XENPF_microcode_update", 35, XSMC_ON_NONE, XSMC_P_X86, {"platform_op"}},
        /* do_domctl: xsm_domctl(d = NULL), then domain_create's own hook on the new domain */
        {"XEN_DOMCTL_createdomain", 1, XSMC_ON_NONE, XSMC_P_ALL, {"domctl", "domain_create"}},
        {"XEN_DOMCTL_memory_mapping", 39, XSMC_ON_DOMAIN, XSMC_P_ALL, {"iomem_mapping"}},
        {"XEN_DOMCTL_gsi_permission", 88, XSMC_ON_DOMAIN, XSMC_P_X86, {"irq_permission"}},
        {"XEN_SYSCTL_readconsole", 1, XSMC_ON_NONE, XSMC_P_ALL, {"sysctl"}},
        {"XEN_SYSCTL_getdomaininfolist", 6, XSMC_ON_DOMAIN, XSMC_P_ALL, {"sysctl", "getdomaininfo"}},
        {"PHYSDEVOP_map_pirq", 13, XSMC_ON_DOMAIN, XSMC_P_X86, {"map_domain_pirq", "map_domain_irq"}},
        {"PHYSDEVOP_apic_read", 8, XSMC_ON_NONE, XSMC_P_X86, {"apic"}},
        {"PHYSDEVOP_setup_gsi", 21, XSMC_ON_NONE, XSMC_P_X86, {"resource_setup_gsi"}},
        {"PHYSDEVOP_manage_pci_remove", 16, XSMC_ON_NONE, XSMC_P_X86, {"resource_unplug_pci"}},
        {"XENMEM_acquire_resource", 28, XSMC_ON_DOMAIN, XSMC_P_ALL, {"domain_resource_map"}},
        {"GNTTABOP_map_grant_ref", 0, XSMC_ON_DOMAIN, XSMC_P_ALL, {"grant_mapref"}},
        {"EVTCHNOP_alloc_unbound", 6, XSMC_ON_DOMAIN, XSMC_P_ALL, {"evtchn_unbound"}},
        {"XEN_DMOP_remote_shutdown", 16, XSMC_ON_DOMAIN, XSMC_P_X86, {"dm_op"}},
        {"CONSOLEIO_read", 1, XSMC_ON_NONE, XSMC_P_ALL, {"console_io"}},
        {"XENVER_commandline", 9, XSMC_ON_NONE, XSMC_P_ALL, {"xen_version"}},
        {"MMUEXT_PIN_L4_TABLE", 3, XSMC_ON_DOMAIN, XSMC_P_X86, {"mmuext_op", "memory_pin_page"}},
        {"SCHEDOP_remote_shutdown", 4, XSMC_ON_DOMAIN, XSMC_P_ALL, {"schedop_shutdown"}},
        {"KEXEC_CMD_kexec_load", 4, XSMC_ON_NONE, XSMC_P_X86, {"kexec"}},
        {"XEN_HYPFS_OP_write_contents", 2, XSMC_ON_NONE, XSMC_P_ALL, {"hypfs_op"}},
        {"XEN_ARGO_OP_sendv", 3, XSMC_ON_DOMAIN, XSMC_P_ALL, {"argo_enable", "argo_send"}},
        {"XENPMU_mode_set", 1, XSMC_ON_CALLER, XSMC_P_X86, {"pmu_op"}},
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        const struct xsmc_op *op = xsmc_op_find(known[i].name);
        if (!op)
            fail_msg("%s missing", known[i].name);
        if (op->value != known[i].value || op->target != known[i].target ||
            op->arches != known[i].arches)
            fail_msg("%s: value %u target %u arches 0x%x", op->name, op->value, op->target,
                     op->arches);
        unsigned n = 0;
        for (unsigned g = 0; g < op->ngates; g++) {
            if (!is_xsm(&op->gates[g]))
                continue;
            if (n >= 3 || !known[i].hooks[n] || op->gates[g].hook != hook(known[i].hooks[n]))
                fail_msg("%s: XSM check %u is xsm_%s", op->name, n,
                         xsmc_hook_info(op->gates[g].hook)->name);
            n++;
        }
        if (n < 3 && known[i].hooks[n])
            fail_msg("%s: xsm_%s is missing", op->name, known[i].hooks[n]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_forms),
        cmocka_unit_test(test_lookup_fails_closed),
        cmocka_unit_test(test_names_unique_and_prefixed),
        cmocka_unit_test(test_hypercalls_listed_once_and_used),
        cmocka_unit_test(test_gates_well_formed),
        cmocka_unit_test(test_probe_forms_well_formed),
        cmocka_unit_test(test_domctl_own_hooks_match_engine),
        cmocka_unit_test(test_every_deciding_hook_reached_or_explained),
        cmocka_unit_test(test_unchecked_are_not_rows),
        cmocka_unit_test(test_known_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
