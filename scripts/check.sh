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

# Counts from meson's closing summary (per-test lines repeat in its failure list).
count() {
    log=$1
    summary() { awk -v k="$1" '$0 ~ "^" k ":" {n = $NF} END {print n + 0}' "$log"; }
    if ! grep -q '^Ok:' "$log"; then
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + $(summary Ok) + $(summary "Expected Fail")))
    failed=$((failed + $(summary Fail) + $(summary "Unexpected Pass") + $(summary Timeout)))
}

run_suite "$build" || true
if [ -f "$build.test.log" ]; then count "$build.test.log"; else failed=$((failed + 1)); fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$san" -Db_sanitize=address,undefined -Db_lundef=false || true
if [ -f "$san.test.log" ]; then count "$san.test.log"; else failed=$((failed + 1)); fi

# Warning-free with clang as well as gcc.
step() {
    name=$1
    shift
    if "$@" >"build-step-$name.log" 2>&1; then
        echo "[step] $name OK"
        passed=$((passed + 1))
    else
        echo "[step] $name FAIL"
        tail -30 "build-step-$name.log"
        failed=$((failed + 1))
    fi
}
clang_build() {
    [ -f build-clang/build.ninja ] || CC=clang meson setup build-clang --werror || return 1
    ninja -C build-clang
}
# meson install stages the library, headers and pkg-config file; a program
# built against the staged copy with pkg-config must link and decide.
install_check() {
    stage=$(mktemp -d)
    DESTDIR="$stage" meson install -C "$build" --quiet || return 1
    libdir=$(dirname "$(find "$stage" -name 'libxsmcap.so' | head -1)")
    pcdir=$(dirname "$(find "$stage" -name xsmcap.pc | head -1)")
    cat >"$stage/consumer.c" <<'PROG'
#include <xsmcap/xsmcap.h>
int main(void)
{
    struct xsmc_domain ctl = {.domid = 1, .target = XSMC_DOMID_NONE, .caps = XSMC_CAP_CONTROL};
    struct xsmc_request rq = {.hook = XSMC_HOOK_platform_op, .src = &ctl};
    /* hwpriv denies the control domain platform_op; upstream allows it */
    return xsmc_allowed(XSMC_PROFILE_HWPRIV, 0, &rq) == 0 && xsmc_allowed(XSMC_PROFILE_UPSTREAM, 0, &rq) == 1 ? 0 : 1;
}
PROG
    flags=$(PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs --static xsmcap) || return 1
    # shellcheck disable=SC2086
    cc -std=c17 -Wall -Wextra -Werror "$stage/consumer.c" -o "$stage/consumer" $flags -Wl,-rpath,"$libdir" || return 1
    "$stage/consumer"
    status=$?
    rm -rf "$stage"
    return $status
}
step clang-build clang_build
step install-pkgconfig install_check

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
