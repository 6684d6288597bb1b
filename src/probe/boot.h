/* SPDX-License-Identifier: GPL-2.0-only */
/* Booting one plan: the device tree (boot_fdt.c) and the console (console.c); qemu.c drives both. */
#ifndef XSMP_BOOT_H
#define XSMP_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

/* Where the module of the plan's domain `index` is loaded, and how big a module may be. */
uint64_t xsmp_module_addr(size_t index);
uint64_t xsmp_module_max(void);

/*
 * Write the boot device tree to `out` (whole or not at all): QEMU's tree
 * from qemu_dtb, Xen's command line for the policy, a xen,domain node per
 * domain with a module of module_size[i] bytes.
 */
int xsmp_boot_dtb(const char *qemu_dtb, const struct xsmp_plan *plan, enum xsmp_policy policy,
                  const uint64_t *module_size, const char *out, struct xsmp_error *err);

/* Reading Xen's console of one boot, line by line. */
struct xsmp_console {
    const struct xsmp_plan *plan;
    struct xsmp_answers *answers;   /* plan->ndoms entries, res allocated by the caller */
    int hardware;                   /* index of the hardware domain, whose lines have no prefix */
    char line[512];
    size_t len;
    int panic;                      /* "Panic on CPU" seen: the next line says why */
};

void xsmp_console_init(struct xsmp_console *c, const struct xsmp_plan *plan,
                       struct xsmp_answers *answers);
/* Feed console bytes; -1 with err set when Xen or a guest failed. */
int xsmp_console_feed(struct xsmp_console *c, const char *data, size_t n, struct xsmp_error *err);
/* The console ended or timed out: -1 when a panic was half reported. */
int xsmp_console_end(struct xsmp_console *c, struct xsmp_error *err);
/* 1 when every domain printed its done line. */
int xsmp_console_complete(const struct xsmp_console *c);
/* The first domain not done, described for a timeout ("dom2 (d2): 3 of 9 records"). */
void xsmp_console_progress(const struct xsmp_console *c, char *buf, size_t len);

#endif
