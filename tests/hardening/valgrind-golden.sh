#!/bin/sh
# Valgrind memcheck over every CLI golden case: each xsmcap run of
# tests/cli/cases/*.txt goes through memcheck, the golden comparison must
# still pass, and memcheck must report nothing (invalid reads or writes,
# uninitialised values, definite leaks).
set -u
xsmcap=$1
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/xsmcap" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --track-origins=yes --log-file="$tmp/memcheck.%p" "$xsmcap" "\$@"
WRAP
chmod +x "$tmp/xsmcap"
status=0
for cases in "$tests_dir"/cli/cases/*.txt; do
    subject=$(basename "$cases" .txt)
    [ -d "$tests_dir/cli/golden/$subject" ] || continue
    sh "$tests_dir/cli/run-golden.sh" "$tmp/xsmcap" "$cases" "$tests_dir/cli/golden/$subject" || status=1
done
runs=$(find "$tmp" -name 'memcheck.*' | wc -l)
reports=$(find "$tmp" -name 'memcheck.*' -size +0c)
if [ -n "$reports" ]; then
    status=1
    for r in $reports; do
        echo "== memcheck report $(basename "$r")"
        head -40 "$r"
    done
fi
echo "memcheck: $runs runs, $(echo "$reports" | grep -c . || true) with errors"
[ "$runs" -gt 0 ] || status=1
exit $status
