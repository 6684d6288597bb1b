#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every verb that writes to standard output, with stdout a full device
# (/dev/full: ENOSPC) and a pipe whose reader is gone (EPIPE): exit status 2
# and exactly one error on stderr, naming standard output (warnings about the
# input, such as dtc's, may precede it), never a success or a death by SIGPIPE.
#   usage: stdout-errors.sh XSMCAP
set -u
xsmcap=$1
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
runs=0

# One invocation per verb (and the top-level --help and --version).
cat >"$tmp/cases" <<CASES
--help
--version
hooks
hooks --format json
query --as ctl platform_op
query --as ctl platform_op --format json
check $tests_dir/corpus/synthetic-arm-split-hwdom-xenstore-plus-control.dts --iommu yes
ops
lint
who-can XEN_DMOP_nr_vcpus --on domu1
can dm1
matrix
diff --from upstream --to hwpriv
report
flask --verify
CASES

check() { # HOW STATUS ERRFILE ARGS
    how=$1 status=$2 err=$3
    shift 3
    runs=$((runs + 1))
    lines=$(grep -c ': error: ' "$err")
    if [ "$status" -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -q 'error: standard output' "$err"; then
        echo "FAIL ($how) xsmcap $*: exit $status, $lines error line(s):"
        sed 's/^/  /' "$err" | head -5
        fails=$((fails + 1))
    fi
}

while read -r line; do
    # shellcheck disable=SC2086
    set -- $line
    "$xsmcap" "$@" >/dev/full 2>"$tmp/err"
    check "/dev/full" $? "$tmp/err" "$@"
    # the read end closed before xsmcap starts, so the first write meets EPIPE
    python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=open(sys.argv[1], "w"))
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
' "$tmp/err" "$xsmcap" "$@"
    check "closed pipe" $? "$tmp/err" "$@"
done <"$tmp/cases"

echo "stdout errors: $runs runs, $fails failed"
[ "$runs" -gt 0 ] && [ "$fails" -eq 0 ]
