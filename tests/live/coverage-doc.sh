#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The coverage section of docs/live.md must be what scripts/probe-coverage.py makes of the catalogue.
set -eu
xsmcap=$1
root=$2
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.doc"' EXIT
"$xsmcap" ops --arch arm64 --format json | python3 "$root/scripts/probe-coverage.py" >"$tmp"
awk '/^<!-- coverage:/ { on = 1; next } /^<!-- end of coverage -->/ { on = 0 } on' \
    "$root/docs/live.md" >"$tmp.doc"
if ! diff -u "$tmp.doc" "$tmp"; then
    echo "the coverage section of docs/live.md is stale: run sh scripts/update-docs.sh"
    exit 1
fi
echo "docs/live.md coverage is current: $(grep -o '[0-9]* of the [0-9]* operations' "$tmp")"
