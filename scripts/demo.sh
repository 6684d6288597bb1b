#!/bin/sh
# make demo: the main job on the embedded default system.
set -eu
build=${1:-build}
x="$build/xsmcap"
echo "== xsmcap on the embedded default system: $($x --version)"
echo "== may the control domain still call platform_op under hwpriv?"
$x query --as ctl platform_op || true
echo "== and the hardware+xenstore domain?"
$x query --as dom0 platform_op || true
echo "== the reviewers' concern: DM_PRIV for the hardware domain over the control domain"
$x query --as dom0 --on ctl dm_op || true
