#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# One exit status per file across verbs (issue 13 points 7 and 8; README
# "Exit status"): an invalid configuration is 2 for every verb, an
# undecided one (the IOMMU unknown) is 1 for check, lint and report while
# the decision verbs answer it, a valid one is 0, a partial device tree is
# valid input (check and lint 0), an unreadable file is 2 everywhere.
set -u
xsmcap=$1
corpus=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() { # STATUS ARGUMENTS...
    want=$1
    shift
    "$xsmcap" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL xsmcap $*: exit $got, want $want"
        sed 's/^/  | /' "$tmp/err" | head -5
    fi
}

invalid=$corpus/synthetic-INVALID-two-hardware-domains.dts
for verb in check lint report; do
    expect 2 $verb "$invalid" --iommu yes
done
expect 2 query "$invalid" --iommu yes --as hwdom_a XENPF_settime64
expect 2 who-can "$invalid" --iommu yes XENPF_settime64
expect 2 can hwdom_a "$invalid" --iommu yes
expect 2 matrix "$invalid" --iommu yes --summary
expect 2 flask "$invalid" --iommu yes -o "$tmp/policy"
[ -e "$tmp/policy" ] && { echo "FAIL flask wrote a policy for an invalid configuration"; fail=$((fail + 1)); }

split=$corpus/synthetic-arm-split-hwdom-xenstore-plus-control.dts
for verb in check lint report; do
    expect 1 $verb "$split"           # undecided: the hardware domain needs an IOMMU nobody states
    expect 0 $verb "$split" --iommu yes
done
expect 2 check "$split" --iommu no
expect 0 query "$split" --as hwdom XENPF_settime64  # hwpriv: a hardware-domain operation
expect 1 query "$split" --as domU1 XENPF_settime64
expect 0 who-can "$split" XENPF_settime64
expect 0 matrix "$split" --summary
grep -q 'hwdom-iommu-unknown' "$tmp/err" || { echo "FAIL matrix does not say what is unknown"; fail=$((fail + 1)); }

partial=$corpus/real-xilinx-passthrough-zcu102-ethernet-ff0e0000.dts
expect 0 check "$partial"
expect 0 lint "$partial"

for verb in check lint report; do
    expect 2 $verb "$tmp/no-such-file.dtb"
done
expect 2 query "$tmp/no-such-file.dtb" --as a XENPF_settime64

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
