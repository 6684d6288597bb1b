/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the HTML and SVG writers. */
#ifndef XSMC_OUTPUT_HTML_H
#define XSMC_OUTPUT_HTML_H

#include <stdio.h>

/* Write s with &, <, > and " escaped. */
void xsmc_html_escape(FILE *out, const char *s);

#endif
