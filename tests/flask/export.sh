#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `xsmcap flask -o DIR` end to end: the three files, a binary Xen would take
# (XenFlask header), a re-export over the same directory, --verify of the
# written binary, and no directory at all when compilation fails.
set -eu
xsmcap=$1
if ! command -v checkpolicy >/dev/null 2>&1; then
    echo "checkpolicy is not installed (scripts/ensure-deps.sh)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$xsmcap" flask --profile hwpriv-dm -o "$tmp/out" >"$tmp/log" || fail "export exited $?"
grep -q "^wrote $tmp/out/policy.conf" "$tmp/log" || fail "no summary line"
for f in policy.conf xenpolicy labels.txt; do
    [ -s "$tmp/out/$f" ] || fail "$f missing or empty"
done
[ "$(dd if="$tmp/out/xenpolicy" bs=1 skip=8 count=8 2>/dev/null)" = XenFlask ] || fail "xenpolicy lacks the XenFlask header"
grep -q "^dm1: seclabel='system_u:system_r:dm1_t'$" "$tmp/out/labels.txt" || fail "labels.txt lacks dm1's seclabel"
grep -q "^boot: sid dom0 = system_u:system_r:ctl_t (ctl)$" "$tmp/out/labels.txt" || fail "labels.txt lacks the boot label"
grep -q "^type_transition domu1_t dm1_t:domain domu1_t_target;$" "$tmp/out/policy.conf" || fail "no _target transition for dm1"
ls "$tmp/out" | grep -q tmp && fail "temporary file left behind"
# a permission is exported only where an operation it guards is allowed: a plain guest passes
# xsm_map_domain_irq on the way to a refused XEN_DOMCTL_bind_pt_irq and gets no add_irq
grep -q "^allow domu1_t irq_t:resource { add_irq };" "$tmp/out/policy.conf" && fail "a guest may add IRQs"
grep -q "^allow dm1_t irq_t:resource { add_irq };" "$tmp/out/policy.conf" || fail "the device model may not add IRQs"
grep -q "create_hardware_domain };" "$tmp/out/policy.conf" && fail "create_hardware_domain granted, though no operation reaches it"

# a second export overwrites in place
"$xsmcap" flask --profile hwpriv-dm -o "$tmp/out" >/dev/null || fail "re-export exited $?"
"$xsmcap" flask --verify --profile hwpriv-dm --policy "$tmp/out/xenpolicy" >"$tmp/verify" || fail "verify of the written binary exited $?"
grep -q '^fully mapped: [1-9][0-9]* agree, 0 disagree$' "$tmp/verify" || fail "verify did not agree"

# a failed compilation writes nothing
status=0
"$xsmcap" flask --checkpolicy false -o "$tmp/none" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "failed compilation exited $status, not 2"
[ -e "$tmp/none" ] && fail "failed compilation left $tmp/none"
grep -q "checkpolicy\|false" "$tmp/err" || fail "no error line"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "error is not one line"
echo "flask export: ok"
