/* Shared by the analysis verbs (who-can, can, matrix, diff, report). */
#ifndef XSMC_CLI_ANALYSIS_H
#define XSMC_CLI_ANALYSIS_H

#include "cli.h"
#include "xsmcap/report.h"

/* --ops hooks|subops|all; 2 after an error line. */
int cli_parse_opset(const struct cli_common *c, const char *arg, unsigned *opset);

/* OP as a hook (with --subop) or a catalogue sub-op; 2 after an error line. */
int cli_find_aop(const struct cli_common *c, const char *name, uint32_t subop,
                 struct xsmc_aop *out);

/* Parse --subop N; 2 after an error line. */
int cli_parse_subop(const struct cli_common *c, const char *arg, uint32_t *out);

/*
 * Run `write` into memory and, if it returns 0, store the result atomically
 * at path; 2 after an error line (and no file is written).
 */
int cli_write_captured(const struct cli_common *c, const char *path,
                       int (*write)(FILE *, void *), void *arg);

#endif
