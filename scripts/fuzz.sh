#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make fuzz: build the libFuzzer targets of fuzz/ with clang (ASan+UBSan,
# coverage on the whole library) in build-fuzz/, seed them from
# tests/corpus/, tests/config/data/ and the CLI cases, and run each for
# FUZZ_SECONDS (60), FUZZ_JOBS (2) targets at a time.
#
#   FUZZ_SECONDS=600 sh scripts/fuzz.sh            every target, 10 minutes each
#   FUZZ_TARGETS="dtb spec" sh scripts/fuzz.sh     a subset
#   FUZZ_BUILD_ONLY=1 sh scripts/fuzz.sh           build and seed, do not run
#
# New inputs accumulate in build-fuzz/corpus/TARGET; a crash leaves its
# reproducer in build-fuzz/crashes/TARGET/ and makes the script exit 1.
# Each run prints "fuzz TARGET: N executions in S s, C crashes".  A target
# whose reader the library lacks (its symbol probe fails) is not run: under
# CI=true that fails the script (exit 1), otherwise the script reports it
# and exits 77 (skipped) unless something failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
all_targets="spec names engine_diff query_args dtb imagebuilder"
targets=${FUZZ_TARGETS:-$all_targets}
cd "$root" || exit 2

command -v clang >/dev/null || { echo "fuzz: clang is not installed (sh scripts/ensure-deps.sh)"; exit 2; }
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"

# The library, instrumented for coverage (fuzzer-no-link) and the sanitizers.
if [ ! -f "$out/build.ninja" ]; then
    CC=clang meson setup "$out" -Db_lundef=false -Dbuildtype=debugoptimized \
        "-Dc_args=-fsanitize=fuzzer-no-link $sanitize" "-Dc_link_args=$sanitize" \
        >"$out.setup.log" 2>&1 || { cat "$out.setup.log"; exit 2; }
fi
ninja -C "$out" libxsmcap.a >"$out.ninja.log" 2>&1 || { cat "$out.ninja.log"; exit 2; }

have_symbol() {
    nm --defined-only "$out/libxsmcap.a" 2>/dev/null | grep -q " T $1\$"
}

# target -> extra sources and the reader symbol it needs (none: always built)
extra_sources() {
    case $1 in
    engine_diff) echo "tests/hardening/ref_policy.c tests/hardening/ref_catalogue.c" ;;
    query_args) echo "src/cli/args.c src/cli/term.c src/cli/names.c src/cli/cli_system.c src/cli/cli_analysis.c src/cli/write_file.c src/cli/cmd_query.c" ;;
    esac
}
needed_symbol() {
    case $1 in
    dtb) echo xsmc_read_dtb ;;
    imagebuilder) echo xsmc_read_imagebuilder ;;
    esac
}
# query_args prints like the CLI it is; libFuzzer keeps its own report
extra_flags() {
    case $1 in
    query_args) echo "-close_fd_mask=3" ;;
    esac
}
max_len() {
    case $1 in
    dtb) echo 65536 ;;
    imagebuilder) echo 16384 ;;
    *) echo 4096 ;;
    esac
}

mkdir -p "$out/fuzz"
built=""
skipped=0
status=0
for t in $targets; do
    [ -f "fuzz/fuzz_$t.c" ] || { echo "fuzz: no target '$t' (have: $all_targets)"; exit 2; }
    sym=$(needed_symbol "$t")
    if [ -n "$sym" ] && ! have_symbol "$sym"; then
        if [ "${CI:-}" = true ]; then
            echo "fuzz $t: FAIL, not run: the library has no $sym (CI=true: a skipped target fails)"
            status=1
        else
            echo "fuzz $t: SKIPPED, not run: the library has no $sym"
            skipped=$((skipped + 1))
        fi
        continue
    fi
    # shellcheck disable=SC2046,SC2086
    clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer $sanitize \
        -Iinclude -Isrc/policy -Isrc/config -Isrc/cli -Itests/hardening \
        -DXSMCAP_VERSION='"fuzz"' -DREF_HOOKS_CSV="\"$root/tests/data/xsm-hooks.csv\"" \
        "fuzz/fuzz_$t.c" $(extra_sources "$t") \
        "$out/libxsmcap.a" -lfdt -ljansson -lm -o "$out/fuzz/fuzz_$t" ||
        { echo "fuzz $t: build failed"; exit 2; }
    built="$built $t"
done

# Seeds: the shared corpus, compiled where it is device-tree source.
seed() {
    dir=$out/seeds/$1
    rm -rf "$dir"
    mkdir -p "$dir"
    case $1 in
    dtb)
        for f in tests/corpus/*.dts tests/corpus/*.dtsi tests/corpus/*.dtso tests/config/data/*.dts; do
            [ -f "$f" ] || continue
            dtc -q -@ -I dts -O dtb -o "$dir/$(basename "$f").dtb" "$f" 2>/dev/null ||
                rm -f "$dir/$(basename "$f").dtb"
        done ;;
    imagebuilder)
        cp tests/corpus/*.cfg "$dir/" ;;
    spec)
        printf '%s' 'dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control' >"$dir/builtin"
        grep -ho "\-\-system '[^']*'" tests/cli/cases/*.txt | sed "s/--system '//; s/'\$//" |
            awk -v d="$dir" '{ f = d "/case" NR; printf "%s", $0 > f; close(f) }' ;;
    names)
        sed -n 's/^XSMC_HOOK(\([a-z_0-9]*\),.*/\1/p' include/xsmcap/hooks.def |
            awk -v d="$dir" '{ f = d "/" $0; printf "%s", $0 > f; close(f) }'
        for w in upstream hwpriv-dm HW_PRIV device_model PHYSDEVOP_setup_gsi physdev_op:setup_gsi dom0 32767; do
            printf '%s' "$w" >"$dir/$w"
        done ;;
    query_args)
        printf -- '--as\000ctl\000platform_op' >"$dir/a1"
        printf -- '--system\000a:control;b>c;c\000--as\000b\000--on\000c\000dm_op' >"$dir/a2"
        printf -- '--profile\000hwpriv-v2\000--silo\000--as\0000\000--on\0001\000--remote\0002\000evtchn_unbound' >"$dir/a3"
        printf -- '--as\000dom0\000--subop\0000x1\000--format\000json\000console_io' >"$dir/a4" ;;
    engine_diff)
        printf '\001\000\003\000\000\000\001\000\002\001\002\001\000\002\377\000\000' >"$dir/d1" ;;
    esac
}

# A crash or a CI failure: 1; else a target not run: 77; else 0.
finish() {
    if [ $status -eq 0 ] && [ $skipped -ne 0 ]; then
        echo "fuzz: $skipped target(s) skipped"
        exit 77
    fi
    exit $status
}

[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && { for t in $built; do seed "$t"; done; finish; }

# One target for $seconds; its result line in $out/result-TARGET, 1 in
# $out/failed-TARGET on a crash or an error exit.
run_target() {
    t=$1
    seed "$t"
    mkdir -p "$out/corpus/$t" "$out/crashes/$t"
    log=$out/fuzz-$t.log
    rm -f "$out/failed-$t"
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
        "$out/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -print_final_stats=1 $(extra_flags "$t") \
        -artifact_prefix="$out/crashes/$t/" "$out/corpus/$t" "$out/seeds/$t" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "$out/crashes/$t" -type f | wc -l)
    {
        echo "fuzz $t: ${execs:-?} executions in ${seconds} s, $crashes crashes (log $log)"
        if [ $rc -ne 0 ] || [ "$crashes" -ne 0 ]; then
            grep -E 'ERROR|SUMMARY|disagreement|Test unit written' "$log" | head -5
            echo 1 >"$out/failed-$t"
        fi
    } >"$out/result-$t"
}

# FUZZ_JOBS targets at a time (2: the cores of the machine the budget is
# for); each target still has a core for its $seconds, as the time is a
# wall-clock limit.
jobs=${FUZZ_JOBS:-2}
running=0
for t in $built; do
    run_target "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
for t in $built; do
    cat "$out/result-$t"
    [ -f "$out/failed-$t" ] && status=1
done
finish
