#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The completion script completes in a real bash with bash-completion: a
# verb, an option, a profile, a hook, an operation and a domain name.
# usage: completion.sh XSMCAP_DIR COMPLETION_SCRIPT
set -u
dir=$1 script=$2
main=/usr/share/bash-completion/bash_completion
if [ ! -r "$main" ]; then
    echo "SKIP: bash-completion is not installed ($main)"
    exit 77
fi
PATH=$dir:$PATH
. "$main"
. "$script" || { echo "FAIL: $script does not load"; exit 1; }
fail=0
# What bash offers for the last word of LINE.
offers() {
    COMP_LINE=$1
    read -ra COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _xsmcap xsmcap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}
expect() {
    local got
    got=$(offers "$1")
    printf '%s\n' "$got" | grep -qx -- "$2" || { echo "FAIL: '$1' offers [$(echo $got)], not $2"; fail=1; }
}
expect "xsmcap who-c" who-can
expect "xsmcap matrix --pro" --profile
expect "xsmcap can --profile hwpriv-" hwpriv-v2
expect "xsmcap query --as ctl grant_ma" grant_mapref
expect "xsmcap who-can XEN_DOMCTL_pause" XEN_DOMCTL_pausedomain
expect "xsmcap query --arch x86_64 PHYSDEVOP_apic_w" PHYSDEVOP_apic_write
expect "xsmcap can dm" dm1
expect "xsmcap query --system hw:hardware;guest1 --as gu" guest1
expect "xsmcap ops --hook evtchn_un" evtchn_unbound
expect "xsmcap matrix --format cs" csv
[ $fail -eq 0 ] && echo "completion: verb, option, profile, hook, operation, domain: all offered"
exit $fail
