/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the analysis verbs (query, who-can, can, matrix, diff, report). */
#ifndef XSMC_CLI_ANALYSIS_H
#define XSMC_CLI_ANALYSIS_H

#include "cli.h"
#include "xsmcap/report.h"

/*
 * The operation NAME on the system's platform.  A name that is a hypercall,
 * an XSM hook, or an operation of another architecture gets an error that
 * lists the operations meant; NULL after the error line.
 */
const struct xsmc_op *cli_find_op(const struct cli_common *c, const struct xsmc_system *sys,
                                  const char *name);

/* Parse --subop N; 2 after an error line. */
int cli_parse_subop(const struct cli_common *c, const char *arg, uint32_t *out);

/*
 * Run `write` into memory and, if it returns 0, store the result atomically
 * at path; 2 after an error line (and no file is written).
 */
int cli_write_captured(const struct cli_common *c, const char *path,
                       int (*write)(FILE *, void *), void *arg);

#endif
