#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Open the HTML report in headless Chromium (Debian's chromium package):
# the matrix grid and the relationship diagram must be in the rendered
# page, the console must stay silent, and nothing may come from the
# network.  Saves a screenshot beside the report.  A control page with a
# console error proves the console check can fail.
#   usage: browser.sh XSMCAP OUTDIR
# Exit 77 (skipped) only when chromium is missing and cannot be installed.
set -u
xsmcap=$1
out=$2
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends \
            chromium >/dev/null 2>&1
    fi
    command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium cannot be installed"; exit 77; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# chromium PAGE DUMP LOG [extra flags]: the rendered DOM to DUMP, Chromium's log to LOG
run_chromium() {
    page=$1 dump=$2 log=$3
    shift 3
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
        --enable-logging=stderr --v=0 "$@" "file://$page" >"$dump" 2>"$log"
}

# Console messages of any level count: the report has no script, so any is an error.
console_errors() {
    grep -E ':CONSOLE|Uncaught' "$1"
}

fail() {
    echo "FAIL: $*"
    exit 1
}

printf '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'\
'<script>console.error("control")</script></body></html>' >"$tmp/control.html"
run_chromium "$tmp/control.html" "$tmp/control.dom" "$tmp/control.log" --dump-dom ||
    fail "chromium did not run on the control page"
console_errors "$tmp/control.log" >/dev/null || fail "the console check misses a console error"

"$xsmcap" report --html "$out/report.html" >"$out/report.txt" || fail "xsmcap report failed"
if grep -Eq '(src|href)="(https?:)?//' "$out/report.html"; then
    fail "the report loads something from the network"
fi

run_chromium "$out/report.html" "$tmp/report.dom" "$tmp/report.log" --dump-dom ||
    fail "chromium could not render the report"
grep -q '<table id="matrix"' "$tmp/report.dom" || fail "no matrix in the rendered page"
grep -q '<td class="y">allow</td>' "$tmp/report.dom" || fail "the matrix has no allowed cell"
grep -q '<td class="n">deny</td>' "$tmp/report.dom" || fail "the matrix has no denied cell"
grep -q '<svg id="diagram"' "$tmp/report.dom" || fail "no diagram in the rendered page"
grep -q 'class="edge dm"' "$tmp/report.dom" || fail "the diagram lacks the device model -> guest arrow"
grep -q "reviewers' concern" "$tmp/report.dom" || fail "the headline of the change is missing"
if console_errors "$tmp/report.log"; then
    fail "the console shows errors"
fi

run_chromium "$out/report.html" "$tmp/shot.dom" "$tmp/shot.log" --hide-scrollbars \
    --window-size=1280,2200 --screenshot="$out/report-screenshot.png" ||
    fail "chromium could not take a screenshot"
[ -s "$out/report-screenshot.png" ] || fail "no screenshot written"
head -c 8 "$out/report-screenshot.png" | od -An -c | grep -q 'P   N   G' || fail "the screenshot is not a PNG"
echo "ok: matrix and diagram rendered, console silent, screenshot at $out/report-screenshot.png"
