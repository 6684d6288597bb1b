#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The relationship diagram shows every edge of the model (issue 15 points 5 and 6).

For each system, the edges expected are worked out from what other verbs
say, not from the diagram's code: `matrix --format json` gives every
(source, operation, target) cell, so a power edge a -> b exists when a may
perform at least one operation on b (its count is how many); `check
--format json` gives each domain's target (device model -> guest) and its
static shared memory ids (an undirected edge per pair sharing an id).
Then:

- `report --format dot` is rendered by Graphviz (`dot -Tsvg`, Debian's
  graphviz) and the edges of the SVG it draws (kind, ends, count) must be
  exactly those;
- the HTML report's inline SVG must draw exactly the same edges, and show
  validation and lints before the matrix.

A system past 24 domains is drawn by role class; there the DOT and the
HTML must agree with each other, and the classes with `matrix`'s count.

usage: diagram.py XSMCAP TESTS_DIR OUT_DIR
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

XSMCAP, TESTS, OUT = sys.argv[1:4]
os.makedirs(OUT, exist_ok=True)
failures = []
counted = {"systems": 0, "edges": 0}

if not shutil.which("dot"):
    if os.environ.get("CI"):
        print("FAIL: Graphviz's dot is missing (scripts/ensure-deps.sh installs graphviz)")
        sys.exit(1)
    print("SKIP: Graphviz's dot is not installed")
    sys.exit(77)


def fail(msg):
    if len(failures) < 40:
        print("FAIL: " + msg)
    failures.append(msg)


def run(args, fmt="json"):
    cmd = [XSMCAP] + args + (["--format", fmt] if fmt else [])
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=TESTS, timeout=300)
    if p.returncode not in (0, 1):
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return p.stdout


def expected(sel):
    """{(kind, a, b): (count, peer)} from matrix and check."""
    m = json.loads(run(["matrix"] + sel))
    names = [d["name"] for d in m["domains"]]
    ops = {}
    for op in m["operations"]:
        if not op["targeted"]:
            continue
        for src, targets in op["allow"].items():
            for t in targets:
                if t != src:
                    ops.setdefault((src, t), set()).add(op["name"])
    pairs = [(a, b) for a in names for b in names if a != b]
    every = set.intersection(*(ops.get(p, set()) for p in pairs)) if pairs else set()
    edges = {("power", a, b): (len(s), s == every) for (a, b), s in ops.items()}
    c = json.loads(run(["check"] + sel))
    for d in c["domains"]:
        if d["target"] and d["target"] != d["name"]:
            edges[("dm", d["name"], d["target"])] = (1, False)
    doms = c["domains"]
    for i, a in enumerate(doms):
        for b in doms[i + 1:]:
            n = sum(x["id"] == y["id"] for x in a["boot"]["shared_memory"] for y in b["boot"]["shared_memory"])
            if n:
                edges[("shm", a["name"], b["name"])] = (n, False)
    return edges, len(names)


def dot_edges(sel, label):
    dot = run(["report"] + sel, "dot")
    path = os.path.join(OUT, label + ".dot")
    with open(path, "w") as f:
        f.write(dot)
    p = subprocess.run(["dot", "-Tsvg", path], capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail("%s: dot -Tsvg refused the DOT: %s" % (label, p.stderr.strip()[:300]))
        return {}, 0
    with open(os.path.join(OUT, label + ".svg"), "w") as f:
        f.write(p.stdout)
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(p.stdout)
    edges, nodes = {}, 0
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        cls = (g.get("class") or "").split()
        if "node" in cls:
            nodes += 1
        if "edge" not in cls:
            continue
        a, b = g.find("s:title", ns).text.split("->")
        texts = [t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text")]
        kind = cls[1]
        count = 1 if kind == "dm" else int(re.match(r"\d+", texts[0]).group(0))
        edges[(kind, a, b)] = (count, "peer" in cls)
    return edges, nodes


def html_report(sel, label):
    path = os.path.join(OUT, label + ".html")
    run(["report"] + sel + ["--html", path], None)
    with open(path) as f:
        page = f.read()
    svg = re.search(r'<svg id="diagram".*?</svg>', page, re.S)
    if not svg:
        fail("%s: no diagram in the HTML report" % label)
        return {}, page
    edges = {}
    paths = re.findall(r'<path class="edge ([a-z ]+)" data-from="([^"]*)" data-to="([^"]*)" '
                       r'data-count="(\d+)"', svg.group(0))
    for cls, a, b, n in paths:
        kinds = cls.split()
        key = (kinds[0], html.unescape(a), html.unescape(b))
        if key in edges:
            fail("%s: the HTML diagram draws %s twice" % (label, key))
        edges[key] = (int(n), "peer" in kinds)
    declared = int(re.search(r'data-edges="(\d+)"', svg.group(0)).group(1))
    if declared != len(paths):
        fail("%s: the HTML diagram declares %d edges and draws %d" % (label, declared, len(paths)))
    return edges, page


def check_order(page, label):
    where = [page.find(m) for m in ('id="validation"', 'id="lints"', 'id="matrix-section"')]
    if -1 in where or where != sorted(where):
        fail("%s: the HTML report does not show validation, then lints, before the matrix" % label)


def compare(label, what, got, want):
    for key in sorted(set(want) - set(got)):
        fail("%s: %s lacks %s %s" % (label, what, key, want[key]))
    for key in sorted(set(got) - set(want)):
        fail("%s: %s has %s %s that the model does not" % (label, what, key, got[key]))
    for key in sorted(set(got) & set(want)):
        if got[key] != want[key]:
            fail("%s: %s draws %s as %s, the model says %s" % (label, what, key, got[key], want[key]))


SYSTEMS = [
    ([], "builtin"),
    (["--silo"], "builtin-silo"),
    (["--profile", "upstream"], "builtin-upstream"),
    (["corpus/synthetic-arm-split-hwdom-xenstore-plus-control.dts", "--iommu", "yes"], "split"),
    (["corpus/synthetic-x86-hyperlaunch-hwxs-dom0-control-dom3.dts"], "hyperlaunch"),
    (["config/data/shmem-good.dts"], "shmem"),
    (["config/data/shmem-good.dts", "--silo"], "shmem-silo"),
    (["--arch", "x86_64", "--system", "ctl:control@pvh;hw:hardware,xenstore@pv;g@hvm;dm>g;p@pvh"], "x86"),
]


def main():
    for sel, label in SYSTEMS:
        want, ndoms = expected(sel)
        got, nodes = dot_edges(sel, label)
        if nodes != ndoms:
            fail("%s: the DOT draws %d nodes for %d domains" % (label, nodes, ndoms))
        compare(label, "the DOT", got, want)
        got, page = html_report(sel, label)
        compare(label, "the HTML diagram", got, want)
        check_order(page, label)
        counted["systems"] += 1
        counted["edges"] += len(want)
    # past 24 domains: role classes, the same edges in both drawings
    spec = ";".join(["ctl:control", "hw:hardware,xenstore"] + ["g%d" % i for i in range(30)] + ["dm>g0"])
    sel = ["--system", spec]
    classes = json.loads(run(["matrix", "--summary"] + sel))["class_count"]
    got_dot, nodes = dot_edges(sel, "classes")
    got_html, page = html_report(sel, "classes")
    if nodes != classes:
        fail("classes: the DOT draws %d nodes for %d role classes" % (nodes, classes))
    compare("classes", "the HTML diagram (against the DOT)", got_html, got_dot)
    check_order(page, "classes")
    if not any(k[1] == k[2] for k in got_dot):
        fail("classes: no class is drawn acting on its other members")
    print("%d systems, %d edges checked in DOT (rendered by dot) and in the HTML; role classes "
          "agree; %d failures" % (counted["systems"], counted["edges"], len(failures)))
    if counted["edges"] < 50:
        fail("fewer edges than the test is meant to cover")
    return 1 if failures else 0


sys.exit(main())
