#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The binary fixtures of tests/flask/data/ are checkpolicy's builds of the
# hand-written builtin-hwpriv.conf beside them (checkpolicy's output is
# deterministic): the Xen-target binary with -t Xen, the SELinux one
# without.  Exit 77 (skipped; a failure under CI=true) without checkpolicy.
#   usage: fixture.sh DATA-DIR
set -u
data=$1
if ! command -v checkpolicy >/dev/null 2>&1; then
    echo "SKIP: checkpolicy is not installed (scripts/ensure-deps.sh)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
build() { # BINARY CHECKPOLICY-FLAGS...
    bin=$1
    shift
    if ! checkpolicy "$@" -c 30 "$data/builtin-hwpriv.conf" -o "$tmp/$bin" >"$tmp/log" 2>&1; then
        echo "FAIL checkpolicy ${*:+$* }-c 30 builtin-hwpriv.conf:"
        cat "$tmp/log"
        status=1
    elif ! cmp -s "$tmp/$bin" "$data/$bin"; then
        echo "FAIL $bin is not checkpolicy ${*:+$* }-c 30 builtin-hwpriv.conf"
        status=1
    else
        echo "ok   $bin = checkpolicy ${*:+$* }-c 30 builtin-hwpriv.conf"
    fi
}
build builtin-hwpriv.xenpolicy -t Xen
build selinux-target.bin
exit $status
