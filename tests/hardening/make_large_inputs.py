#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Inputs for run-bad-input.sh that are too large to keep in git, written to
the directory given as argument.  Each crosses exactly one limit of the
readers (src/config/fdt_read.h DT_MAX_*, imagebuilder_parse.h IB_MAX_*) or
Xen's domain count (XSMC_MAX_DOMAINS = 32752)."""
import os
import struct
import sys

OUT = sys.argv[1]
MAX_DOMAINS = 32752


class Fdt:
    """A minimal flattened device-tree writer (version 17)."""

    def __init__(self):
        self.struct = bytearray()
        self.strings = bytearray()
        self.offsets = {}

    def _pad(self):
        self.struct += b"\0" * (-len(self.struct) % 4)

    def begin(self, name):
        self.struct += struct.pack(">I", 1) + name.encode() + b"\0"
        self._pad()

    def end(self):
        self.struct += struct.pack(">I", 2)

    def prop(self, name, value):
        if name not in self.offsets:
            self.offsets[name] = len(self.strings)
            self.strings += name.encode() + b"\0"
        self.struct += struct.pack(">III", 3, len(value), self.offsets[name]) + value
        self._pad()

    def blob(self):
        body = bytes(self.struct) + struct.pack(">I", 9)
        rsv = b"\0" * 16
        off_rsv = 40
        off_struct = off_rsv + len(rsv)
        off_strings = off_struct + len(body)
        total = off_strings + len(self.strings)
        head = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv, 17, 16,
                           0, len(self.strings), len(body))
        return head + rsv + body + bytes(self.strings)


def domain_tree(count, bootargs=None):
    t = Fdt()
    t.begin("")
    t.begin("chosen")
    for i in range(count):
        t.begin("domU%d" % i)
        t.prop("compatible", b"xen,domain\0")
        if bootargs is not None:
            t.prop("bootargs", bootargs)
        t.end()
    t.end()
    t.end()
    return t.blob()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    # one byte over the 16 MiB file limit, sparse: only the magic is written
    with open(os.path.join(OUT, "too-large.dtb"), "wb") as f:
        f.write(struct.pack(">I", 0xD00DFEED))
        f.truncate((16 << 20) + 1)
    write("enormous-property.dtb", domain_tree(1, b"x" * (8 << 20) + b"\0"))
    write("too-many-domains.dtb", domain_tree(MAX_DOMAINS + 1))
    many = Fdt()
    many.begin("")
    for _ in range((1 << 20) + 1):
        many.begin("n")
        many.end()
    many.end()
    write("too-many-nodes.dtb", many.blob())
    deep = Fdt()
    deep.begin("")
    for _ in range(1000):
        deep.begin("n")
    for _ in range(1001):
        deep.end()
    write("too-deep.dtb", deep.blob())
    write("too-large.cfg", b"# filler\n" * ((4 << 20) // 9 + 2))
    write("long-line.cfg", b"DOM0_CMD=\"" + b"a" * 20000 + b"\"\n")
    write("long-value.cfg", b"A=\"" + b"a" * 8000 + b"\"\n" + b"B=\"" + b"${A}" * 10 + b"\"\n")
    write("too-many-variables.cfg", b"".join(b"V%d=1\n" % i for i in range(65537)))
    write("num-domus-over-limit.cfg", b"DOM0_KERNEL=\"Image\"\nNUM_DOMUS=%d\n" % (MAX_DOMAINS + 1))


main()
