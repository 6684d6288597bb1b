#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `xsmcap query` answers every operation of every architecture (arm64 under
# every profile, the others under the default one): exit 0 or 1 with a
# decision line, never 2, never stderr.  The
# operations come from `xsmcap ops --format json`; the sources and targets
# from a system of the architecture with every role.
# usage: query-all.sh XSMCAP [SANITIZE]
# Under a sanitized build (SANITIZE not none) arm64 is asked under the
# default profile only: the sanitizers look for memory errors, which every
# profile's path shares, and the normal build asks every profile.
set -u
xsmcap=$1
sanitize=${2:-none}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=0
bad=0
for arch in arm64 arm32 x86_64; do
    "$xsmcap" ops --arch "$arch" --format json >"$tmp/ops.json" || { echo "xsmcap ops failed"; exit 1; }
    python3 -c 'import json, sys
for o in json.load(open(sys.argv[1]))["ops"]:
    print(o["name"], o["target"])' "$tmp/ops.json" >"$tmp/ops"
    spec='dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control'
    profiles=hwpriv
    [ "$arch" = arm64 ] && [ "$sanitize" = none ] && profiles="upstream hwpriv hwpriv-dm hwpriv-v2"
    for profile in $profiles; do
        while read -r name target; do
            case $target in
            none) set -- --as ctl ;;
            domain) set -- --as dm1 --on domu1 ;;
            caller) set -- --as domu1 ;;
            *) echo "$name: unknown target '$target'"; bad=$((bad + 1)); continue ;;
            esac
            "$xsmcap" query --arch "$arch" --system "$spec" --profile "$profile" "$@" "$name" \
                >"$tmp/out" 2>"$tmp/err" </dev/null
            status=$?
            runs=$((runs + 1))
            first=$(head -n 1 "$tmp/out")
            if [ "$status" -gt 1 ] || [ -s "$tmp/err" ] ||
               { [ "$first" != allow ] && [ "$first" != deny ]; } ||
               { [ "$status" -eq 0 ] && [ "$first" != allow ]; } ||
               { [ "$status" -eq 1 ] && [ "$first" != deny ]; }; then
                echo "FAIL --arch $arch --profile $profile $* $name: exit $status, '$first'"
                cat "$tmp/err"
                bad=$((bad + 1))
            fi
        done <"$tmp/ops"
    done
done
echo "$runs queries, $bad failed"
floor=900
[ "$sanitize" = none ] || floor=400
[ "$bad" -eq 0 ] && [ "$runs" -ge "$floor" ]
