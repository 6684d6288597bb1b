#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The coverage section of docs/live.md, from `xsmcap ops --arch arm64 --format json` on stdin:
the operations the live probe issues out of those that exist on arm64, and every one it does not,
with the reason its catalogue row gives."""
import json
import sys

ops = json.load(sys.stdin)["ops"]
probed = [o for o in ops if o["probed"]]
print("## Coverage\n")
print("The catalogue's planner issues %d of the %d operations that exist on arm64 (%d%%); the "
      "others have no harmless form, for the reason their row gives:\n"
      % (len(probed), len(ops), round(100 * len(probed) / len(ops))))
print("| operation | why it is not probed |\n|---|---|")
for o in ops:
    if not o["probed"]:
        print("| `%s` | %s |" % (o["name"], (o["probe"] or "no form written").replace("|", "/")))
