/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The memory ImageBuilder writes into /chosen, checked as Xen's early scan
 * meets it (regions.c, shmem.c): xen,static-heap from XEN_STATIC_HEAP
 * first, then each domU node's xen,static-mem (DOMU_STATIC_MEM) and its
 * xen,domain-shared-memory-v1 child (DOMU_SHARED_MEM), domU after domU.
 * Module addresses are ImageBuilder's to choose at run time, so modules
 * are not registered.
 */
#include <stdio.h>
#include <string.h>

#include "imagebuilder_read.h"

/* The next blank-separated word of *s, at most 63 bytes kept in word; 0 at the end. */
static size_t next_word(const char **s, char word[64])
{
    *s += strspn(*s, " \t\n");
    size_t len = strcspn(*s, " \t\n");
    snprintf(word, 64, "%.*s", (int)(len < 63 ? len : 63), *s);
    *s += len;
    return len;
}

/*
 * Check that `v` is base/size pairs of numbers (reported under `rule`,
 * naming `what`), then reserve each bank as kind.  Sum of sizes in *bytes.
 */
static int reserve_pairs(struct reader *r, const struct ib_var *v, enum ib_rule rule, const char *what,
                         enum region_kind kind, uint64_t *bytes)
{
    char word[64], where[32];
    uint64_t n;
    size_t count = 0, len;
    *bytes = 0;
    for (const char *s = v->value; (len = next_word(&s, word)) != 0; count++) {
        if (len > 63 || ib_number(word, &n, &(int){0})) {
            ib_report(r, rule, v->line, "%s: '%s' is not a number", what, word);
            return -1;
        }
        if (count % 2)
            *bytes = n > UINT64_MAX - *bytes ? UINT64_MAX : *bytes + n;
    }
    if (!count || count % 2) {
        ib_report(r, rule, v->line, "%s='%s' is not a list of base/size pairs", what, v->value);
        return -1;
    }
    ib_at_line(where, sizeof(where), v->line);
    uint64_t base = 0;
    count = 0;
    for (const char *s = v->value; next_word(&s, word) != 0; count++) {
        ib_number(word, &n, &(int){0});
        if (count % 2 == 0)
            base = n;
        else if (regions_reserve(&r->regions, r->sys, base, n, kind, where))
            break; /* Xen stops at the first refused bank */
    }
    return 0;
}

void ib_static_heap(struct reader *r)
{
    const struct ib_var *v = ib_set(r, "XEN_STATIC_HEAP", 0);
    uint64_t bytes;
    if (v)
        reserve_pairs(r, v, IBR_IB_STATIC_HEAP, "XEN_STATIC_HEAP", REGION_STATIC_HEAP, &bytes);
}

int ib_static_mem(struct reader *r, const struct ib_var *banks, uint32_t i, uint64_t *kib)
{
    char what[32];
    uint64_t bytes;
    snprintf(what, sizeof(what), "DOMU_STATIC_MEM[%u]", i);
    if (reserve_pairs(r, banks, IBR_IB_STATIC_MEM, what, REGION_STATIC_MEM, &bytes))
        return -1;
    *kib = bytes >> 10;
    return 0;
}

/*
 * "ID HOST GUEST SIZE", as Xen's CI writes it (automation/scripts/
 * qemu-smoke-dom0less-arm64.sh, static-shared-mem); ImageBuilder writes no
 * role, so DOMID_IO owns the pages.
 */
void ib_shared_mem(struct reader *r, struct xsmc_dom *d, uint32_t i)
{
    const struct ib_var *v = ib_set(r, "DOMU_SHARED_MEM", i);
    if (!v)
        return;
    char words[5][64], where[32];
    size_t n = 0, len;
    uint64_t num[3];
    for (const char *s = v->value; n < 5 && (len = next_word(&s, words[n])) != 0; n++)
        if (len > 63 || (n >= 1 && n <= 3 && ib_number(words[n], &num[n - 1], &(int){0}))) {
            ib_report(r, IBR_IB_SHARED_MEM, v->line,
                      "DOMU_SHARED_MEM[%u]: '%s' is not %s", i, words[n], n ? "a number" : "a shm id");
            return;
        }
    if (n != 4) {
        ib_report(r, IBR_IB_SHARED_MEM, v->line,
                  "DOMU_SHARED_MEM[%u]='%s' is not \"ID HOST GUEST SIZE\"", i, v->value);
        return;
    }
    ib_at_line(where, sizeof(where), v->line);
    if (strlen(words[0]) >= SHM_ID_LENGTH) {
        xsmc_report(r->sys, XSMC_R_SHM_MALFORMED, where,
                    "fdt: invalid xen,shm-id %s, it must be limited to %u characters", words[0],
                    SHM_ID_LENGTH - 1);
        return;
    }
    struct shm_node node = {.where = where, .id = words[0], .role = XSMC_SHM_DEFAULT, .host_given = 1,
                            .host = num[0], .guest = num[1], .size = num[2]};
    int bank = shm_register(&r->shm, &r->regions, r->sys, &node);
    if (bank >= 0)
        shm_map(&r->shm, r->sys, d, bank, &node);
}
