#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --color and --quiet as gcc and git users expect them: --color=always paints
# the severities (gcc's SGR codes: error 01;31, warning 01;35) even into a
# pipe, never and auto-into-a-pipe do not, auto on a terminal does unless
# NO_COLOR is set and non-empty (https://no-color.org); --quiet leaves only
# the errors on stderr and stdout unchanged.  The terminal is a real pty
# (util-linux script).
#   usage: color-quiet.sh XSMCAP
set -u
x=$1
tests_dir=$(cd "$(dirname "$0")/.." && pwd)
dts=$tests_dir/cli/data/misspelt-property.dts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
esc=$(printf '\033')
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

painted() { grep -q "${esc}\[01;3[15]m" "$1"; }

# an error and a warning in a pipe
"$x" check "$dts" --color=always >"$tmp/out" 2>"$tmp/err"
painted "$tmp/out" && ok "--color=always paints a warning into a pipe" || bad "--color=always: no colour in $(head -c 300 "$tmp/out")"
"$x" querry --color=always 2>"$tmp/err"
painted "$tmp/err" && ok "--color=always paints an error" || bad "--color=always error: $(cat "$tmp/err")"
"$x" check "$dts" --color=never >"$tmp/out" 2>&1
painted "$tmp/out" && bad "--color=never painted" || ok "--color=never does not paint"
"$x" check "$dts" >"$tmp/out" 2>&1
painted "$tmp/out" && bad "auto painted into a pipe" || ok "auto does not paint into a pipe"
"$x" check "$dts" --color=sometimes >"$tmp/out" 2>&1
st=$?
[ "$st" -eq 2 ] && grep -q "auto, always or never" "$tmp/out" \
    && ok "--color=sometimes is refused, naming the modes" || bad "--color=sometimes: exit $st: $(cat "$tmp/out")"

# a real terminal
if script -qec true /dev/null >/dev/null 2>&1; then
    TERM=xterm script -qec "\"$x\" check \"$dts\"" /dev/null </dev/null >"$tmp/tty" 2>&1
    painted "$tmp/tty" && ok "auto paints on a terminal" || bad "auto on a terminal: $(head -c 300 "$tmp/tty")"
    TERM=xterm NO_COLOR=1 script -qec "\"$x\" check \"$dts\"" /dev/null </dev/null >"$tmp/tty" 2>&1
    painted "$tmp/tty" && bad "NO_COLOR=1 painted on a terminal" || ok "NO_COLOR=1 turns auto off"
    TERM=xterm NO_COLOR= script -qec "\"$x\" check \"$dts\"" /dev/null </dev/null >"$tmp/tty" 2>&1
    painted "$tmp/tty" && ok "an empty NO_COLOR is ignored" || bad "empty NO_COLOR turned colour off"
    TERM=xterm NO_COLOR=1 script -qec "\"$x\" check \"$dts\" --color=always" /dev/null </dev/null >"$tmp/tty" 2>&1
    painted "$tmp/tty" && ok "--color=always wins over NO_COLOR" || bad "--color=always lost to NO_COLOR"
else
    bad "cannot run util-linux script for a pty: the terminal cases are not checked"
fi

# --quiet: dtc's warnings and the notes go, the error stays, stdout the same
"$x" check "$dts" >"$tmp/loud" 2>"$tmp/loud.err"
"$x" check "$dts" --quiet >"$tmp/quiet" 2>"$tmp/quiet.err"
grep -q 'dtc-warning' "$tmp/loud.err" && ok "dtc's warnings are shown with file:line" || bad "no dtc warning on stderr: $(cat "$tmp/loud.err")"
grep -Eq "misspelt-property.dts:[0-9]+\.[0-9]+-[0-9]+\.[0-9]+: warning" "$tmp/loud.err" && ok "dtc's warning names file:line.col" || bad "dtc's warning has no file:line: $(cat "$tmp/loud.err")"
[ -s "$tmp/quiet.err" ] && bad "--quiet left on stderr: $(cat "$tmp/quiet.err")" || ok "--quiet leaves stderr empty when nothing failed"
"$x" querry --quiet 2>"$tmp/qerr"
[ "$?" -eq 2 ] && grep -q 'error:' "$tmp/qerr" && ok "--quiet keeps the error" || bad "--quiet hid the error"
"$x" query --as ctl platform_op >"$tmp/a" 2>/dev/null
"$x" query --as ctl platform_op --quiet >"$tmp/b" 2>/dev/null
cmp -s "$tmp/a" "$tmp/b" && ok "--quiet leaves stdout as it is" || bad "--quiet changed stdout"
echo "$([ $fail = 0 ] && echo all passed || echo some FAILED) (color-quiet)"
exit $fail
