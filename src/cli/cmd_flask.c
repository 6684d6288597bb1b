/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap flask: export an equivalent XSM:Flask policy, and verify that it agrees. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli.h"
#include "xsmcap/flask.h"

static const char help[] =
    "usage: xsmcap flask [CONFIG | --system SPEC] [--profile P] [--silo] -o DIR\n"
    "       xsmcap flask --verify [CONFIG | --system SPEC] [--profile P] [--silo]\n"
    "                    [--policy FILE] [-o DIR] [--format text|json]\n\n"
    "-o DIR (--output DIR) writes DIR/policy.conf (the policy source for the Xen\n"
    "target), DIR/xenpolicy (compiled with checkpolicy -t Xen -c 30) and\n"
    "DIR/labels.txt (a seclabel line per domain for xl, and the boot-time label).\n"
    "--verify loads the compiled policy (or --policy FILE) with libsepol and\n"
    "compares every mapped hook decision, over every pair of domains, with the\n"
    "default policy; it prints the counts, every disagreement, and the hooks whose\n"
    "Flask counterpart is partial or absent, with the reason.  --checkpolicy PROG\n"
    "runs PROG instead of the checkpolicy on PATH.  --format json writes what was\n"
    "exported and the verification as one object (xsmcap-flask/1).\n\n"
    "Exit 0 ok, 1 a disagreement on a fully mapped hook, 2 bad input.\n";

enum { OPT_VERIFY = OPT_VERB_FIRST, OPT_POLICY, OPT_CHECKPOLICY };

static void *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    /* a Xen policy is kilobytes; refuse anything absurd rather than exhaust memory */
    const size_t max = 64u << 20;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad || n > max) {
        snprintf(err, errlen, "%s: %s", path, bad ? "cannot read" : "larger than 64 MiB, not a Xen policy");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int write_outputs(const struct cli_common *c, const char *dir,
                         const struct xsmc_flask_export *ex, const void *bin, size_t binlen)
{
    /* the JSON object says what was written */
    if (mkdir(dir, 0777) && errno != EEXIST)
        return cli_error(c, "%s: cannot create the output directory: %s", dir, strerror(errno));
    const struct {
        const char *name;
        const void *data;
        size_t len;
    } files[] = {{"policy.conf", ex->source, strlen(ex->source)},
                 {"xenpolicy", bin, binlen},
                 {"labels.txt", ex->labels, strlen(ex->labels)}};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
        if (cli_write_file(path, files[i].data, files[i].len))
            return cli_error(c, "%s: cannot write: %s", path, strerror(errno));
    }
    if (c->format != FMT_JSON)
        printf("wrote %s/policy.conf (%zu allow rules), %s/xenpolicy (%zu bytes, Xen target, "
               "policy version 30), %s/labels.txt\n", dir, ex->nrules, dir, binlen, dir);
    return 0;
}

static const char *dom_name(const struct xsmc_system *sys, size_t i)
{
    return i < sys->ndoms ? sys->doms[i].name : "-";
}

/* A mapping row: "hook", or with [subop], [a,b] or [other] where the hook has several rows. */
static const char *row_text(const struct xsmc_flask_map *m, char *buf, size_t len)
{
    size_t rows = 0;
    for (size_t i = 0; i < xsmc_flask_map_count(); i++)
        rows += xsmc_flask_map_at(i)->hook == m->hook;
    const char *name = xsmc_hook_info(m->hook)->name;
    if (m->subop == XSMC_FLASK_OTHER_SUBOPS)
        snprintf(buf, len, "%s[other]", name);
    else if (m->subop2)
        snprintf(buf, len, "%s[%u,%u]", name, (unsigned)m->subop, (unsigned)m->subop2);
    else if (rows > 1)
        snprintf(buf, len, "%s[%u]", name, (unsigned)m->subop);
    else
        snprintf(buf, len, "%s", name);
    return buf;
}

static json_t *verify_json(const struct xsmc_system *sys, const char *policy,
                           const struct xsmc_flask_report *r)
{
    static const char *const kinds[] = {"full", "shared"};
    char row[128];
    json_t *o = json_object(), *counts = json_object(), *diffs = json_array(), *partial = json_array();
    json_object_set_new(o, "policy", json_string(policy));
    for (int k = XSMC_FLASK_FULL; k < XSMC_FLASK_UNMAPPED; k++) {
        json_t *c = json_object();
        json_object_set_new(c, "agree", json_integer((json_int_t)r->agree[k]));
        json_object_set_new(c, "disagree", json_integer((json_int_t)r->disagree[k]));
        json_object_set_new(counts, kinds[k], c);
    }
    json_object_set_new(o, "counts", counts);
    json_object_set_new(o, "not_compared", json_integer((json_int_t)r->unreached));
    for (size_t i = 0; i < r->ndiffs; i++) {
        const struct xsmc_flask_diff *d = &r->diffs[i];
        const struct xsmc_flask_map *m = xsmc_flask_map_at(d->row);
        json_t *e = json_object();
        json_object_set_new(e, "row", json_string(row_text(m, row, sizeof(row))));
        json_object_set_new(e, "kind", json_string(xsmc_flask_kind_name((enum xsmc_flask_kind)m->kind)));
        json_object_set_new(e, "src", json_string(dom_name(sys, d->src)));
        json_object_set_new(e, "target", d->tgt < sys->ndoms ? json_string(sys->doms[d->tgt].name) : json_null());
        json_object_set_new(e, "default", json_string(d->default_allow ? "allow" : "deny"));
        json_object_set_new(e, "flask", json_string(d->flask_allow ? "allow" : "deny"));
        json_array_append_new(diffs, e);
    }
    json_object_set_new(o, "differences", diffs);
    for (size_t i = 0; i < xsmc_flask_map_count(); i++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(i);
        if (m->kind == XSMC_FLASK_FULL)
            continue;
        json_t *e = json_object();
        json_object_set_new(e, "row", json_string(row_text(m, row, sizeof(row))));
        json_object_set_new(e, "kind", json_string(xsmc_flask_kind_name((enum xsmc_flask_kind)m->kind)));
        json_object_set_new(e, "flask_fn", json_string(m->flask_fn));
        json_object_set_new(e, "note", json_string(m->note));
        json_array_append_new(partial, e);
    }
    json_object_set_new(o, "partial_or_unmapped", partial);
    return o;
}

/* The export (NULL when none was written) and the verification (NULL when none ran), as JSON. */
static int print_json(const struct cli_common *c, const struct xsmc_system *sys, const char *dir,
                      const struct xsmc_flask_export *ex, size_t binlen, const char *policy,
                      const struct xsmc_flask_report *r)
{
    json_t *root = xsmc_json_root("flask");
    xsmc_json_context(root, sys, c->profile, c->options);
    json_t *exported = json_null();
    if (dir) {
        exported = json_object();
        json_object_set_new(exported, "dir", json_string(dir));
        json_object_set_new(exported, "allow_rules", json_integer((json_int_t)ex->nrules));
        json_object_set_new(exported, "policy_bytes", json_integer((json_int_t)binlen));
    }
    json_object_set_new(root, "export", exported);
    json_object_set_new(root, "verify", policy ? verify_json(sys, policy, r) : json_null());
    return xsmc_json_dump(stdout, root);
}

static void print_report(const struct xsmc_system *sys, enum xsmc_profile p, const char *policy,
                         const struct xsmc_flask_report *r)
{
    char row[128];
    static const char *const what[XSMC_FLASK_KINDS] = {
        "fully mapped", "shared (not granted: another hook asks the same check)", ""};
    printf("flask verify: %s under profile %s, policy %s\n", sys->source, xsmc_profile_name(p), policy);
    for (int k = XSMC_FLASK_FULL; k < XSMC_FLASK_UNMAPPED; k++)
        printf("%s: %zu agree, %zu disagree\n", what[k], r->agree[k], r->disagree[k]);
    printf("not compared: %zu pairs no operation of %s brings to the hook\n", r->unreached,
           xsmc_arch_name((enum xsmc_arch)sys->arch));
    if (r->disagree[XSMC_FLASK_FULL]) {
        printf("DISAGREEMENTS on fully mapped rows:\n");
        for (size_t i = 0; i < r->ndiffs; i++) {
            const struct xsmc_flask_diff *d = &r->diffs[i];
            if (xsmc_flask_map_at(d->row)->kind != XSMC_FLASK_FULL)
                continue;
            const struct xsmc_flask_map *m = xsmc_flask_map_at(d->row);
            printf("  %s", row_text(m, row, sizeof(row)));
            char p1[CLI_PAINT_LEN], p2[CLI_PAINT_LEN];
            printf(" %s -> %s: default %s, flask %s (%s%s%s)\n", dom_name(sys, d->src), dom_name(sys, d->tgt),
                   cli_paint(stdout, d->default_allow ? "allow" : "deny", p1, sizeof(p1)),
                   cli_paint(stdout, d->flask_allow ? "allow" : "deny", p2, sizeof(p2)), m->flask_fn,
                   m->note[0] ? ": " : "", m->note);
        }
    }
    /* shared rows differ by design: one line per row and direction, every pair named */
    if (r->disagree[XSMC_FLASK_SHARED])
        printf("differences on shared rows:\n");
    for (size_t i = 0; i < r->ndiffs;) {
        const struct xsmc_flask_diff *d = &r->diffs[i];
        if (xsmc_flask_map_at(d->row)->kind != XSMC_FLASK_SHARED) {
            i++;
            continue;
        }
        printf("  %s", row_text(xsmc_flask_map_at(d->row), row, sizeof(row)));
        char p1[CLI_PAINT_LEN], p2[CLI_PAINT_LEN];
        printf(" (default %s, flask %s):", cli_paint(stdout, d->default_allow ? "allow" : "deny", p1, sizeof(p1)),
               cli_paint(stdout, d->flask_allow ? "allow" : "deny", p2, sizeof(p2)));
        size_t j = i;
        for (; j < r->ndiffs && r->diffs[j].row == d->row && r->diffs[j].default_allow == d->default_allow; j++)
            printf(" %s->%s", dom_name(sys, r->diffs[j].src), dom_name(sys, r->diffs[j].tgt));
        printf("\n");
        i = j;
    }
    printf("partial or unmapped:\n");
    for (size_t i = 0; i < xsmc_flask_map_count(); i++) {
        const struct xsmc_flask_map *m = xsmc_flask_map_at(i);
        if (m->kind == XSMC_FLASK_FULL)
            continue;
        printf("  %s", row_text(m, row, sizeof(row)));
        printf(" (%s, %s): %s\n", xsmc_flask_kind_name((enum xsmc_flask_kind)m->kind), m->flask_fn, m->note);
    }
}

static const struct cli_opt own[] = {
    {"output", required_argument, 'o'},
    {"verify", no_argument, OPT_VERIFY},
    {"policy", required_argument, OPT_POLICY},
    {"checkpolicy", required_argument, OPT_CHECKPOLICY},
    {0, 0, 0}};
static const struct cli_verb verb = {"flask", help, 0, CLI_O_READS_SYSTEM | CLI_O_FLASK_BOOT_OK,
                                     CLI_FMT(FMT_TEXT) | CLI_FMT(FMT_JSON), own};

int cmd_flask(int argc, char **argv)
{
    struct cli_common c;
    const char *outdir = NULL, *policy_file = NULL, *checkpolicy = NULL;
    int verify = 0;
    cli_init(&c, &verb, argc, argv);
    int opt;
    while ((opt = cli_next_option(&c, argc, argv)) > 0) {
        switch (opt) {
        case 'o': outdir = optarg; break;
        case OPT_VERIFY: verify = 1; break;
        case OPT_POLICY: policy_file = optarg; break;
        default: checkpolicy = optarg; /* OPT_CHECKPOLICY */
        }
    }
    if (opt == CLI_EXIT)
        return c.exit;
    if (cli_take_config(&c, argc, argv))
        return 2;
    if (policy_file && !verify)
        return cli_error(&c, "--policy FILE is for --verify");
    if (!outdir && !verify)
        return cli_error(&c, "nothing to do: give -o DIR to export, or --verify");
    if (policy_file && outdir)
        return cli_error(&c, "give either --policy FILE or -o DIR with --verify, not both");

    struct xsmc_system *sys = cli_load_valid_system(&c);
    if (!sys)
        return 2;
    char err[1024] = "";
    int rc = 2;
    struct xsmc_flask_export ex = {0};
    struct xsmc_flask_policy *pol = NULL;
    struct xsmc_flask_report rep = {0};
    void *bin = NULL;
    size_t binlen = 0;
    if (policy_file) {
        bin = read_file(policy_file, &binlen, err, sizeof(err));
    } else if (xsmc_flask_export(sys, c.profile, c.options, &ex, err, sizeof(err)) == 0) {
        bin = xsmc_flask_compile(checkpolicy, ex.source, &binlen, err, sizeof(err));
    }
    if (!bin) {
        cli_error(&c, "%s", err);
        goto out;
    }
    /* the export is only written once it compiled, so DIR never holds half a policy */
    if (outdir && write_outputs(&c, outdir, &ex, bin, binlen))
        goto out;
    rc = 0;
    if (!verify) {
        if (c.format == FMT_JSON && print_json(&c, sys, outdir, &ex, binlen, NULL, NULL))
            rc = cli_error(&c, "cannot encode the result as JSON");
        goto out;
    }
    rc = 2;
    const char *name = policy_file ? policy_file : "<exported>";
    pol = xsmc_flask_load(bin, binlen, name, err, sizeof(err));
    if (!pol || xsmc_flask_verify(pol, sys, c.profile, c.options, &rep, err, sizeof(err))) {
        cli_error(&c, "%s", err);
        goto out;
    }
    rc = rep.disagree[XSMC_FLASK_FULL] ? 1 : 0;
    if (c.format != FMT_JSON)
        print_report(sys, c.profile, name, &rep);
    else if (print_json(&c, sys, outdir, &ex, binlen, name, &rep))
        rc = cli_error(&c, "cannot encode the result as JSON");
out:
    xsmc_flask_report_free(&rep);
    xsmc_flask_free(pol);
    free(bin);
    xsmc_flask_export_free(&ex);
    xsmc_system_free(sys);
    return rc;
}
