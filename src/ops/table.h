/* SPDX-License-Identifier: GPL-2.0-only */
/* The two accessors every catalogue table of src/ops offers: a count and row i. */
#ifndef XSMC_OPS_TABLE_H
#define XSMC_OPS_TABLE_H

#include <stddef.h>

/* size_t COUNT_FN(void); const TYPE *AT_FN(size_t i), NULL past the end. */
#define XSMC_TABLE_ACCESSORS(type, table, count_fn, at_fn)       \
    size_t count_fn(void)                                        \
    {                                                            \
        return sizeof(table) / sizeof((table)[0]);               \
    }                                                            \
    const type *at_fn(size_t i)                                  \
    {                                                            \
        return i < count_fn() ? &(table)[i] : NULL;              \
    }

#endif
