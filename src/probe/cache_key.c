/* SPDX-License-Identifier: GPL-2.0-only */
/* Cache keys: SHA-256 from nettle over the inputs of a build. */
#include <stdio.h>
#include <string.h>

#include "cache_key.h"

void xsmp_key_init(struct xsmp_key_hash *h)
{
    sha256_init(&h->ctx);
}

void xsmp_key_add(struct xsmp_key_hash *h, const void *data, size_t len)
{
    sha256_update(&h->ctx, len, data);
}

void xsmp_key_add_str(struct xsmp_key_hash *h, const char *s)
{
    xsmp_key_add(h, s, strlen(s) + 1);
}

void xsmp_key_add_u64(struct xsmp_key_hash *h, uint64_t v)
{
    uint8_t le[8];
    for (unsigned i = 0; i < 8; i++)
        le[i] = (uint8_t)(v >> (8 * i));
    xsmp_key_add(h, le, sizeof(le));
}

void xsmp_key_hex(struct xsmp_key_hash *h, char hex[65])
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&h->ctx, sizeof(digest), digest);
    for (unsigned i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}
