#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The golden review can fail: a flipped cell and a review of nothing are caught.

On a copy of one golden (matrix-csv-upstream) the review must pass as it
stands and exit 1 once one cell is flipped, naming that cell; with no golden
at all it must exit 1 for reviewing fewer cells than its floor.

usage: review_flip.py XSMCAP TESTS_DIR REFERENCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = "matrix-csv-upstream"
ROW = "XENPF_settime64,platform_op,platform_op,ctl,,allow\n"
FLIPPED = "XENPF_settime64,platform_op,platform_op,ctl,,deny\n"
NAMED = "DISAGREE analysis/%s: ctl XENPF_settime64 on -: golden says deny, reference says allow" % CASE


def review(xsmcap, tests, reference, cases, golden, floor):
    p = subprocess.run([sys.executable, os.path.join(HERE, "review_goldens.py"), xsmcap, tests, reference,
                        "--cases", cases, "--golden", golden] + (["--floor", floor] if floor else []),
                       capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout + p.stderr


def main():
    xsmcap, tests, reference = sys.argv[1:4]
    if not os.path.isfile(os.path.join(reference, "xsm-hooks.csv")):
        print("review-flip: skipped: no shared references in %s" % reference)
        return 1 if os.environ.get("CI") == "true" else 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        cases, golden = os.path.join(tmp, "cases"), os.path.join(tmp, "golden", "analysis")
        os.makedirs(cases)
        os.makedirs(golden)
        with open(os.path.join(tests, "cli", "cases", "analysis.txt"), encoding="utf-8") as f:
            line = [ln for ln in f if ln.startswith(CASE + "\t")]
        with open(os.path.join(cases, "analysis.txt"), "w", encoding="utf-8") as f:
            f.writelines(line)
        src = os.path.join(tests, "cli", "golden", "analysis", CASE + ".out")
        dst = os.path.join(golden, CASE + ".out")
        shutil.copy(src, dst)
        rc, out = review(xsmcap, tests, reference, cases, os.path.dirname(golden), "100")
        if rc != 0:
            failures.append("the unflipped copy of %s: exit %d, want 0:\n%s" % (CASE, rc, out))
        with open(dst, encoding="utf-8") as f:
            text = f.read()
        if text.count(ROW) != 1:
            failures.append("%s no longer holds the row %s" % (CASE, ROW.strip()))
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text.replace(ROW, FLIPPED))
        rc, out = review(xsmcap, tests, reference, cases, os.path.dirname(golden), "100")
        if rc != 1 or NAMED not in out or "1 disagreements" not in out:
            failures.append("the flipped copy: exit %d, want 1 naming the cell (%s):\n%s" % (rc, NAMED, out))
        os.remove(os.path.join(cases, "analysis.txt"))
        rc, out = review(xsmcap, tests, reference, cases, os.path.dirname(golden), None)
        if rc != 1 or "fewer than the floor" not in out:
            failures.append("no golden at all: exit %d, want 1 below the floor:\n%s" % (rc, out))
    for f in failures:
        print("FAIL: " + f)
    print("review-flip: %s" % ("ok: a flipped cell and an empty review both fail" if not failures else
                               "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
