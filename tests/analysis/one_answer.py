#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""One answer, every verb (issue 11 point 7).

For each system (the embedded default, every corpus configuration that
loads, and generated inline systems covering every architecture, every x86
guest type, the defconfig and a given Kconfig), under several profiles with
and without SILO: the matrix cell, `can SRC`, `who-can OP` and `who-can OP
--on TARGET` must agree on every (domain, operation, target), and `query`
must agree on a deterministic sample of cells.  The verbs are run as a user
runs them, and their JSON compared.

usage: one_answer.py XSMCAP CORPUS_DIR DATA_DIR [SANITIZE]

Under a sanitized build (SANITIZE not none) each system is checked under
one of the three profiles in turn rather than all three: the sanitizers
look for memory errors on every system's paths, and the normal build
compares every profile.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

XSMCAP, CORPUS, DATA = sys.argv[1:4]
SANITIZED = len(sys.argv) > 4 and sys.argv[4] != "none"
failures = []
TMP = None
checked = {"cells": 0, "queries": 0, "systems": 0, "flask": 0}


def run(args):
    p = subprocess.run([XSMCAP] + args, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def js(args):
    rc, out, err = run(args + ["--format", "json"])
    if rc not in (0, 1):
        raise RuntimeError("xsmcap %s: exit %d: %s" % (" ".join(args), rc, err.strip()))
    return json.loads(out)


def fail(msg):
    if len(failures) < 40:
        print("FAIL: " + msg)
    failures.append(msg)


def check_system(sel, label, profile, silo, sample):
    opts = sel + ["--profile", profile] + (["--silo"] if silo else [])
    m = js(["matrix"] + opts)
    doms = [d["name"] for d in m["domains"]]
    if not doms:
        return
    # the matrix: op -> src -> set of targets (or bool)
    cells = {}
    for op in m["operations"]:
        if op["targeted"]:
            cells[op["name"]] = {s: set(t) for s, t in op["allow"].items()}
        else:
            cells[op["name"]] = {s: s in op["allow"] for s in doms}
    targeted = {op["name"]: op["targeted"] for op in m["operations"]}
    # can SRC: every allowed operation with its targets; every other one denied
    for src in doms:
        c = js(["can"] + opts + [src])
        allowed = {o["name"]: set(o.get("on", [])) for o in c["allowed"]}
        denied = {o["name"] for o in c["denied"]}
        for name, per in cells.items():
            want = per[src]
            if targeted[name]:
                got = allowed.get(name, set())
                if got != want:
                    fail("%s %s: can %s %s on %s, matrix %s" % (label, profile, src, name, sorted(got), sorted(want)))
            elif (name in allowed) != want:
                fail("%s %s: can %s %s %s, matrix %s" % (label, profile, src, name, name in allowed, want))
            if (name in allowed) == (name in denied):
                fail("%s: can %s lists %s %s" % (label, src, name, "twice" if name in allowed else "nowhere"))
            checked["cells"] += len(doms) if targeted[name] else 1
    # who-can OP (and --on T) for a sample of the operations
    for name in sample.sample(sorted(cells), min(16, len(cells))):
        per = cells[name]
        w = js(["who-can"] + opts + [name])
        if targeted[name]:
            got = {d["domain"]["name"]: set(d["on"]) for d in w["allowed"]}
            want = {s: t for s, t in per.items() if t}
            if got != want:
                fail("%s %s: who-can %s %s, matrix %s" % (label, profile, name, got, want))
            for t in sample.sample(doms, 1):
                w = js(["who-can"] + opts + ["--on", t, name])
                got = {d["domain"]["name"] for d in w["allowed"]}
                want = {s for s, ts in per.items() if t in ts}
                if got != want:
                    fail("%s %s: who-can %s --on %s %s, matrix %s" % (label, profile, name, t, sorted(got), sorted(want)))
        else:
            got = {d["domain"]["name"] for d in w["allowed"]}
            want = {s for s, ok in per.items() if ok}
            if got != want:
                fail("%s %s: who-can %s %s, matrix %s" % (label, profile, name, sorted(got), sorted(want)))
    # query on a sample of cells
    names = sorted(cells)
    for _ in range(12):
        name = sample.choice(names)
        src = sample.choice(doms)
        args = ["query"] + opts + ["--as", src]
        if targeted[name]:
            tgt = sample.choice(doms)
            args += ["--on", tgt]
            want = tgt in cells[name][src]
        else:
            want = cells[name][src]
        q = js(args + [name])
        checked["queries"] += 1
        if (q["decision"] == "allow") != want:
            fail("%s %s: query %s %s: %s, matrix %s" % (label, profile, " ".join(args[3:]), name, q["decision"], want))
    checked["systems"] += 1


def systems():
    yield [], "builtin"
    for f in sorted(os.listdir(CORPUS)):
        ext = f.rsplit(".", 1)[-1]
        if ext not in ("dts", "dtsi", "dtso", "cfg"):
            continue
        path = os.path.join(CORPUS, f)
        if ext == "dts":
            # compiled once, so that every verb below reads the blob rather than running dtc
            blob = os.path.join(TMP, f + ".dtb")
            if subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", blob, path],
                              stderr=subprocess.DEVNULL).returncode == 0:
                path = blob
        rc, out, _ = run(["check", path, "--iommu", "yes", "--format", "json"])
        if rc != 0:
            continue
        if any(d["rule"] == "xsm-flask" for d in json.loads(out)["diagnostics"]):
            # Xen boots it with Flask: the decision verbs refuse it (cli-analysis covers that)
            checked["flask"] += 1
            continue
        yield [path, "--iommu", "yes"], f
    yield ["--arch", "x86_64", "--system", "ctl:control@pvh;hw:hardware,xenstore@pv;g@hvm;p@pvh;dm>g"], "x86 types"
    yield ["--arch", "x86_64", "--system", "dom0:control,hardware,xenstore;g1;g2@hvm;stub@pv>g2"], "x86 classic"
    yield ["--arch", "arm32", "--system", "hw:hardware;ctl:control;xs:xenstore;g;dm>g"], "arm32 split"
    yield ["--kconfig", os.path.join(DATA, "xen-arm64-ioreq.config"),
           "--system", "hw:hardware,xenstore;g;dm>g;ctl:control"], "arm64 given .config"


def main():
    rng = random.Random(11)
    global TMP
    TMP = tempfile.mkdtemp(prefix="one-answer-")
    for i, (sel, label) in enumerate(systems()):
        # SILO needs CONFIG_XSM_SILO, which x86's defconfig leaves off
        has_silo = js(["matrix"] + sel)["platform"]["arch"] != "x86_64" or "--kconfig" in sel
        profiles = (("hwpriv", False), ("upstream", has_silo), ("hwpriv-v2", False))
        if SANITIZED:
            profiles = (profiles[i % 3],)
        for profile, silo in profiles:
            check_system(sel, label, profile, silo, rng)
    print("%d systems x profiles, %d cells compared across matrix, can and who-can, %d queries; %d disagreements"
          " (%d corpus files boot Flask: no default-policy answer)"
          % (checked["systems"], checked["cells"], checked["queries"], len(failures), checked["flask"]))
    shutil.rmtree(TMP, ignore_errors=True)
    if checked["systems"] < (20 if not SANITIZED else 10) or checked["queries"] < (200 if not SANITIZED else 100):
        print("FAIL: fewer systems or queries than the test is meant to cover")
        return 1
    return 1 if failures else 0


sys.exit(main())
