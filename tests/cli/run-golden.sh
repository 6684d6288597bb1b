#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Golden tests of the command line.  Each line of a case file is
#   NAME<TAB>ARGUMENTS
# and runs `xsmcap ARGUMENTS` (shell words; $CORPUS names tests/corpus) from
# the tests/ directory.  The golden file golden/SUBJECT/NAME.out holds
# stdout, then "--- stderr" and stderr, then "--- exit N".
# UPDATE=1 rewrites the golden files instead of comparing.
set -u
xsmcap=$1
cases=$2
golden=$3
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
export CORPUS="$tests_dir/corpus"
mkdir -p "$golden"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS='	' read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    (cd "$tests_dir" && eval "\"$xsmcap\" $args" >"$tmp/out" 2>"$tmp/err" </dev/null)
    status=$?
    { cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; echo "--- exit $status"; } >"$tmp/got"
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/got" "$golden/$name.out"
        pass=$((pass + 1))
    elif cmp -s "$tmp/got" "$golden/$name.out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: xsmcap $args"
        diff -u "$golden/$name.out" "$tmp/got" | head -40
    fi
done <"$cases"
echo "$pass passed, $fail failed ($(basename "$cases"))"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
