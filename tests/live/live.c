/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live smoke test: boot the reference Xen under QEMU with `xsmcap probe`
 * and check its answers against what the real hypervisor answered
 * (../shared/reference/live-xen.md) and what Xen's code and the seed patch
 * say (each expectation cites its source).  Not the model: nothing here
 * asks xsmcap's engine.
 *
 * Usage: live XSMCAP SOURCE_ROOT
 * Builds go to xsmcap's own cache ($XSMCAP_CACHE, else ~/.cache/xsmcap/probe),
 * so a second run, or the sanitizer build's run, only boots.
 * The tree is $XEN_TREE, or the snapshot tarball in ../shared/xen/ beside
 * the checkout, unpacked into a temporary directory; the patch is
 * $XEN_PATCH or ../shared/xen/patches/hwpriv-seed.patch.  Without a tree:
 * "live: skipped", exit 77 (a failure when CI=true).
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live_util.h"

static int failures, checked;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    failures++;
}

/* What one build answers; ANY_LENGTH: any rc >= 0. */
#define ANY_LENGTH 1000
#define EPERM_ (-1)
#define ESRCH_ (-3)
#define EINVAL_ (-22)

enum tree { UPSTREAM, SEED };

/* The domains a test system has, with the powers the expectations below read. */
struct dom {
    const char *name;
    int control, hardware, xenstore;
    const char *target;   /* the guest it is the device model of, or NULL */
};

struct system {
    const char *label;
    const char *spec;
    struct dom doms[6];
    size_t ndoms;
};

static const struct system systems[] = {
    /* live-xen.md "What the real hypervisor answered": A control d1, B hardware+xenstore d2, C plain d3 */
    {"live-xen", "A:control;B:hardware,xenstore;C",
     {{"A", 1, 0, 0, NULL}, {"B", 0, 1, 1, NULL}, {"C", 0, 0, 0, NULL}}, 3},
    /* the seed's arrangement (xsmcap's embedded default): a device model set up at run time */
    {"seed", "dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control",
     {{"dom0", 0, 1, 1, NULL}, {"domu1", 0, 0, 0, NULL}, {"domu2", 0, 0, 0, NULL},
      {"dm1", 0, 0, 0, "domu1"}, {"ctl", 1, 0, 0, NULL}}, 5},
    /* fully split */
    {"split", "ctl:control;hw:hardware;xs:xenstore;guest",
     {{"ctl", 1, 0, 0, NULL}, {"hw", 0, 1, 0, NULL}, {"xs", 0, 0, 1, NULL},
      {"guest", 0, 0, 0, NULL}}, 4},
};

static const struct dom *find(const struct system *s, const char *name)
{
    for (size_t i = 0; i < s->ndoms; i++)
        if (strcmp(s->doms[i].name, name) == 0)
            return &s->doms[i];
    return NULL;
}

/*
 * SILO lets a pair talk when one of them, or the caller, is the control
 * domain, or they are the same domain (xen/xsm/silo.c:silo_mode_dom_check).
 */
static int silo_allows(const struct dom *a, const struct dom *b)
{
    return a->control || b->control || a == b;
}

/*
 * The rc Xen gives caller `src` for `op` on `tgt` (NULL: none; "absent"
 * for a domid nobody has).  Sources:
 *  - live-xen.md for the live-xen system (and, by the same dummy.h rules,
 *    the others): physinfo, commandline2, getvcpuinfo are XSM_PRIV (control
 *    only); getdomaininfo is XSM_XS_PRIV (xenstore, then a device model on
 *    its target by the fallthrough to XSM_DM_PRIV, then control) in
 *    xen/include/xsm/dummy.h:xsm_default_action; a domctl on a missing
 *    domain is -ESRCH for a control domain, -EPERM for others
 *    (xen/common/domctl.c:do_domctl); alloc_unbound is XSM_TARGET on the
 *    caller itself, so 0, and under SILO the pair rule above.
 *  - close after a refused alloc_unbound closes port 0, which is reserved:
 *    -EINVAL (xen/common/event_channel.c:evtchn_close).
 *  - settime64 with mbz set: -EINVAL once xsm_platform_op passes
 *    (xen/arch/arm/platform_hypercall.c); XSM_PRIV upstream, XSM_HW_PRIV
 *    with the seed patch (hardware domain only).
 *  - console writes pass for every dom0less domain: is_console
 *    (live-xen.md; xen/common/device-tree/dom0less-build.c:create_domUs).
 */
static long expected(const struct system *s, enum tree t, int silo, const struct dom *src,
                     const char *op, const char *tgt, long prev_alloc)
{
    const struct dom *to = tgt ? find(s, tgt) : NULL;
    int absent = tgt && strstr(tgt, "absent");
    if (!strcmp(op, "sysctl:physinfo") || !strcmp(op, "domctl:getvcpuinfo"))
        return src->control ? 0 : EPERM_;
    if (!strcmp(op, "xen_version:commandline2"))
        return src->control ? ANY_LENGTH : EPERM_;
    if (!strcmp(op, "domctl:getdomaininfo")) {
        if (absent)
            return src->control ? ESRCH_ : EPERM_;
        int dm = src->target && to && !strcmp(src->target, to->name);
        return src->xenstore || dm || src->control ? 0 : EPERM_;
    }
    if (!strcmp(op, "event_channel_op:alloc_unbound"))
        return !silo || silo_allows(src, to) ? 0 : EPERM_;
    if (!strcmp(op, "event_channel_op:close"))
        return prev_alloc == 0 ? 0 : EINVAL_;
    if (!strcmp(op, "console_io:write"))
        return 0;
    if (!strcmp(op, "platform_op:settime64"))
        return (t == UPSTREAM ? src->control : src->hardware) ? EINVAL_ : EPERM_;
    if (strstr(op, "(set-up)") || strstr(op, "(wait for target)"))
        return 0;
    return 12345; /* an operation this test does not know: reported */
}

static void check_side(const struct system *s, enum tree t, int silo, json_t *side,
                       const char *what)
{
    json_t *doms = json_object_get(side, "domains");
    if (!json_is_array(doms) || json_array_size(doms) != s->ndoms) {
        fail("%s: %zu domains in the answer, %zu in the system", what, json_array_size(doms),
             s->ndoms);
        return;
    }
    for (size_t i = 0; i < s->ndoms; i++) {
        json_t *d = json_array_get(doms, i);
        const char *name = json_string_value(json_object_get(d, "name"));
        const struct dom *src = name ? find(s, name) : NULL;
        if (!src || json_integer_value(json_object_get(d, "domid")) != (json_int_t)i + 1) {
            fail("%s: domain %zu is %s, domid %lld (dom0less numbers from 1)", what, i,
                 name ? name : "?", (long long)json_integer_value(json_object_get(d, "domid")));
            continue;
        }
        json_t *recs = json_object_get(d, "records");
        long prev = 0;
        for (size_t k = 0; k < json_array_size(recs); k++) {
            json_t *r = json_array_get(recs, k);
            const char *op = json_string_value(json_object_get(r, "op"));
            const char *tgt = json_string_value(json_object_get(r, "target"));
            long rc = (long)json_integer_value(json_object_get(r, "rc"));
            long want = expected(s, t, silo, src, op ? op : "?", tgt, prev);
            int ok = want == ANY_LENGTH ? rc >= 0 : rc == want;
            checked++;
            if (!ok)
                fail("%s: %s %s on %s: Xen says %ld, expected %ld", what, name, op ? op : "?",
                     tgt ? tgt : "-", rc, want);
            prev = rc;
        }
    }
}

/*
 * --vs-xen lists exactly the records whose rc the seed patch changes: on
 * these systems, settime64 of the control domain and of the hardware
 * domain (the only XSM_PRIV to XSM_HW_PRIV change Arm reaches here).
 */
static void check_differences(const struct system *s, json_t *root, const char *what)
{
    json_t *diff = json_object_get(root, "differences");
    size_t want = 0;
    for (size_t i = 0; i < s->ndoms; i++)
        want += s->doms[i].control != s->doms[i].hardware;
    if (json_array_size(diff) != want)
        fail("%s: %zu differences, expected %zu", what, json_array_size(diff), want);
    for (size_t k = 0; k < json_array_size(diff); k++) {
        json_t *d = json_array_get(diff, k);
        const char *op = json_string_value(json_object_get(d, "op"));
        const char *dom = json_string_value(json_object_get(d, "domain"));
        const struct dom *src = dom ? find(s, dom) : NULL;
        if (!op || strcmp(op, "platform_op:settime64") || !src || src->control == src->hardware)
            fail("%s: unexpected difference %s %s", what, dom ? dom : "?", op ? op : "?");
    }
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void probe_pair(const char *xsmcap, const char *tree, const char *patch, const char *logs,
                       const struct system *s, int silo)
{
    char what[128];
    snprintf(what, sizeof(what), "%s/%s", s->label, silo ? "SILO" : "default");
    const char *argv[] = {xsmcap, "probe", "--planner", "smoke", "--xen", tree, "--vs-xen", tree,
                          "--patch-b", patch,
                          "--system", s->spec, "--format", "json", "--keep-logs", logs,
                          silo ? "--silo" : NULL, NULL};
    char *out = NULL, *errtext = NULL;
    double t0 = now_s();
    int status = live_run(argv, &out, &errtext);
    double t = now_s() - t0;
    /* exit 1: the two builds differ, as the seed patch makes them */
    if (status != 1) {
        fail("%s: xsmcap probe exited %d: %s", what, status, errtext ? errtext : "");
        free(out);
        free(errtext);
        return;
    }
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root) {
        fail("%s: output is not JSON: %s", what, jerr.text);
    } else {
        json_t *a = json_object_get(root, "a"), *b = json_object_get(root, "b");
        char wa[160], wb[160];
        snprintf(wa, sizeof(wa), "%s upstream", what);
        snprintf(wb, sizeof(wb), "%s seed", what);
        check_side(s, UPSTREAM, silo, a, wa);
        check_side(s, SEED, silo, b, wb);
        check_differences(s, root, what);
        printf("live: %-16s build %5.1f s + %5.1f s, boots %4.1f s and %4.1f s, total %5.1f s\n",
               what, json_real_value(json_object_get(a, "build_seconds")),
               json_real_value(json_object_get(b, "build_seconds")),
               json_real_value(json_object_get(a, "boot_seconds")),
               json_real_value(json_object_get(b, "boot_seconds")), t);
        json_decref(root);
    }
    free(out);
    free(errtext);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: live XSMCAP SOURCE_ROOT\n");
        return 2;
    }
    const char *xsmcap = argv[1];
    struct live_tree t;
    int rc = live_tree_open(argv[2], &t);
    if (rc)
        return rc;
    double t0 = now_s();
    for (size_t i = 0; i < sizeof(systems) / sizeof(systems[0]); i++)
        for (int silo = 0; silo < 2; silo++)
            probe_pair(xsmcap, t.tree, t.patch, t.tmp, &systems[i], silo);
    printf("live: %d records checked, %d failures, %.1f s\n", checked, failures, now_s() - t0);
    live_tree_close(&t);
    return failures ? 1 : 0;
}
