/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: the flattened device-tree reader behind dom0less,
 * hyperlaunch and partial device trees (xsmc_read_dtb), then validation
 * of whatever system it accepts under every profile.
 */
#include <stdint.h>

#include "reader_result.h"
#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    char err[512] = "";
    /* a copy of exactly `size` bytes, so ASan sees any read past the end */
    void *blob = malloc(size ? size : 1);
    if (!blob)
        return 0;
    memcpy(blob, data, size);
    check_reader_result(xsmc_read_dtb("fuzz.dtb", blob, size, &opts, err, sizeof(err)), err);
    free(blob);
    return 0;
}
