/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every lint rule against a minimal system that triggers it and one that
 * does not.  The cases are a table; a test checks that each rule of
 * src/lint/rules.def has both kinds, so a new rule cannot land untested.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xsmcap/lint.h"

/* Changes a case makes to the parsed spec before linting. */
static void iommu_no(struct xsmc_system *s) { s->iommu = XSMC_NO; }
static void iommu_yes(struct xsmc_system *s) { s->iommu = XSMC_YES; }
static void no_intremap(struct xsmc_system *s) { s->iommu = XSMC_YES; s->intremap = XSMC_NO; }
static void with_intremap(struct xsmc_system *s) { s->iommu = XSMC_YES; s->intremap = XSMC_YES; }

static void hw_listed_no_dma(struct xsmc_system *s)
{
    s->iommu = XSMC_NO;
    assert_int_equal(xsmc_dom_add_device(xsmc_system_find(s, "hw"), "/soc/gpio", XSMC_NO), 0);
}

static void g_dma_device(struct xsmc_system *s)
{
    assert_int_equal(xsmc_dom_add_device(xsmc_system_find(s, "g"), "/soc/eth", XSMC_YES), 0);
}

static void g_dma_no_iommu(struct xsmc_system *s)
{
    g_dma_device(s);
    s->iommu = XSMC_NO;
}

static void g_dma_yes_iommu(struct xsmc_system *s)
{
    g_dma_device(s);
    s->iommu = XSMC_YES;
}

static void g_gpio_no_iommu(struct xsmc_system *s)
{
    s->iommu = XSMC_NO;
    assert_int_equal(xsmc_dom_add_device(xsmc_system_find(s, "g"), "/soc/gpio", XSMC_NO), 0);
}

static void ctl_device(struct xsmc_system *s)
{
    assert_int_equal(xsmc_dom_add_device(xsmc_system_find(s, "ctl"), "/soc/eth", XSMC_YES), 0);
}

static void g_wants_xenstore(struct xsmc_system *s)
{
    xsmc_system_find(s, "g")->xenstore_requested = 1;
}

static void first_is_classic_dom0(struct xsmc_system *s)
{
    s->doms[0].classic_dom0 = 1;
    g_wants_xenstore(s);
}

static void declare_backends(struct xsmc_dom *d, const char *name)
{
    d->backends = calloc(1, sizeof(char *));
    assert_non_null(d->backends);
    d->backends[0] = strdup(name);
    d->nbackends = 1;
}

/* Backends declared on the xenstore domain: no assumption needed. */
static void xs_declares_vif(struct xsmc_system *s)
{
    declare_backends(xsmc_system_find(s, "xs"), "vif");
}

/* Backends declared elsewhere: the hardware domain is no longer assumed to run them. */
static void drv_declares_vif(struct xsmc_system *s)
{
    declare_backends(xsmc_system_find(s, "drv"), "vif");
}

static void dm_target_unknown_name(struct xsmc_system *s)
{
    struct xsmc_dom *d = xsmc_system_find(s, "dm");
    d->target_name = strdup("nobody");
}

static void dm_target_stale_domid(struct xsmc_system *s)
{
    xsmc_system_find(s, "dm")->core.target = 77;
}

static void dm_targets_itself(struct xsmc_system *s)
{
    struct xsmc_dom *d = xsmc_system_find(s, "dm");
    d->core.target = d->core.domid;
}

/* A device-tree system: PV use is recorded per guest, so none is assumed. */
static void as_dom0less(struct xsmc_system *s)
{
    s->kind = XSMC_SRC_DOM0LESS;
}

static void as_dom0less_g_enhanced(struct xsmc_system *s)
{
    as_dom0less(s);
    g_wants_xenstore(s);
}

/* Domains a and b (and c, when the spec has it) name the static shared memory region "chan". */
static void share_chan(struct xsmc_system *s)
{
    const struct xsmc_shm m = {.role = XSMC_SHM_DEFAULT, .host_given = 1, .host = 0x70000000,
                               .guest = 0x8000000, .size = 0x100000};
    static const char *const users[] = {"a", "b", "c"};
    for (size_t i = 0; i < 3; i++) {
        struct xsmc_dom *d = xsmc_system_find(s, users[i]);
        if (d)
            assert_int_equal(xsmc_dom_add_shm(d, "chan", &m), 0);
    }
}

/* Domains a and b are joined by a static event channel (ports 10 and 11), as the DT reader lists it. */
static void evtchn_a_b(struct xsmc_system *s)
{
    assert_int_equal(xsmc_dom_add_evtchn(xsmc_system_find(s, "a"), 10, "b", 11), 0);
    assert_int_equal(xsmc_dom_add_evtchn(xsmc_system_find(s, "b"), 11, "a", 10), 0);
}

struct lint_case {
    const char *rule;
    const char *spec;
    enum xsmc_profile profile;
    uint32_t options;
    void (*setup)(struct xsmc_system *);
    size_t expect;      /* findings of `rule` */
    const char *needle; /* a word the first finding's message must contain, or NULL */
};

#define HWPRIV XSMC_PROFILE_HWPRIV
#define UPSTREAM XSMC_PROFILE_UPSTREAM
#define HWDM XSMC_PROFILE_HWPRIV_DM
#define V2 XSMC_PROFILE_HWPRIV_V2
#define SILO XSMC_OPT_SILO
#define SPLIT "hw:hardware;g;ctl:control"

static const struct lint_case cases[] = {
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, iommu_no, 1, "host devices"},
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, iommu_yes, 0, NULL},
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, no_intremap, 1, "interrupt remapping off"},
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, with_intremap, 0, NULL},
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, NULL, 0, NULL},
    {"hwdom-dma-without-iommu", SPLIT, HWPRIV, 0, hw_listed_no_dma, 0, NULL},
    {"hwdom-dma-without-iommu", "hw:control,hardware;g", HWPRIV, 0, iommu_no, 0, NULL},
    {"iommu-unknown", SPLIT, HWPRIV, 0, NULL, 1, "'hw'"},
    {"iommu-unknown", "g;ctl:control", HWPRIV, 0, g_dma_device, 1, "'g'"},
    {"iommu-unknown", SPLIT, HWPRIV, 0, iommu_no, 0, NULL},
    {"iommu-unknown", "g;ctl:control", HWPRIV, 0, NULL, 0, NULL},
    {"passthrough-dma-without-iommu", SPLIT, HWPRIV, 0, g_dma_no_iommu, 1, "/soc/eth"},
    {"passthrough-dma-without-iommu", SPLIT, HWPRIV, 0, g_dma_yes_iommu, 0, NULL},
    {"passthrough-dma-without-iommu", SPLIT, HWPRIV, 0, g_gpio_no_iommu, 0, NULL},
    {"dm-in-control", "g;ctl:control>g", HWPRIV, 0, NULL, 1, "device model of 'g'"},
    {"dm-in-control", "g;ctl:control,device_model", HWDM, 0, NULL, 1, "device_model"},
    {"dm-in-control", "g;dm>g;ctl:control", HWPRIV, 0, NULL, 0, NULL},
    {"hwdom-dm-priv-over-all", SPLIT, HWPRIV, 0, NULL, 1, "control domain 'ctl' included"},
    {"hwdom-dm-priv-over-all", "hw:hardware;g", HWPRIV, 0, NULL, 1, "e.g. 'g'"},
    {"hwdom-dm-priv-over-all", SPLIT, UPSTREAM, 0, NULL, 0, NULL},
    {"hwdom-dm-priv-over-all", SPLIT, HWDM, 0, NULL, 0, NULL},
    {"hwdom-dm-priv-over-all", SPLIT, V2, 0, NULL, 0, NULL},
    {"hwdom-dm-priv-over-all", "hw:control,hardware;g", HWPRIV, 0, NULL, 0, NULL},
    {"dm-cap-targets-all", "hw:hardware,device_model;g;ctl:control", HWDM, 0, NULL, 1,
     "control domain 'ctl' included"},
    {"dm-cap-targets-all", "hw:hardware,device_model;g;ctl:control", V2, 0, NULL, 1, "TARGET"},
    {"dm-cap-targets-all", SPLIT, HWDM, 0, NULL, 0, NULL},
    {"dm-cap-targets-all", "hw:hardware,device_model;g:not_hypercall_target;"
                           "ctl:control,not_hypercall_target", V2, 0, NULL, 0, NULL},
    {"dm-cap-targets-all", "hw:hardware,device_model;g;ctl:control", HWPRIV, 0, NULL, 0, NULL},
    {"control-owns-passthrough", SPLIT, HWPRIV, 0, ctl_device, 1, "'ctl'"},
    {"control-owns-passthrough", "ctl:control,hardware;g", HWPRIV, 0, ctl_device, 0, NULL},
    {"control-owns-passthrough", SPLIT, HWPRIV, 0, NULL, 0, NULL},
    {"control-multiple", "a:control;b:control;c:control", HWPRIV, 0, NULL, 2, "first is 'a'"},
    {"control-multiple", "a:control;b", HWPRIV, 0, NULL, 0, NULL},
    {"control-none", "hw:hardware,xenstore;g", HWPRIV, 0, NULL, 1, NULL},
    {"control-none", "a:control", HWPRIV, 0, NULL, 0, NULL},
    {"xenstore-missing", "hw:hardware;g;ctl:control", HWPRIV, 0, g_wants_xenstore, 1, "'g'"},
    {"xenstore-missing", "xs:xenstore;g", HWPRIV, 0, g_wants_xenstore, 0, NULL},
    {"xenstore-missing", "dom0;g", HWPRIV, 0, first_is_classic_dom0, 0, NULL},
    {"xenstore-missing", "hw:hardware;g", HWPRIV, 0, NULL, 0, NULL},
    {"xenstore-with-backends", "dom0:hardware,xenstore;g;ctl:control", HWPRIV, 0, NULL, 1,
     "assumed"},
    {"xenstore-with-backends", "xs:xenstore;g", HWPRIV, 0, xs_declares_vif, 1, "vif"},
    {"xenstore-with-backends", "xs:hardware,xenstore;drv;g", HWPRIV, 0, drv_declares_vif, 0,
     NULL},
    {"xenstore-with-backends", "xs:xenstore;hw:hardware;g", HWPRIV, 0, NULL, 0, NULL},
    {"xenstore-with-backends", "dom0:control,hardware,xenstore;g", HWPRIV, 0, NULL, 0, NULL},
    {"target-missing", "g;dm", HWPRIV, 0, dm_target_unknown_name, 1, "'nobody'"},
    {"target-missing", "g;dm", HWPRIV, 0, dm_target_stale_domid, 1, "77"},
    {"target-missing", "g;dm>g", HWPRIV, 0, NULL, 0, NULL},
    {"target-self", "g;dm", HWPRIV, 0, dm_targets_itself, 1, "'dm'"},
    {"target-self", "g;dm>g", HWPRIV, 0, NULL, 0, NULL},
    {"target-chain", "g;a>g;b>a", HWPRIV, 0, NULL, 1, "itself the device model of 'g'"},
    {"target-chain", "g;a>g;b>g", HWPRIV, 0, NULL, 0, NULL},
    {"untargetable-served", "g:not_hypercall_target;dm>g", V2, 0, NULL, 1, "'g'"},
    {"untargetable-served", "g;dm>g", V2, 0, NULL, 0, NULL},
    {"untargetable-served", "g:not_hypercall_target;dm>g", HWPRIV, 0, NULL, 0, NULL},
    {"silo-no-bridge", XSMC_BUILTIN_SPEC, HWPRIV, SILO, NULL, 2, "xenstore and backend"},
    {"silo-no-bridge", XSMC_BUILTIN_SPEC, UPSTREAM, SILO, NULL, 2, "EVTCHNOP_bind_interdomain"},
    {"silo-no-bridge", XSMC_BUILTIN_SPEC, HWDM, SILO, NULL, 0, NULL},
    {"silo-no-bridge", XSMC_BUILTIN_SPEC, HWPRIV, 0, NULL, 0, NULL},
    {"silo-no-bridge", "dom0:hardware,xenstore;g", HWPRIV, SILO, as_dom0less, 0, NULL},
    {"silo-no-bridge", "dom0:hardware,xenstore;g", HWPRIV, SILO, as_dom0less_g_enhanced, 1,
     "'g'"},
    {"silo-no-bridge", "dom0:control,hardware,xenstore;g", HWPRIV, SILO, NULL, 0, NULL},
    {"shm-bypasses-policy", "a;b", HWPRIV, SILO, share_chan, 1, "'a' and 'b' share static memory 'chan'"},
    {"shm-bypasses-policy", "a;b;c", UPSTREAM, SILO, share_chan, 3, "with SILO"},
    {"shm-bypasses-policy", "a;b", HWPRIV, 0, share_chan, 0, NULL},
    {"shm-bypasses-policy", "a:control;b", HWPRIV, SILO, share_chan, 0, NULL},
    {"shm-bypasses-policy", "a:xenstore;b", HWDM, SILO, share_chan, 0, NULL},
    {"shm-bypasses-policy", "a:xenstore;b", HWPRIV, SILO, share_chan, 1, NULL},
    {"shm-bypasses-policy", "a;b", HWPRIV, SILO, NULL, 0, NULL},
    {"evtchn-bypasses-policy", "a;b", HWPRIV, SILO, evtchn_a_b, 1, "port 10 <-> port 11"},
    {"evtchn-bypasses-policy", "a;b", UPSTREAM, SILO, evtchn_a_b, 1, "with SILO"},
    {"evtchn-bypasses-policy", "a;b", HWPRIV, 0, evtchn_a_b, 0, NULL},         /* dummy: XSM_HOOK */
    {"evtchn-bypasses-policy", "a:control;b", HWPRIV, SILO, evtchn_a_b, 0, NULL},
    {"evtchn-bypasses-policy", "a:hardware;b", HWDM, SILO, evtchn_a_b, 0, NULL},  /* June 2/4: hardware bridges */
    {"evtchn-bypasses-policy", "a:hardware;b", HWPRIV, SILO, evtchn_a_b, 1, NULL},
    {"evtchn-bypasses-policy", "a;b", HWPRIV, SILO, NULL, 0, NULL},
    {"cap-not-in-profile", "hw:hardware,device_model;g", UPSTREAM, 0, NULL, 1, "device_model"},
    {"cap-not-in-profile", "hw:hardware,device_model;g", HWPRIV, 0, NULL, 1, "hwpriv"},
    {"cap-not-in-profile", "g:not_hypercall_target", HWDM, 0, NULL, 1, "not_hypercall_target"},
    {"cap-not-in-profile", "hw:hardware,device_model;g", HWDM, 0, NULL, 0, NULL},
    {"cap-not-in-profile", "g:not_hypercall_target", V2, 0, NULL, 0, NULL},
};

static struct xsmc_system *build(const struct lint_case *c)
{
    char err[256] = "";
    struct xsmc_system *s = xsmc_spec_parse(c->spec, err, sizeof(err));
    if (!s)
        fail_msg("spec '%s': %s", c->spec, err);
    if (c->setup)
        c->setup(s);
    return s;
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct lint_case *c = &cases[i];
        assert_true(xsmc_lint_rule_find(c->rule) >= 0);
        struct xsmc_system *s = build(c);
        struct xsmc_lint_config cfg;
        xsmc_lint_config_init(&cfg);
        cfg.options = c->options;
        struct xsmc_lint_findings f;
        assert_int_equal(xsmc_lint_run(s, c->profile, &cfg, &f), 0);
        size_t n = 0;
        const struct xsmc_diag *first = NULL;
        for (size_t k = 0; k < f.count; k++) {
            if (strcmp(f.items[k].rule, c->rule) != 0)
                continue;
            if (!first)
                first = &f.items[k];
            n++;
        }
        if (n != c->expect)
            fail_msg("case %zu (%s on '%s' under %s): %zu findings, expected %zu", i, c->rule,
                     c->spec, xsmc_profile_name(c->profile), n, c->expect);
        if (c->needle && (!first || !strstr(first->message, c->needle)))
            fail_msg("case %zu (%s): message '%s' lacks '%s'", i, c->rule,
                     first ? first->message : "(none)", c->needle);
        if (first) {
            const struct xsmc_lint_rule_info *r = xsmc_lint_rule_at((size_t)xsmc_lint_rule_find(c->rule));
            assert_int_equal(first->severity, r->severity);
            assert_string_equal(first->fix, r->fix);
        }
        xsmc_lint_findings_free(&f);
        xsmc_system_free(s);
    }
}

/* Each rule has a case that fires and one that does not. */
static void test_every_rule_has_both_cases(void **state)
{
    (void)state;
    for (size_t r = 0; r < xsmc_lint_rule_count(); r++) {
        const char *id = xsmc_lint_rule_at(r)->id;
        int fires = 0, quiet = 0;
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            if (strcmp(cases[i].rule, id) != 0)
                continue;
            fires |= cases[i].expect > 0;
            quiet |= cases[i].expect == 0;
        }
        if (!fires || !quiet)
            fail_msg("rule %s lacks a %s case", id, fires ? "non-triggering" : "triggering");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_every_rule_has_both_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
