# SPDX-License-Identifier: GPL-2.0-only
"""The system a golden shows, built without xsmcap's policy code.

Inline systems follow the SPEC grammar of ../shared/CLI.md; the embedded
default is the one docs/cli.md names.  A configuration file's domains,
capabilities and set_target relations are what `xsmcap check --format json`
reads from it (the config reader is checked by its own tests); its platform
and each domain's guest type and is_console come from the file and Xen's
rules, written here:

- Arm (dom0less device trees, ImageBuilder): every domain create_domUs()
  builds gets is_console (xen/common/device-tree/dom0less-build.c); the
  classic dom0 (xen/arch/arm/domain_build.c:create_dom0) does not.
- x86 hyperlaunch device trees (the v6 binding the corpus file cites): the
  domain's `mode`, bit 0 PV, else bit 1 HVM, else PVH; x86 has no
  dom0less builder, so no domain has is_console.

The build configuration is a Xen .config given with --kconfig, or the
architecture's defconfig at the reference snapshot, below.
"""
import json
import os
import re
import subprocess
import tempfile

from review_model import Dom, NotReviewed, System

# `make -C xen XEN_TARGET_ARCH=<arch> defconfig` at c447b7308b: which of the options the
# catalogue names (and XSM_SILO, for --silo) are on.  An option outside KNOWN is not reviewed.
KNOWN = {"ALTP2M", "ARCH_PAGING_MEMPOOL", "ARGO", "COVERAGE", "DEBUG", "DEBUG_LOCK_PROFILE", "GDBSX",
         "GRANT_TABLE", "HAS_PASSTHROUGH", "HAS_PCI", "HAS_SOFT_RESET", "HVM", "HYPFS", "IOREQ_SERVER",
         "KEXEC", "LIVEPATCH", "LLC_COLORING", "MEM_PAGING", "MEM_SHARING", "MICROCODE_LOADING",
         "OVERLAY_DTB", "PAGING", "PERF_COUNTERS", "PM_OP", "PM_STATS", "PV", "PV_SHIM_EXCLUSIVE",
         "SYSCTL", "TRACEBUFFER", "VERBOSE_DEBUG", "VIDEO", "VMTRACE", "VM_EVENT", "X86_PSR", "XSM",
         "XSM_SILO"}
_ARM_DEFCONFIG = {"ARCH_PAGING_MEMPOOL", "DEBUG", "GRANT_TABLE", "HAS_PASSTHROUGH", "HVM", "HYPFS",
                  "SYSCTL", "TRACEBUFFER", "VERBOSE_DEBUG", "XSM", "XSM_SILO"}
DEFCONFIG = {
    "arm64": _ARM_DEFCONFIG,
    "arm32": _ARM_DEFCONFIG,
    "x86_64": {"ALTP2M", "ARCH_PAGING_MEMPOOL", "DEBUG", "GDBSX", "GRANT_TABLE", "HAS_PASSTHROUGH",
               "HAS_PCI", "HAS_SOFT_RESET", "HVM", "HYPFS", "IOREQ_SERVER", "KEXEC", "LIVEPATCH",
               "MICROCODE_LOADING", "PAGING", "PM_OP", "PM_STATS", "PV", "SYSCTL", "TRACEBUFFER",
               "VERBOSE_DEBUG", "VIDEO", "VMTRACE", "VM_EVENT", "X86_PSR"},
}

# docs/cli.md: "(neither) the embedded default, dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control, on arm64"
BUILTIN_SPEC = "dom0:hardware,xenstore;domu1;domu2;dm1>domu1;ctl:control"

CAPS = {"control", "hardware", "xenstore", "device_model", "not_hypercall_target"}


def parse_spec(spec, arch, label):
    """SPEC := DOMAIN (';' DOMAIN)*; DOMAIN := NAME [':' CAP (',' CAP)*] ['@' TYPE] ['>' NAME]."""
    if arch not in DEFCONFIG:
        raise NotReviewed("architecture %s" % arch)
    parsed = []
    for word in spec.split(";"):
        m = re.fullmatch(r"([A-Za-z0-9_-]+)(?::([a-z_,]+))?(?:@(pv|hvm|pvh))?(?:>([A-Za-z0-9_-]+))?", word)
        if not m:
            raise NotReviewed("spec domain '%s' outside the grammar" % word)
        name, caps, guest, target = m.groups()
        caps = caps.split(",") if caps else []
        if not set(caps) <= CAPS:
            raise NotReviewed("spec capability outside the grammar in '%s'" % word)
        if arch.startswith("arm"):
            if guest:
                raise NotReviewed("a guest type on Arm")
            guest = "arm"
        else:
            guest = guest or "pv"  # docs/cli.md: an x86 domain without a type is pv
        parsed.append((name, caps, guest, target))
    ids = {p[0]: i for i, p in enumerate(parsed)}
    doms = []
    for i, (name, caps, guest, target) in enumerate(parsed):
        if target is not None and target not in ids:
            raise NotReviewed("spec target '%s' names no domain" % target)
        # on Arm an inline system's domains are dom0less domains (docs/cli.md): is_console
        doms.append(Dom(name, i, caps, ids.get(target), guest, arch.startswith("arm")))
    return System(label, arch, doms, None, None)


def read_kconfig(path):
    """The options a Xen .config turns on, and its architecture."""
    on, arch = set(), None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"CONFIG_(\w+)=y$", line.strip())
                if m:
                    on.add(m.group(1))
    except OSError as e:
        raise NotReviewed("an unreadable .config: %s" % e.strerror)
    for a, sym in (("arm64", "ARM_64"), ("arm32", "ARM_32"), ("x86_64", "X86_64")):
        if sym in on:
            arch = a
    return on, arch


def with_kconfig(system, kconfig_path):
    if kconfig_path is None:
        system.kconfig = DEFCONFIG[system.arch]
        system.kconfig_label = "defconfig"
    else:
        on, arch = read_kconfig(kconfig_path)
        if arch != system.arch:
            raise NotReviewed("a .config of another architecture")
        system.kconfig = on
        system.kconfig_label = kconfig_path
    return system


def _fdt_mode(dtb, node):
    props = subprocess.run(["fdtget", "-p", dtb, node], capture_output=True, text=True).stdout.split()
    if "permissions" in props or "functions" in props:
        raise NotReviewed("the 2022 hyperlaunch design binding, whose mode is not the v6 binding's")
    p = subprocess.run(["fdtget", "-t", "u", dtb, node, "mode"], capture_output=True, text=True)
    if p.returncode != 0:
        raise NotReviewed("no mode property on %s" % node)
    return int(p.stdout.split()[0])


def _x86_guest(mode):
    """The v6 binding's mode: bit 0 PV, else bit 1 (device model) HVM, else PVH."""
    if mode & 1:
        return "pv"
    return "hvm" if mode & 2 else "pvh"


def from_config(xsmcap, tests_dir, path, extra):
    """A configuration file's system: domains from `xsmcap check`, platform from the file."""
    p = subprocess.run([xsmcap, "check", path, "--format", "json"] + extra, cwd=tests_dir,
                       capture_output=True, text=True, timeout=120)
    if p.returncode not in (0, 1, 2) or not p.stdout.strip():
        raise NotReviewed("xsmcap check %s: exit %d" % (path, p.returncode))
    info = json.loads(p.stdout)
    kind = info["kind"]
    if kind.startswith("x86 hyperlaunch"):
        arch = "x86_64"
    elif kind.startswith("Arm") or kind.startswith("ImageBuilder"):
        arch = "arm64"
    else:
        raise NotReviewed("configuration kind '%s' unknown to the reference" % kind)
    try:
        doms = _domains(info, arch, os.path.join(tests_dir, path))
    except (OSError, subprocess.CalledProcessError) as e:
        raise NotReviewed("dtc or fdtget could not read %s: %s" % (path, e))
    system = System(path, arch, doms, None, None)
    system.xsm = _xsm_module(os.path.join(tests_dir, path))
    return system


def _domains(info, arch, full):
    """Each domain `xsmcap check` lists, with the guest type and is_console Xen gives it."""
    with tempfile.TemporaryDirectory() as tmp:
        dtb = full
        if arch == "x86_64":
            if not full.endswith(".dtb"):
                dtb = os.path.join(tmp, "system.dtb")
                subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, full], check=True,
                               capture_output=True)
        doms = []
        for d in info["domains"]:
            boot = d["boot"]
            if arch == "x86_64":
                guest, console = _x86_guest(_fdt_mode(dtb, boot["where"])), False
            else:
                guest, console = "arm", not boot["classic_dom0"]
            doms.append(Dom(d["name"], d["domid"], d["capabilities"], boot["target_domid"], guest, console))
    return doms


def _xsm_module(path):
    """xsm= on the Xen command line of a text configuration, if any."""
    if path.endswith(".dtb"):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        m = re.search(r"\bxsm=(\w+)", f.read())
    return m.group(1) if m else None
