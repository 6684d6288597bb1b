#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Static analysis of src/ and tools/: gcc -fanalyzer, clang-tidy (checks in
# .clang-tidy) and cppcheck, every finding an error.  Each suppression
# below says why it is there; a new finding fails the run.
#
#   sh scripts/static-analysis.sh [BUILD-DIR]     (default build-static)
#
# The build directory only provides compile_commands.json (meson setup, no
# compilation).  Prints one line per tool: "static TOOL: N files, N findings".
# A tool that is not installed is not a clean run: under CI=true the script
# fails with a line naming it; otherwise it says "skipped" and exits 77
# (meson's skip) unless a finding failed the run.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-static}
jobs=${STATIC_JOBS:-2}
cd "$root" || exit 2

# Configured afresh each time: a compilation database left by an older tree
# would name files that are gone and miss new ones.
if [ -f "$build/compile_commands.json" ]; then
    meson setup --reconfigure "$build" >"$build.setup.log" 2>&1 || { cat "$build.setup.log"; exit 2; }
else
    meson setup "$build" >"$build.setup.log" 2>&1 || { cat "$build.setup.log"; exit 2; }
fi
ccdb=$build/compile_commands.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One line per translation unit of our own sources: "DIR<TAB>FILE<TAB>ARGS".
python3 - "$ccdb" "$root" >"$work/units" <<'EOF'
import json, os, shlex, sys
db, root = json.load(open(sys.argv[1])), sys.argv[2]
seen = set()
for e in db:
    path = os.path.normpath(os.path.join(e["directory"], e["file"]))
    rel = os.path.relpath(path, root)
    if not (rel.startswith("src/") or rel.startswith("tools/")) or rel in seen:
        continue
    seen.add(rel)
    args = shlex.split(e["command"])[1:]
    keep, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MQ", "-c"):
            skip = a != "-c"
            continue
        if a in ("-MD", "-fdiagnostics-color=always", "-Winvalid-pch") or a == e["file"]:
            continue
        keep.append(a)
    print(e["directory"] + "\t" + path + "\t" + " ".join(shlex.quote(a) for a in keep))
EOF
nunits=$(wc -l <"$work/units")
status=0
skipped=0

# have TOOL: 0 if it can run; otherwise says so, and counts a failure (CI) or a skip.
have() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "${CI:-}" = true ]; then
        echo "static $1: FAIL, not installed (CI=true: a missing analysis tool fails the run)"
        status=1
    else
        echo "static $1: SKIPPED, not installed (sh scripts/ensure-deps.sh): no finding was looked for"
        skipped=$((skipped + 1))
    fi
    return 1
}

report() { # TOOL LOG
    n=$(grep -cE '(warning|error|style|performance|portability):' "$2" || true)
    echo "static $1: $nunits files, $n findings"
    if [ "$n" -ne 0 ]; then
        grep -E '(warning|error|style|performance|portability):' "$2" | sort -u | head -40
        status=1
    fi
}

# gcc -fanalyzer: path-sensitive double frees, NULL dereferences, use of
# uninitialised values.  Off: -Wanalyzer-malloc-leak, because gcc 12 loses
# track of pointers stored into a realloc()ed array (src/system/system.c
# grow()) and reports each such strdup() as a leak; leaks are caught at run
# time instead, by LeakSanitizer in the ASan build and by valgrind-golden.
while IFS='	' read -r dir file args; do
    printf '%s\n' "cd '$dir' && gcc $args -fanalyzer -Wno-analyzer-malloc-leak -fdiagnostics-plain-output -c '$file' -o /dev/null"
done <"$work/units" >"$work/gcc.cmds"
tr '\n' '\0' <"$work/gcc.cmds" | xargs -0 -P "$jobs" -I{} sh -c '{}' >"$work/gcc.log" 2>&1
report gcc-fanalyzer "$work/gcc.log"

# clang-tidy with the checked-in .clang-tidy (it lists and explains what is off).
if have clang-tidy; then
    cut -f2 "$work/units" | tr '\n' '\0' |
        xargs -0 -P "$jobs" -n 4 clang-tidy -p "$build" --quiet >"$work/tidy.log" 2>/dev/null
    report clang-tidy "$work/tidy.log"
fi

# cppcheck over the same units.  Suppressed, with reasons:
#   missingIncludeSystem  system headers are not cppcheck's to parse
#   unusedFunction        public API functions are used by other programs
#   unmatchedSuppression  the list is shared by files that do not all hit it
#   checkersReport        an informational summary, not a finding
#   syntaxError in src/ops/defs/hvm_op.def  cppcheck 2.10's preprocessor
#                         cannot expand XSMC_ALTP2M_OP (a macro that calls
#                         the variadic XSMC_OP with gate macros); gcc and
#                         clang compile it, and catalogue.c is a data table
cut -f2 "$work/units" >"$work/files"
if have cppcheck; then
    cppcheck --quiet --std=c11 --enable=warning,performance,portability \
        --inline-suppr --template='{file}:{line}: {severity}: [{id}] {message}' \
        -D_GNU_SOURCE -Iinclude -Isrc/policy -Isrc/config -Isrc/cli -Isrc/system \
        --suppress=missingIncludeSystem --suppress=unusedFunction \
        --suppress=unmatchedSuppression --suppress=checkersReport \
        --suppress=syntaxError:*hvm_op.def \
        -j "$jobs" --file-list="$work/files" >"$work/cppcheck.log" 2>&1
    report cppcheck "$work/cppcheck.log"
fi

if [ $status -eq 0 ] && [ $skipped -ne 0 ]; then
    echo "static: $skipped tool(s) skipped"
    exit 77
fi
exit $status
