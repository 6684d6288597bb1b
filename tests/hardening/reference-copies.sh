#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The reference files under tests/data/ are copies of the project's shared
# references (../shared/reference/ beside the repository) and must stay
# byte-identical to them: the reference model and the truth-table tests
# read the copies.  Each copy is checked against the SHA-256 of the shared
# file recorded below, and, where ../shared/reference exists, against the
# file itself (a shared file that changed fails here until it is copied and
# its digest updated).
#   usage: reference-copies.sh REPO-ROOT
set -u
root=$1
shared=$root/../shared/reference
status=0
while read -r digest name; do
    copy=$root/tests/data/$name
    got=$(sha256sum <"$copy" | cut -d' ' -f1)
    if [ "$got" != "$digest" ]; then
        echo "FAIL tests/data/$name: SHA-256 $got, the shared reference's is $digest"
        status=1
    fi
    if [ -d "$shared" ] && ! cmp -s "$copy" "$shared/$name"; then
        echo "FAIL tests/data/$name differs from $shared/$name"
        status=1
    fi
done <<'DIGESTS'
fc39e61a49589d99541241bcac1a0f6fa1799fab2f5bd6977b81cffc759f358b xsm-hooks.csv
fb505b9ea5536d5ce02ac308476b594bdcd6842e6578ee027a951e5a39dee8aa xsm-truth-tables.md
27591410a94ec3b13020d578e27a928647e52b49cc8fea7f7675e3f88f049434 truth-upstream.tsv
0201d049ff57509ee198ab9d8db30dd13809fb1ac39a7ce11e9183b759967897 truth-hwpriv.tsv
DIGESTS
[ -d "$shared" ] && where="and to $shared" || where="(no $shared here: digests only)"
[ $status -eq 0 ] && echo "reference copies: 4 identical to the recorded digests $where"
exit $status
