# SPDX-License-Identifier: GPL-2.0-only
"""The words of the golden review: domains, systems, verdicts, and a cell left unreviewed."""


class NotReviewed(Exception):
    """The reference cannot decide this cell; the message says why (it is counted, never passed)."""


class Dom:
    def __init__(self, name, domid, caps, target, guest, console):
        self.name = name
        self.domid = domid
        self.caps = frozenset(caps)
        self.target = target      # domid named by XEN_DOMCTL_set_target, or None
        self.guest = guest        # "arm", or on x86 "pv", "hvm", "pvh"
        self.console = console    # d->is_console (every dom0less domain)

    def changed(self, **kw):
        d = Dom(self.name, self.domid, self.caps, self.target, self.guest, self.console)
        for k, v in kw.items():
            setattr(d, k, frozenset(v) if k == "caps" else v)
        return d


class System:
    def __init__(self, label, arch, doms, kconfig, kconfig_label):
        self.label = label
        self.arch = arch                  # "arm64", "arm32", "x86_64"
        self.doms = doms
        self.kconfig = kconfig            # the CONFIG_* options that are on (without CONFIG_)
        self.kconfig_label = kconfig_label
        self.xsm = None                   # xsm= on a configuration's Xen command line

    def find(self, word):
        """A domain by name or domid, as every verb takes it."""
        for d in self.doms:
            if d.name == word:
                return d
        for d in self.doms:
            if word.isdigit() and d.domid == int(word):
                return d
        raise NotReviewed("no domain '%s' in the reference's system" % word)

    def by_domid(self, domid):
        for d in self.doms:
            if d.domid == domid:
                return d
        return None

    def replaced(self, dom):
        """The same system with one domain changed (what-if lines of --explain)."""
        return System(self.label, self.arch, [dom if d.domid == dom.domid else d for d in self.doms],
                      self.kconfig, self.kconfig_label)

    def platform_word(self, dom):
        """The platform word of a domain: the XSMC_P_* names of `xsmcap ops --format json`."""
        return self.arch if self.arch.startswith("arm") else dom.guest


class Verdict:
    """What Xen answers: allowed or not, its rc, and whether a filter left the target out."""

    def __init__(self, allow, rc=0, filtered=False):
        self.allow = allow
        self.rc = rc          # 0 or an errno name ("EPERM")
        self.filtered = filtered

    def word(self):
        return "allow" if self.allow else "deny"

    def text(self):
        return "allow" if self.allow else ("deny (filtered)" if self.filtered else "deny -%s" % self.rc)
