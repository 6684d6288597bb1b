/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the catalogue leaves out, as data for the documentation and the
 * tests: sub-ops that reach no XSM hook, and hooks no row reaches.
 */
#include "xsmcap/ops.h"
#include "table.h"

static const struct xsmc_unchecked_op unchecked[] = {
#define XSMC_UNCHECKED(hypercall, name, value, xen, reason) \
    {#hypercall, #name, (value), (xen), (reason)},
#include "unchecked.def"
#undef XSMC_UNCHECKED
};

static const struct xsmc_unreached_hook unreached[] = {
#define XSMC_UNREACHED(hook, reason) {XSMC_HOOK_##hook, (reason)},
#include "unreached.def"
#undef XSMC_UNREACHED
};

XSMC_TABLE_ACCESSORS(struct xsmc_unchecked_op, unchecked, xsmc_unchecked_count, xsmc_unchecked_at)
XSMC_TABLE_ACCESSORS(struct xsmc_unreached_hook, unreached, xsmc_unreached_count, xsmc_unreached_at)
