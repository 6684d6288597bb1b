/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target, differential: a request built from the input is
 * decided by xsmc_decide, by xsmc_allowed (the role-class table) and by the
 * reference model of tests/hardening/ref_policy.c, written independently
 * from the truth tables and reading the hook catalogue from
 * tests/data/xsm-hooks.csv (REF_HOOKS_CSV, set by scripts/fuzz.sh).  Any
 * disagreement aborts with the request.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ref_policy.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    if (ref_policy_load(REF_HOOKS_CSV, err, sizeof(err))) {
        fprintf(stderr, "fuzz_engine_diff: %s\n", err);
        exit(1);
    }
    return 0;
}

struct input {
    const uint8_t *p;
    size_t left;
};

static uint32_t take(struct input *in, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < bytes; i++) {
        v = v << 8 | (in->left ? *in->p : 0u);
        if (in->left) {
            in->p++;
            in->left--;
        }
    }
    return v;
}

/* Mostly the few domids whose equality matters, sometimes any 16-bit id. */
static uint32_t domid(struct input *in)
{
    static const uint32_t ids[] = {1, 2, 3, XSMC_DOMID_IDLE, 0, XSMC_DOMID_FIRST_RESERVED};
    uint32_t b = take(in, 1);
    return b < 240 ? ids[b % 6] : take(in, 2);
}

static void domain(struct input *in, struct xsmc_domain *d)
{
    static const uint32_t targets[] = {XSMC_DOMID_NONE, 1, 2, 3};
    d->domid = domid(in);
    d->target = targets[take(in, 1) % 4];
    /* bit 5 now and then: a capability no profile defines */
    d->caps = take(in, 1) & 0x3f;
    d->flags = take(in, 1) & 0x3;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size};
    struct xsmc_domain s, t, o;
    unsigned profile = take(&in, 1) % (XSMC_PROFILE_COUNT + 1);
    uint32_t options = take(&in, 1) & 0x7;
    struct xsmc_request q = {.hook = take(&in, 1) % (XSMC_HOOK_COUNT + 2)};
    q.subop = take(&in, 4);
    q.subop2 = take(&in, 1);
    uint32_t present = take(&in, 1);
    domain(&in, &s);
    domain(&in, &t);
    domain(&in, &o);
    q.src = present & 1 ? NULL : &s; /* rarely absent */
    q.target = present & 2 ? &t : NULL;
    q.other = present & 4 ? &o : NULL;
    if (present & 8)
        q.target = &s; /* the domain acting on itself, same object */
    char msg[512];
    if (ref_compare(profile, options, &q, msg, sizeof(msg))) {
        fprintf(stderr, "disagreement: %s\n", msg);
        abort();
    }
    return 0;
}
