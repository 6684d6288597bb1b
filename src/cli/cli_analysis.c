/* SPDX-License-Identifier: GPL-2.0-only */
/* Operation lookup, option parsing and output files shared by the analysis verbs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_analysis.h"

/* "a, b, c" of the operations of hypercall `hc` (or reaching `hook`) on the system's arch. */
static void list_ops(const struct xsmc_system *sys, const char *hc, uint32_t hook, char *buf,
                     size_t len)
{
    size_t used = 0, n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < xsmc_op_count(); i++) {
        const struct xsmc_op *op = xsmc_op_at(i);
        if (!xsmc_op_exists(op, (enum xsmc_arch)sys->arch))
            continue;
        if (hc ? strcmp(op->hypercall, hc) != 0 : !xsmc_op_checks_hook(op, hook))
            continue;
        if (n == 12) {
            snprintf(buf + used, len - used, ", ...");
            return;
        }
        int w = snprintf(buf + used, len - used, "%s%s", n ? ", " : "", op->name);
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
        n++;
    }
    if (!n)
        snprintf(buf, len, "none");
}

const struct xsmc_op *cli_find_op(const struct cli_common *c, const struct xsmc_system *sys,
                                  const char *name)
{
    const char *arch = xsmc_arch_name((enum xsmc_arch)sys->arch);
    char list[512], where[96];
    const struct xsmc_op *op = xsmc_op_find(name);
    if (op && xsmc_op_exists(op, (enum xsmc_arch)sys->arch))
        return op;
    if (op) {
        list_ops(sys, op->hypercall, 0, list, sizeof(list));
        cli_error(c, "%s does not exist on %s (only on %s); %s on %s: %s", op->name, arch,
                  xsmc_platform_text(op->arches, where, sizeof(where)), op->hypercall, arch, list);
        return NULL;
    }
    uint32_t hook;
    if (xsmc_hypercall_find(name)) {
        list_ops(sys, name, 0, list, sizeof(list));
        cli_error(c, "'%s' is a hypercall%s; name one of its sub-operations on %s: %s", name,
                  xsmc_hook_from_name(name, &hook) == 0 ? " (and an XSM hook)" : "", arch, list);
        return NULL;
    }
    if (xsmc_hook_from_name(name, &hook) == 0) {
        list_ops(sys, NULL, hook, list, sizeof(list));
        cli_error(c, "'%s' is an XSM hook, not an operation; the operations that reach it on %s: "
                     "%s (xsmcap query %s answers the bare hook)", name, arch, list, name);
        return NULL;
    }
    cli_error(c, "unknown operation '%s': not a hypercall sub-operation of the catalogue "
                 "(xsmcap ops)%s", name, cli_op_hint(name, list, sizeof(list)));
    return NULL;
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
