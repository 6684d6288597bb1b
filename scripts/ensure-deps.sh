#!/bin/sh
# Install the Debian packages xsmcap needs, only those that are missing.
set -eu
need="meson ninja-build pkg-config gcc clang libfdt-dev device-tree-compiler libjansson-dev
libcmocka-dev libsepol-dev checkpolicy valgrind chromium clang-tidy cppcheck python3
python3-jsonschema graphviz libclang-rt-14-dev"
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
