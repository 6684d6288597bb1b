#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Review the CLI goldens against the truth tables (issue 14).

The goldens of `matrix`, `who-can`, `can` and `query` (with --explain) were
written from xsmcap's own output (UPDATE=1).  This test recomputes every
allow/deny they show, and the errno where they print one, from a reference
built outside the code under test:

- the lattice: Xen's compiled tables and the closed forms of
  ../shared/reference/xsm-truth-tables.md (review_lattice.py);
- each hook's action per profile from ../shared/reference/xsm-hooks.csv, and
  the hooks with their own logic and SILO written from Xen's text
  (review_hooks.py);
- the operations' gates read structurally from `xsmcap ops --format json`
  and evaluated here (review_gates.py), on the system the golden shows
  (review_systems.py).

Prints "review: N cells in M goldens reviewed, K not reviewed (why), D
disagreements", then every disagreement.  Exit 1 on a disagreement or when
fewer than --floor cells were reviewed; 2 on bad input; 77 when the shared
references are absent (1 under CI=true).

usage: review_goldens.py XSMCAP TESTS_DIR REFERENCE_DIR [--cases DIR] [--golden DIR] [--floor N]
"""
import argparse
import collections
import json
import os
import shlex
import subprocess
import sys

from review_gates import Catalogue, Env
from review_hooks import Hooks
from review_lattice import DEFINED_CAPS, Lattice
from review_model import NotReviewed, System
from review_parse import (Skip, can_json, can_text, matrix_csv, matrix_json, matrix_text,
                          query_json, query_text, who_can_json, who_can_text)
from review_systems import BUILTIN_SPEC, KNOWN, from_config, parse_spec, with_kconfig

VERBS = ("matrix", "who-can", "can", "query")
CONFIG_SUFFIXES = (".dtb", ".dts", ".dtsi", ".dtso", ".cfg")
VALUED = {"--system", "--arch", "--kconfig", "--profile", "--format", "--as", "--on", "--remote",
          "--subop", "--iommu", "--target", "--output", "--html", "--to-system", "--from", "--to"}
READERS = {
    ("matrix", "json"): matrix_json, ("matrix", "csv"): matrix_csv, ("matrix", "text"): matrix_text,
    ("who-can", "text"): who_can_text, ("who-can", "json"): who_can_json,
    ("can", "text"): can_text, ("can", "json"): can_json,
    ("query", "text"): query_text, ("query", "json"): query_json,
}


class StopGolden(Exception):
    """The golden's header disagrees with the reference: its cells are not reviewed."""


class Case:
    def __init__(self, words):
        self.verb = words[0]
        self.opts = {}
        self.flags = set()
        self.positional = []
        i = 1
        while i < len(words):
            w = words[i]
            if w in VALUED and i + 1 < len(words):
                self.opts.setdefault(w, []).append(words[i + 1])
                i += 2
                continue
            if w.startswith("--"):
                self.flags.add(w)
            else:
                self.positional.append(w)
            i += 1
        self.config = next((p for p in self.positional if p.endswith(CONFIG_SUFFIXES)), None)
        rest = [p for p in self.positional if p != self.config]
        self.op = rest[0] if rest and self.verb in ("query", "who-can") else None
        self.src = rest[0] if rest and self.verb == "can" else None
        one = lambda k: self.opts.get(k, [None])[-1]
        self.spec, self.arch, self.kconfig = one("--system"), one("--arch"), one("--kconfig")
        self.profile = one("--profile") or "hwpriv"
        self.fmt = one("--format") or "text"
        self.as_, self.on, self.remote, self.subop = one("--as"), one("--on"), one("--remote"), one("--subop")
        self.silo = "--silo" in self.flags
        self.explain = "--explain" in self.flags
        self.output = one("--output") or one("--html")


class Review:
    def __init__(self):
        self.cells = 0
        self.errnos = 0
        self.goldens = 0
        self.totals = 0
        self.not_reviewed = collections.Counter()
        self.goldens_skipped = collections.Counter()
        self.bad_input = 0
        self.disagreements = []

    def disagree(self, golden, src, op, tgt, says, ref, why):
        self.disagreements.append((golden, src, op, tgt, says, ref, why))


class Ctx:
    """One golden under review: its case, the reference's system, and the checks of its header."""

    def __init__(self, name, case, system, env, catalogue, review):
        self.name, self.case, self.system, self.env = name, case, system, env
        self.catalogue, self.review = catalogue, review

    def op(self, name):
        op = self.catalogue.find(name)
        if op is None:
            raise NotReviewed("operation %s is not in the catalogue" % name)
        return op

    def remote(self):
        return self.system.find(self.case.remote) if self.case.remote else None

    def check_header(self, h):
        want = (self.system.arch, self.env.profile, self.env.silo)
        got = (h.arch, h.profile, h.silo)
        if got != want:
            self.review.disagree(self.name, "-", "(header)", "-", "%s %s%s" % (
                h.arch, h.profile, " SILO" if h.silo else ""), "%s %s%s" % (
                self.system.arch, self.env.profile, " SILO" if self.env.silo else ""),
                "the platform, profile or module the system has (review_systems.py)")
            raise StopGolden("the golden's platform, profile or SILO differs from the reference's")

    def check_domains(self, shown):
        by_id = {d.domid: d for d in self.system.doms}
        for name, domid, caps, guest, target in shown:
            d = by_id.get(domid)
            want_caps = set() if caps == "none" else set(caps.split(","))
            tname = self.system.by_domid(d.target).name if d and d.target is not None else None
            if d is None or (d.name, set(d.caps), d.guest, tname) != (name, want_caps, guest, target):
                self.review.disagree(self.name, name, "(domains)", "-", "%s %s %s" % (caps, guest, target),
                                     "as the reference reads the system", "the system's domains")
                raise StopGolden("the golden's domains differ from the reference's")

    def check_operations(self, names):
        """A matrix lists the operations of its platform: those of another mean another platform."""
        want = {op["name"] for op in self.catalogue.on_arch(self.system.arch)}
        got = set(names)
        if got != want:
            extra, missing = sorted(got - want), sorted(want - got)
            self.review.disagree(self.name, "-", "(operations)", "-",
                                 "%d operations %s not on %s" % (len(extra), ", ".join(extra[:3]), self.system.arch),
                                 "%d of %s's missing: %s" % (len(missing), self.system.arch, ", ".join(missing[:3])),
                                 "the operations of the system's platform")
            raise StopGolden("the golden's operations are not those of the reference's platform")

    def cell_count(self):
        n = len(self.system.doms)
        return sum(n * n if op["target"] == "domain" else n
                   for op in self.catalogue.on_arch(self.system.arch))

    def check_total(self, op, count):
        ref = 0
        for src in self.system.doms:
            tgts = self.system.doms if op["target"] == "domain" else [None]
            for t in tgts:
                ref += self.catalogue.decide(self.env, op, src, t).allow
        self.review.totals += 1
        if ref != count:
            self.review.disagree(self.name, "*", op["name"], "*", "%d allowed" % count,
                                 "%d allowed" % ref, "the operation's count of allowed cells")

    def changed_env(self, kind, g):
        """The environment of an --explain what-if line, and its words for the report."""
        system, profile, silo = self.system, self.env.profile, self.env.silo
        if kind == "profile":
            return Env(system, g[0], silo), "under %s" % g[0]
        if kind == "silo":
            return Env(system, profile, g[0] == "with"), "%s SILO" % g[0]
        if kind == "cap":
            d = system.find(g[0])
            caps = set(d.caps) | {g[2]} if g[1] == "had" else set(d.caps) - {g[2]}
            if g[2] == "hardware" and g[1] == "had" and any(
                    "hardware" in o.caps for o in system.doms if o.domid != d.domid):
                # xsm-policy-versions.md sections 3-4: one hardware domain (a second panics or fails)
                raise NotReviewed("a what-if with two hardware domains, which Xen refuses")
            if not caps <= DEFINED_CAPS[profile]:
                raise NotReviewed("a what-if capability the profile does not define")
            return Env(system.replaced(d.changed(caps=caps)), profile, silo), "if %s %s %s" % g[:3]
        if kind == "dm":
            d, guest = system.find(g[0]), system.find(g[2])
            target = None if g[1] else guest.domid
            return Env(system.replaced(d.changed(target=target)), profile, silo), \
                "if %s were %sthe device model of %s" % (g[0], g[1] or "", g[2])
        if kind == "guest":
            d = system.find(g[0])
            return Env(system.replaced(d.changed(guest=g[1])), profile, silo), "if %s were %s" % g[:2]
        if kind == "kconfig":
            opt, on = g[0], g[1] == "on"
            if opt == "PV_SHIM_EXCLUSIVE":
                raise NotReviewed("CONFIG_PV_SHIM_EXCLUSIVE: not modelled by the truth tables "
                                  "(an x86 option, xen/arch/x86/Kconfig)")
            if opt not in KNOWN:
                raise NotReviewed("a what-if Kconfig option the reference does not know")
            kc = set(system.kconfig) | {opt} if on else set(system.kconfig) - {opt}
            changed = System(system.label, system.arch, system.doms, kc, system.kconfig_label)
            return Env(changed, profile, silo), "if CONFIG_%s %s" % (opt, g[1])
        raise NotReviewed("what-if %s" % kind)


def build_system(case, xsmcap, tests_dir):
    if case.config:
        extra = ["--profile", case.profile] + sum((["--iommu", v] for v in case.opts.get("--iommu", [])), []) \
            + sum((["--target", v] for v in case.opts.get("--target", [])), [])
        system = from_config(xsmcap, tests_dir, case.config, extra)
    else:
        system = parse_spec(case.spec or BUILTIN_SPEC, case.arch or "arm64", case.spec or "<builtin>")
    kconfig = os.path.join(tests_dir, case.kconfig) if case.kconfig else None
    return with_kconfig(system, kconfig)


def read_golden(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out, _, rest = text.partition("--- stderr\n")
    err, _, status = rest.rpartition("--- exit ")
    return out, err, int(status.strip())


def evaluate(cell, ctx, catalogue, hooks, review):
    env = cell.env or ctx.env
    if cell.hook:
        t = cell.tgt if hooks.takes_target(cell.hook) else None
        v = hooks.decide(env, cell.hook, cell.subop, 0, cell.src, t, cell.other or cell.src, cell.src)
        label = "xsm_" + cell.hook
    else:
        v = catalogue.decide(env, cell.op, cell.src, cell.tgt, cell.self_form, cell.other)
        label = cell.op["name"]
    review.cells += 1
    tgt = "DOMID_SELF" if cell.self_form else (cell.tgt.name if cell.tgt else "-")
    where = "%s%s" % (label, " (%s)" % cell.note if cell.note else "")
    if cell.says != v.word():
        review.disagree(ctx.name, cell.src.name, where, tgt, cell.says, v.text(), "allow/deny")
    elif not v.allow and cell.rc and not v.filtered:
        review.errnos += 1
        if cell.rc != v.rc:
            review.disagree(ctx.name, cell.src.name, where, tgt, "deny -%s" % cell.rc, v.text(), "errno")


def bad_input(name, case, err, catalogue, system, review):
    """An operation refused as absent from the platform must be absent on the reference's platform too."""
    op = catalogue.find(case.op) if case.op else None
    if op is None or "does not exist on" not in err or system is None:
        return
    review.cells += 1
    if catalogue.exists(op, system.arch):
        review.disagree(name, case.as_ or "-", op["name"], case.on or "-", "bad input: does not exist",
                        "exists on %s" % system.arch, "the system's platform")


def review_golden(name, words, golden, xsmcap, tests_dir, catalogue, hooks, review):
    out, err, status = read_golden(golden)
    review.goldens += 1
    case = Case(words)
    try:
        system = build_system(case, xsmcap, tests_dir)
    except NotReviewed as e:
        system = None
        reason = str(e)
    if status == 2:
        review.bad_input += 1
        bad_input(name, case, err, catalogue, system, review)
        return
    if case.output:
        review.goldens_skipped["output written to a file"] += 1
        return
    if system is None:
        review.goldens_skipped[reason] += 1
        return
    silo = case.silo or system.xsm == "silo"
    if system.xsm not in (None, "dummy", "silo"):
        review.goldens_skipped["xsm=%s: not the default policy" % system.xsm] += 1
        return
    env = Env(system, case.profile, silo)
    ctx = Ctx(name, case, system, env, catalogue, review)
    reader = READERS.get((case.verb, case.fmt))
    if reader is None:
        review.goldens_skipped["format %s of %s" % (case.fmt, case.verb)] += 1
        return
    try:
        for item in reader(out, ctx):
            if isinstance(item, Skip):
                review.not_reviewed[item.reason] += item.count
                continue
            try:
                evaluate(item, ctx, catalogue, hooks, review)
            except NotReviewed as e:
                review.not_reviewed[str(e)] += 1
    except StopGolden as e:
        review.not_reviewed[str(e)] += 1
    except NotReviewed as e:
        review.goldens_skipped["unreadable: %s" % e] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("xsmcap")
    ap.add_argument("tests_dir")
    ap.add_argument("reference_dir")
    ap.add_argument("--cases")
    ap.add_argument("--golden")
    ap.add_argument("--floor", type=int, default=60000)
    a = ap.parse_args()
    a.xsmcap = os.path.abspath(a.xsmcap)
    cases_dir = a.cases or os.path.join(a.tests_dir, "cli", "cases")
    golden_dir = a.golden or os.path.join(a.tests_dir, "cli", "golden")
    if not os.path.isfile(os.path.join(a.reference_dir, "xsm-hooks.csv")):
        print("review: skipped: no shared references in %s (../shared/reference beside the clone)"
              % a.reference_dir)
        return 1 if os.environ.get("CI") == "true" else 77
    try:
        lattice = Lattice(a.reference_dir)
        hooks = Hooks(a.reference_dir, lattice)
        ops = subprocess.run([a.xsmcap, "ops", "--format", "json"], capture_output=True, text=True,
                             check=True, timeout=120).stdout
        catalogue = Catalogue(json.loads(ops), hooks)
    except (OSError, ValueError, subprocess.SubprocessError) as e:
        print("review: error: the reference cannot start: %s" % e)
        return 2
    review = Review()
    for fname in sorted(os.listdir(cases_dir)):
        if not fname.endswith(".txt"):
            continue
        subject = fname[:-4]
        with open(os.path.join(cases_dir, fname), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                name, _, args = line.rstrip("\n").partition("\t")
                words = shlex.split(args)
                if not words or words[0] not in VERBS:
                    continue
                golden = os.path.join(golden_dir, subject, name + ".out")
                if not os.path.isfile(golden):
                    print("review: error: %s:%d: no golden %s" % (fname, n, golden))
                    return 2
                review_golden("%s/%s" % (subject, name), words, golden, a.xsmcap, a.tests_dir,
                              catalogue, hooks, review)
    return report(review, a.floor, lattice)


def report(review, floor, lattice):
    skipped = sum(review.not_reviewed.values())
    print("review: %d cells in %d goldens reviewed, %d not reviewed (%s), %d disagreements"
          % (review.cells, review.goldens, skipped,
             "; ".join("%d: %s" % (n, why) for why, n in review.not_reviewed.most_common()) or "none",
             len(review.disagreements)))
    print("review: the errno of %d denials compared too; %d per-operation totals of matrix summaries; "
          "%d goldens of bad input (exit 2) "
          "hold no cell; %d goldens not read%s; the compiled truth tables' %d rows agree with the closed forms"
          % (review.errnos, review.totals, review.bad_input, sum(review.goldens_skipped.values()),
             "".join(" (%d: %s)" % (n, w) for w, n in review.goldens_skipped.most_common()), lattice.tsv_rows))
    for g, src, op, tgt, says, ref, why in review.disagreements:
        print("DISAGREE %s: %s %s on %s: golden says %s, reference says %s (%s)" % (g, src, op, tgt, says, ref, why))
    if review.cells < floor:
        print("review: FAIL: %d cells reviewed, fewer than the floor of %d" % (review.cells, floor))
        return 1
    return 1 if review.disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
