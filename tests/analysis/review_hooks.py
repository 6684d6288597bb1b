# SPDX-License-Identifier: GPL-2.0-only
"""Each XSM hook's decision under each profile, from outside xsmcap.

Actions come from ../shared/reference/xsm-hooks.csv (never from hooks.def):
the upstream column is Xen at the reference snapshot; a profile changes a
hook only where its column names HW_PRIV (the reclassification of March
15/23, June 1/4 and v2 01/17).  The other entries of those columns describe
the 2025 proposal base, which no profile takes: each applies its changes on
top of the upstream catalogue (../shared/DESIGN.md, "Profiles").  The CSV
has no v2 column: v2's reclassification counts only where its notes name v2.

Hooks with their own logic are written below from Xen's text, each citing
it: xen/include/xsm/dummy.h at c447b7308b, the CSV's notes,
../shared/reference/xsm-policy-versions.md (sections 5, 8, 9) and the seed
patch ../shared/xen/patches/hwpriv-seed.patch.  SILO's rules are
xen/xsm/silo.c's.
"""
import csv
import os
import re

from review_model import NotReviewed, Verdict

# xen/include/public/xen.h
CONSOLEIO_WRITE = 0
# xen/include/public/version.h: sub-ops xsm_xen_version answers without a check, and those it
# "MUST always" let any guest have (XSM_HOOK); every other one is XSM_PRIV.
XENVER_NO_CHECK = {0, 5, 6}                       # version, platform_parameters, get_features
XENVER_HOOK = {1, 11, 2, 3, 12, 4, 13, 7, 8}      # extraversion(2), compile_info, capabilities(2),
                                                  # changeset(2), pagesize, guest_handle
# xen/include/public/pmu.h: init, finish, lvtpc_set, flush are XSM_HOOK in xsm_pmu_op
XENPMU_HOOK = {4, 5, 6, 7}
# xen/include/public/hvm/params.h and hvm_op.h, for xsm_hvm_altp2mhvm_op
XEN_ALTP2M_MIXED, XEN_ALTP2M_EXTERNAL, XEN_ALTP2M_LIMITED = 1, 2, 3
HVMOP_ALTP2M_VCPU_ENABLE_NOTIFY = 3
HVMOP_GET_PARAM = 1
# xen/include/public/sysctl.h
XEN_SYSCTL_READCONSOLE, XEN_SYSCTL_PHYSINFO = 1, 3
# xen/include/public/domctl.h: the 12 commands dummy.h:xsm_domctl answers with -EILSEQ
# (each has its own hook at the snapshot): bind_pt_irq getdomaininfo get_device_group
# get_domain_state gsi_permission iomem_permission ioport_mapping ioport_permission
# irq_permission memory_mapping set_target unbind_pt_irq
DOMCTL_OWN_HOOK = {38, 5, 50, 90, 88, 20, 40, 21, 19, 39, 46, 48}

# xen/xsm/silo.c: silo_xsm_ops overrides these seven and then asks the default policy.
SILO_HOOKS = {"evtchn_unbound", "evtchn_interdomain", "grant_mapref", "grant_transfer",
              "grant_copy", "argo_register_single_source", "argo_send"}

# v2 01/17 reclassifications the references state (xsm-hooks.csv notes): platform_op ("under
# S1/v2 a control-only domain can no longer set wallclock time"), resource_plug_pci
# ("Reclassified by S1 15/23, J 1/4 and v2 01/17"), resource_unplug_pci ("same as
# resource_plug_pci").  console_io's fallback is in its own logic below.
V2_HW_PRIV = {"platform_op", "resource_plug_pci", "resource_unplug_pci"}

COLUMN = {"upstream": "upstream_default_action", "hwpriv": "seed_v1_action",
          "hwpriv-dm": "june2025_action"}


def _may_bridge(profile, d):
    """silo_mode_dom_check's predicate on one domain, per version (xsm-policy-versions.md section 9)."""
    C, H, X = "control" in d.caps, "hardware" in d.caps, "xenstore" in d.caps
    if profile in ("upstream", "hwpriv"):   # xen/xsm/silo.c at HEAD; hwpriv has 15/23 alone, not 20/23
        return C
    if profile == "hwpriv-dm":              # June 2/4: xenstore or hardware or control
        return X or H or C
    return X or H                           # v2 02/17: control removed


class Hooks:
    def __init__(self, reference_dir, lattice):
        self.lattice = lattice
        self.rows = {}
        with open(os.path.join(reference_dir, "xsm-hooks.csv"), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                self.rows[row["hook"][len("xsm_"):]] = row

    def known(self, hook):
        return hook in self.rows

    def _row(self, hook):
        if hook not in self.rows:
            raise NotReviewed("hook %s is not in xsm-hooks.csv" % hook)
        return self.rows[hook]

    def takes_target(self, hook):
        """Does the hook hand xsm_default_action a target (xsm-hooks.csv target_domain_arg)?"""
        return self._row(hook)["target_domain_arg"] not in ("NULL", "-")

    def action(self, profile, hook):
        row = self._row(hook)
        upstream = re.match(r"[A-Z_]+", row["upstream_default_action"]).group(0)
        if profile == "hwpriv-v2":
            if hook in V2_HW_PRIV:
                return "HW_PRIV"
            if row["seed_v1_action"].startswith("HW_PRIV"):
                raise NotReviewed("v2's action for %s is not stated in the references" % hook)
            return upstream
        return "HW_PRIV" if row[COLUMN[profile]].startswith("HW_PRIV") else upstream

    def _lattice(self, ctx, action, s, t):
        if self.lattice.allows(ctx.profile, action, s, t):
            return Verdict(True)
        return Verdict(False, "EPERM")

    def decide(self, ctx, hook, subop, subop2, s, t, other, caller):
        """The hook on (s, t); `other` is the third domain, `caller` current->domain."""
        if ctx.silo and hook in SILO_HOOKS:
            if "XSM_SILO" not in ctx.kconfig:
                # xen/common/Kconfig: without CONFIG_XSM_SILO there is no SILO module to choose
                raise NotReviewed("SILO on a build without CONFIG_XSM_SILO")
            if hook == "evtchn_unbound":
                # silo_evtchn_unbound: d1 is the port's domain, the remote domid is looked up first
                if other is None:
                    return Verdict(False, "ESRCH")
                ldom, rdom = t, other
            else:
                ldom, rdom = s, t
            if not (ldom.domid == rdom.domid or
                    any(_may_bridge(ctx.profile, d) for d in (caller, ldom, rdom))):
                return Verdict(False, "EPERM")
        special = getattr(self, "_hook_" + hook, None)
        if special:
            return special(ctx, subop, subop2, s, t, other, caller)
        row = self._row(hook)
        if row["upstream_default_action"].startswith("SPECIAL"):
            raise NotReviewed("xsm_%s makes no access decision" % hook)
        return self._lattice(ctx, self.action(ctx.profile, hook), s,
                             t if self.takes_target(hook) else None)

    # dummy.h:xsm_console_io.  The fallback is XSM_PRIV upstream, XSM_HW_PRIV in the seed
    # patch (hwpriv-seed.patch), June 1/4 (CSV june2025 column) and v2 (CSV notes:
    # "v2: HW_PRIV exclusive -> control loses it").
    def _hook_console_io(self, ctx, cmd, _sub2, s, _t, _o, _c):
        if s.console:
            return Verdict(True)
        if "VERBOSE_DEBUG" in ctx.kconfig and cmd == CONSOLEIO_WRITE:
            return Verdict(True)
        return self._lattice(ctx, "PRIV" if ctx.profile == "upstream" else "HW_PRIV", s, None)

    # dummy.h:xsm_xen_version; no profile changes it (seed: "OTHER unchanged by 15/23"; June:
    # "unchanged (OTHER)"; v2's patches, xsm-policy-versions.md 5.3, do not touch it).
    def _hook_xen_version(self, ctx, op, _sub2, s, _t, _o, _c):
        if op in XENVER_NO_CHECK:
            return Verdict(True)
        return self._lattice(ctx, "HOOK" if op in XENVER_HOOK else "PRIV", s, None)

    # dummy.h:xsm_pmu_op: xsm_default_action(..., d, current->domain)
    def _hook_pmu_op(self, ctx, op, _sub2, s, _t, _o, caller):
        return self._lattice(ctx, "HOOK" if op in XENPMU_HOOK else "PRIV", s, caller)

    # dummy.h:xsm_hvm_altp2mhvm_op(d, mode, op): the mode picks the action; other modes -EPERM
    def _hook_hvm_altp2mhvm_op(self, ctx, mode, op, s, t, _o, _c):
        if mode == XEN_ALTP2M_MIXED:
            return self._lattice(ctx, "TARGET", s, t)
        if mode == XEN_ALTP2M_EXTERNAL:
            return self._lattice(ctx, "DM_PRIV", s, t)
        if mode == XEN_ALTP2M_LIMITED:
            return self._lattice(ctx, "TARGET" if op == HVMOP_ALTP2M_VCPU_ENABLE_NOTIFY else "DM_PRIV",
                                 s, t)
        return Verdict(False, "EPERM")

    # dummy.h:xsm_domctl: XSM_PRIV on d, but -EILSEQ for the commands with their own hook
    def _hook_domctl(self, ctx, cmd, _sub2, s, t, _o, _c):
        if cmd in DOMCTL_OWN_HOOK:
            return Verdict(False, "EILSEQ")
        return self._lattice(ctx, "PRIV", s, t)

    # dummy.h:xsm_sysctl: XSM_PRIV, no target.  June 4/4 (xsm-policy-versions.md section 8):
    # readconsole HW_PRIV; physinfo HW_PRIV if the caller is the hwdom, else PRIV.
    def _hook_sysctl(self, ctx, cmd, _sub2, s, _t, _o, _c):
        action = "PRIV"
        if ctx.profile == "hwpriv-dm":
            if cmd == XEN_SYSCTL_READCONSOLE or (cmd == XEN_SYSCTL_PHYSINFO and "hardware" in s.caps):
                action = "HW_PRIV"
        return self._lattice(ctx, action, s, None)

    # dummy.h:xsm_hvm_param: XSM_TARGET.  v2 07/17 (xsm-policy-versions.md 5.3): a control
    # domain may always HVMOP_get_param.
    def _hook_hvm_param(self, ctx, op, _sub2, s, t, _o, _c):
        if ctx.profile == "hwpriv-v2" and op == HVMOP_GET_PARAM and "control" in s.caps:
            return Verdict(True)
        return self._lattice(ctx, "TARGET", s, t)

    # dummy.h:xsm_mmu_update(d, t, f): XSM_TARGET against f (the page owner; dom_io is not
    # modelled), then against t (the page-table owner) when there is one.
    def _hook_mmu_update(self, ctx, _op, _sub2, s, pg_owner, pt_owner, _c):
        v = self._lattice(ctx, "TARGET", s, pg_owner)
        if v.allow and pt_owner is not None:
            v = self._lattice(ctx, "TARGET", s, pt_owner)
        return v

    # dummy.h: xsm_do_xsm_op and xsm_do_compat_op return -ENOSYS
    def _hook_do_xsm_op(self, ctx, *_):
        return Verdict(False, "ENOSYS")

    _hook_do_compat_op = _hook_do_xsm_op

    # dummy.h: the four argo hooks return 0 (SILO, above, may refuse two of them first)
    def _hook_argo_enable(self, ctx, *_):
        return Verdict(True)

    _hook_argo_register_single_source = _hook_argo_enable
    _hook_argo_register_any_source = _hook_argo_enable
    _hook_argo_send = _hook_argo_enable
