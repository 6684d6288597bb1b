#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The bad-input corpus.  Each row of the table is
#   NAME<TAB>ARGUMENTS<TAB>MODE<TAB>EXPECTED[<TAB>xfail: WHY]
# and runs `xsmcap ARGUMENTS` (shell words) from tests/ with $BAD naming
# tests/hardening/bad, $GEN a directory of inputs made here (too large, or
# impossible to keep in git), and $OUT an empty scratch directory.  A row
# passes when xsmcap, within 10 seconds:
#   - exits with status 2, without a signal,
#   - prints nothing on stdout (MODE "out": the verb's report may precede
#     the failure, as `report --html` prints its text first),
#   - MODE "one" or "out": prints one error line, matching the glob
#     EXPECTED; further lines may only be indented "  fix: ..." hints;
#     MODE "diags": the input was read but breaks Xen's rules, so the
#     first of several compiler-style diagnostics matches EXPECTED,
#   - leaves $OUT as it found it (no half-written or temporary file).
# A row marked xfail is a known defect, reported and waiting for its owner:
# it must still fail, so that the mark is removed once the defect is fixed.
set -u
xsmcap=$1
table=$2
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
export BAD="$tests_dir/hardening/bad"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GEN="$tmp/gen" OUT="$tmp/out"
fresh_out() {
    rm -rf "$OUT"
    mkdir -p "$OUT/existing-dir"
    echo keep >"$OUT/existing.txt"
}
mkdir -p "$GEN"
python3 "$tests_dir/hardening/make_large_inputs.py" "$GEN" || exit 2
mkfifo "$GEN/fifo.dtb"

pass=0
fail=0
xfail=0
while IFS='	' read -r name args mode expected mark; do
    case "$name" in ''|'#'*) continue ;; esac
    fresh_out
    before=$(cd "$OUT" && find . | sort)
    (cd "$tests_dir" && eval "timeout 10 \"$xsmcap\" $args" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null)
    status=$?
    after=$(cd "$OUT" && find . | sort)
    first=$(head -n 1 "$tmp/stderr")
    others=$(tail -n +2 "$tmp/stderr" | grep -cv '^  ' || true)
    why=""
    [ $status -eq 124 ] && why="hung (killed after 10 s)"
    [ -z "$why" ] && [ $status -ne 2 ] && why="exit status $status, not 2"
    [ -z "$why" ] && [ "$mode" != out ] && [ -s "$tmp/stdout" ] && why="wrote to stdout"
    # EXPECTED is a glob of * only: brackets are literal, as in "[rule-id]"
    pattern=$(printf '%s' "$expected" | sed 's/[][?]/\\&/g')
    case "$mode" in one|out|diags) ;; *) why="MODE '$mode' is not one, out or diags" ;; esac
    # shellcheck disable=SC2254
    [ -z "$why" ] && case "$first" in $pattern) ;; *) why="error line differs" ;; esac
    [ -z "$why" ] && [ "$mode" != diags ] && [ "$others" -ne 0 ] && why="$((others + 1)) error lines, not one"
    [ -z "$why" ] && [ "$before" != "$after" ] && why="left files behind in the output directory"
    if [ -n "${mark:-}" ]; then
        if [ -n "$why" ]; then
            xfail=$((xfail + 1))
        else
            fail=$((fail + 1))
            echo "FIXED $name: passes now; remove its xfail mark (${mark})"
        fi
    elif [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: $why"
        echo "  xsmcap $args"
        echo "  expected: $expected"
        sed 's/^/  stderr: /' "$tmp/stderr" | head -5
        head -c 300 "$tmp/stdout" | sed 's/^/  stdout: /'
    fi
done <"$table"
echo "$pass passed, $fail failed, $xfail known defects ($(basename "$table"))"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
