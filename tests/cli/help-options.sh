#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every option a verb accepts is named in its --help, and so in the man page
# and docs/cli.md, which are made from --help.  The options come from the
# parser itself (`xsmcap --list-options VERB` prints the table getopt is
# given), never from the help text under test.
# usage: help-options.sh XSMCAP
set -u
x=$1
fail=0
checked=0
verbs=$("$x" --help | awk '/^verbs:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}')
[ -n "$verbs" ] || { echo "FAIL: no verb in xsmcap --help"; exit 1; }

# Is the option named as a word of the text (--on is not found inside --only)?
names() {
    printf '%s\n' "$1" | grep -Eq -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)"
}

# The matcher must be able to say no, or every verb would pass.
names "$("$x" query --help)" --no-such-option && { echo "FAIL: the matcher finds an option no help names"; exit 1; }
names "usage: [--only]" --on && { echo "FAIL: the matcher finds --on inside --only"; exit 1; }

for verb in $verbs; do
    help=$("$x" "$verb" --help) || { echo "FAIL: xsmcap $verb --help exits $?"; fail=1; continue; }
    opts=$("$x" --list-options "$verb") || { echo "FAIL: xsmcap --list-options $verb exits $?"; fail=1; continue; }
    printf '%s\n' "$opts" | grep -qx -- --help || { echo "FAIL: $verb: the listing lacks --help: $opts"; fail=1; }
    for opt in $opts; do
        checked=$((checked + 1))
        names "$help" "$opt" || { echo "FAIL: xsmcap $verb accepts $opt, its --help does not name it"; fail=1; }
    done
done
main=$("$x" --help)
for opt in --help --version; do
    checked=$((checked + 1))
    names "$main" "$opt" || { echo "FAIL: xsmcap accepts $opt, xsmcap --help does not name it"; fail=1; }
done
[ $fail -eq 0 ] && echo "help names every option: $checked options of $(printf '%s\n' "$verbs" | wc -l) verbs and the program"
exit $fail
