#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Regenerate every document that is made from a table of the program, so a
# change to a table is one command away from its docs (the tests in
# tests/*/ fail until this has been run):
#   docs/cli.md        from --help           docs/lints.md  from src/lint/rules.def
#   docs/operations.md from src/ops/ops.def  the "## Rules" table of docs/boot-config.md
#   the coverage section of docs/live.md from the catalogue's probe forms
set -eu
x=${1:-build/xsmcap}
sh scripts/gen-cli-doc.sh "$x" >docs/cli.md
"$x" lint --list-rules --format markdown >docs/lints.md
"$x" ops --format markdown >docs/operations.md
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.cov"' EXIT
# the coverage section of docs/live.md, between its two markers
"$x" ops --arch arm64 --format json | python3 scripts/probe-coverage.py >"$tmp.cov"
awk -v cov="$tmp.cov" '
    /^<!-- coverage:/ { print; while ((getline l < cov) > 0) print l; skip = 1; next }
    /^<!-- end of coverage -->/ { skip = 0 }
    !skip { print }
' docs/live.md >docs/live.md.new
mv docs/live.md.new docs/live.md
"$x" check --list-rules >"$tmp"
# replace the table rows of the "## Rules" section, keep everything else
awk -v table="$tmp" '
    /^## / { if (on && !done) { while ((getline l < table) > 0) print l; done = 1 } on = /^## Rules/ }
    on && /^\|/ { if (!done) { while ((getline l < table) > 0) print l; done = 1 } next }
    { print }
    END { if (on && !done) while ((getline l < table) > 0) print l }
' docs/boot-config.md >docs/boot-config.md.new
mv docs/boot-config.md.new docs/boot-config.md
echo "docs regenerated with $x"
