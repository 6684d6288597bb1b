/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bytes the host hands the probe guest: SHA-256 of the cache keys
 * against FIPS 180-2's examples, and the script against the layout the
 * guest reads (probe-guest/script_format.h) and its limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "probe.h"
#include "cache_key.h"

static void sha256_of(const char *text, size_t repeat, char hex[65])
{
    struct xsmp_key_hash c;
    xsmp_key_init(&c);
    for (size_t i = 0; i < repeat; i++)
        xsmp_key_add(&c, text, strlen(text));
    xsmp_key_hex(&c, hex);
}

/* FIPS 180-2, appendix B: one block, two blocks, a million 'a'; and the empty message. */
static void sha256_matches_fips(void **state)
{
    char hex[65];
    (void)state;
    sha256_of("abc", 1, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_of("a", 1000000, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    sha256_of("", 1, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static uint64_t le(const uint8_t *p, unsigned width)
{
    uint64_t v = 0;
    for (unsigned i = width; i > 0; i--)
        v = v << 8 | p[i - 1];
    return v;
}

/* FNV-1a, 32 bits (the published offset basis and prime), as the guest checks it. */
static uint32_t fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x01000193u;
    return h;
}

static struct xsmp_record sample(void)
{
    struct xsmp_record r;
    memset(&r, 0, sizeof(r));
    r.hypercall = 36;
    r.nargs = 2;
    r.arg_kind[0] = XSMP_ARG_IMM;
    r.arg_value[0] = 6;
    r.arg_kind[1] = XSMP_ARG_BUF;
    r.arg_value[1] = 8;
    xsmp_put(&r, 0, 4, 5);
    xsmp_put(&r, 8, 2, 0x7ff0);
    r.nreads = 1;
    r.reads[0] = (struct xsmp_read){.buf = 2, .width = 8, .off = 16};
    r.npatches = 1;
    r.patches[0] = (struct xsmp_patch){.off = 24, .width = 8, .kind = XSMP_PATCH_BUF2,
                                       .addend = 32};
    r.wait = 1;
    r.wait_rc = -1;
    r.wait_ms = 500;
    return r;
}

static void script_follows_the_guest_layout(void **state)
{
    struct xsmp_list l = {0};
    struct xsmp_error err;
    uint8_t *s;
    size_t len;
    (void)state;
    struct xsmp_record r = sample();
    assert_int_equal(xsmp_list_add(&l, &r), 0);
    assert_int_equal(xsmp_list_add(&l, &r), 0);
    assert_int_equal(xsmp_script_encode(&l, 3, &s, &len, &err), 0);
    assert_memory_equal(s, "XSMP", 4);
    assert_int_equal(le(s + XSMP_HDR_VERSION, 2), XSMP_VERSION);
    assert_int_equal(le(s + XSMP_HDR_HDRSIZE, 2), XSMP_HDR_SIZE);
    assert_int_equal(le(s + XSMP_HDR_LENGTH, 4), len);
    assert_int_equal(le(s + XSMP_HDR_NRECORDS, 4), 2);
    assert_int_equal(le(s + XSMP_HDR_TAG, 4), 3);
    assert_int_equal(le(s + XSMP_HDR_CHECKSUM, 4), fnv1a(s + XSMP_HDR_SIZE, len - XSMP_HDR_SIZE));
    assert_int_equal(len % 8, 0);
    const uint8_t *p = s + XSMP_HDR_SIZE;
    size_t size = le(p + XSMP_REC_SIZE, 2);
    assert_int_equal(size, XSMP_REC_FIXED + 16); /* 10 initial bytes, padded to 8 */
    assert_int_equal(len, XSMP_HDR_SIZE + 2 * size);
    assert_int_equal(le(p + XSMP_REC_ID, 4), 0);
    assert_int_equal(le(p + size + XSMP_REC_ID, 4), 1); /* ids are the list's indices */
    assert_int_equal(p[XSMP_REC_NARGS], 2);
    assert_int_equal(p[XSMP_REC_FLAGS], XSMP_F_WAIT);
    assert_int_equal(le(p + XSMP_REC_HYPERCALL, 4), 36);
    assert_int_equal((int32_t)le(p + XSMP_REC_WAIT_RC, 4), -1);
    assert_int_equal(le(p + XSMP_REC_WAIT_MS, 4), 500);
    assert_int_equal(le(p + XSMP_REC_INIT_LEN, 2), 10);
    assert_int_equal(p[XSMP_REC_ARG_KIND + 1], XSMP_ARG_BUF);
    assert_int_equal(le(p + XSMP_REC_ARG_VALUE + 8, 8), 8);
    assert_int_equal(p[XSMP_REC_READS + XSMP_READ_BUF], 2);
    assert_int_equal(p[XSMP_REC_READS + XSMP_READ_WIDTH], 8);
    assert_int_equal(le(p + XSMP_REC_READS + XSMP_READ_OFF, 2), 16);
    assert_int_equal(le(p + XSMP_REC_PATCHES + XSMP_PATCH_OFF, 2), 24);
    assert_int_equal(p[XSMP_REC_PATCHES + XSMP_PATCH_WIDTH], 8);
    assert_int_equal(le(p + XSMP_REC_PATCHES + XSMP_PATCH_ADDEND, 8), 32);
    assert_int_equal(le(p + XSMP_REC_FIXED, 4), 5);
    assert_int_equal(le(p + XSMP_REC_FIXED + 8, 2), 0x7ff0);
    free(s);
    xsmp_list_free(&l);
}

static void expect_refused(struct xsmp_record r, const char *needle)
{
    struct xsmp_list l = {0};
    struct xsmp_error err;
    uint8_t *s = NULL;
    size_t len;
    assert_int_equal(xsmp_list_add(&l, &r), 0);
    assert_int_equal(xsmp_script_encode(&l, 1, &s, &len, &err), -1);
    assert_null(s);
    if (!strstr(err.msg, needle))
        fail_msg("error '%s' lacks '%s'", err.msg, needle);
    xsmp_list_free(&l);
}

static void records_past_the_guest_limits_are_refused(void **state)
{
    (void)state;
    struct xsmp_record r = sample();
    r.nargs = 6;
    expect_refused(r, "more than 5 arguments");
    r = sample();
    r.arg_value[1] = XSMP_BUF_SIZE + 1;
    expect_refused(r, "buffer offset");
    r = sample();
    r.arg_kind[0] = 7;
    expect_refused(r, "not IMM");
    r = sample();
    r.reads[0].width = 3;
    expect_refused(r, "readback");
    r = sample();
    r.reads[0].off = XSMP_BUF_SIZE - 4;
    expect_refused(r, "readback");
    r = sample();
    r.patches[0].width = 2;
    expect_refused(r, "patch");
    r = sample();
    r.wait_ms = XSMP_WAIT_MAX_MS + 1;
    expect_refused(r, "wait");
    r = sample();
    r.init_len = XSMP_INIT_MAX + 1;
    expect_refused(r, "initial bytes");
}

static void a_script_larger_than_the_guest_takes_is_refused(void **state)
{
    struct xsmp_list l = {0};
    struct xsmp_error err;
    uint8_t *s = NULL;
    size_t len;
    (void)state;
    struct xsmp_record r = sample();
    r.init_len = XSMP_INIT_MAX;
    while ((l.n + 1) * (XSMP_REC_FIXED + XSMP_INIT_MAX) < XSMP_SCRIPT_MAX)
        assert_int_equal(xsmp_list_add(&l, &r), 0);
    assert_int_equal(xsmp_script_encode(&l, 1, &s, &len, &err), 0);
    free(s);
    assert_int_equal(xsmp_list_add(&l, &r), 0);
    assert_int_equal(xsmp_script_encode(&l, 1, &s, &len, &err), -1);
    assert_non_null(strstr(err.msg, "the guest takes"));
    xsmp_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_matches_fips),
        cmocka_unit_test(script_follows_the_guest_layout),
        cmocka_unit_test(records_past_the_guest_limits_are_refused),
        cmocka_unit_test(a_script_larger_than_the_guest_takes_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
