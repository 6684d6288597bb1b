#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: the main job on the embedded default system.  Prints the
# report and keeps it as BUILD/report.txt beside the self-contained page
# BUILD/report.html (open it in any browser; it needs no network).
set -eu
build=${1:-build}
x="$build/xsmcap"
echo "== xsmcap report on the embedded default system ($($x --version))"
status=0
"$x" report --html "$build/report.html" >"$build/report.txt" || status=$?
cat "$build/report.txt"
echo
echo "== written: $build/report.txt and $build/report.html"
exit "$status"
