#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every source file names its licence (issue 15.7): an SPDX-License-Identifier
# of GPL-2.0-only in its first lines, as LICENSE is GPL-2.0.  Test input
# (corpus, goldens, data, bad input) is not source and is left as found.
#   usage: spdx.sh SOURCE_ROOT
set -u
root=$1
cd "$root" || exit 2
grep -q 'GNU GENERAL PUBLIC LICENSE' LICENSE && grep -q 'Version 2, June 1991' LICENSE \
    || { echo "FAIL: LICENSE is not the GPL version 2"; exit 1; }
checked=0
missing=0
list=$(find include src probe-guest scripts tests fuzz bench tools completion .ci Makefile meson.build \
    -type f \( -name '*.c' -o -name '*.h' -o -name '*.def' -o -name '*.S' -o -name '*.ld' \
    -o -name '*.sh' -o -name '*.py' -o -name meson.build -o -name Makefile -o -name run \
    -o -path completion/xsmcap \) 2>/dev/null \
    | grep -vE '^tests/(corpus|cli/golden|live/golden|hardening/(bad|crashers))/|/data/')
for f in $list; do
    checked=$((checked + 1))
    head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only' \
        || { echo "FAIL: $f has no SPDX-License-Identifier: GPL-2.0-only in its first lines"; missing=$((missing + 1)); }
done
[ "$checked" -gt 100 ] || { echo "FAIL: only $checked source files found under $root"; exit 1; }
echo "spdx: $checked source files, $missing without the identifier"
[ "$missing" -eq 0 ]
