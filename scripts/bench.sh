#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: every benchmark in bench/*/run.sh, in order, printing figures.
set -eu
build=${1:-build}
for b in bench/*/run.sh; do
    [ -f "$b" ] || continue
    echo "== $(dirname "$b")"
    sh "$b" "$build"
done
