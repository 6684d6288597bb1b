# SPDX-License-Identifier: GPL-2.0-only
"""An operation decided from the catalogue's gates, with the reference's XSM decisions.

The gate structure (which checks, in Xen's order, with their errno) is read
from `xsmcap ops --format json`: the live probe checks it against the real
hypervisor (docs/live.md), so it is taken as given.  What each gate means is
written here from its definition (src/ops/gates.h and include/xsmcap/ops.h
describe the words; Xen's code the checks), and every XSM gate asks
review_hooks, never the library.
"""
import os

from review_model import Dom, NotReviewed, Verdict
from review_systems import KNOWN

# xen/arch/x86/mm.c:do_mmu_update passes no page-table owner (NULL) to xsm_mmu_update for
# MMU_MACHPHYS_UPDATE; the other MMU_* commands pass pt_owner (the caller unless named).
NO_PT_OWNER = {"MMU_MACHPHYS_UPDATE"}


class Env:
    """A system decided under a profile, with or without SILO."""

    def __init__(self, system, profile, silo):
        self.system = system
        self.profile = profile
        self.silo = silo

    @property
    def kconfig(self):
        return self.system.kconfig

    @property
    def arch(self):
        return self.system.arch


class Catalogue:
    def __init__(self, ops_json, hooks):
        self.hooks = hooks
        self.ops = {op["name"]: op for op in ops_json["ops"]}
        for op in self.ops.values():
            for g in op["gates"]:
                if g["kind"] in ("xsm", "xsm-filter") and not hooks.known(g["hook"]):
                    raise ValueError("catalogue row %s names hook %s, which xsm-hooks.csv lacks"
                                     % (op["name"], g["hook"]))

    def find(self, word):
        """An OP as `query` takes it: a row name, CONSTANT, or hypercall:name (with or without the prefix)."""
        if word in self.ops:
            return self.ops[word]
        if ":" in word:
            hc, sub = word.split(":", 1)
            rows = [op for op in self.ops.values() if op["hypercall"] == hc]
            prefix = os.path.commonprefix([op["name"] for op in rows])
            prefix = prefix[:prefix.rfind("_") + 1]
            for op in rows:
                if op["name"] in (sub, prefix + sub):
                    return op
        return None

    def exists(self, op, arch):
        """Does the architecture compile the operation (its "arches")?"""
        words = {"arm64": {"arm64"}, "arm32": {"arm32"}, "x86_64": {"pv", "hvm", "pvh"}}[arch]
        return bool(words & set(op["arches"]))

    def on_arch(self, arch):
        return [op for op in self.ops.values() if self.exists(op, arch)]

    def decide(self, env, op, src, tgt=None, self_form=False, other=None):
        """What Xen returns for src performing op (on tgt, or on DOMID_SELF when self_form).

        `other` is the third domain (evtchn_unbound's remote end, mmu_update's
        page-table owner); None means the caller itself, as matrix and who-can take it.
        """
        if not self.exists(op, env.arch):
            raise NotReviewed("%s does not exist on %s" % (op["name"], env.arch))
        system = env.system
        where = system.platform_word(src)
        entry = op["entry"]
        if entry["kconfig"] is not None and _on(env, entry["kconfig"]) != entry["kconfig_on"]:
            return Verdict(False, "ENOSYS")
        if where not in entry["reach"]:
            return Verdict(False, "ENOSYS")
        other = src if other is None else other
        if op["name"] in NO_PT_OWNER:
            other = None
        pending_self = False
        if op["target"] == "none":
            t = None
        elif op["target"] == "caller":
            t = src
        elif self_form:
            t, pending_self = None, True
        else:
            if tgt is None:
                raise NotReviewed("%s needs a target" % op["name"])
            t = tgt
        for g in op["gates"]:
            if g["runs"] is not None and where not in g["runs"]:
                continue
            kind = g["kind"]
            if kind in ("xsm", "xsm-filter"):
                pair = g["pair"]
                if pending_self and pair in ("caller-target", "target-other") and \
                        self.hooks.takes_target(g["hook"]):
                    # the hook receives the domain Xen looked up on the way: DOMID_SELF is the caller
                    t, pending_self = src, False
                s, ht = {"caller-target": (src, t), "caller-caller": (src, src),
                         "caller-other": (src, other), "target-other": (t, other),
                         "caller-new": (src, _new_domain(system))}[pair]
                if s is None:
                    raise NotReviewed("gate %s on an unresolved domain" % g["text"])
                v = self.hooks.decide(env, g["hook"], g["subop"], g["subop2"], s, ht, other, src)
                if not v.allow:
                    return Verdict(False, 0, True) if kind == "xsm-filter" else v
                continue
            if kind in ("self", "not-self", "target-type") and pending_self:
                t, pending_self = src, False
            if kind == "lookup":
                flags = g["lookup"]
                if pending_self:
                    if "domid-self-ok" in flags:
                        t, pending_self = src, False
                        continue
                    if "eperm-unless-control" in flags and "control" not in src.caps:
                        return Verdict(False, "EPERM")
                    return Verdict(False, g["errno"])
                if "own-domid-fails" in flags and t is not None and t.domid == src.domid:
                    return Verdict(False, g["errno"])
                continue
            if not self._passes(kind, g, env, src, t):
                return Verdict(False, g["errno"])
        return Verdict(True)

    @staticmethod
    def _passes(kind, g, env, src, t):
        system = env.system
        if kind == "guest":
            return system.platform_word(src) in g["allow"]
        if kind == "kconfig":
            return _on(env, g["kconfig"])
        if kind == "not-kconfig":
            return not _on(env, g["kconfig"])
        if kind == "hwdom":
            return "hardware" in src.caps          # is_hardware_domain(current->domain)
        if kind == "control":
            return "control" in src.caps           # is_control_domain(current->domain)
        if kind == "self":
            return t is not None and t.domid == src.domid
        if kind == "not-self":
            return t is None or t.domid != src.domid
        if kind == "target-type":
            return t is not None and system.platform_word(t) in g["allow"]
        raise NotReviewed("gate kind %s unknown to the reference" % kind)


def _on(env, option):
    """Is CONFIG_<option> on?  A defconfig value the reference does not hold is not guessed."""
    if env.system.kconfig_label == "defconfig" and option not in KNOWN:
        raise NotReviewed("CONFIG_%s's defconfig value is not in the reference" % option)
    return option in env.kconfig


def _new_domain(system):
    """The domain XEN_DOMCTL_createdomain makes: no capability, no target, in no system yet."""
    return Dom("(new domain)", 0x7FEF, (), None, "pv" if system.arch == "x86_64" else "arm", False)
