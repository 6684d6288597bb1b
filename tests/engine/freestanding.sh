#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The policy core must build and link with -ffreestanding -nostdlib and no
# undefined symbol: no libc, no allocator, nothing a hypervisor lacks.
set -eu
src=$1
table=$2
cc=${CC:-cc}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$cc -std=c17 -O2 -Wall -Wextra -Werror -ffreestanding -fno-builtin -fno-stack-protector \
    -nostdlib -shared -fPIC -Wl,--no-undefined \
    -I"$src/include" -I"$src/src/policy" \
    "$src"/src/policy/*.c "$table" -o "$out/core.so"
undefined=$(nm -D --undefined-only "$out/core.so" | wc -l)
if [ "$undefined" -ne 0 ]; then
    echo "freestanding core has undefined symbols:"
    nm -D --undefined-only "$out/core.so"
    exit 1
fi
for f in malloc free calloc realloc memcpy memset printf; do
    if nm "$out/core.so" | grep -qw "$f"; then
        echo "freestanding core refers to $f"
        exit 1
    fi
done
echo "freestanding core: $(nm -D --defined-only "$out/core.so" | grep -c ' T ') exported functions, no undefined symbols"
