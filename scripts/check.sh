#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check: the suite on a normal build, then on an ASan+UBSan build, then
# the steps below (clang build, mutation sample); the staged install is
# tests/install's.  Prints
# "N passed, N failed, N skipped" over all of it and ends with one line
# "... N passed, N failed".  A skipped test (meson exit 77: a missing tool,
# a fuzz target not run) is never a pass: outside CI it is reported as
# skipped; under CI=true it is a failure, with a line naming it.
#   usage: check.sh BUILD-DIR SAN-BUILD-DIR [--werror]
set -u
build=$1
san=$2
werror=$3
passed=0
failed=0
skipped=0
ci=false
[ "${CI:-}" = true ] && ci=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM

# A cached build directory keeps the options it was set up with: apply
# --werror to it as well, so that a warning fails CI on every run.
setup() { # DIR [MESON-OPTIONS...]
    dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        # shellcheck disable=SC2086
        meson setup "$dir" $werror "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    elif [ -n "$werror" ]; then
        meson configure "$dir" -Dwerror=true >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    fi
}

run_suite() {
    dir=$1
    shift
    rm -f "$dir.test.log"
    setup "$dir" "$@" || return 1
    ninja -C "$dir" >"$dir.ninja.log" 2>&1 || { cat "$dir.ninja.log"; return 1; }
    meson test -C "$dir" --print-errorlogs --num-processes 2 >"$dir.test.log" 2>&1
    status=$?
    grep -E '^ *[0-9]+/[0-9]+ ' "$dir.test.log" | sed "s|^|[$dir] |"
    [ $status -eq 0 ] || sed -n '/Summary of Failures/,$p' "$dir.test.log"
    return $status
}

# Counts from meson's closing summary (per-test lines repeat in its failure list).
count() {
    dir=$1
    log=$dir.test.log
    summary() { awk -v k="$1" '$0 ~ "^" k ":" {n = $NF} END {print n + 0}' "$log"; }
    if [ ! -f "$log" ] || ! grep -q '^Ok:' "$log"; then
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + $(summary Ok) + $(summary "Expected Fail")))
    failed=$((failed + $(summary Fail) + $(summary "Unexpected Pass") + $(summary Timeout)))
    n=$(summary Skipped)
    [ "$n" -eq 0 ] && return
    grep -E '^ *[0-9]+/[0-9]+ .* SKIP ' "$log" | sed -E 's/^ *[0-9]+\/[0-9]+ +//; s/ +SKIP .*//' |
        while read -r name; do
            if [ $ci = true ]; then
                echo "[$dir] FAIL: $name was skipped (CI=true: a skipped test fails the run)"
            else
                echo "[$dir] SKIPPED: $name (not run, not passed)"
            fi
        done
    if [ $ci = true ]; then
        failed=$((failed + n))
    else
        skipped=$((skipped + n))
    fi
}

run_suite "$build" || true
count "$build"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$san" -Db_sanitize=address,undefined -Db_lundef=false || true
count "$san"

# Each step's output goes to a file of $work, shown when the step fails;
# exit status 77 is a skip, as for meson.
step() {
    name=$1
    shift
    "$@" >"$work/step-$name.log" 2>&1
    status=$?
    if [ $status -eq 0 ]; then
        echo "[step] $name OK"
        passed=$((passed + 1))
    elif [ $status -eq 77 ] && [ $ci = false ]; then
        echo "[step] $name SKIPPED (not run, not passed)"
        tail -3 "$work/step-$name.log"
        skipped=$((skipped + 1))
    else
        echo "[step] $name FAIL"
        tail -30 "$work/step-$name.log"
        failed=$((failed + 1))
    fi
}
# Warning-free with clang as well as gcc.
clang_build() {
    if [ -f build-clang/build.ninja ]; then
        meson configure build-clang -Dwerror=true || return 1
    else
        CC=clang meson setup build-clang --werror || return 1
    fi
    ninja -C build-clang
}
step clang-build clang_build
# A fixed sample of hook-catalogue mutants must each fail some test.
step mutation-sample sh scripts/mutate.sh --sample "$build"

echo "$passed passed, $failed failed, $skipped skipped"
[ $ci = true ] && note="skips count as failures under CI" || note="$skipped skipped, neither passed nor failed"
echo "make check ($note): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
