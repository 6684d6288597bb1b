#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# docs/lints.md must equal what the rule table generates, so it cannot drift.
# Regenerate: build/xsmcap lint --list-rules --format markdown > docs/lints.md
set -u
xsmcap=$1
doc=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$xsmcap" lint --list-rules --format markdown >"$tmp" || exit 1
if ! cmp -s "$tmp" "$doc"; then
    echo "docs/lints.md is out of date; regenerate it with:"
    echo "  $xsmcap lint --list-rules --format markdown > docs/lints.md"
    diff -u "$doc" "$tmp" | head -40
    exit 1
fi
echo "docs/lints.md matches the rule table"
