/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The model against the real hypervisor (issue 12's live stage): boot the
 * reference Xen, unpatched (profile upstream) and with the seed patch
 * (profile hwpriv), each with the default policy and with SILO, on three
 * systems, with `xsmcap probe`, and require that every probed record agrees
 * with the model.  The expectation is not computed here: Xen answers, and
 * the probe compares.
 *
 * Usage: live-model XSMCAP SOURCE_ROOT
 * The tree and the patch as the live smoke test finds them (live_util.h);
 * without a tree: "live: skipped", exit 77 (a failure when CI=true).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "live_util.h"

static const struct {
    const char *label, *spec;
} systems[] = {
    /* the seed's arrangement: hardware+xenstore, guests, a device model, control */
    {"seed", "dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control"},
    /* a classic dom0 (control, hardware, xenstore) with guests */
    {"classic", "dom0:control,hardware,xenstore;g1;g2"},
    /* fully split */
    {"split", "ctl:control;hw:hardware;xs:xenstore;g"},
};

static int failures;
static size_t records[2][2], agreed[2][2]; /* [tree][silo] */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *source_root;

/* The probe's JSON validates against docs/schema/probe.json (tests/analysis/json_schema.py). */
static void validate_json(const char *what, const char *json)
{
    char path[] = "/tmp/live-model-XXXXXX.json", script[4096], schemas[4096];
    int fd = mkstemps(path, 5);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
    if (!f || fputs(json, f) < 0 || fclose(f) != 0) {
        printf("FAIL: %s: cannot write its JSON to %s\n", what, path);
        failures++;
        unlink(path);
        return;
    }
    snprintf(script, sizeof(script), "%s/tests/analysis/json_schema.py", source_root);
    snprintf(schemas, sizeof(schemas), "%s/docs/schema", source_root);
    const char *argv[] = {"python3", script, "--files", schemas, path, NULL};
    char *out = NULL, *err = NULL;
    int status = live_run(argv, &out, &err);
    if (status == 77) {
        printf("live-model: %s: JSON schema not checked (%s)\n", what, out ? out : "skipped");
    } else if (status != 0) {
        printf("FAIL: %s: its JSON does not validate: %s%s\n", what, out ? out : "", err ? err : "");
        failures++;
    }
    unlink(path);
    free(out);
    free(err);
}

static void probe(const char *xsmcap, const struct live_tree *t, size_t s, int seed, int silo)
{
    const char *argv[16];
    size_t n = 0;
    argv[n++] = xsmcap;
    argv[n++] = "probe";
    argv[n++] = "--xen";
    argv[n++] = t->tree;
    if (seed) {
        argv[n++] = "--patch";
        argv[n++] = t->patch;
    }
    argv[n++] = "--profile";
    argv[n++] = seed ? "hwpriv" : "upstream";
    argv[n++] = "--system";
    argv[n++] = systems[s].spec;
    argv[n++] = "--format";
    argv[n++] = "json";
    if (silo)
        argv[n++] = "--silo";
    argv[n] = NULL;
    char what[96], *out = NULL, *err = NULL;
    snprintf(what, sizeof(what), "%s %s%s", systems[s].label, seed ? "hwpriv" : "upstream",
             silo ? " SILO" : "");
    double t0 = now_s();
    int status = live_run(argv, &out, &err);
    json_error_t jerr;
    json_t *root = status == 0 || status == 1 ? json_loads(out, 0, &jerr) : NULL;
    json_t *model = json_object_get(root, "model");
    size_t compared = (size_t)json_integer_value(json_object_get(model, "compared"));
    size_t agree = (size_t)json_integer_value(json_object_get(model, "agree"));
    if (!root || !model || compared == 0) {
        printf("FAIL: %s: xsmcap probe exited %d: %s\n", what, status, err ? err : "");
        failures++;
    } else {
        json_t *d;
        size_t i;
        json_array_foreach(json_object_get(model, "disagreements"), i, d)
            printf("FAIL: %s: %s %s on %s: Xen %lld, model %lld (%s)\n", what,
                   json_string_value(json_object_get(d, "domain")),
                   json_string_value(json_object_get(d, "op")),
                   json_is_null(json_object_get(d, "target")) ? "-"
                       : json_string_value(json_object_get(d, "target")),
                   (long long)json_integer_value(json_object_get(d, "xen_rc")),
                   (long long)json_integer_value(json_object_get(d, "model_rc")),
                   json_string_value(json_object_get(d, "model_reason")));
        if (agree != compared || status != 0)
            failures++;
        validate_json(what, out);
        records[seed][silo] += compared;
        agreed[seed][silo] += agree;
        json_t *a = json_object_get(root, "a");
        printf("live-model: %-22s %5zu/%-5zu agree; build %5.1f s%s, boot %4.1f s, run %5.1f s\n",
               what, agree, compared, json_real_value(json_object_get(a, "build_seconds")),
               json_is_true(json_object_get(a, "cached")) ? " (cached)" : "",
               json_real_value(json_object_get(a, "boot_seconds")), now_s() - t0);
    }
    json_decref(root);
    free(out);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: live-model XSMCAP SOURCE_ROOT [SANITIZE]\n");
        return 2;
    }
    struct live_tree t;
    source_root = argv[2];
    int rc = live_tree_open(argv[2], &t);
    if (rc)
        return rc;
    /*
     * A sanitized xsmcap (SANITIZE not none) probes the seed's system only:
     * its comparison code runs under the sanitizers on every record kind,
     * and the normal build's run covers the three systems.
     */
    size_t nsys = sizeof(systems) / sizeof(systems[0]);
    if (argc == 4 && strcmp(argv[3], "none") != 0)
        nsys = 1;
    double t0 = now_s();
    for (int seed = 0; seed < 2; seed++)
        for (int silo = 0; silo < 2; silo++)
            for (size_t s = 0; s < nsys; s++)
                probe(argv[1], &t, s, seed, silo);
    for (int seed = 0; seed < 2; seed++)
        for (int silo = 0; silo < 2; silo++)
            printf("live-model: %s%s: %zu of %zu records agree over %zu systems\n",
                   seed ? "hwpriv (seed patch)" : "upstream", silo ? " with SILO" : "",
                   agreed[seed][silo], records[seed][silo], nsys);
    printf("live-model: %d failures, %.1f s\n", failures, now_s() - t0);
    live_tree_close(&t);
    return failures ? 1 : 0;
}
