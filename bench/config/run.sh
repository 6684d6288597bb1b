#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Load and validate generated dom0less trees of 100, 1,000 and 10,000
# domains beside `dtc -I dtb -O dts` on the same files.  Figures are the
# best CPU time (user + system) of 5 runs: `xsmcap check` and dtc as whole
# programs, and xsmcap's load + validate inside one process (no start-up).
# Goal: xsmcap at most half of dtc's time, growing linearly.
set -eu
build=${1:-build}
xsmcap=$build/xsmcap
gen=$build/bench/config/gen-dom0less
cputime=$build/bench/config/cputime
inproc=$build/bench/config/load-validate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-8s %10s %12s %12s %10s %8s %8s %10s\n' domains "dtb bytes" "check us" "in-proc us" "dtc us" \
    "check/dtc" "in/dtc" "in us/dom"
for n in 100 1000 10000; do
    "$gen" "$n" "$tmp/d$n.dtb"
    x=$("$cputime" 5 "$xsmcap" check "$tmp/d$n.dtb")
    i=$("$inproc" "$tmp/d$n.dtb" 5)
    d=$("$cputime" 5 dtc -I dtb -O dts -o /dev/null "$tmp/d$n.dtb")
    awk -v n="$n" -v b="$(wc -c <"$tmp/d$n.dtb")" -v x="$x" -v i="$i" -v d="$d" 'BEGIN {
        printf "%-8s %10s %12s %12s %10s %8.2f %8.2f %10.2f\n", n, b, x, i, d, x / d, i / d, i / n }'
done
echo "goal: check/dtc <= 0.50 and in us/dom roughly constant (linear growth); at 100 domains both"
echo "programs spend most of their time starting up, which in/dtc leaves out"
