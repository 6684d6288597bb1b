#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Regenerate tests/hardening/bad/: hostile inputs for the readers.

Each file damages one thing of a valid blob or config, so the error it must
produce names one rule.  Run from the repository root after changing the
list; bad-input.tsv holds the expected one-line error of each file.  Files
too large to keep in git (enormous properties, oversized files) are made by
run-bad-input.sh at test time instead.
"""
import os
import struct
import subprocess

HERE = os.path.join("tests", "hardening", "bad")
BASE_DTS = os.path.join("tests", "corpus", "synthetic-arm-dom0less-explicit-all-caps.dts")

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def dtc(source):
    return subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb"], input=source.encode(),
                          stdout=subprocess.PIPE, check=True).stdout


def header(blob):
    """magic, totalsize, off_struct, off_strings, off_rsvmap, version, last_comp,
    boot_cpuid, size_strings, size_struct"""
    return list(struct.unpack(">10I", blob[:40]))


def with_header(blob, **fields):
    names = ["magic", "totalsize", "off_struct", "off_strings", "off_rsvmap", "version",
             "last_comp", "boot_cpuid", "size_strings", "size_struct"]
    h = header(blob)
    for k, v in fields.items():
        h[names.index(k)] = v
    return struct.pack(">10I", *h) + blob[40:]


def first_token(blob, token):
    """Offset of the first structure token `token` (walks the structure block)."""
    h = header(blob)
    off = h[2]
    end = h[2] + h[9]
    while off < end:
        tok = struct.unpack(">I", blob[off:off + 4])[0]
        if tok == token:
            return off
        off += 4
        if tok == FDT_BEGIN_NODE:
            name_end = blob.index(b"\0", off)
            off = (name_end + 1 + 3) & ~3
        elif tok == FDT_PROP:
            length = struct.unpack(">I", blob[off:off + 4])[0]
            off = (off + 8 + length + 3) & ~3
    raise ValueError("token not found")


def patch(blob, off, value):
    return blob[:off] + struct.pack(">I", value) + blob[off + 4:]


def main():
    os.makedirs(HERE, exist_ok=True)
    good = dtc(open(BASE_DTS).read())
    h = header(good)
    prop = first_token(good, FDT_PROP)
    files = {
        "empty.dtb": b"",
        "truncated-header.dtb": good[:20],
        "truncated-body.dtb": good[: len(good) // 2],
        "bad-magic.dtb": with_header(good, magic=0xd00dfeee),
        "bad-version.dtb": with_header(good, version=1, last_comp=1),
        "totalsize-huge.dtb": with_header(good, totalsize=0xFFFFFFF0),
        "struct-offset-out-of-range.dtb": with_header(good, off_struct=len(good) + 64),
        "strings-offset-out-of-range.dtb": with_header(good, off_strings=0x7FFFFFF0),
        "overlapping-blocks.dtb": with_header(good, off_strings=h[2]),
        "prop-length-huge.dtb": patch(good, prop + 4, 0xFFFFFFF0),
        "prop-nameoff-out-of-range.dtb": patch(good, prop + 8, 0x7FFFFFFF),
        "missing-end-token.dtb": patch(good, h[2] + h[9] - 4, FDT_NOP),
        "unbalanced-end-node.dtb": patch(good, first_token(good, FDT_END_NODE), FDT_END),
        "nonutf8-node-name.dtb": dtc(open(BASE_DTS).read()).replace(b"domU1\0", b"dom\xff\xfe\0"),
        "deep-nesting.dts": "/dts-v1/;\n/ { chosen { " + "n { " * 40 + "};" * 40 + " }; };\n",
        "target-loop.dts": """/dts-v1/;
/ { chosen {
    a: dm1 { compatible = "xen,domain"; xsmcap,target = <&b>; };
    b: dm2 { compatible = "xen,domain"; xsmcap,target = <&a>; };
    c: self { compatible = "xen,domain"; xsmcap,target = <&c>; };
}; };
""",
        "syntax-error.dts": "/dts-v1/;\n/ { chosen { dom0 { compatible = \"xen,domain\" }; };\n",
        "binary-garbage.cfg": bytes(range(256)) * 4,
        "unterminated-quote.cfg": 'DOM0_KERNEL="Image\nNUM_DOMUS=1\n',
        "num-domus-too-many.cfg": 'DOM0_KERNEL="Image"\nNUM_DOMUS=40000\n',
        "num-domus-negative.cfg": 'DOM0_KERNEL="Image"\nNUM_DOMUS=-1\n',
        "nonutf8-value.cfg": b'DOM0_KERNEL="Im\xff\xfeage"\nNUM_DOMUS=1\nDOMU_KERNEL[0]="k"\n',
        "unknown-kind.txt": "hello\n",
    }
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)


main()
