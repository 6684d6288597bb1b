# SPDX-License-Identifier: GPL-2.0-only
"""The cells a golden shows: each (source, operation, target) with the verdict printed.

One reader per verb and format.  A reader yields Cell objects, and Skip
objects for what it cannot read as a verdict per cell (with the reason and
how many cells that hides), never a guess.
"""
import csv
import io
import json
import re

from review_model import NotReviewed

HEADER = re.compile(r" on (arm64|arm32|x86_64)(?:, (.+?))? under (upstream|hwpriv-dm|hwpriv-v2|hwpriv)( with SILO)?[:\s]")


class Cell:
    """One verdict: `says` is "allow" or "deny", `rc` an errno name when the golden prints one."""

    def __init__(self, src, op, says, tgt=None, rc=None, other=None, self_form=False, hook=None,
                 subop=0, env=None, note=""):
        self.src, self.op, self.says, self.tgt, self.rc = src, op, says, tgt, rc
        self.other, self.self_form, self.hook, self.subop = other, self_form, hook, subop
        self.env = env          # None: the golden's own system, profile and SILO
        self.note = note        # the what-if of an --explain line, for the report


class Skip:
    def __init__(self, reason, count=1):
        self.reason, self.count = reason, count


class Header:
    """The platform a text golden names: checked against the reference's."""

    def __init__(self, arch, kconfig, profile, silo):
        self.arch, self.kconfig, self.profile, self.silo = arch, kconfig, profile, silo


def text_header(line):
    m = HEADER.search(line + " ")
    if not m:
        raise NotReviewed("no platform in the header line")
    return Header(m.group(1), m.group(2), m.group(3), bool(m.group(4)))


def expand_phrase(phrase, src, system):
    """The targets xsmc_targets_text names (src/analysis/targets.c words), or None if truncated."""
    names = {d.name for d in system.doms}
    every = set(names)
    own = system.by_domid(src.target).name if src.target is not None and system.by_domid(src.target) else None
    fixed = {"no domain": set(), "every domain": every, "itself, the only domain": {src.name},
             "itself": {src.name}, "every domain but itself": every - {src.name}}
    if phrase in fixed:
        return fixed[phrase]
    m = re.fullmatch(r"its target (\S+)", phrase)
    if m and m.group(1) == own:
        return {own}
    m = re.fullmatch(r"itself and its target (\S+)", phrase)
    if m and m.group(1) == own:
        return {src.name, own}
    m = re.fullmatch(r"every domain but (\S+)", phrase)
    if m and m.group(1) in names:
        return every - {m.group(1)}
    if re.fullmatch(r"\d+ of \d+ domains: .* and \d+ more", phrase):
        return None
    listed = set(phrase.split(", "))
    if listed <= names:
        return listed
    raise NotReviewed("target phrase '%s'" % phrase)


def _targets_cells(op, src, allowed, system):
    for d in system.doms:
        yield Cell(src, op, "allow" if d.name in allowed else "deny", tgt=d)


def _row_cells(op, src, allowed, system):
    """The cells of one source on one operation: one, or one per target when it takes one."""
    if op["target"] == "domain":
        yield from _targets_cells(op, src, allowed, system)
    else:
        yield Cell(src, op, "allow" if allowed else "deny")


# ---- matrix -----------------------------------------------------------------------------

def matrix_json(out, ctx):
    m = json.loads(out)
    ctx.check_header(Header(m["platform"]["arch"], m["platform"]["kconfig"], m["profile"], m["silo"]))
    ctx.check_domains([(d["name"], d["domid"], ",".join(d["capabilities"]) or "none", d["guest"], d["target"])
                       for d in m["domains"]])
    ctx.check_operations([row["name"] for row in m["operations"]])
    for row in m["operations"]:
        op = ctx.op(row["name"])
        if row["targeted"]:
            for src in ctx.system.doms:
                yield from _targets_cells(op, src, set(row["allow"].get(src.name, [])), ctx.system)
        else:
            for src in ctx.system.doms:
                yield from _row_cells(op, src, src.name in row["allow"], ctx.system)


def matrix_csv(out, ctx):
    rows = list(csv.DictReader(io.StringIO(out)))
    if not rows:
        raise NotReviewed("an empty CSV")
    ctx.check_operations([r["operation"] for r in rows])
    for r in rows:
        op = ctx.op(r["operation"])
        tgt = ctx.system.find(r["target"]) if r["target"] else None
        yield Cell(ctx.system.find(r["source"]), op, r["decision"], tgt=tgt)


def matrix_text(out, ctx):
    lines = out.splitlines()
    ctx.check_header(text_header(lines[0]))
    if any(re.match(r"\d+ role classes", ln) for ln in lines):
        yield from _matrix_summary(lines, ctx)
        return
    rows, cols, section, name = [], None, None, None
    for ln in lines[1:]:
        if ln.startswith("operation (no target)"):
            section, cols = "none", [ctx.system.find(w) for w in ln.split(":", 1)[1].split()]
            continue
        if ln.startswith("operation on a target"):
            section, cols = "target", [ctx.system.find(w) for w in ln.split("source", 1)[1].split()]
            continue
        m = re.fullmatch(r"(\S+)\s+((?:[A.] ?)+)", ln) if section == "none" else \
            re.fullmatch(r"(\S+)?\s+(\d+)\s+((?:[A.] ?)+)", ln) if section == "target" else None
        if not m:
            continue
        name = m.group(1) or name
        marks = m.groups()[-1].split()
        src = ctx.system.find(m.group(2)) if section == "target" else None
        rows.append((name, src, list(zip(cols, marks))))
    ctx.check_operations(dict.fromkeys(r[0] for r in rows))
    for name, src, marks in rows:
        op = ctx.op(name)
        for dom, mark in marks:
            if src is None:
                yield from _row_cells(op, dom, mark == "A", ctx.system)
            else:
                yield Cell(src, op, "allow" if mark == "A" else "deny", tgt=dom)


def _matrix_summary(lines, ctx):
    """Per class, not per cell: only each operation's count of allowed cells is a checkable figure."""
    for ln in lines:
        m = re.fullmatch(r"(\S+)\s+(\d+) allowed", ln)
        if m:
            ctx.check_total(ctx.op(m.group(1)), int(m.group(2)))
    yield Skip("matrix --summary shows role classes, not cells (its per-operation totals are checked)",
               ctx.cell_count())


# ---- who-can ----------------------------------------------------------------------------

def who_can_text(out, ctx):
    lines = out.splitlines()
    ctx.check_header(text_header(lines[0]))
    op = ctx.op(ctx.case.op)
    listed = {}
    for ln in lines[1:]:
        m = re.match(r"  (\S+)\s+(.*)", ln)
        if m:
            listed[m.group(1)] = m.group(2)
    yield from _who_can(op, listed, ctx, phrases=ctx.case.on is None and op["target"] == "domain")


def who_can_json(out, ctx):
    w = json.loads(out)
    ctx.check_header(Header(w["platform"]["arch"], w["platform"]["kconfig"], w["profile"], w["silo"]))
    op = ctx.op(w["op"])
    listed = {a["domain"]["name"]: a.get("on") for a in w["allowed"]}
    if ctx.case.on is None and op["target"] == "domain":
        for src in ctx.system.doms:
            if src.name in listed and listed[src.name] is None:
                raise NotReviewed("who-can JSON without the targets of %s" % src.name)
            yield from _targets_cells(op, src, set(listed.get(src.name) or []), ctx.system)
        return
    yield from _who_can(op, {n: "" for n in listed}, ctx, phrases=False)


def _who_can(op, listed, ctx, phrases):
    system = ctx.system
    if not phrases:
        tgt = system.find(ctx.case.on) if ctx.case.on else None
        for src in system.doms:
            says = "allow" if src.name in listed else "deny"
            if op["target"] == "domain":
                yield Cell(src, op, says, tgt=tgt, other=ctx.remote())
            else:
                yield Cell(src, op, says)
        return
    for src in system.doms:
        text = listed.get(src.name)
        if text is None:
            yield from _targets_cells(op, src, set(), system)
            continue
        if not text.startswith("on "):
            raise NotReviewed("who-can line '%s'" % text)
        targets = expand_phrase(text[3:], src, system)
        if targets is None:
            yield Skip("a truncated target list", len(system.doms))
            continue
        yield from _targets_cells(op, src, targets, system)


# ---- can --------------------------------------------------------------------------------

def can_text(out, ctx):
    lines = out.splitlines()
    ctx.check_header(text_header(lines[0]))
    src = ctx.system.find(ctx.case.src)
    seen = set()
    for ln in lines[1:]:
        m = re.match(r"    ([+-]) (\S+): (.*)", ln)
        if not m:
            continue
        sign, name, rest = m.groups()
        op = ctx.op(name)
        seen.add(name)
        if not rest.startswith(op["what"]):
            raise NotReviewed("can line of %s without the catalogue's words" % name)
        rest = rest[len(op["what"]):]
        if sign == "-":
            rc = re.match(r" \(-(E[A-Z0-9]+):", rest)
            rc = rc.group(1) if rc and op["target"] != "domain" else None
            for c in _row_cells(op, src, set() if op["target"] == "domain" else False, ctx.system):
                c.rc = rc
                yield c
            continue
        if op["target"] != "domain":
            yield Cell(src, op, "allow")
            continue
        m = re.match(r", on ([^()]+?) \(", rest)
        if not m:
            raise NotReviewed("can line of %s without its targets" % name)
        targets = expand_phrase(m.group(1), src, ctx.system)
        if targets is None:
            yield Skip("a truncated target list", len(ctx.system.doms))
            continue
        yield from _targets_cells(op, src, targets, ctx.system)
    yield from _unlisted(ctx, src, seen)


def can_json(out, ctx):
    c = json.loads(out)
    ctx.check_header(Header(c["platform"]["arch"], c["platform"]["kconfig"], c["profile"], c["silo"]))
    src = ctx.system.find(c["domain"]["name"])
    seen = set()
    for row in c["allowed"]:
        op = ctx.op(row["name"])
        seen.add(row["name"])
        if op["target"] == "domain":
            yield from _targets_cells(op, src, set(row["on"]), ctx.system)
        else:
            yield Cell(src, op, "allow")
    for row in c.get("denied", []):
        op = ctx.op(row["name"])
        seen.add(row["name"])
        yield from _row_cells(op, src, set() if op["target"] == "domain" else False, ctx.system)
    yield from _unlisted(ctx, src, seen)


def _unlisted(ctx, src, seen):
    """`can` lists every allowed operation: the rest of the platform's are denied everywhere."""
    for op in ctx.catalogue.on_arch(ctx.system.arch):
        if op["name"] not in seen:
            yield from _row_cells(op, src, set() if op["target"] == "domain" else False, ctx.system)


# ---- query and --explain ----------------------------------------------------------------

WHAT_IF = [
    (re.compile(r"  under (\S+): (allow|deny)"), "profile"),
    (re.compile(r"  (without|with) SILO: (allow|deny)"), "silo"),
    (re.compile(r"  if (\S+) (had|lacked) the (\S+) capability: (allow|deny)"), "cap"),
    (re.compile(r"  if (\S+) were (not )?the device model of (\S+): (allow|deny)"), "dm"),
    (re.compile(r"  if (\S+) were a (pv|hvm|pvh) guest: (allow|deny)"), "guest"),
    (re.compile(r"  if Xen were built with CONFIG_(\w+) (on|off): (allow|deny)"), "kconfig"),
]


def query_text(out, ctx):
    lines = out.splitlines()
    if not lines or lines[0] not in ("allow", "deny"):
        raise NotReviewed("query output without a verdict line")
    rc = None
    m = re.match(r"-(E[A-Z0-9]+): ", lines[1]) if len(lines) > 1 else None
    if m:
        rc = m.group(1)
    hook_only = len(lines) > 1 and lines[1].startswith("XSM hook only")
    if ctx.case.explain:
        for ln in lines:
            if ln.startswith("path on "):
                ctx.check_header(text_header(ln))
    yield from _query_cell(ctx, lines[0], rc, hook_only)
    if ctx.case.explain:
        yield from _what_if(lines, ctx, hook_only)


def query_json(out, ctx):
    q = json.loads(out)
    if "platform" in q:
        ctx.check_header(Header(q["platform"]["arch"], q["platform"]["kconfig"], q["profile"], q["silo"]))
    rc = q.get("rc")
    rc = rc[1:] if rc and rc.startswith("-") else None
    hook_only = q.get("scope") == "XSM hook only"
    yield from _query_cell(ctx, q["decision"], rc, hook_only)
    if ctx.case.explain and "explain" in q:
        yield from _what_if(q["explain"].splitlines(), ctx, hook_only)


def _query_cell(ctx, says, rc, hook_only):
    case, system = ctx.case, ctx.system
    src = system.find(case.as_)
    self_form = case.on == "DOMID_SELF"
    tgt = system.find(case.on) if case.on and not self_form else None
    if hook_only:
        hook = case.op[len("xsm_"):] if case.op.startswith("xsm_") else case.op
        if not ctx.catalogue.hooks.known(hook):
            raise NotReviewed("hook %s unknown to xsm-hooks.csv" % hook)
        yield Cell(src, None, says, tgt=tgt, rc=rc, other=ctx.remote(), hook=hook,
                   subop=int(case.subop or 0))
        return
    op = ctx.op(case.op)
    yield Cell(src, op, says, tgt=tgt, rc=rc, other=ctx.remote(), self_form=self_form)


def _what_if(lines, ctx, hook_only):
    """Each "what would change the answer" line is a cell of a changed system or profile."""
    base = list(_query_cell(ctx, "allow", None, hook_only))[0]
    inside = False
    for ln in lines:
        if ln.startswith("what would change the answer"):
            inside = True
            continue
        if not inside or not ln.startswith("  ") or ln.startswith("  nothing:"):
            continue
        for rx, kind in WHAT_IF:
            m = rx.match(ln)
            if m:
                break
        else:
            yield Skip("an --explain line the review cannot read as a cell")
            continue
        try:
            env, note = ctx.changed_env(kind, m.groups())
        except NotReviewed as e:
            yield Skip(str(e))
            continue
        system = env.system
        yield Cell(system.find(base.src.name), base.op, m.groups()[-1],
                   tgt=system.find(base.tgt.name) if base.tgt else None,
                   other=system.find(base.other.name) if base.other else None,
                   self_form=base.self_form, hook=base.hook, subop=base.subop, env=env, note=note)
