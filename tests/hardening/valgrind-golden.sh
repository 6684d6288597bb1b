#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Valgrind memcheck over every CLI golden case: each xsmcap run of
# tests/cli/cases/*.txt goes through memcheck, the golden comparison must
# still pass, and memcheck must report nothing (invalid reads or writes,
# uninitialised values, definite leaks).  Cases run two at a time, without
# origin tracking unless a run has errors.
set -u
xsmcap=$1
case $xsmcap in /*) ;; *) xsmcap=$(pwd)/$xsmcap ;; esac # the cases run from tests/
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# memcheck finds the same errors without --track-origins, in about 60% of the
# CPU time; each run's arguments are kept (by pid, which exec keeps) so that a
# run with errors is repeated with origins tracked for the report.
memcheck="valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite"
cat >"$tmp/xsmcap" <<WRAP
#!/bin/sh
printf '%s\0' "\$@" >"$tmp/args.\$\$"
exec $memcheck --error-exitcode=99 --log-file="$tmp/memcheck.%p" "$xsmcap" "\$@"
WRAP
chmod +x "$tmp/xsmcap"
# The cases run in chunks of ten, VALGRIND_JOBS (2) chunks at a time: every
# case still goes through memcheck, in about half the time on two cores.
mkdir -p "$tmp/chunks"
for cases in "$tests_dir"/cli/cases/*.txt; do
    subject=$(basename "$cases" .txt)
    [ -d "$tests_dir/cli/golden/$subject" ] || continue
    grep -v -e '^#' -e '^$' "$cases" | split -l 10 -d -a 3 - "$tmp/chunks/$subject."
done
status=0
find "$tmp/chunks" -type f | sort |
    xargs -P "${VALGRIND_JOBS:-2}" -I{} sh -c '
        chunk=$1 subject=$(basename "$1" | cut -d. -f1)
        sh "$2/cli/run-golden.sh" "$3" "$chunk" "$2/cli/golden/$subject" >"$chunk.log" 2>&1 ||
            touch "$chunk.failed"' _ {} "$tests_dir" "$tmp/xsmcap"
for log in "$tmp"/chunks/*.log; do
    chunk=${log%.log}
    if [ -f "$chunk.failed" ]; then
        status=1
        cat "$log"
    fi
done
echo "golden cases under memcheck: $(cat "$tmp"/chunks/*.log | awk '/passed,/ {p += $1; f += $3} END {print p + 0 " passed, " f + 0 " failed"}')"
runs=$(find "$tmp" -name 'memcheck.*' | wc -l)
reports=$(find "$tmp" -name 'memcheck.*' -size +0c)
if [ -n "$reports" ]; then
    status=1
    for r in $reports; do
        pid=${r##*.}
        (cd "$tests_dir" && xargs -0 $memcheck --track-origins=yes --log-file="$tmp/origins.$pid" \
            "$xsmcap" <"$tmp/args.$pid" >/dev/null 2>&1)
        echo "== memcheck report $(basename "$r"): xsmcap $(tr '\0' ' ' <"$tmp/args.$pid")"
        head -40 "$tmp/origins.$pid"
    done
fi
echo "memcheck: $runs runs, $(echo "$reports" | grep -c . || true) with errors"
[ "$runs" -gt 0 ] || status=1
exit $status
