/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe guest builds with the arm64 cross compiler without a warning,
 * into what Xen's dom0less loader takes (xen/arch/arm/kernel.c:
 * kernel_zimage64_probe: the "ARM\x64" magic at offset 0x38) and the host
 * appends to (a 16-byte multiple), a few KB.  Skipped (77) without the
 * cross compiler.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "probe.h"

int main(void)
{
    char dir[] = "/tmp/xsmcap-guest-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    struct xsmp_settings s = {.cache_dir = dir, .jobs = 1, .timeout_s = 60};
    struct xsmp_build b;
    struct xsmp_error err;
    memset(&err, 0, sizeof(err));
    xsmp_signals_hold();
    int rc = xsmp_build_guest(&s, &b, &err);
    xsmp_signals_release();
    int status = 0;
    if (rc && strstr(err.msg, "not found")) {
        printf("probe-guest: skipped (%s)\n", err.msg);
        status = 77;
    } else if (rc) {
        printf("FAIL: %s\n", err.msg);
        if (err.log[0])
            xsmp_print_tail(stdout, err.log, 20, "  | ");
        status = 1;
    } else {
        uint8_t *image, *log;
        size_t len, loglen;
        if (xsmp_read_file(b.image, 1 << 20, &image, &len) != 0 ||
            xsmp_read_file(b.log, 1 << 20, &log, &loglen) != 0) {
            printf("FAIL: cannot read %s or %s\n", b.image, b.log);
            status = 1;
        } else {
            int ok = len % 16 == 0 && len >= 64 && len <= 16384 &&
                     memcmp(image + 0x38, "ARM\x64", 4) == 0;
            printf("%s: guest image of %zu bytes\n", ok ? "ok" : "FAIL", len);
            printf("%s: %zu bytes of compiler output\n", loglen ? "FAIL" : "ok", loglen);
            if (loglen)
                fwrite(log, 1, loglen, stdout);
            status = ok && !loglen ? 0 : 1;
            free(image);
            free(log);
        }
    }
    xsmp_rmtree(dir);
    return status;
}
