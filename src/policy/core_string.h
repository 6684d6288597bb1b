/* SPDX-License-Identifier: GPL-2.0-only */
/* The few string helpers the freestanding core needs (no libc). */
#ifndef XSMC_CORE_STRING_H
#define XSMC_CORE_STRING_H

#include <stdbool.h>

static inline bool xsmc_streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static inline bool xsmc_strprefix(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix) {
        s++;
        prefix++;
    }
    return *prefix == '\0';
}

#endif
