/* Placeholder until the hypercall catalogue lands. */
#include "xsmcap/ops.h"

size_t xsmc_op_count(void)
{
    return 0;
}

const struct xsmc_op *xsmc_op_at(size_t i)
{
    (void)i;
    return 0;
}

const struct xsmc_op *xsmc_op_find(const char *name)
{
    (void)name;
    return 0;
}
