#!/bin/sh
# Lattice: ns per decision (best of 7 runs) and instructions per decision
# (valgrind callgrind, counting only inside each loop) for the engine and
# for a switch-based baseline, on the same random mix.
set -eu
build=$1
exe="$build/bench/lattice/bench-lattice"
"$exe" 1048576
n=200000
irs=""
for impl in engine baseline; do
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="run_$impl" \
        "$exe" --only "$impl" "$n" >/dev/null 2>&1
    ir=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
    rm -f "$out"
    irs="$irs $ir"
    awk -v ir="$ir" -v n="$n" -v impl="$impl" \
        'BEGIN { printf "  %-8s %6.2f instructions/decision (callgrind, %d decisions)\n", impl, ir / n, n }'
done
set -- $irs
awk -v e="$1" -v b="$2" 'BEGIN { printf "  engine/baseline instructions: %.2f\n", e / b }'
