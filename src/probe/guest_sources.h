/* SPDX-License-Identifier: GPL-2.0-only */
/* The probe guest's sources (probe-guest/), embedded in xsmcap at build time by embed_guest.c. */
#ifndef XSMP_GUEST_SOURCES_H
#define XSMP_GUEST_SOURCES_H

#include <stddef.h>

struct xsmp_guest_file {
    const char *name;
    const char *text;
    size_t len;
};

extern const struct xsmp_guest_file xsmp_guest_files[];
extern const size_t xsmp_guest_nfiles;

#endif
