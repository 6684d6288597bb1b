/* SPDX-License-Identifier: GPL-2.0-only */
/* The readers behind xsmc_config_load; one file each. */
#ifndef XSMC_CONFIG_READERS_H
#define XSMC_CONFIG_READERS_H

#include <stddef.h>
#include "xsmcap/config.h"

/*
 * Each reader takes the file's name (for messages) and its bytes, and
 * returns a system, or NULL with a one-line "FILE:WHERE: error: ..." in err.
 */
struct xsmc_system *xsmc_read_dtb(const char *path, const void *blob, size_t len,
                                  const struct xsmc_load_opts *opts, char *err, size_t errlen);
struct xsmc_system *xsmc_read_imagebuilder(const char *path, const char *text, size_t len,
                                           const struct xsmc_load_opts *opts, char *err,
                                           size_t errlen);

#endif
