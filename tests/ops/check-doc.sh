#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# docs/operations.md must be exactly what `xsmcap ops --format markdown` prints.
set -u
xsmcap=$1
doc=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$xsmcap" ops --format markdown >"$tmp" || { echo "xsmcap ops --format markdown failed"; exit 1; }
if ! cmp -s "$tmp" "$doc"; then
    diff -u "$doc" "$tmp" | head -40
    echo "$doc is stale: run sh scripts/update-docs.sh"
    exit 1
fi
echo "$doc is current"
