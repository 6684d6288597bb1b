/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe guest: check the script the host appended, then issue its
 * records in order, one console line per record, and park.  Freestanding:
 * no C library, no allocation, the MMU off (so every access to memory is
 * a Device access and must be aligned: bytes are read one at a time).
 */
#include <stdint.h>

#include "hypercall.h"
#include "line.h"
#include "script_format.h"

void probe_main(const uint8_t *script, uint8_t *work) __attribute__((noreturn));
void probe_fault(uint64_t esr, uint64_t elr_offset, uint64_t far, uint64_t vector)
    __attribute__((noreturn));

static uint64_t rd(const uint8_t *p, unsigned width)
{
    uint64_t v = 0;
    for (unsigned i = width; i > 0; i--)
        v = v << 8 | p[i - 1];
    return v;
}

static void wr(uint8_t *p, unsigned width, uint64_t v)
{
    for (unsigned i = 0; i < width; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

static void fill(uint8_t *p, uint8_t v, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        p[i] = v;
}

/*
 * Never return: the hardware domain must not shut down (Xen then halts the
 * machine, xen/common/shutdown.c:hwdom_shutdown), and the host stops QEMU
 * once every domain has printed its last line.
 */
static void __attribute__((noreturn)) park(void)
{
    for (;;)
        sched_block();
}

static void __attribute__((noreturn)) fail(const char *what, uint64_t where)
{
    struct line l;
    line_start(&l);
    line_str(&l, "error ");
    line_str(&l, what);
    line_str(&l, " ");
    line_dec(&l, (int64_t)where);
    line_emit(&l);
    park();
}

void probe_fault(uint64_t esr, uint64_t elr_offset, uint64_t far, uint64_t vector)
{
    struct line l;
    line_start(&l);
    line_str(&l, "error exception vector ");
    line_dec(&l, (int64_t)vector);
    line_str(&l, " esr ");
    line_hex(&l, esr);
    line_str(&l, " at ");
    line_hex(&l, elr_offset);
    line_str(&l, " far ");
    line_hex(&l, far);
    line_emit(&l);
    park();
}

static uint32_t fnv1a(const uint8_t *p, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* The reason a record is malformed, or 0. */
static const char *check_record(const uint8_t *r, uint32_t room)
{
    if (room < XSMP_REC_FIXED)
        return "record-truncated";
    uint32_t size = (uint32_t)rd(r + XSMP_REC_SIZE, 2);
    uint32_t init = (uint32_t)rd(r + XSMP_REC_INIT_LEN, 2);
    unsigned nargs = r[XSMP_REC_NARGS], npatches = r[XSMP_REC_NPATCHES];
    unsigned nreads = r[XSMP_REC_NREADS];
    if (size % 8 || size < XSMP_REC_FIXED || size > room)
        return "record-size";
    if (init > XSMP_BUF_SIZE || init > size - XSMP_REC_FIXED)
        return "record-init";
    if (nargs > XSMP_MAX_ARGS || npatches > XSMP_MAX_PATCHES || nreads > XSMP_MAX_READS)
        return "record-counts";
    if (r[XSMP_REC_FLAGS] & ~XSMP_F_KNOWN)
        return "record-flags";
    if ((r[XSMP_REC_FLAGS] & XSMP_F_WAIT) && rd(r + XSMP_REC_WAIT_MS, 4) > XSMP_WAIT_MAX_MS)
        return "record-wait";
    for (unsigned i = 0; i < nargs; i++) {
        unsigned kind = r[XSMP_REC_ARG_KIND + i];
        uint64_t v = rd(r + XSMP_REC_ARG_VALUE + 8 * i, 8);
        if (kind > XSMP_ARG_BUF2 || (kind != XSMP_ARG_IMM && v > XSMP_BUF_SIZE))
            return "record-arg";
    }
    for (unsigned i = 0; i < nreads; i++) {
        const uint8_t *rb = r + XSMP_REC_READS + XSMP_READ_SIZE * i;
        unsigned w = rb[XSMP_READ_WIDTH];
        if ((rb[XSMP_READ_BUF] != 1 && rb[XSMP_READ_BUF] != 2) ||
            (w != 1 && w != 2 && w != 4 && w != 8) ||
            rd(rb + XSMP_READ_OFF, 2) + w > XSMP_BUF_SIZE)
            return "record-read";
    }
    for (unsigned i = 0; i < npatches; i++) {
        const uint8_t *p = r + XSMP_REC_PATCHES + XSMP_PATCH_SIZE * i;
        unsigned w = p[XSMP_PATCH_WIDTH];
        if ((w != 4 && w != 8) || p[XSMP_PATCH_KIND] > XSMP_PATCH_PREV_R0 ||
            rd(p + XSMP_PATCH_OFF, 2) + w > XSMP_BUF_SIZE)
            return "record-patch";
    }
    return 0;
}

/* Check the whole script before running any of it; returns the record count. */
static uint32_t check_script(const uint8_t *s)
{
    if (rd(s + XSMP_HDR_MAGIC, 4) != XSMP_MAGIC)
        fail("script-magic", 0);
    if (rd(s + XSMP_HDR_VERSION, 2) != XSMP_VERSION)
        fail("script-version", rd(s + XSMP_HDR_VERSION, 2));
    uint32_t len = (uint32_t)rd(s + XSMP_HDR_LENGTH, 4);
    if (rd(s + XSMP_HDR_HDRSIZE, 2) != XSMP_HDR_SIZE || len < XSMP_HDR_SIZE ||
        len > XSMP_SCRIPT_MAX || len % 8)
        fail("script-length", len);
    if (fnv1a(s + XSMP_HDR_SIZE, len - XSMP_HDR_SIZE) != rd(s + XSMP_HDR_CHECKSUM, 4))
        fail("script-checksum", len);
    uint32_t n = (uint32_t)rd(s + XSMP_HDR_NRECORDS, 4);
    uint32_t off = XSMP_HDR_SIZE;
    for (uint32_t i = 0; i < n; i++) {
        const char *why = check_record(s + off, len - off);
        if (why)
            fail(why, i);
        off += (uint32_t)rd(s + off + XSMP_REC_SIZE, 2);
    }
    if (off != len)
        fail("script-trailing", off);
    return n;
}

struct results {
    long rc;
    uint64_t read[XSMP_MAX_READS];
};

static void prepare(const uint8_t *r, uint8_t *buf1, uint8_t *buf2, uint64_t prev_r0)
{
    unsigned init = (unsigned)rd(r + XSMP_REC_INIT_LEN, 2);
    fill(buf1, 0, XSMP_BUF_SIZE);
    fill(buf2, 0, XSMP_BUF_SIZE);
    for (unsigned i = 0; i < init; i++)
        buf1[i] = r[XSMP_REC_FIXED + i];
    for (unsigned i = 0; i < r[XSMP_REC_NPATCHES]; i++) {
        const uint8_t *p = r + XSMP_REC_PATCHES + XSMP_PATCH_SIZE * i;
        unsigned w = p[XSMP_PATCH_WIDTH];
        uint64_t base = p[XSMP_PATCH_KIND] == XSMP_PATCH_BUF2 ? (uint64_t)(uintptr_t)buf2 : prev_r0;
        uint64_t v = base + rd(p + XSMP_PATCH_ADDEND, 8);
        if (w == 4 && v >> 32)
            fail("patch-overflow", (uint64_t)rd(r + XSMP_REC_ID, 4));
        wr(buf1 + rd(p + XSMP_PATCH_OFF, 2), w, v);
    }
}

static long call(const uint8_t *r, uint8_t *buf1, uint8_t *buf2)
{
    uint64_t a[XSMP_MAX_ARGS] = {0};
    for (unsigned i = 0; i < r[XSMP_REC_NARGS]; i++) {
        uint64_t v = rd(r + XSMP_REC_ARG_VALUE + 8 * i, 8);
        switch (r[XSMP_REC_ARG_KIND + i]) {
        case XSMP_ARG_BUF: a[i] = (uint64_t)(uintptr_t)buf1 + v; break;
        case XSMP_ARG_BUF2: a[i] = (uint64_t)(uintptr_t)buf2 + v; break;
        default: a[i] = v; break;
        }
    }
    return hypercall(rd(r + XSMP_REC_HYPERCALL, 4), a[0], a[1], a[2], a[3], a[4]);
}

/* Run one record: once, or until its rc is the one awaited or time runs out. */
static void run(const uint8_t *r, uint8_t *buf1, uint8_t *buf2, uint64_t prev_r0,
                struct results *out)
{
    int wait = r[XSMP_REC_FLAGS] & XSMP_F_WAIT;
    long want = (long)(int32_t)rd(r + XSMP_REC_WAIT_RC, 4);
    uint64_t deadline = counter_now() + rd(r + XSMP_REC_WAIT_MS, 4) * (counter_hz() / 1000);
    for (;;) {
        prepare(r, buf1, buf2, prev_r0);
        out->rc = call(r, buf1, buf2);
        if (!wait || out->rc == want || counter_now() >= deadline)
            break;
        sched_yield();
    }
    for (unsigned i = 0; i < r[XSMP_REC_NREADS]; i++) {
        const uint8_t *rb = r + XSMP_REC_READS + XSMP_READ_SIZE * i;
        const uint8_t *buf = rb[XSMP_READ_BUF] == 1 ? buf1 : buf2;
        out->read[i] = rd(buf + rd(rb + XSMP_READ_OFF, 2), rb[XSMP_READ_WIDTH]);
    }
}

static void report(const uint8_t *r, const struct results *res)
{
    struct line l;
    line_start(&l);
    line_dec(&l, (int64_t)rd(r + XSMP_REC_ID, 4));
    line_str(&l, " ");
    line_dec(&l, res->rc);
    for (unsigned i = 0; i < XSMP_MAX_READS; i++) {
        line_str(&l, " ");
        if (i < r[XSMP_REC_NREADS])
            line_hex(&l, res->read[i]);
        else
            line_str(&l, "-");
    }
    line_emit(&l);
}

static void say(const char *word, uint64_t a, int with_b, uint64_t b)
{
    struct line l;
    line_start(&l);
    line_str(&l, word);
    line_str(&l, " ");
    line_dec(&l, (int64_t)a);
    if (with_b) {
        line_str(&l, " ");
        line_dec(&l, (int64_t)b);
    }
    line_emit(&l);
}

void probe_main(const uint8_t *script, uint8_t *work)
{
    uint8_t *buf1 = work, *buf2 = work + XSMP_BUF_SIZE;
    uint32_t n = check_script(script);
    say("start", rd(script + XSMP_HDR_TAG, 4), 1, n);
    const uint8_t *r = script + XSMP_HDR_SIZE;
    uint64_t prev_r0 = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct results res = {0};
        run(r, buf1, buf2, prev_r0, &res);
        report(r, &res);
        prev_r0 = res.read[0];
        r += rd(r + XSMP_REC_SIZE, 2);
    }
    say("done", n, 0, 0);
    park();
}
