/* Option parsing and output files shared by the analysis verbs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_analysis.h"

int cli_parse_opset(const struct cli_common *c, const char *arg, unsigned *opset)
{
    if (strcmp(arg, "hooks") == 0)
        *opset = XSMC_OPS_HOOKS;
    else if (strcmp(arg, "subops") == 0)
        *opset = XSMC_OPS_SUBOPS;
    else if (strcmp(arg, "all") == 0)
        *opset = XSMC_OPS_ALL;
    else
        return cli_error(c, "--ops takes hooks, subops or all, not '%s'", arg);
    return 0;
}

int cli_find_aop(const struct cli_common *c, const char *name, uint32_t subop,
                 struct xsmc_aop *out)
{
    if (xsmc_aop_from_name(name, subop, out) == 0)
        return 0;
    return cli_error(c, "unknown operation '%s': not a hook (xsmcap hooks) nor a "
                        "hypercall sub-operation of the catalogue (xsmcap ops)", name);
}

int cli_parse_subop(const struct cli_common *c, const char *arg, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 0);
    if (!*arg || *end || errno || arg[0] == '-' || v > 0xffffffffUL)
        return cli_error(c, "--subop takes a number, not '%s'", arg);
    *out = (uint32_t)v;
    return 0;
}

int cli_write_captured(const struct cli_common *c, const char *path,
                       int (*write)(FILE *, void *), void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return cli_error(c, "%s: out of memory", path);
    int bad = write(mem, arg);
    int failed = fclose(mem) != 0;
    if (bad) {
        free(buf);
        return cli_error(c, "%s: cannot produce the output; nothing written", path);
    }
    if (failed || cli_write_file(path, buf, len)) {
        int saved = errno;
        free(buf);
        return cli_error(c, "cannot write %s: %s", path, failed ? "out of memory" : strerror(saved));
    }
    free(buf);
    return 0;
}
