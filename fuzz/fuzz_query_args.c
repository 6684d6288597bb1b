/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target: `xsmcap query` argument parsing, with the OP, domain
 * names, --subop and the other options taken from the input (NUL-separated
 * words).  The verb must return 0, 1 or 2 and never crash.  Its output
 * is discarded by libFuzzer's -close_fd_mask=3 (scripts/fuzz.sh), which
 * keeps libFuzzer's own report; stdin is /dev/null so that a CONFIG word
 * naming /dev/stdin cannot wait for input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_query(int argc, char **argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WORDS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int stdin_closed;
    if (!stdin_closed) {
        stdin_closed = freopen("/dev/null", "r", stdin) != NULL;
        if (!stdin_closed)
            abort();
    }
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[MAX_WORDS + 2] = {"query"};
    int argc = 1;
    for (char *w = buf; argc <= MAX_WORDS && w < buf + size + 1; w += strlen(w) + 1)
        argv[argc++] = w;
    argv[argc] = NULL;
    int rc = cmd_query(argc, argv);
    if (rc < 0 || rc > 2)
        abort();
    free(buf);
    return 0;
}
