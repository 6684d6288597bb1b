#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages xsmcap needs, only those that are missing.
# From qemu-system-arm on: the live probe (docs/live.md): QEMU, the arm64 cross
# compiler, and what Xen's build and the snapshot tarball need.
# man-db, bsdextrautils (col) and bash-completion: the tests of the man page
# and the completion on a staged install (tests/install).
set -eu
need="meson ninja-build pkg-config gcc clang libfdt-dev nettle-dev device-tree-compiler libjansson-dev
libcmocka-dev libsepol-dev checkpolicy valgrind chromium clang-tidy cppcheck python3
python3-jsonschema graphviz libclang-rt-14-dev
qemu-system-arm gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu make patch flex bison bc
xz-utils
man-db bsdextrautils bash-completion"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "ensure-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
