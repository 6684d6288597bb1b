#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Matrix: time and peak memory of the full matrix summary (hooks and catalogue
# sub-ops, every source x every target) of generated systems, by role classes
# beside a naive cell-by-cell evaluation where that finishes quickly.
# Target: 32,752 domains in under 1 s and 256 MiB, growing linearly.
set -eu
build=$1
exe="$build/bench/matrix/bench-matrix"
printf '  %-8s %-7s %7s %4s %16s %16s %10s %12s\n' mode domains classes ops cells allowed seconds "peak RSS"
row() {
    set -- $("$exe" "$1" "$2") "$2"
    printf '  %-8s %-7s %7s %4s %16s %16s %10s %9.1f MiB\n' "$8" "$1" "$2" "$3" "$4" "$5" "$6" \
        "$(awk -v k="$7" 'BEGIN { print k / 1024 }')"
    allowed=$5
}
for n in 10 1000 32752; do
    row "$n" classes
    by_class=$allowed
    if [ "$n" -le 1000 ]; then
        row "$n" naive
        [ "$allowed" = "$by_class" ] || { echo "  MISMATCH: classes and naive disagree at $n domains"; exit 1; }
    else
        echo "  naive    $n     skipped: $n x $n cells per operation do not finish quickly"
    fi
done
