/* SPDX-License-Identifier: GPL-2.0-only */
/* Encode a domain's records as the probe script (probe-guest/script_format.h). */
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static void put(uint8_t *p, unsigned width, uint64_t v)
{
    for (unsigned i = 0; i < width; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t fnv1a(const uint8_t *p, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static size_t record_size(const struct xsmp_record *r)
{
    return XSMP_REC_FIXED + (((size_t)r->init_len + 7) & ~(size_t)7);
}

/* The same limits the guest checks (probe-guest/probe.c:check_record), said in words. */
static const char *check(const struct xsmp_record *r)
{
    if (r->init_len > XSMP_INIT_MAX)
        return "more initial bytes than buffer 1 takes";
    if (r->nargs > XSMP_MAX_ARGS)
        return "more than 5 arguments";
    if (r->npatches > XSMP_MAX_PATCHES)
        return "too many patches";
    if (r->nreads > XSMP_MAX_READS)
        return "more than 2 readbacks";
    if (r->wait && r->wait_ms > XSMP_WAIT_MAX_MS)
        return "a wait longer than the guest allows";
    for (unsigned i = 0; i < r->nargs; i++)
        if (r->arg_kind[i] > XSMP_ARG_BUF2 ||
            (r->arg_kind[i] != XSMP_ARG_IMM && r->arg_value[i] > XSMP_BUF_SIZE))
            return "an argument that is not IMM, or a buffer offset past the buffer";
    for (unsigned i = 0; i < r->nreads; i++) {
        const struct xsmp_read *rb = &r->reads[i];
        if ((rb->buf != 1 && rb->buf != 2) ||
            (rb->width != 1 && rb->width != 2 && rb->width != 4 && rb->width != 8) ||
            (unsigned)rb->off + rb->width > XSMP_BUF_SIZE)
            return "a readback outside the buffers";
    }
    for (unsigned i = 0; i < r->npatches; i++) {
        const struct xsmp_patch *p = &r->patches[i];
        if ((p->width != 4 && p->width != 8) || p->kind > XSMP_PATCH_PREV_R0 ||
            (unsigned)p->off + p->width > XSMP_BUF_SIZE)
            return "a patch outside buffer 1";
    }
    return NULL;
}

int xsmp_script_encode(const struct xsmp_list *l, uint32_t tag, uint8_t **out, size_t *len,
                       struct xsmp_error *err)
{
    size_t total = XSMP_HDR_SIZE;
    *out = NULL;
    *len = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *why = check(&l->v[i]);
        if (why)
            return xsmp_fail(err, "record %zu for domid %u: %s", i, tag, why);
        total += record_size(&l->v[i]);
    }
    if (total > XSMP_SCRIPT_MAX || l->n > UINT32_MAX)
        return xsmp_fail(err, "%zu records for domid %u make a script of %zu bytes; the guest "
                              "takes %u", l->n, tag, total, XSMP_SCRIPT_MAX);
    uint8_t *s = calloc(1, total);
    if (!s)
        return xsmp_fail(err, "out of memory");
    size_t off = XSMP_HDR_SIZE;
    for (size_t i = 0; i < l->n; i++) {
        const struct xsmp_record *r = &l->v[i];
        uint8_t *p = s + off;
        size_t size = record_size(r);
        /* the guest prints the id back: the record's index in the list */
        put(p + XSMP_REC_ID, 4, i);
        put(p + XSMP_REC_SIZE, 2, size);
        p[XSMP_REC_NARGS] = r->nargs;
        p[XSMP_REC_FLAGS] = r->wait ? XSMP_F_WAIT : 0;
        put(p + XSMP_REC_HYPERCALL, 4, r->hypercall);
        put(p + XSMP_REC_WAIT_RC, 4, (uint32_t)r->wait_rc);
        put(p + XSMP_REC_WAIT_MS, 4, r->wait ? r->wait_ms : 0);
        put(p + XSMP_REC_INIT_LEN, 2, r->init_len);
        p[XSMP_REC_NPATCHES] = r->npatches;
        p[XSMP_REC_NREADS] = r->nreads;
        for (unsigned a = 0; a < r->nargs; a++) {
            p[XSMP_REC_ARG_KIND + a] = r->arg_kind[a];
            put(p + XSMP_REC_ARG_VALUE + 8 * a, 8, r->arg_value[a]);
        }
        for (unsigned k = 0; k < r->nreads; k++) {
            uint8_t *rb = p + XSMP_REC_READS + XSMP_READ_SIZE * k;
            rb[XSMP_READ_BUF] = r->reads[k].buf;
            rb[XSMP_READ_WIDTH] = r->reads[k].width;
            put(rb + XSMP_READ_OFF, 2, r->reads[k].off);
        }
        for (unsigned k = 0; k < r->npatches; k++) {
            uint8_t *pt = p + XSMP_REC_PATCHES + XSMP_PATCH_SIZE * k;
            put(pt + XSMP_PATCH_OFF, 2, r->patches[k].off);
            pt[XSMP_PATCH_WIDTH] = r->patches[k].width;
            pt[XSMP_PATCH_KIND] = r->patches[k].kind;
            put(pt + XSMP_PATCH_ADDEND, 8, r->patches[k].addend);
        }
        memcpy(p + XSMP_REC_FIXED, r->init, r->init_len);
        off += size;
    }
    put(s + XSMP_HDR_MAGIC, 4, XSMP_MAGIC);
    put(s + XSMP_HDR_VERSION, 2, XSMP_VERSION);
    put(s + XSMP_HDR_HDRSIZE, 2, XSMP_HDR_SIZE);
    put(s + XSMP_HDR_LENGTH, 4, total);
    put(s + XSMP_HDR_NRECORDS, 4, l->n);
    put(s + XSMP_HDR_CHECKSUM, 4, fnv1a(s + XSMP_HDR_SIZE, total - XSMP_HDR_SIZE));
    put(s + XSMP_HDR_TAG, 4, tag);
    *out = s;
    *len = total;
    return 0;
}
