#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Acceptance of issue 6: for every corpus system (tests/corpus/EXPECTED.tsv)
# and every profile, `xsmcap flask --verify` exports a policy, compiles it
# with checkpolicy, and reports zero disagreements on the fully mapped hooks.
# Files Xen rejects are skipped where the profile rejects them; a file
# EXPECTED.tsv calls valid must pass under upstream, and may only be skipped
# under another profile when that profile rejects it.
set -u
xsmcap=$1
corpus=$2
if ! command -v checkpolicy >/dev/null 2>&1; then
    echo "checkpolicy is not installed (scripts/ensure-deps.sh)"
    exit 77
fi
pass=0
skip=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
while IFS='	' read -r file outcome iommu note; do
    case "$file" in ''|'#'*|file) continue ;; esac
    [ "$outcome" = unparseable ] && continue
    iommu_opt=""
    [ "$iommu" = yes ] && iommu_opt="--iommu yes"
    [ "$iommu" = no ] && iommu_opt="--iommu no"
    for profile in upstream hwpriv hwpriv-dm hwpriv-v2; do
        # shellcheck disable=SC2086
        "$xsmcap" flask --verify $iommu_opt --profile "$profile" "$corpus/$file" >"$out" 2>&1
        status=$?
        if [ "$status" = 0 ] && grep -q '^fully mapped: [1-9][0-9]* agree, 0 disagree$' "$out"; then
            pass=$((pass + 1))
        elif [ "$status" = 2 ] && grep -q "has no domains" "$out"; then
            echo "skip $file ($profile): no domains ($note)"
            skip=$((skip + 1))
        elif [ "$status" = 2 ] && grep -q "is not a valid system under profile" "$out" &&
             { [ "$outcome" != valid ] || [ "$profile" != upstream ]; }; then
            skip=$((skip + 1))
        else
            echo "FAIL $file ($profile): exit $status"
            head -20 "$out"
            fail=$((fail + 1))
        fi
    done
done <"$corpus/EXPECTED.tsv"
echo "flask corpus: $pass passed, $skip skipped, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
