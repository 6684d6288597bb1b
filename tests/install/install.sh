#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `meson install --destdir` stages everything a user gets: the binary, the
# libraries, the headers, the pkg-config file, the man page and the bash
# completion.  The .pc file names no path of the build machine; a program
# builds from the staged install with pkg-config alone, linked shared and
# static, and runs; the man page and the completion pass their tests there.
# usage: install.sh BUILD_DIR SOURCE_DIR [SANITIZE]
# SANITIZE is the build's b_sanitize: a library built with sanitizers needs
# them in its consumers too (pkg-config cannot say so), as any user of a
# sanitized build would pass them.
set -eu
build=$1 src=$2
sanitize=${3:-none}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
stage=$tmp/stage
meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: meson install --destdir failed"; exit 1; }
fail=0
find_one() { find "$stage" -path "$1" | head -n 1; }
for what in '*/bin/xsmcap' '*/lib*/libxsmcap.so' '*/lib*/libxsmcap.a' '*/include/xsmcap/policy.h' \
            '*/pkgconfig/xsmcap.pc' '*/man/man1/xsmcap.1' '*/bash-completion/completions/xsmcap'; do
    [ -n "$(find_one "$what")" ] || { echo "FAIL: the staged install has no $what"; fail=1; }
done
[ $fail -eq 0 ] || exit 1
pc=$(find_one '*/pkgconfig/xsmcap.pc')
for path in "$(cd "$build" && pwd)" "$(cd "$src" && pwd)" /usr/lib/gcc; do
    if grep -q -- "$path" "$pc"; then
        echo "FAIL: $pc names $path, a path of the build machine"
        fail=1
    fi
done
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$stage"
cc=${CC:-cc}
[ "$sanitize" = none ] || cc="$cc -fsanitize=$sanitize"
# shellcheck disable=SC2046,SC2086
$cc -std=c17 -Wall -Werror -o "$tmp/shared" "$here/consumer.c" $(pkg-config --cflags --libs xsmcap) ||
    { echo "FAIL: a consumer does not build against the shared library"; fail=1; }
# The static libxsmcap.a (not the .so beside it) with what Libs.private adds.
static_libs=$(pkg-config --static --libs xsmcap | sed 's/-lxsmcap/-Wl,-Bstatic -lxsmcap -Wl,-Bdynamic/')
# shellcheck disable=SC2046,SC2086
$cc -std=c17 -Wall -Werror -o "$tmp/static" "$here/consumer.c" $(pkg-config --cflags xsmcap) \
    $static_libs 2>"$tmp/static.log" ||
    { cat "$tmp/static.log"; echo "FAIL: a consumer does not build against the static library"; fail=1; }
libdir=$(dirname "$(find_one '*/lib*/libxsmcap.so')")
[ ! -x "$tmp/shared" ] || LD_LIBRARY_PATH=$libdir "$tmp/shared" || { echo "FAIL: the shared consumer"; fail=1; }
[ ! -x "$tmp/static" ] || "$tmp/static" || { echo "FAIL: the static consumer"; fail=1; }
if [ -x "$tmp/static" ] && ldd "$tmp/static" | grep -q libxsmcap; then
    echo "FAIL: the static consumer loads libxsmcap.so"
    fail=1
fi
bin=$(dirname "$(find_one '*/bin/xsmcap')")
LD_LIBRARY_PATH=$libdir sh "$here/man.sh" "$bin/xsmcap" "$(find_one '*/man/man1/xsmcap.1')" || fail=1
LD_LIBRARY_PATH=$libdir bash "$here/completion.sh" "$bin" "$(find_one '*/bash-completion/completions/xsmcap')" || fail=1
[ $fail -eq 0 ] && echo "install: staged, .pc clean, consumer shared and static, man page, completion"
exit $fail
