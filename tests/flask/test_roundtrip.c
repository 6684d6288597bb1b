/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Export -> checkpolicy -> libsepol -> verify, on the embedded default
 * system; and the loader's refusals.  Needs Debian's checkpolicy
 * (scripts/ensure-deps.sh installs it): without it the tests that need it
 * do not run and the program exits 77, which meson reports as skipped
 * (and make check under CI=true as a failure), never as passed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xsmcap/flask.h"

static int have_checkpolicy(void)
{
    return system("command -v checkpolicy >/dev/null 2>&1") == 0;
}

/* Tests that could not run for want of checkpolicy. */
static int not_run;

#define NEED_CHECKPOLICY()        \
    do {                          \
        if (!have_checkpolicy()) { \
            not_run++;            \
            skip();               \
        }                         \
    } while (0)

static struct xsmc_system *builtin(void)
{
    char err[256];
    struct xsmc_system *sys = xsmc_builtin_system(err, sizeof(err));
    assert_non_null(sys);
    return sys;
}

/* Compile `source`, verify it against sys; returns the report. */
static void compile_and_verify(const char *source, const struct xsmc_system *sys,
                               enum xsmc_profile p, uint32_t opts, struct xsmc_flask_report *rep)
{
    char err[1024] = "";
    size_t len = 0;
    void *bin = xsmc_flask_compile(NULL, source, &len, err, sizeof(err));
    if (!bin)
        fail_msg("compile: %s", err);
    struct xsmc_flask_policy *pol = xsmc_flask_load(bin, len, "<test>", err, sizeof(err));
    if (!pol)
        fail_msg("load: %s", err);
    if (xsmc_flask_verify(pol, sys, p, opts, rep, err, sizeof(err)))
        fail_msg("verify: %s", err);
    xsmc_flask_free(pol);
    free(bin);
}

static void export_agrees_under_every_profile(void **state)
{
    (void)state;
    NEED_CHECKPOLICY();
    struct xsmc_system *sys = builtin();
    for (int iommu = XSMC_UNKNOWN; iommu <= XSMC_YES; iommu++) {
        sys->iommu = iommu;
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
            for (uint32_t opts = 0; opts <= XSMC_OPT_SILO; opts += XSMC_OPT_SILO) {
                struct xsmc_flask_export ex;
                char err[256];
                assert_int_equal(xsmc_flask_export(sys, (enum xsmc_profile)p, opts, &ex, err, sizeof(err)), 0);
                assert_true(ex.nrules > 100);
                assert_non_null(strstr(ex.labels, "ctl: seclabel='system_u:system_r:ctl_t'"));
                struct xsmc_flask_report rep;
                compile_and_verify(ex.source, sys, (enum xsmc_profile)p, opts, &rep);
                if (rep.disagree[XSMC_FLASK_FULL])
                    fail_msg("profile %s iommu %d opts %u: %zu disagreements", xsmc_profile_name(p),
                             iommu, opts, rep.disagree[XSMC_FLASK_FULL]);
                assert_true(rep.agree[XSMC_FLASK_FULL] > 1000);
                xsmc_flask_report_free(&rep);
                xsmc_flask_export_free(&ex);
            }
        }
    }
    xsmc_system_free(sys);
}

static char *replace(const char *s, const char *old, const char *new)
{
    const char *at = strstr(s, old);
    assert_non_null(at);
    char *out = malloc(strlen(s) + strlen(new) + 1);
    size_t head = (size_t)(at - s);
    memcpy(out, s, head);
    strcpy(out + head, new);
    strcat(out, at + strlen(old));
    return out;
}

/* The one disagreement on a fully mapped row (shared rows differ by design). */
static const struct xsmc_flask_diff *full_diff(const struct xsmc_flask_report *rep)
{
    for (size_t i = 0; i < rep->ndiffs; i++)
        if (xsmc_flask_map_at(rep->diffs[i].row)->kind == XSMC_FLASK_FULL)
            return &rep->diffs[i];
    fail_msg("no disagreement on a fully mapped row");
    return NULL;
}

/* The verify must be able to fail: drop one granted rule, add one wrong one. */
static void verify_sees_a_missing_and_an_extra_rule(void **state)
{
    (void)state;
    NEED_CHECKPOLICY();
    struct xsmc_system *sys = builtin();
    struct xsmc_flask_export ex;
    char err[256];
    assert_int_equal(xsmc_flask_export(sys, XSMC_PROFILE_HWPRIV, 0, &ex, err, sizeof(err)), 0);

    /* ctl may pause domu1 under the default policy (domctl is PRIV) */
    const char *rule = "allow ctl_t domu1_t:domain { pause };\n";
    char *at = strstr(ex.source, rule);
    assert_non_null(at);
    memmove(at, at + strlen(rule), strlen(at + strlen(rule)) + 1);
    struct xsmc_flask_report rep;
    compile_and_verify(ex.source, sys, XSMC_PROFILE_HWPRIV, 0, &rep);
    assert_int_equal(rep.disagree[XSMC_FLASK_FULL], 1);
    const struct xsmc_flask_diff *d = full_diff(&rep);
    assert_string_equal(xsmc_hook_info(xsmc_flask_map_at(d->row)->hook)->name, "domctl");
    assert_string_equal(sys->doms[d->src].name, "ctl");
    assert_string_equal(sys->doms[d->tgt].name, "domu1");
    assert_int_equal(d->default_allow, 1);
    assert_int_equal(d->flask_allow, 0);
    xsmc_flask_report_free(&rep);

    /* a guest may not pause the control domain: grant it anyway, in a fresh export */
    xsmc_flask_export_free(&ex);
    assert_int_equal(xsmc_flask_export(sys, XSMC_PROFILE_HWPRIV, 0, &ex, err, sizeof(err)), 0);
    char *wrong = replace(ex.source, "# rules from the default policy's decisions\n",
                          "allow domu1_t ctl_t:domain { pause };\n");
    compile_and_verify(wrong, sys, XSMC_PROFILE_HWPRIV, 0, &rep);
    assert_int_equal(rep.disagree[XSMC_FLASK_FULL], 1);
    d = full_diff(&rep);
    assert_string_equal(sys->doms[d->src].name, "domu1");
    assert_string_equal(sys->doms[d->tgt].name, "ctl");
    assert_int_equal(d->default_allow, 0);
    assert_int_equal(d->flask_allow, 1);
    xsmc_flask_report_free(&rep);
    free(wrong);
    xsmc_flask_export_free(&ex);
    xsmc_system_free(sys);
}

/*
 * Fail closed: where a shared row differs, Flask must deny what the default
 * allows, never the reverse (a wrong allow is a security bug).
 */
static void shared_rows_never_widen(void **state)
{
    (void)state;
    NEED_CHECKPOLICY();
    static const char *const specs[] = {
        XSMC_BUILTIN_SPEC,
        "hw:hardware;xs:xenstore;ctl:control;g1;g2;dm>g1",
        "d0:control,hardware,xenstore;g;s>g",
        "hw:hardware,device_model;g;c:control",
        "h:hardware;c:control,xenstore;u:not_hypercall_target;g",
    };
    for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
        char err[256];
        struct xsmc_system *sys = xsmc_spec_parse(specs[i], err, sizeof(err));
        if (!sys)
            fail_msg("%s: %s", specs[i], err);
        for (int p = 0; p < XSMC_PROFILE_COUNT; p++) {
            /* as the verb does, export only systems the profile accepts */
            int undefined = 0;
            for (size_t d = 0; d < sys->ndoms; d++)
                undefined |= (sys->doms[d].core.caps & ~xsmc_profile_caps((enum xsmc_profile)p)) != 0;
            if (undefined)
                continue;
            struct xsmc_flask_export ex;
            assert_int_equal(xsmc_flask_export(sys, (enum xsmc_profile)p, 0, &ex, err, sizeof(err)), 0);
            struct xsmc_flask_report rep;
            compile_and_verify(ex.source, sys, (enum xsmc_profile)p, 0, &rep);
            if (rep.disagree[XSMC_FLASK_FULL]) {
                const struct xsmc_flask_diff *d = full_diff(&rep);
                fail_msg("%s, profile %s: %zu disagreements, first %s %s -> %s", specs[i],
                         xsmc_profile_name(p), rep.disagree[XSMC_FLASK_FULL],
                         xsmc_hook_info(xsmc_flask_map_at(d->row)->hook)->name, sys->doms[d->src].name,
                         d->tgt < sys->ndoms ? sys->doms[d->tgt].name : "-");
            }
            for (size_t d = 0; d < rep.ndiffs; d++)
                if (rep.diffs[d].flask_allow)
                    fail_msg("%s, profile %s: %s allows what the default denies", specs[i],
                             xsmc_profile_name(p), xsmc_hook_info(xsmc_flask_map_at(rep.diffs[d].row)->hook)->name);
            xsmc_flask_report_free(&rep);
            xsmc_flask_export_free(&ex);
        }
        xsmc_system_free(sys);
    }
}

/* Compile with extra checkpolicy arguments through the shell (the loader's refusals). */
static void *compile_raw(const char *source, const char *flags, size_t *len)
{
    char dir[] = "/tmp/xsmcap-flask-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char conf[128], bin[128], cmd[512];
    snprintf(conf, sizeof(conf), "%s/p.conf", dir);
    snprintf(bin, sizeof(bin), "%s/p.bin", dir);
    FILE *f = fopen(conf, "w");
    assert_non_null(f);
    fputs(source, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "checkpolicy %s %s -o %s >/dev/null 2>&1", flags, conf, bin);
    assert_int_equal(system(cmd), 0);
    f = fopen(bin, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    unlink(conf);
    unlink(bin);
    rmdir(dir);
    return buf;
}

static void expect_refusal(const void *bin, size_t len, const char *needle)
{
    char err[512] = "";
    struct xsmc_flask_policy *pol = xsmc_flask_load(bin, len, "<bad>", err, sizeof(err));
    if (pol)
        fail_msg("loaded a policy that should be refused (%s)", needle);
    if (!strstr(err, needle))
        fail_msg("error '%s' does not say '%s'", err, needle);
    assert_null(strchr(err, '\n'));
}

static void loader_refuses_what_xen_refuses(void **state)
{
    (void)state;
    static const char junk[64] = "not a policy at all";
    expect_refusal(junk, sizeof(junk), "no policydb magic");
    expect_refusal(junk, 3, "no policydb magic");
    NEED_CHECKPOLICY();
    struct xsmc_system *sys = builtin();
    struct xsmc_flask_export ex;
    char err[256];
    assert_int_equal(xsmc_flask_export(sys, XSMC_PROFILE_HWPRIV, 0, &ex, err, sizeof(err)), 0);
    size_t len;
    void *bin = compile_raw(ex.source, "-c 30", &len);
    expect_refusal(bin, len, "an SELinux policy, not a Xen one");
    free(bin);

    char *swapped = replace(ex.source, "class hvm\nclass mmu\n", "class mmu\nclass hvm\n");
    bin = compile_raw(swapped, "-t Xen -c 30", &len);
    expect_refusal(bin, len, "class 5 is 'mmu', Xen's is 'hvm'");
    free(bin);
    free(swapped);

    char *perms = replace(ex.source, "class xen { settime tbufcontrol", "class xen { tbufcontrol settime");
    bin = compile_raw(perms, "-t Xen -c 30", &len);
    expect_refusal(bin, len, "permission 'settime' of class 'xen' is at another bit");
    free(bin);
    free(perms);

    char *extra = replace(ex.source, "register_any_source send }", "register_any_source send sendmore }");
    bin = compile_raw(extra, "-t Xen -c 30", &len);
    expect_refusal(bin, len, "class 'argo' has 5 permissions, Xen's has 4");
    /* a truncated Xen binary passes the header but not libsepol */
    expect_refusal(bin, 200, "cannot read");
    free(bin);
    free(extra);
    xsmc_flask_export_free(&ex);
    xsmc_system_free(sys);
}

static void compile_errors_are_one_line(void **state)
{
    (void)state;
    char err[512] = "";
    size_t len;
    assert_null(xsmc_flask_compile("/nonexistent/checkpolicy", "x", &len, err, sizeof(err)));
    assert_non_null(strstr(err, "not found"));
    assert_non_null(strstr(err, "apt-get install checkpolicy"));
    NEED_CHECKPOLICY();
    assert_null(xsmc_flask_compile(NULL, "this is not a policy\n", &len, err, sizeof(err)));
    assert_non_null(strstr(err, "checkpolicy -t Xen -c 30 failed"));
    assert_null(strchr(err, '\n'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_agrees_under_every_profile),
        cmocka_unit_test(verify_sees_a_missing_and_an_extra_rule),
        cmocka_unit_test(shared_rows_never_widen),
        cmocka_unit_test(loader_refuses_what_xen_refuses),
        cmocka_unit_test(compile_errors_are_one_line),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (failed)
        return 1;
    if (not_run) {
        printf("SKIP: %d test(s) not run: checkpolicy is not installed\n", not_run);
        return 77;
    }
    return 0;
}
