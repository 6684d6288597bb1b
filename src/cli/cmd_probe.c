/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsmcap probe: build the real hypervisor, boot the system under QEMU with
 * the probe guest in every domain, and report what Xen answered; with
 * --vs-xen, boot two builds and print the answers that differ.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "compare.h"
#include "fsutil.h"
#include "probe.h"

static const char help[] =
    "usage: xsmcap probe --xen DIR [--patch FILE]... [CONFIG | --system SPEC]\n"
    "                    [--profile P] [--silo] [--format text|json]\n"
    "       xsmcap probe --xen A [--patch FILE]... --vs-xen B [--patch-b FILE]...\n"
    "                    [CONFIG | --system SPEC] [--silo] [--format text|json]\n"
    "options: [--timeout S] [--cache DIR] [--keep-logs DIR] [--planner catalogue|smoke]\n"
    "         [--answers]\n\n"
    "Build the arm64 hypervisor of the Xen tree DIR (copied, never modified;\n"
    "--patch files applied to the copy in order) for the default XSM policy, or\n"
    "with --silo the XSM build booted with xsm=silo; build the probe guest; boot\n"
    "the system in QEMU (dom0less: domain N of the system is Xen's domid N+1)\n"
    "with the guest in every domain.  Each guest issues every operation of the\n"
    "catalogue that exists on arm64 and has a harmless form (xsmcap ops; docs/\n"
    "operations.md) against every target its form names, and xsmcap compares\n"
    "Xen's return code for each with the model's answer on the same platform and\n"
    "the .config the hypervisor was built with, under --profile P (the profile the\n"
    "tree implements: upstream for the snapshot, hwpriv with the seed patch).\n"
    "Output: agreement per operation, then every disagreement with Xen's rc, the\n"
    "model's rc and the model's reason.  --answers prints every answer instead.\n"
    "With --vs-xen, build the tree B too (with --patch-b files), boot both, and\n"
    "print the records whose return codes differ: what a patch changes, measured\n"
    "on the real hypervisor, no model involved.  --planner smoke issues the small\n"
    "set whose answers live-xen.md records.\n\n"
    "Builds are cached under a hash of the tree, the patches, the configuration\n"
    "and the compiler (--cache DIR, else $XSMCAP_CACHE, else\n"
    "${XDG_CACHE_HOME:-~/.cache}/xsmcap/probe), so a second run only boots.\n"
    "--profile P: the profile the system is checked under.  --timeout S: a boot\n"
    "without a result after S seconds (default 60) has Xen dump its state into the\n"
    "console log and boots once more; a second timeout is an error.  --keep-logs\n"
    "DIR: write Xen's console there (console.log; console-a.log and console-b.log).\n"
    "Needs qemu-system-arm, gcc-aarch64-linux-gnu, make, flex, bison, bc.\n\n"
    "Exit 0: Xen and the model agree on every record (with --vs-xen: the two\n"
    "builds answer alike; with --answers: the answers were collected); 1: a\n"
    "disagreement (a difference); 2: bad input, a build or a boot failed.\n";

enum {
    OPT_XEN = OPT_VERB_FIRST, OPT_PATCH, OPT_VS_XEN, OPT_PATCH_B, OPT_TIMEOUT, OPT_CACHE,
    OPT_KEEP_LOGS, OPT_PLANNER, OPT_ANSWERS
};

#define MAX_PATCHES 64
#define DEFAULT_TIMEOUT_S 60.0
#define MAX_TIMEOUT_S 3600.0

struct probe_args {
    const char *xen, *vs_xen, *cache, *keep_logs;
    const char *patches[MAX_PATCHES], *patches_b[MAX_PATCHES];
    size_t npatches, npatches_b;
    double timeout;
    int answers;        /* --answers: print every answer, compare nothing */
};

/* One build and its boot. */
struct side {
    const char *label;          /* "a" or "b" */
    struct xsmp_tree tree;
    struct xsmp_build build;
    struct xsmp_boot boot;
    char console[PATH_MAX];
};

/* "-1 EPERM": Xen's rc with its errno name when it is one. */
static const char *errno_name(int64_t rc)
{
    return rc < 0 && rc > -4096 ? xsmc_errno_name((int)rc) : NULL;
}

static const char *rc_text(int64_t rc, char *buf, size_t len)
{
    const char *name = errno_name(rc);
    if (name)
        snprintf(buf, len, "%lld %s", (long long)rc, name);
    else
        snprintf(buf, len, "%lld", (long long)rc);
    return buf;
}

static int add_patch(const struct cli_common *c, const char **list, size_t *n, const char *file,
                     const char *opt)
{
    if (*n == MAX_PATCHES)
        return cli_error(c, "more than %d %s options", MAX_PATCHES, opt);
    list[(*n)++] = file;
    return 0;
}

static int parse_timeout(const struct cli_common *c, const char *arg, double *out)
{
    char *end;
    if (!arg)
        return cli_error(c, "--timeout takes seconds");
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v > 0) || v > MAX_TIMEOUT_S)
        return cli_error(c, "--timeout takes seconds, more than 0 and at most %g, not '%s'",
                         MAX_TIMEOUT_S, arg);
    *out = v;
    return 0;
}

/* Every file and directory named on the command line, before anything is built. */
static int check_args(const struct cli_common *c, const struct probe_args *a)
{
    if (!a->xen)
        return cli_error(c, "missing --xen DIR (a Xen source tree)");
    if (a->npatches_b && !a->vs_xen)
        return cli_error(c, "--patch-b needs --vs-xen B");
    const char *dirs[] = {a->xen, a->vs_xen};
    for (size_t i = 0; i < 2; i++) {
        struct xsmp_error err;
        struct stat st;
        if (dirs[i] && stat(dirs[i], &st) == 0 && !S_ISDIR(st.st_mode))
            return cli_error(c, "%s %s: not a directory: the unpacked Xen source tree is wanted "
                                "(hint: tar -xf it into a scratch directory)",
                             i ? "--vs-xen" : "--xen", dirs[i]);
        if (dirs[i] && access(dirs[i], R_OK | X_OK) != 0)
            return cli_error(c, "%s %s: %s", i ? "--vs-xen" : "--xen", dirs[i], strerror(errno));
        if (dirs[i] && xsmp_tree_check(dirs[i], &err))
            return cli_error(c, "%s %s", i ? "--vs-xen" : "--xen", err.msg);
    }
    for (size_t i = 0; i < a->npatches + a->npatches_b; i++) {
        const char *p = i < a->npatches ? a->patches[i] : a->patches_b[i - a->npatches];
        FILE *f = fopen(p, "r");
        if (!f)
            return cli_error(c, "patch %s: %s", p, strerror(errno));
        fclose(f);
    }
    if (a->keep_logs) {
        errno = 0;
        if (!xsmp_is_dir(a->keep_logs)) {
            /* stat's own errno when it failed; it names a file otherwise */
            if (errno == 0)
                errno = ENOTDIR;
            return cli_error(c, "--keep-logs %s: %s", a->keep_logs, strerror(errno));
        }
        if (access(a->keep_logs, W_OK | X_OK) != 0)
            return cli_error(c, "--keep-logs %s: %s", a->keep_logs, strerror(errno));
    }
    return 0;
}

/* The error of a failed step, and the end of the log that explains it. */
static int report_error(const struct cli_common *c, const struct xsmp_error *err)
{
    cli_error(c, "%s", err->msg);
    if (err->log[0]) {
        fprintf(stderr, "  the last lines of %s:\n", err->log);
        xsmp_print_tail(stderr, err->log, 12, "  | ");
    }
    return 2;
}

static json_t *records_json(const struct xsmp_planner *pl, const struct xsmp_plan *plan,
                            const struct xsmp_boot *boot)
{
    json_t *doms = json_array();
    for (size_t i = 0; i < plan->ndoms; i++) {
        const struct xsmp_domain *d = &plan->doms[i];
        json_t *o = xsmc_json_domain(plan->sys, (size_t)(d->dom - plan->sys->doms)), *recs = json_array();
        /* the domid Xen gave it at boot (dom0less numbers from 1), not the system's */
        json_object_set_new(o, "domid", json_integer(d->domid));
        for (size_t k = 0; k < plan->lists[i].n; k++) {
            const struct xsmp_result *r = &boot->answers[i].res[k];
            char op[96], target[64];
            pl->describe(plan, &plan->lists[i].v[k].key, op, sizeof(op), target, sizeof(target));
            json_t *rec = json_object(), *reads = json_array();
            json_object_set_new(rec, "op", json_string(op));
            json_object_set_new(rec, "target", strcmp(target, "-") ? json_string(target)
                                                                   : json_null());
            json_object_set_new(rec, "rc", json_integer(r->rc));
            const char *name = errno_name(r->rc);
            json_object_set_new(rec, "errno", name ? json_string(name) : json_null());
            for (unsigned j = 0; j < r->nreads; j++)
                json_array_append_new(reads, json_integer((json_int_t)r->read[j]));
            json_object_set_new(rec, "reads", reads);
            json_array_append_new(recs, rec);
        }
        json_object_set_new(o, "records", recs);
        json_array_append_new(doms, o);
    }
    return doms;
}

static json_t *side_json(const struct xsmp_planner *pl, const struct xsmp_plan *plan,
                         const struct side *s, enum xsmp_policy policy)
{
    json_t *o = json_object(), *patches = json_array();
    json_object_set_new(o, "xen", json_string(s->tree.dir));
    for (size_t i = 0; i < s->tree.npatches; i++)
        json_array_append_new(patches, json_string(s->tree.patches[i]));
    json_object_set_new(o, "patches", patches);
    json_object_set_new(o, "policy", json_string(xsmp_policy_name(policy)));
    json_object_set_new(o, "build_key", json_string(s->build.key));
    json_object_set_new(o, "config", json_string(s->build.config));
    json_object_set_new(o, "cached", json_boolean(s->build.cached));
    json_object_set_new(o, "build_seconds", json_real(s->build.seconds));
    json_object_set_new(o, "boot_seconds", json_real(s->boot.seconds));
    json_object_set_new(o, "boot_retries", json_integer(s->boot.retries));
    json_object_set_new(o, "domains", records_json(pl, plan, &s->boot));
    return o;
}

static void print_side_header(const struct side *s, enum xsmp_policy policy, size_t nrec)
{
    printf("Xen %s", s->tree.dir);
    for (size_t i = 0; i < s->tree.npatches; i++)
        printf(" + %s", s->tree.patches[i]);
    printf(", %s policy: build %.1f s%s, boot %.1f s%s, %zu records\n", xsmp_policy_name(policy),
           s->build.seconds, s->build.cached ? " (cached)" : "", s->boot.seconds,
           s->boot.retries ? " (booted again after a timeout)" : "", nrec);
}

static size_t count_records(const struct xsmp_plan *plan)
{
    size_t n = 0;
    for (size_t i = 0; i < plan->ndoms; i++)
        n += plan->lists[i].n;
    return n;
}

static void print_answers(const struct xsmp_planner *pl, const struct xsmp_plan *plan,
                          const struct side *s)
{
    for (size_t i = 0; i < plan->ndoms; i++) {
        const struct xsmp_domain *d = &plan->doms[i];
        char caps[128];
        printf("%s (d%u, %s)\n", d->dom->name, d->domid,
               xsmc_caps_text(d->dom->core.caps, caps, sizeof(caps)));
        for (size_t k = 0; k < plan->lists[i].n; k++) {
            const struct xsmp_result *r = &s->boot.answers[i].res[k];
            char op[96], target[64], rc[48];
            pl->describe(plan, &plan->lists[i].v[k].key, op, sizeof(op), target, sizeof(target));
            printf("  %-36s %-14s %s", op, target, rc_text(r->rc, rc, sizeof(rc)));
            for (unsigned j = 0; j < r->nreads; j++)
                printf(" %s%#llx", j ? "" : "read ", (unsigned long long)r->read[j]);
            putchar('\n');
        }
    }
}

/* --vs-xen: the records whose rc differ; returns how many. */
static size_t print_differences(const struct xsmp_planner *pl, const struct xsmp_plan *plan,
                                const struct side *a, const struct side *b, json_t *list)
{
    size_t n = 0;
    for (size_t i = 0; i < plan->ndoms; i++)
        for (size_t k = 0; k < plan->lists[i].n; k++) {
            int64_t ra = a->boot.answers[i].res[k].rc, rb = b->boot.answers[i].res[k].rc;
            if (ra == rb)
                continue;
            char op[96], target[64], ta[48], tb[48];
            pl->describe(plan, &plan->lists[i].v[k].key, op, sizeof(op), target, sizeof(target));
            if (list) {
                json_t *o = json_object();
                json_object_set_new(o, "domain", json_string(plan->doms[i].dom->name));
                json_object_set_new(o, "op", json_string(op));
                json_object_set_new(o, "target", strcmp(target, "-") ? json_string(target)
                                                                     : json_null());
                json_object_set_new(o, "rc_a", json_integer(ra));
                json_object_set_new(o, "rc_b", json_integer(rb));
                json_array_append_new(list, o);
            } else {
                if (n == 0)
                    printf("%-10s %-36s %-14s %-14s %s\n", "DOMAIN", "OPERATION", "TARGET", "A",
                           "B");
                printf("%-10s %-36s %-14s %-14s %s\n", plan->doms[i].dom->name, op, target,
                       rc_text(ra, ta, sizeof(ta)), rc_text(rb, tb, sizeof(tb)));
            }
            n++;
        }
    return n;
}

/* The model's environment for a boot: arm64, the built .config, the profile, SILO as booted. */
static int model_env(const struct cli_common *c, const struct side *s, struct xsmc_kconfig *k,
                     struct xsmc_op_env *env)
{
    char err[512];
    if (xsmc_kconfig_read(s->build.config, k, err, sizeof(err)))
        return cli_error(c, "the build's .config: %s", err);
    *env = (struct xsmc_op_env){XSMC_ARCH_ARM64, k, c->profile, c->options & XSMC_OPT_SILO};
    return 0;
}

static const char *target_name(const struct xsmp_plan *plan, uint32_t target)
{
    if (target == XSMP_KEY_NO_TARGET)
        return "-";
    if (target == XSMP_KEY_DOMID_SELF)
        return "DOMID_SELF";
    return target < plan->ndoms ? plan->doms[target].dom->name : "?";
}

/* The model's reason for a verdict, naming the domains as the plan does. */
static const char *model_reason(const struct xsmp_plan *plan, const struct xsmc_op_env *env,
                                const struct xsmp_verdict *v, char *buf, size_t len)
{
    const struct xsmc_dom *s = plan->doms[v->dom].dom;
    const struct xsmc_dom *t = v->target < plan->ndoms ? plan->doms[v->target].dom : NULL;
    struct xsmc_parties p = {&s->core, t ? &t->core : NULL, &s->core, s->name,
                             v->target == XSMP_KEY_DOMID_SELF ? "DOMID_SELF" : t ? t->name : NULL,
                             s->name,
                             v->target == XSMP_KEY_DOMID_SELF ? XSMC_TF_DOMID_SELF : XSMC_TF_DOMAIN};
    return xsmc_op_reason(env, v->op, &v->model, &p, buf, len);
}

static json_t *comparison_json(const struct xsmp_plan *plan, const struct xsmc_op_env *env,
                               const struct xsmp_comparison *cmp)
{
    json_t *o = json_object(), *ops = json_array(), *dis = json_array();
    json_object_set_new(o, "profile", json_string(xsmc_profile_name(env->profile)));
    json_object_set_new(o, "silo", json_boolean(env->options & XSMC_OPT_SILO));
    json_object_set_new(o, "compared", json_integer((json_int_t)cmp->compared));
    json_object_set_new(o, "agree", json_integer((json_int_t)cmp->agreed));
    for (size_t i = 0; i < cmp->nops; i++) {
        if (!cmp->total[i])
            continue;
        json_t *r = json_object();
        json_object_set_new(r, "op", json_string(xsmc_op_at(i)->name));
        json_object_set_new(r, "compared", json_integer((json_int_t)cmp->total[i]));
        json_object_set_new(r, "agree", json_integer((json_int_t)cmp->agree[i]));
        json_array_append_new(ops, r);
    }
    for (size_t i = 0; i < cmp->ndisagree; i++) {
        const struct xsmp_verdict *v = &cmp->disagree[i];
        char why[1024];
        json_t *r = json_object();
        json_object_set_new(r, "domain", json_string(plan->doms[v->dom].dom->name));
        json_object_set_new(r, "op", json_string(v->op->name));
        json_object_set_new(r, "target", v->target == XSMP_KEY_NO_TARGET ? json_null()
                                         : json_string(target_name(plan, v->target)));
        json_object_set_new(r, "xen_rc", json_integer(v->xen.rc));
        if (v->op->probe.outcome == XSMC_PO_STATUS && v->xen.nreads)
            json_object_set_new(r, "xen_status", json_integer(xsmp_status_of(&v->xen)));
        if (v->op->probe.outcome == XSMC_PO_ERRS && v->xen.nreads)
            json_object_set_new(r, "xen_errs0", json_integer(xsmp_errs_of(&v->xen)));
        json_object_set_new(r, "model_rc", json_integer(v->model.rc));
        json_object_set_new(r, "model_allow", json_boolean(v->model.allow));
        json_object_set_new(r, "model_reason", json_string(model_reason(plan, env, v, why, sizeof(why))));
        json_array_append_new(dis, r);
    }
    json_object_set_new(o, "operations", ops);
    json_object_set_new(o, "disagreements", dis);
    return o;
}

static void print_comparison(const struct xsmp_plan *plan, const struct xsmc_op_env *env,
                             const struct xsmp_comparison *cmp)
{
    size_t nops = 0;
    for (size_t i = 0; i < cmp->nops; i++)
        nops += cmp->total[i] != 0;
    printf("model: %s%s on arm64 with the build's .config: %zu of %zu records of %zu operations "
           "agree\n", xsmc_profile_name(env->profile), (env->options & XSMC_OPT_SILO) ? " with SILO" : "",
           cmp->agreed, cmp->compared, nops);
    for (size_t i = 0; i < cmp->nops; i++)
        if (cmp->total[i])
            printf("  %-44s %3zu/%-3zu%s\n", xsmc_op_at(i)->name, cmp->agree[i], cmp->total[i],
                   cmp->agree[i] == cmp->total[i] ? "" : "  DISAGREE");
    if (!cmp->ndisagree)
        return;
    printf("disagreements:\n");
    for (size_t i = 0; i < cmp->ndisagree; i++) {
        const struct xsmp_verdict *v = &cmp->disagree[i];
        char why[1024], xr[48], status[32] = "", verdict[CLI_PAINT_LEN];
        if (v->op->probe.outcome == XSMC_PO_STATUS && v->xen.nreads)
            snprintf(status, sizeof(status), " status %d", xsmp_status_of(&v->xen));
        if (v->op->probe.outcome == XSMC_PO_ERRS && v->xen.nreads)
            snprintf(status, sizeof(status), " errs[0] %d", xsmp_errs_of(&v->xen));
        printf("  %s %s on %s: Xen %s%s, model %s %s: %s\n", plan->doms[v->dom].dom->name,
               v->op->name, target_name(plan, v->target), rc_text(v->xen.rc, xr, sizeof(xr)), status,
               cli_paint(stdout, v->model.allow ? "allow" : "deny", verdict, sizeof(verdict)),
               xsmc_rc_name(v->model.rc),
               model_reason(plan, env, v, why, sizeof(why)));
    }
}

static int emit(const struct cli_common *c, const struct probe_args *a,
                const struct xsmp_planner *pl, const struct xsmp_plan *plan, struct side *sides,
                size_t nsides, enum xsmp_policy policy)
{
    size_t nrec = count_records(plan);
    int compare = nsides == 1 && !a->answers;
    struct xsmc_kconfig k;
    struct xsmc_op_env env = {0}; /* set by model_env when compare */
    struct xsmp_comparison cmp;
    struct xsmp_error err;
    memset(&cmp, 0, sizeof(cmp));
    if (compare && (model_env(c, &sides[0], &k, &env) ||
                    (xsmp_compare(plan, sides[0].boot.answers, &env, &cmp, &err) &&
                     (xsmp_comparison_free(&cmp), report_error(c, &err)))))
        return 2;
    int rc = 0;
    if (c->format == FMT_JSON) {
        json_t *o = xsmc_json_root("probe");
        /* the platform is the probe's: arm64 with the build's own .config */
        xsmc_json_context(o, plan->sys, c->profile, c->options);
        json_t *platform = json_object();
        json_object_set_new(platform, "arch", json_string("arm64"));
        json_object_set_new(platform, "kconfig", json_string("build"));
        json_object_set_new(o, "platform", platform);
        json_object_set_new(o, "planner", json_string(pl->name));
        json_object_set_new(o, "a", side_json(pl, plan, &sides[0], policy));
        if (nsides == 2) {
            json_t *list = json_array();
            json_object_set_new(o, "b", side_json(pl, plan, &sides[1], policy));
            rc = print_differences(pl, plan, &sides[0], &sides[1], list) ? 1 : 0;
            json_object_set_new(o, "compared", json_integer((json_int_t)nrec));
            json_object_set_new(o, "differences", list);
        }
        if (compare) {
            json_object_set_new(o, "model", comparison_json(plan, &env, &cmp));
            rc = cmp.ndisagree ? 1 : 0;
        }
        xsmp_comparison_free(&cmp);
        if (xsmc_json_dump(stdout, o))
            return cli_error(c, "out of memory");
        return rc;
    }
    printf("probe: %s, %zu domain%s, arm64 (QEMU virt), planner %s\n", plan->sys->source,
           plan->ndoms, plan->ndoms == 1 ? "" : "s", pl->name);
    for (size_t i = 0; i < nsides; i++) {
        printf("%s: ", nsides == 2 ? (i ? "B" : "A") : "xen");
        print_side_header(&sides[i], policy, nrec);
    }
    if (nsides == 2) {
        size_t diff = print_differences(pl, plan, &sides[0], &sides[1], NULL);
        printf("%zu of %zu records differ\n", diff, nrec);
        return diff ? 1 : 0;
    }
    if (!compare) {
        print_answers(pl, plan, &sides[0]);
        return 0;
    }
    print_comparison(plan, &env, &cmp);
    rc = cmp.ndisagree ? 1 : 0;
    xsmp_comparison_free(&cmp);
    return rc;
}

/* Build everything, boot, print; 2 after an error line. */
static int run(const struct cli_common *c, const struct probe_args *a, const struct xsmp_plan *plan,
               const struct xsmp_planner *pl, struct side *sides, size_t nsides)
{
    enum xsmp_policy policy = (c->options & XSMC_OPT_SILO) ? XSMP_POLICY_SILO : XSMP_POLICY_DEFAULT;
    struct xsmp_error err;
    memset(&err, 0, sizeof(err));
    char cache[PATH_MAX];
    if (xsmp_cache_dir(a->cache, cache, sizeof(cache), &err))
        return report_error(c, &err);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    struct xsmp_settings s = {.cache_dir = cache, .jobs = cpus > 0 ? (unsigned)cpus : 1,
                              .timeout_s = a->timeout, .progress = isatty(2) && !cli_quiet()};
    struct xsmp_build guest;
    for (size_t i = 0; i < nsides; i++)
        if (xsmp_build_xen(&sides[i].tree, policy, &s, &sides[i].build, &err))
            return report_error(c, &err);
    if (xsmp_build_guest(&s, &guest, &err))
        return report_error(c, &err);
    struct xsmp_boot boots[2];
    for (size_t i = 0; i < nsides; i++) {
        boots[i] = (struct xsmp_boot){.xen_image = sides[i].build.image,
                                      .guest_image = guest.image, .policy = policy,
                                      .plan = plan};
        if (a->keep_logs) {
            snprintf(sides[i].console, sizeof(sides[i].console), "%s/console%s%s.log",
                     a->keep_logs, nsides == 2 ? "-" : "", nsides == 2 ? sides[i].label : "");
            boots[i].console_log = sides[i].console;
        }
    }
    if (s.progress)
        fprintf(stderr, "probe: booting %zu Xen%s under QEMU...\n", nsides, nsides == 1 ? "" : "s");
    int rc = xsmp_boot_run(boots, nsides, &s, &err);
    for (size_t i = 0; i < nsides && !rc; i++)
        rc = xsmp_plan_check_setup(plan, boots[i].answers, &err);
    for (size_t i = 0; i < nsides; i++)
        sides[i].boot = boots[i];
    if (rc)
        return report_error(c, &err);
    return emit(c, a, pl, plan, sides, nsides, policy);
}

static const struct cli_opt own[] = {
    {"xen", required_argument, OPT_XEN},
    {"patch", required_argument, OPT_PATCH},
    {"vs-xen", required_argument, OPT_VS_XEN},
    {"patch-b", required_argument, OPT_PATCH_B},
    {"timeout", required_argument, OPT_TIMEOUT},
    {"cache", required_argument, OPT_CACHE},
    {"keep-logs", required_argument, OPT_KEEP_LOGS},
    {"planner", required_argument, OPT_PLANNER},
    {"answers", no_argument, OPT_ANSWERS},
    {0, 0, 0}};
static const struct cli_verb verb = {"probe", help, 0, CLI_O_READS_SYSTEM,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

/* --planner NAME; 2 after an error line. */
static int planner_option(const struct cli_common *c, const char *name, struct probe_args *a,
                          const struct xsmp_planner **pl)
{
    static const char *const names[] = {"catalogue", "smoke"};
    char hint[96];
    if (strcmp(name, "catalogue") == 0) {
        *pl = &xsmp_planner_catalogue;
    } else if (strcmp(name, "smoke") == 0) {
        *pl = &xsmp_planner_smoke;
        a->answers = 1;
    } else {
        return cli_error(c, "--planner takes catalogue or smoke, not '%s'%s", name,
                         cli_hint_names(name, names, 2, hint, sizeof(hint)));
    }
    return 0;
}

/* One of probe's own options; 2 after an error line. */
static int probe_option(const struct cli_common *c, int opt, const char *arg, struct probe_args *a,
                        const struct xsmp_planner **pl)
{
    switch (opt) {
    case OPT_XEN:
    case OPT_VS_XEN: {
        const char **dir = opt == OPT_XEN ? &a->xen : &a->vs_xen;
        if (*dir)
            return cli_error(c, "%s given twice", opt == OPT_XEN ? "--xen" : "--vs-xen");
        *dir = arg;
        return 0;
    }
    case OPT_PATCH: return add_patch(c, a->patches, &a->npatches, arg, "--patch");
    case OPT_PATCH_B: return add_patch(c, a->patches_b, &a->npatches_b, arg, "--patch-b");
    case OPT_TIMEOUT: return parse_timeout(c, arg, &a->timeout);
    case OPT_CACHE: a->cache = arg; return 0;
    case OPT_KEEP_LOGS: a->keep_logs = arg; return 0;
    case OPT_ANSWERS: a->answers = 1; return 0;
    default: return planner_option(c, arg, a, pl); /* OPT_PLANNER */
    }
}

int cmd_probe(int argc, char **argv)
{
    struct cli_common c;
    struct probe_args a;
    const struct xsmp_planner *pl = &xsmp_planner_catalogue;
    memset(&a, 0, sizeof(a));
    a.timeout = DEFAULT_TIMEOUT_S;
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) > 0)
        if (probe_option(&c, opt, optarg, &a, &pl))
            return 2;
    if (opt == CLI_EXIT)
        return c.exit;
    if (cli_take_config(&c, argc, argv) || check_args(&c, &a))
        return 2;
    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    struct xsmp_plan plan;
    struct xsmp_error err;
    memset(&err, 0, sizeof(err));
    struct side sides[2] = {
        {.label = "a", .tree = {a.xen, a.patches, a.npatches}},
        {.label = "b", .tree = {a.vs_xen, a.patches_b, a.npatches_b}}};
    size_t nsides = a.vs_xen ? 2 : 1;
    int rc;
    if (xsmp_plan_init(&plan, sys, &err) || pl->plan(&plan, &err)) {
        rc = report_error(&c, &err);
    } else {
        /* from here every child is killed and every temporary file removed, even on a signal */
        xsmp_signals_hold();
        rc = run(&c, &a, &plan, pl, sides, nsides);
        xsmp_signals_release();
    }
    for (size_t i = 0; i < nsides; i++)
        xsmp_boot_free(&sides[i].boot);
    xsmp_plan_free(&plan);
    xsmc_system_free(sys);
    return rc;
}
