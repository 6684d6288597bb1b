#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# docs/cli.md must equal what scripts/gen-cli-doc.sh makes from the program.
set -eu
src=$1
x=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sh "$src/scripts/gen-cli-doc.sh" "$x" >"$tmp"
if ! diff -u "$src/docs/cli.md" "$tmp"; then
    echo "docs/cli.md is stale: run sh scripts/update-docs.sh"
    exit 1
fi
