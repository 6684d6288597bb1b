#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every file of the corpus gives the outcome tests/corpus/EXPECTED.tsv states,
# under the upstream profile, with its iommu column applied through --iommu
# ("any": both yes and no).  valid: exit 0; invalid: exit 2 and the Xen
# message of corpus-messages.tsv; unparseable: exit 2, one line on stderr
# with the message, nothing on stdout.  Also: the device-model file is valid
# under the profiles that define bit 3.
set -u
xsmcap=$1
corpus=$2
messages=$3
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() {
    fail=$((fail + 1))
    echo "FAIL $*"
    sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
}

check_one() { # FILE OUTCOME IOMMU PROFILE
    file=$1 outcome=$2 iommu=$3 profile=$4
    (cd "$corpus" && "$xsmcap" check "$file" --iommu "$iommu" --profile "$profile") \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
    msg=$(awk -F '\t' -v f="$file" '$1 == f { print $2 }' "$messages")
    case $outcome in
    valid)
        [ $status -eq 0 ] || { bad "$file (--iommu $iommu, $profile): want valid, exit $status"; return; } ;;
    invalid)
        [ $status -eq 2 ] && [ -s "$tmp/out" ] ||
            { bad "$file (--iommu $iommu, $profile): want invalid, exit $status"; return; }
        [ -n "$msg" ] && grep -qF "$msg" "$tmp/out" ||
            { bad "$file: want message '$msg'"; return; } ;;
    unparseable)
        [ $status -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
            { bad "$file: want one error line and exit 2, exit $status"; return; }
        grep -qF "$msg" "$tmp/err" || { bad "$file: want message '$msg'"; return; } ;;
    *)
        bad "$file: unknown outcome '$outcome'"; return ;;
    esac
    pass=$((pass + 1))
}

files=0
while IFS='	' read -r file outcome iommu note; do
    case $file in ''|'#'*|file) continue ;; esac
    files=$((files + 1))
    [ -f "$corpus/$file" ] || { echo "FAIL $file: listed but missing"; fail=$((fail + 1)); continue; }
    case $iommu in
    any) check_one "$file" "$outcome" yes upstream; check_one "$file" "$outcome" no upstream ;;
    *) check_one "$file" "$outcome" "$iommu" upstream ;;
    esac
done <"$corpus/EXPECTED.tsv"

# every corpus file is listed
for f in "$corpus"/*; do
    name=$(basename "$f")
    [ "$name" = EXPECTED.tsv ] && continue
    grep -q "^$name	" "$corpus/EXPECTED.tsv" || { echo "FAIL $name: not in EXPECTED.tsv"; fail=$((fail + 1)); }
done

for profile in hwpriv-dm hwpriv-v2; do
    check_one synthetic-arm-hwdom-device-model-for-domU.dts valid yes "$profile"
done
echo "$pass passed, $fail failed ($files corpus files)"
[ "$fail" -eq 0 ] && [ "$files" -gt 0 ]
