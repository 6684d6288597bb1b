/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ImageBuilder mapping's shared state and helpers: imagebuilder.c
 * builds the domains, imagebuilder_memory.c checks the memory ImageBuilder
 * writes for them (static heap, static memory, shared memory).
 */
#ifndef XSMC_CONFIG_IMAGEBUILDER_READ_H
#define XSMC_CONFIG_IMAGEBUILDER_READ_H

#include "imagebuilder_parse.h"
#include "regions.h"
#include "shmem.h"

struct reader {
    struct xsmc_system *sys;
    const struct ib_vars *vars;
    uint32_t num_domus;
    unsigned num_domus_line;
    uint32_t gnttab_max_version;  /* gnttab=max-ver of XEN_CMD */
    uint64_t num_cpupools;        /* NUM_CPUPOOLS: the pools ImageBuilder writes */
    struct regions regions;       /* Xen's reserved banks, in the order of the written tree */
    struct shm_banks shm;
    char *err;
    size_t errlen;
};

/* A value as ImageBuilder's `test -z` sees it: empty means unset. */
const struct ib_var *ib_set(const struct reader *r, const char *name, uint32_t index);
const char *ib_value(const struct reader *r, const char *name, uint32_t index);
/* NAME or NAME[N], as the file wrote it. */
const char *ib_label(const struct ib_var *v, char *buf, size_t len);
const char *ib_at_line(char *buf, size_t len, unsigned line);
/* A diagnostic of the reader's own rules at `line`, one printable line. */
void ib_report(struct reader *r, enum ib_rule rule, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/*
 * A number variable as bash arithmetic reads it; *out keeps `fallback`
 * when unset.  Returns 0, or -1 after an error diagnostic.
 */
int ib_read_number(struct reader *r, const char *name, uint32_t index, uint64_t fallback, uint64_t *out);
/* MiB to KiB, saturating: a huge value stays huge instead of wrapping. */
uint64_t ib_mib_to_kib(uint64_t mb);

/* XEN_STATIC_HEAP: xen,static-heap on /chosen, the first reserved banks Xen meets. */
void ib_static_heap(struct reader *r);
/*
 * DOMU_STATIC_MEM[i]: the banks, registered; their sum in *kib.  Returns
 * 0, or -1 when the value is not base/size pairs (reported).
 */
int ib_static_mem(struct reader *r, const struct ib_var *banks, uint32_t i, uint64_t *kib);
/* DOMU_SHARED_MEM[i]: one region, registered and mapped into d. */
void ib_shared_mem(struct reader *r, struct xsmc_dom *d, uint32_t i);

#endif
