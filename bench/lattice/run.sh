#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Lattice, side by side on the same requests: Xen's xsm_default_action in
# Xen's shape (compiled for one profile), xsmc_lattice_allowed and
# xsmc_lattice, for the seed profile (hwpriv) and for upstream.  Time per
# decision comes from the program (median of passes), on the requests in
# random order and then sorted; instructions per decision from callgrind,
# one pass of each loop, counting only inside it.  Ratios are to Xen, with
# the loop overhead and without it.
set -eu
build=$1
requests=65536
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "  machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
for profile in hwpriv upstream; do
    exe="$build/bench/lattice/bench-lattice-$profile"
    echo "  -- profile $profile (Xen's function compiled for $profile)"
    "$exe" --requests "$requests"
    irs=""
    for loop in loop xen allowed lattice; do
        if ! valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="run_$loop" \
                "$exe" --only "$loop" --requests "$requests" >/dev/null 2>&1; then
            echo "bench/lattice: callgrind failed on the $loop loop of $exe" >&2
            exit 1
        fi
        ir=$(callgrind_annotate "$out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
        [ -n "$ir" ] || { echo "bench/lattice: no callgrind total for $loop" >&2; exit 1; }
        irs="$irs $ir"
    done
    # shellcheck disable=SC2086
    set -- $irs
    awk -v n="$requests" -v loop="$1" -v xen="$2" -v allowed="$3" -v lattice="$4" 'BEGIN {
        printf "  instructions per decision (callgrind, one pass of %d requests, inside each loop):\n", n
        printf "    %-32s %6.2f\n", "loop alone (loads of a request)", loop / n
        printf "    %-32s %6.2f\n", "Xen xsm_default_action", xen / n
        printf "    %-32s %6.2f  x Xen %.2f, without the loop %.2f\n", "xsmc_lattice_allowed",
               allowed / n, allowed / xen, (allowed - loop) / (xen - loop)
        printf "    %-32s %6.2f  x Xen %.2f, without the loop %.2f\n", "xsmc_lattice (with reason)",
               lattice / n, lattice / xen, (lattice - loop) / (xen - loop)
    }'
    "$exe" --requests "$requests" --sorted | sed -n '/^  time per decision/,$p'
done
