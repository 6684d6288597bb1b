/* SPDX-License-Identifier: GPL-2.0-only */
/* Console lines: decimal and hexadecimal without a C library. */
#include "line.h"

#include "hypercall.h"
#include "script_format.h"

static void put(struct line *l, char c)
{
    if (l->len < LINE_MAX)
        l->text[l->len++] = c;
}

void line_start(struct line *l)
{
    l->len = 0;
    line_str(l, XSMP_LINE_PREFIX);
}

void line_str(struct line *l, const char *s)
{
    while (*s)
        put(l, *s++);
}

void line_dec(struct line *l, int64_t v)
{
    char digits[20];
    unsigned n = 0;
    /* negate in unsigned arithmetic: INT64_MIN has no positive twin */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (v < 0)
        put(l, '-');
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        put(l, digits[--n]);
}

void line_hex(struct line *l, uint64_t v)
{
    int shift = 60;
    while (shift > 0 && !((v >> shift) & 0xf))
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        put(l, "0123456789abcdef"[(v >> shift) & 0xf]);
}

void line_emit(struct line *l)
{
    /* text has room for the newline after LINE_MAX characters */
    l->text[l->len++] = '\n';
    console_write(l->text, l->len);
}
