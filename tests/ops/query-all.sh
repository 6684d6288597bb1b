#!/bin/sh
# `xsmcap query` answers every catalogue row under every profile on the
# embedded default: exit 0 or 1 with a decision line, never 2, never stderr.
set -u
xsmcap=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$xsmcap" ops --format csv >"$tmp/rows" || { echo "xsmcap ops failed"; exit 1; }
runs=0
bad=0
for profile in upstream hwpriv hwpriv-dm hwpriv-v2; do
    # hypercall,name,value,target: the first four CSV fields never need quoting
    tail -n +2 "$tmp/rows" | cut -d, -f2,4 | tr ',' ' ' >"$tmp/ops"
    while read -r name target; do
        case $target in
        none) set -- --as ctl ;;
        domain) set -- --as dm1 --on domu1 ;;
        caller) set -- --as domu1 --on domu1 ;;
        *) echo "$name: unknown target '$target'"; bad=$((bad + 1)); continue ;;
        esac
        "$xsmcap" query --profile "$profile" "$@" "$name" >"$tmp/out" 2>"$tmp/err" </dev/null
        status=$?
        runs=$((runs + 1))
        first=$(head -n 1 "$tmp/out")
        if [ "$status" -gt 1 ] || [ -s "$tmp/err" ] ||
           { [ "$first" != allow ] && [ "$first" != deny ]; } ||
           { [ "$status" -eq 0 ] && [ "$first" != allow ]; } ||
           { [ "$status" -eq 1 ] && [ "$first" != deny ]; }; then
            echo "FAIL --profile $profile $* $name: exit $status, '$first'"
            cat "$tmp/err"
            bad=$((bad + 1))
        fi
    done <"$tmp/ops"
done
echo "$runs queries, $bad failed"
[ "$bad" -eq 0 ] && [ "$runs" -ge 1000 ]
