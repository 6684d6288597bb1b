#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Flask: ns per decision through libsepol (xsmc_flask_decide: Xen's label
# resolution + sepol_compute_av per check) beside the default engine
# (xsmc_decide, with reasons; xsmc_allowed, the table), in one run, over the
# same requests: every fully mapped row x every pair of the system.
set -eu
build=$1
exe="$build/bench/flask/bench-flask"
if ! command -v checkpolicy >/dev/null 2>&1; then
    echo "  skipped: checkpolicy is not installed"
    exit 0
fi
"$exe" 20
"$exe" --system 'hw:hardware;xs:xenstore;ctl:control;g1;g2;g3;g4;dm1>g1;dm2>g2;dm3>g3' 5
