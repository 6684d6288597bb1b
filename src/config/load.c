/* Placeholder reader until the boot-configuration readers land. */
#include <stdio.h>

#include "xsmcap/config.h"

struct xsmc_system *xsmc_config_load(const char *path, const struct xsmc_load_opts *opts,
                                     char *err, size_t errlen)
{
    (void)opts;
    snprintf(err, errlen, "%s: error: reading configuration files is not implemented yet", path);
    return NULL;
}

int xsmc_config_apply_opts(struct xsmc_system *sys, const struct xsmc_load_opts *opts)
{
    (void)sys;
    (void)opts;
    return 0;
}
