/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cache keys of the live probe's build products: SHA-256 (nettle) over
 * everything that decides a product, as 64 hex digits.
 */
#ifndef XSMP_CACHE_KEY_H
#define XSMP_CACHE_KEY_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>

struct xsmp_key_hash {
    struct sha256_ctx ctx;
};

void xsmp_key_init(struct xsmp_key_hash *h);
void xsmp_key_add(struct xsmp_key_hash *h, const void *data, size_t len);
/* A string with its terminating NUL, so that ("ab","c") and ("a","bc") differ. */
void xsmp_key_add_str(struct xsmp_key_hash *h, const char *s);
void xsmp_key_add_u64(struct xsmp_key_hash *h, uint64_t v);
/* Finish: 64 lowercase hex digits and a NUL into hex[65]. */
void xsmp_key_hex(struct xsmp_key_hash *h, char hex[65]);

#endif
