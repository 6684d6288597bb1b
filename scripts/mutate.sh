#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Mutation check of the hook catalogue: change one cell of
# include/xsmcap/hooks.def at a time (one profile's action, the target kind,
# the SILO flag) in a scratch copy of the tree, rebuild what reads those
# cells, run the tests that should notice, and report for each mutant
# whether some test failed (killed) or none did (survived).
#
#   sh scripts/mutate.sh [--sample] [BUILD-DIR]
#
#   --sample   the fixed sample below (make check: every one must be killed)
#              instead of every mutant (each action cell to each of the 7
#              other actions, each target kind to the 2 others, each SILO
#              flag flipped: 2,697 mutants, about two hours on 2 cores)
#   BUILD-DIR  a built plain build directory (default build); its objects and
#              link lines are reused
#
# Only src/policy/hooks.c expands the cells (the rest of the tree sees the
# hook names alone), so each mutant recompiles that one file from the
# scratch copy into a small shared object; the tests are relinked once,
# with that object ahead of the library, and load each mutant's.  The tests
# run are test-hooks (the columns against tests/data/xsm-hooks.csv),
# test-properties, test-hook-logic and test-differential on the mutated
# hook's requests (test-fast-path compares the engine with itself, so no
# catalogue mutant can fail it).  One line per mutant, then the kill rate,
# overall and without test-hooks (behaviour alone).  Exit 0 if every mutant
# was killed, 1 if one survived, 2 on a setup error.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
sample=0
[ "${1:-}" = --sample ] && { sample=1; shift; }
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "mutate: no build directory ${1:-build}"; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "mutate: $build is not a meson build directory"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM

tests="tests/engine/test-hooks tests/engine/test-properties tests/engine/test-hook-logic
tests/hardening/test-differential"
# shellcheck disable=SC2086
ninja -C "$build" $tests >"$work/ninja.log" 2>&1 || { cat "$work/ninja.log"; exit 2; }

# The scratch copy: the sources hooks.c is compiled from.
mkdir -p "$work/tree" "$work/bin"
tar -C "$root" -cf - include src | tar -C "$work/tree" -xf -
def=$work/tree/include/xsmcap/hooks.def
cp "$def" "$work/hooks.def.orig"

# hooks.c's compile line, its include paths moved to the scratch copy.
python3 - "$build" "$root" "$work" >"$work/compile" <<'EOF' || exit 2
import json, os, shlex, sys
build, root, work = sys.argv[1:]
entry = [e for e in json.load(open(os.path.join(build, "compile_commands.json")))
         if os.path.normpath(os.path.join(e["directory"], e["file"])) ==
         os.path.join(root, "src/policy/hooks.c")][0]
args, out, skip = shlex.split(entry["command"]), [], False
for a in args:
    if skip:
        skip = False
    elif a in ("-o", "-MF", "-MQ"):
        skip = True
    elif a in ("-MD", "-c", "-fdiagnostics-color=always") or a == entry["file"]:
        pass
    elif a.startswith("-I") and \
            not os.path.normpath(os.path.join(entry["directory"], a[2:])).startswith(build):
        pass  # a source-tree include: the scratch copy's replace it
    else:
        out.append(a)
out[1:1] = ["-I" + work + "/tree/include", "-I" + work + "/tree/src/policy"]
out += ["-c", work + "/tree/src/policy/hooks.c", "-o", work + "/hooks.o"]
print("cd " + shlex.quote(entry["directory"]) + " && " + " ".join(shlex.quote(a) for a in out))
EOF

# hooks.c into libmuthooks.so: the catalogue the relinked tests load.
build_hooks() {
    sh "$work/compile" && cc -shared -o "$work/libmuthooks.so" "$work/hooks.o"
}
build_hooks >"$work/log" 2>&1 </dev/null || { cat "$work/log"; exit 2; }

# Each test relinked once, libmuthooks.so ahead of the library, so that the
# library's own hooks.c is never linked in.
for t in $tests; do
    b=$(basename "$t")
    ninja -C "$build" -t commands "$t" | tail -1 |
        sed "s|-o $t |-o $work/bin/$b |; s|-Wl,--start-group|-Wl,--no-as-needed $work/libmuthooks.so -Wl,--as-needed -Wl,-rpath,$work &|" |
        sed "s|^|cd '$build' \&\& |" >"$work/link-$b"
    sh "$work/link-$b" >"$work/log" 2>&1 </dev/null || { cat "$work/log"; exit 2; }
    nm "$work/bin/$b" | grep -q ' U xsmc_hook_info$' ||
        { echo "mutate: $b does not take the catalogue from libmuthooks.so"; exit 2; }
done

# run_tests HOOK: the tests that fail against the current libmuthooks.so
# (test-differential on HOOK's requests), into $failed_tests.
run_tests() {
    failed_tests=""
    for t in $tests; do
        b=$(basename "$t")
        arg=$root/tests/data
        [ "$b" = test-differential ] && arg="$root/tests/data/xsm-hooks.csv $1"
        # shellcheck disable=SC2086
        "$work/bin/$b" $arg >"$work/log" 2>&1 </dev/null || failed_tests="$failed_tests ${b#test-}"
    done
}

# The unmutated catalogue must pass them all, or no kill would mean anything.
run_tests platform_op
[ -z "$failed_tests" ] || { echo "mutate: the unmutated catalogue fails:$failed_tests"; exit 2; }

# Mutants: "ROW COLUMN FROM TO" (ROW the hook name, COLUMN one of upstream hwpriv
# hwpriv-dm hwpriv-v2 target silo); --sample takes the fixed list instead.
python3 - "$def" >"$work/all" <<'EOF'
import re, sys
actions = ["HOOK", "DM_PRIV", "TARGET", "PRIV", "XS_PRIV", "HW_PRIV", "OTHER", "NONE"]
columns = ["upstream", "hwpriv", "hwpriv-dm", "hwpriv-v2"]
row = re.compile(r'^XSMC_HOOK\(\s*(\w+),\s*\w+,\s*(\w+),\s*(\w+),\s*(\w+),\s*(\w+),\s*"[^"]*",\s*(\w+),\s*(\w+),')
for line in open(sys.argv[1]):
    m = row.match(line)
    if not m:
        continue
    name, cells = m.group(1), m.groups()[1:]
    for col, cur in zip(columns, cells[:4]):
        for a in actions:
            if a != cur:
                print(name, col, cur, a)
    for t in ("T_NONE", "T_DOMAIN", "T_SELF"):
        if t != cells[4]:
            print(name, "target", cells[4], t)
    print(name, "silo", cells[5], "S_NO" if cells[5] == "S_SILO" else "S_SILO")
EOF
if [ $sample = 1 ]; then
    # The issue's two examples, each kind of cell, every profile, the hooks
    # with their own logic; each line must be a mutant of the full list.
    cat >"$work/mutants" <<'EOF'
getdomaininfo hwpriv XS_PRIV PRIV
memory_exchange target T_DOMAIN T_NONE
grant_mapref silo S_SILO S_NO
grant_unmapref silo S_NO S_SILO
platform_op hwpriv-v2 HW_PRIV PRIV
resource_setup_gsi upstream PRIV HW_PRIV
dm_op hwpriv-dm DM_PRIV TARGET
get_domain_state upstream XS_PRIV TARGET
console_io upstream OTHER PRIV
sysctl hwpriv-dm OTHER PRIV
hvm_param hwpriv-v2 OTHER TARGET
pmu_op target T_SELF T_DOMAIN
evtchn_send target T_NONE T_DOMAIN
argo_send upstream NONE HOOK
EOF
    while read -r m; do
        grep -qx "$m" "$work/all" || { echo "mutate: sample '$m' is not a mutant of hooks.def"; exit 2; }
    done <"$work/mutants"
else
    cp "$work/all" "$work/mutants"
fi

# Write hooks.def with one cell changed: NAME COLUMN TO.  Cells are the
# comma-separated fields of the row (no quoted string before them holds a
# comma; the T_ and S_ checks would catch one).
mutate() {
    awk -v name="$1" -v col="$2" -v to="$3" '
        BEGIN {
            k["upstream"] = 3; k["hwpriv"] = 4; k["hwpriv-dm"] = 5; k["hwpriv-v2"] = 6
            k["target"] = 8; k["silo"] = 9
        }
        $0 ~ "^XSMC_HOOK\\(" name "," {
            n = split($0, f, ",")
            if (f[8] !~ /T_[A-Z]+/ || f[9] !~ /S_[A-Z]+/) exit 1
            sub(/[A-Z_]+/, to, f[k[col]])
            line = f[1]
            for (i = 2; i <= n; i++) line = line "," f[i]
            print line
            next
        }
        { print }' "$work/hooks.def.orig" >"$def"
}

total=0
killed=0
by_behaviour=0
while read -r name col from to; do
    total=$((total + 1))
    mutate "$name" "$col" "$to" </dev/null || { echo "mutate: cannot change $name's $col cell"; exit 2; }
    cmp -s "$def" "$work/hooks.def.orig" && { echo "mutate: $name $col $to changed nothing"; exit 2; }
    if build_hooks >"$work/log" 2>&1 </dev/null; then
        run_tests "$name"
        killers=$failed_tests
    else
        killers=" build"
    fi
    if [ -n "$killers" ]; then
        killed=$((killed + 1))
        [ "$killers" = " hooks" ] || by_behaviour=$((by_behaviour + 1))
        echo "killed   $name $col $from->$to:$killers"
    else
        echo "SURVIVED $name $col $from->$to"
    fi
done <"$work/mutants"

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", b ? 100 * a / b : 0 }'; }
echo "mutants: $total, killed $killed ($(pct $killed $total)), survived $((total - killed));" \
    "killed by a behaviour test (not only test-hooks' column check): $by_behaviour ($(pct $by_behaviour $total))"
[ $killed -eq $total ]
