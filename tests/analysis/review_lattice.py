# SPDX-License-Identifier: GPL-2.0-only
"""The lattice of Xen's xsm_default_action per profile, from outside xsmcap.

upstream and hwpriv: the decision tables produced by compiling Xen's own
function (../shared/reference/truth-upstream.tsv, truth-hwpriv.tsv).  A
situation they do not list (a source with a set_target relation and a
capability other than hardware, for instance) is decided by the closed form
of the same profile in ../shared/reference/xsm-truth-tables.md, and every
row the tables do list must agree with that closed form, or the reference
refuses to start.

hwpriv-dm and hwpriv-v2: the closed forms of xsm-truth-tables.md, section
"Closed forms (allow iff)", columns "June 2025 (1/4+3/4)" and "v2
(01+03+04+06/17)".
"""
import os

from review_model import NotReviewed

ACTIONS = ("HOOK", "TARGET", "XS_PRIV", "DM_PRIV", "PRIV", "HW_PRIV")
PROFILES = ("upstream", "hwpriv", "hwpriv-dm", "hwpriv-v2")

# The capabilities a profile defines (xsm-policy-versions.md section 4:
# DOMAIN_CAPS_DEVICE_MODEL from June 3/4, NOT_HYPERCALL_TARGET from v2 04/17).
# Xen panics at boot on any other bit ("Invalid capabilities").
DEFINED_CAPS = {
    "upstream": {"control", "hardware", "xenstore"},
    "hwpriv": {"control", "hardware", "xenstore"},
    "hwpriv-dm": {"control", "hardware", "xenstore", "device_model"},
    "hwpriv-v2": {"control", "hardware", "xenstore", "device_model", "not_hypercall_target"},
}


class Situation:
    """What xsm_default_action sees of (src, target): the notation of xsm-truth-tables.md."""

    def __init__(self, src, tgt):
        self.C = "control" in src.caps           # is_control_domain(s)
        self.H = "hardware" in src.caps          # is_hardware_domain(s)
        self.X = "xenstore" in src.caps          # is_xenstore_domain(s)
        self.DM = "device_model" in src.caps     # proposed is_dm_domain(s)
        self.NT = tgt is not None and "not_hypercall_target" in tgt.caps
        self.T = tgt is not None and src.target == tgt.domid
        self.same = tgt is not None and tgt.domid == src.domid
        self.no_target = tgt is None


# xsm-truth-tables.md, "Closed forms (allow iff)": one function per column.
def _upstream(a, s):
    return {"HOOK": True,
            "TARGET": s.same or s.T or s.C,
            "XS_PRIV": s.X or s.T or s.C,
            "DM_PRIV": s.T or s.C,
            "PRIV": s.C}.get(a)  # HW_PRIV: n/a upstream


def _seed_v1(a, s):
    return {"HOOK": True,
            "TARGET": s.same or s.T or s.C,
            "XS_PRIV": s.X or s.T or s.C,
            "DM_PRIV": s.T or s.C or s.H,
            "PRIV": s.C,
            "HW_PRIV": s.H}[a]


def _june(a, s):
    return {"HOOK": True,
            "TARGET": s.same or s.DM or s.T or s.C,
            "XS_PRIV": s.X or s.DM or s.T or s.C,
            "DM_PRIV": s.DM or s.T or s.C,
            "PRIV": s.C,
            "HW_PRIV": s.H or s.C}[a]


def _v2(a, s):
    return {"HOOK": True,
            "TARGET": s.same or (not s.NT and (s.DM or s.T or s.C)),
            "XS_PRIV": s.X or s.C or (not s.NT and (s.DM or s.T)),
            "DM_PRIV": not s.NT and (s.DM or s.T or s.C),
            "PRIV": not s.NT and s.C,
            "HW_PRIV": s.H}[a]


CLOSED_FORMS = {"upstream": _upstream, "hwpriv": _seed_v1, "hwpriv-dm": _june, "hwpriv-v2": _v2}


def _role(src):
    """The src column of the compiled tables: capabilities, then dm_for_guest for a set_target relation."""
    parts = [c for c in ("control", "hardware", "xenstore") if c in src.caps]
    if src.target is not None:
        parts.append("dm_for_guest")
    return "+".join(parts) or "domU"


def _target_column(src, tgt):
    if tgt is None:
        return "none"
    if tgt.domid == src.domid:
        return "self"
    if src.target == tgt.domid:
        return "its_target"
    return "other"


class Lattice:
    def __init__(self, reference_dir):
        self.tables = {}
        for profile in ("upstream", "hwpriv"):
            path = os.path.join(reference_dir, "truth-%s.tsv" % profile)
            self.tables[profile] = self._load(path, profile)
        self.tsv_rows = sum(len(t) for t in self.tables.values())

    @staticmethod
    def _load(path, profile):
        rows = {}
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("#") or line.startswith("action\t") or not line.strip():
                    continue
                action, src, target, decision = line.rstrip("\n").split("\t")
                if decision not in ("allow", "deny"):
                    raise ValueError("%s:%d: decision '%s'" % (path, n, decision))
                rows[(action, src, target)] = decision == "allow"
                closed = CLOSED_FORMS[profile](action, _situation_of_row(src, target))
                if closed != rows[(action, src, target)]:
                    raise ValueError("%s:%d: the compiled table says %s, the closed form of "
                                     "xsm-truth-tables.md says %s" % (path, n, decision, closed))
        return rows

    def allows(self, profile, action, src, tgt):
        """Does xsm_default_action(action, src, tgt) return 0 under the profile?"""
        for d in (src, tgt):
            if d is not None and not d.caps <= DEFINED_CAPS[profile]:
                raise NotReviewed("a capability %s does not define (Xen refuses to boot it)" % profile)
        if action == "HW_PRIV" and profile == "upstream":
            raise NotReviewed("HW_PRIV does not exist upstream")
        table = self.tables.get(profile)
        if table is not None:
            key = (action, _role(src), _target_column(src, tgt))
            if key in table:
                return table[key]
        return CLOSED_FORMS[profile](action, Situation(src, tgt))


class _RowDomain:
    """A domain as a row of the compiled tables describes it (src role, target column)."""

    def __init__(self, domid, caps, target):
        self.domid, self.caps, self.target = domid, frozenset(caps), target


def _situation_of_row(src_role, target_col):
    parts = src_role.split("+")
    caps = [p for p in parts if p in ("control", "hardware", "xenstore")]
    guest = _RowDomain(1, [], None)
    src = _RowDomain(0, caps, guest.domid if "dm_for_guest" in parts else None)
    # its_target of a source without the relation is the guest all the same: just another domain
    tgt = {"none": None, "self": src, "its_target": guest, "other": _RowDomain(2, [], None)}[target_col]
    return Situation(src, tgt)
