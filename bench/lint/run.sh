#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Lint: time of one run of every rule over systems up to Xen's 32752 domains.
set -eu
"$1/bench/lint/bench-lint"
