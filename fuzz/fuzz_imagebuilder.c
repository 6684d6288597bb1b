/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: the ImageBuilder .cfg reader (xsmc_read_imagebuilder),
 * then validation of whatever system it accepts under every profile.  The
 * text is not NUL-terminated: the reader must honour the length.
 */
#include <stdint.h>

#include "reader_result.h"
#include "readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xsmc_load_opts opts = {.iommu = XSMC_UNKNOWN};
    char err[512] = "";
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    check_reader_result(xsmc_read_imagebuilder("fuzz.cfg", text, size, &opts, err, sizeof(err)),
                        err);
    free(text);
    return 0;
}
