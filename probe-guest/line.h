/* SPDX-License-Identifier: GPL-2.0-only */
/* One console line at a time: built in a buffer, written with one console_io call. */
#ifndef XSMP_LINE_H
#define XSMP_LINE_H

#include <stdint.h>

/*
 * Xen copies a console write in 128-byte pieces and prints the hardware
 * domain's output as it comes (xen/drivers/char/console.c:
 * guest_console_write): a line written in one call shorter than that is
 * never split by another domain's line.
 */
#define LINE_MAX 120

struct line {
    char text[LINE_MAX + 1];
    unsigned len;
};

void line_start(struct line *l);
void line_str(struct line *l, const char *s);
void line_dec(struct line *l, int64_t v);
void line_hex(struct line *l, uint64_t v);
/* Append the newline and write the line to Xen's console. */
void line_emit(struct line *l);

#endif
