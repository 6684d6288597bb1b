#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The "## Rules" section of docs/boot-config.md must be exactly the table
# `xsmcap check --list-rules` prints from rules.def, so the two cannot drift.
set -u
xsmcap=$1
doc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$xsmcap" check --list-rules >"$tmp/want" || exit 1
awk '/^## Rules/ { on = 1; next } /^## / { on = 0 } on && /^\|/' "$doc" >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
    echo "rule table of $doc matches ($(wc -l <"$tmp/want") lines)"
    exit 0
fi
echo "FAIL: the rule table in $doc differs from 'xsmcap check --list-rules'; run sh scripts/update-docs.sh"
diff "$tmp/want" "$tmp/got" | head -10
exit 1
