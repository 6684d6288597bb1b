#!/bin/sh
# make bench: every benchmark in bench/*/run.sh, in order, printing figures.
set -eu
build=${1:-build}
for b in bench/*/run.sh; do
    [ -f "$b" ] || continue
    echo "== $(dirname "$b")"
    sh "$b" "$build"
done
