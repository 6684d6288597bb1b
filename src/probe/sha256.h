/* SHA-256 (FIPS 180-4): the cache keys of the live probe's build products. */
#ifndef XSMP_SHA256_H
#define XSMP_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;
    uint8_t block[64];
    size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_add(struct sha256 *c, const void *data, size_t len);
/* A string with its terminating NUL, so that ("ab","c") and ("a","bc") differ. */
void sha256_add_str(struct sha256 *c, const char *s);
void sha256_add_u64(struct sha256 *c, uint64_t v);
/* Finish: 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_hex(struct sha256 *c, char hex[65]);

#endif
