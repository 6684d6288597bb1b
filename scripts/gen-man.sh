#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# xsmcap.1 from the program's own --help texts: the main help and a section
# per verb from `xsmcap VERB --help`, so the man page and --help are one
# source and cannot drift (tests/cli/man.sh checks it).  The help texts are
# laid out by hand (the SPEC grammar, aligned lists), so they are kept as
# written (.nf) rather than reflowed as help2man would.
# usage: gen-man.sh XSMCAP OUTPUT
set -eu
x=$1 out=$2
tmp="$out.tmp"
trap 'rm -f "$tmp"' EXIT INT TERM
# roff: a backslash is \e; a line starting with . or ' would be a request.
roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
verbs=$("$x" --help | awk '/^verbs:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}')
version=$("$x" --version | awk '{print $2}')
{
    printf '.TH XSMCAP 1 "" "xsmcap %s" "User Commands"\n' "$version"
    printf '.SH NAME\nxsmcap \\- Xen'"'"'s default XSM policy and the XSM_HW_PRIV proposals, away from the hypervisor\n'
    printf '.SH SYNOPSIS\n.B xsmcap\n.I VERB\n[\\fIoptions\\fR]\n.br\n.B xsmcap\n.I VERB\n.B \\-\\-help\n.br\n.B xsmcap \\-\\-version\n'
    printf '.SH DESCRIPTION\n.nf\n'
    "$x" --help | roff
    printf '.fi\n.SH VERBS\n'
    for verb in $verbs; do
        printf '.SS "xsmcap %s"\n.nf\n' "$verb"
        "$x" "$verb" --help | roff
        printf '.fi\n'
    done
    printf '.SH EXIT STATUS\n0: success or allow; 1: deny, findings or a disagreement; 2: bad input (a one-line\nerror naming the place and the rule).\n'
    printf '.SH ENVIRONMENT\n.TP\n.B NO_COLOR\nwhen set and not empty, no colour (as --color=never).\n'
    printf '.SH SEE ALSO\n.BR dtc (1),\n.BR checkpolicy (8),\n.BR qemu-system-aarch64 (1).\n'
    printf 'The documentation under docs/ of the source tree: operations.md, boot-config.md, live.md,\nlints.md, flask.md and cli.md.\n'
} >"$tmp"
mv "$tmp" "$out"
