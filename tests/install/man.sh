#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The man page renders without a warning, has a section per verb, and names
# every option each verb's --help names.
# usage: man.sh XSMCAP PAGE
set -eu
x=$1 page=$2
fail=0
warn=$(MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null) || { echo "FAIL: man -l $page failed"; exit 1; }
[ -z "$warn" ] || { echo "FAIL: man -l $page warns: $warn"; fail=1; }
text=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
verbs=$("$x" --help | awk '/^verbs:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}')
[ -n "$verbs" ] || { echo "FAIL: no verb in xsmcap --help"; exit 1; }
n=0
for verb in $verbs; do
    n=$((n + 1))
    printf '%s\n' "$text" | grep -q "^   xsmcap $verb\$" || { echo "FAIL: no section for $verb"; fail=1; }
    for opt in $("$x" "$verb" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        printf '%s\n' "$text" | grep -q -- "$opt" || { echo "FAIL: $verb $opt is not in the man page"; fail=1; }
    done
done
[ $fail -eq 0 ] && echo "man page: renders, $n verbs, every option of each"
exit $fail
