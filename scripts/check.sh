#!/bin/sh
# make check: the suite on a normal build, then on an ASan+UBSan build,
# ending with one line "N passed, N failed" over both runs.
set -u
build=$1
san=$2
werror=$3
passed=0
failed=0

run_suite() {
    dir=$1
    shift
    rm -f "$dir.test.log"
    if [ ! -f "$dir/build.ninja" ]; then
        # shellcheck disable=SC2086
        meson setup "$dir" $werror "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    fi
    ninja -C "$dir" >"$dir.ninja.log" 2>&1 || { cat "$dir.ninja.log"; return 1; }
    meson test -C "$dir" --print-errorlogs --num-processes 2 >"$dir.test.log" 2>&1
    status=$?
    grep -E '^ *[0-9]+/[0-9]+ ' "$dir.test.log" | sed "s|^|[$dir] |"
    [ $status -eq 0 ] || sed -n '/Summary of Failures/,$p' "$dir.test.log"
    return $status
}

count() {
    log=$1
    ok=$(grep -Ec '^ *[0-9]+/[0-9]+ .* (OK|EXPECTEDFAIL) ' "$log" 2>/dev/null || true)
    bad=$(grep -Ec '^ *[0-9]+/[0-9]+ .* (FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS) ' "$log" 2>/dev/null || true)
    passed=$((passed + ok))
    failed=$((failed + bad))
}

run_suite "$build" || true
if [ -f "$build.test.log" ]; then count "$build.test.log"; else failed=$((failed + 1)); fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$san" -Db_sanitize=address,undefined -Db_lundef=false || true
if [ -f "$san.test.log" ]; then count "$san.test.log"; else failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
