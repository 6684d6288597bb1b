#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every JSON output validates against its schema (issue 15 point 3).

Validated: the stdout of every CLI golden case that asks --format json
(tests/cli/golden/SUBJECT/NAME.out), and what each verb writes as JSON for
the embedded default and for every corpus configuration.  The schema of an
output is named by its first member, "schema": "xsmcap-NAME/1", and lives
in docs/schema/NAME.json.  Every schema there must validate at least one
output, so a schema cannot go stale unnoticed.

Needs Debian's python3-jsonschema (draft 2020-12).  Without it the test is
skipped (exit 77), except under CI (CI set in the environment), where a
missing validator is a failure.

usage: json_schema.py XSMCAP TESTS_DIR SCHEMA_DIR
       json_schema.py --files SCHEMA_DIR FILE...   (validate those outputs only:
                                                    the live stage's probe JSON)
"""
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

FILES = sys.argv[1] == "--files"
if FILES:
    XSMCAP, TESTS, SCHEMAS = None, None, sys.argv[2]
else:
    XSMCAP, TESTS, SCHEMAS = sys.argv[1:4]

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI"):
        print("FAIL: python3-jsonschema is missing (scripts/ensure-deps.sh installs it)")
        sys.exit(1)
    print("SKIP: python3-jsonschema is not installed")
    sys.exit(77)

failures = []
validated = {}


def fail(msg):
    if len(failures) < 40:
        print("FAIL: " + msg)
    failures.append(msg)


def load_schemas():
    store = {}
    for path in sorted(glob.glob(os.path.join(SCHEMAS, "*.json"))):
        with open(path) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        store[schema["$id"]] = schema
    return store


STORE = load_schemas()
BASE = "https://xsmcap.invalid/schema/"


def validator(name):
    schema = STORE[BASE + name + ".json"]
    try:
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in STORE.items())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # jsonschema before 4.18 (Debian 12 has 4.10)
        resolver = jsonschema.RefResolver.from_schema(schema, store=STORE)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


VALIDATORS = {}


def check(text, where):
    try:
        doc = json.loads(text)
    except ValueError as e:
        fail("%s: not JSON: %s" % (where, e))
        return
    if not isinstance(doc, dict) or not str(doc.get("schema", "")).startswith("xsmcap-"):
        fail("%s: the first member is not \"schema\": \"xsmcap-NAME/1\"" % where)
        return
    if next(iter(doc)) != "schema":
        fail("%s: \"schema\" is not the first member" % where)
    ident = doc["schema"]
    name = ident[len("xsmcap-"):].rsplit("/", 1)[0]
    if BASE + name + ".json" not in STORE or ident != "xsmcap-%s/1" % name:
        fail("%s: no schema docs/schema/%s.json for %s" % (where, name, ident))
        return
    v = VALIDATORS.setdefault(name, validator(name))
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:3]:
        fail("%s (%s): %s at /%s" % (where, ident, e.message[:200],
                                     "/".join(str(p) for p in e.absolute_path)))
    validated[name] = validated.get(name, 0) + 1


def goldens():
    for cases in sorted(glob.glob(os.path.join(TESTS, "cli", "cases", "*.txt"))):
        subject = os.path.basename(cases)[:-4]
        with open(cases) as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                name, args = line.rstrip("\n").split("\t", 1)
                words = shlex.split(args)
                if "--format" not in words or words[words.index("--format") + 1:][:1] != ["json"]:
                    continue
                path = os.path.join(TESTS, "cli", "golden", subject, name + ".out")
                with open(path) as g:
                    out = g.read().split("--- stderr\n", 1)[0]
                if out.strip():
                    check(out, "golden %s/%s" % (subject, name))


def run(args, where):
    p = subprocess.run([XSMCAP] + args + ["--format", "json"], capture_output=True, text=True,
                       timeout=300, cwd=TESTS)
    if p.returncode not in (0, 1, 2):
        fail("%s: exit %d: %s" % (where, p.returncode, p.stderr.strip()[:200]))
    elif p.stdout.strip():
        check(p.stdout, where)
    elif p.returncode != 2:
        fail("%s: exit %d and no JSON" % (where, p.returncode))


def corpus():
    run(["hooks"], "hooks")
    run(["ops"], "ops")
    run(["check", "--list-rules"], "check --list-rules")
    run(["lint", "--list-rules"], "lint --list-rules")
    run(["query", "--as", "dm1", "--on", "domu1", "XEN_DMOP_nr_vcpus"], "query op")
    run(["query", "--as", "ctl", "--subop", "1", "console_io"], "query hook")
    run(["report", "--profile", "upstream"], "report upstream")
    run(["diff", "--system", "d:control,hardware,xenstore;g", "--to-system", "hw:hardware;c:control;g",
         "--map", "d=hw,c"], "diff split")
    run(["diff", "--from", "upstream", "--to", "hwpriv", "--summary"], "diff --summary")
    run(["flask", "--verify", "--profile", "hwpriv-v2", "--silo"], "flask --verify")
    out = tempfile.mkdtemp(prefix="json-schema-flask-")
    run(["flask", "-o", out], "flask -o")
    shutil.rmtree(out, ignore_errors=True)
    for path in [""] + sorted(glob.glob(os.path.join(TESTS, "corpus", "*"))):
        if path and not path.endswith((".dts", ".dtsi", ".dtso", ".cfg")):
            continue
        sel = [path, "--iommu", "yes"] if path else []
        label = os.path.basename(path) or "builtin"
        run(["check"] + sel, "check " + label)
        run(["lint"] + sel, "lint " + label)
        p = subprocess.run([XSMCAP, "check", "--format", "json"] + sel, capture_output=True, cwd=TESTS)
        if p.returncode != 0:
            continue
        run(["report"] + sel, "report " + label)
        if any(d["rule"] == "xsm-flask" for d in json.loads(p.stdout)["diagnostics"]):
            continue  # Xen boots it with Flask: the decision verbs refuse it
        run(["matrix"] + sel, "matrix " + label)
        run(["diff"] + sel + ["--from", "upstream", "--to", "hwpriv-v2"], "diff " + label)
        m = json.loads(subprocess.run([XSMCAP, "matrix", "--format", "json"] + sel,
                                      capture_output=True, text=True, cwd=TESTS).stdout)
        if m.get("domains"):
            run(["can", m["domains"][0]["name"]] + sel, "can " + label)
            run(["who-can", m["operations"][0]["name"]] + sel, "who-can " + label)


def main_files():
    for path in sys.argv[3:]:
        with open(path) as f:
            check(f.read(), path)
    print("%d outputs validated; %d failures" % (sum(validated.values()), len(failures)))
    return 1 if failures or not validated else 0


def main():
    if FILES:
        return main_files()
    # the check can fail: a document missing what its schema requires is refused
    if not list(validator("can").iter_errors({"schema": "xsmcap-can/1"})):
        fail("the validator accepts an empty can document")
    goldens()
    corpus()
    # probe's JSON needs a boot of the real Xen: the live stage validates it (tests/live/live_model.c)
    unused = sorted(os.path.basename(u)[:-5] for u in STORE
                    if u not in (BASE + "common.json", BASE + "probe.json")
                    and os.path.basename(u)[:-5] not in validated)
    for name in unused:
        fail("no output was validated against docs/schema/%s.json" % name)
    print("%d outputs validated against %d schemas; %d failures"
          % (sum(validated.values()), len(validated), len(failures)))
    return 1 if failures else 0


sys.exit(main())
