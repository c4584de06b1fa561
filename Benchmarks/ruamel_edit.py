#!/usr/bin/env python3
"""The edit `optimize apply --phase 1` makes to a workflow, done with ruamel.yaml's round trip.

Usage: ruamel_edit.py IN OUT

Loads IN with ruamel.yaml's round-trip loader, rewrites every `run:` that runs
`coverage run manage.py test` the way Phase 1 does (parallel flags, `coverage combine` before
the first report) and dumps the document to OUT. This is the script a team would otherwise
write; Scripts/bench.sh times it against `optimize plan` and compares its output byte for byte.
"""

import sys

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

OLD = "coverage run manage.py test"
NEW = "coverage run --parallel-mode manage.py test --parallel=auto --keepdb"


def rewrite(script):
    lines = script.split("\n")
    out = []
    combined = False
    for line in lines:
        if line.strip() == OLD:
            line = line.replace(OLD, NEW)
        elif line.strip().startswith("coverage report") and not combined:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + "coverage combine")
            combined = True
        out.append(line)
    return "\n".join(out)


def main():
    source, target = sys.argv[1], sys.argv[2]
    # Round trip, configured as kindly as we can for this file: keep quotes, use its indentation
    # (sequences indented 4 with the dash at 2) and never fold long lines.
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    with open(source, encoding="utf-8") as handle:
        document = yaml.load(handle)
    edits = 0
    for job in document["jobs"].values():
        for step in job.get("steps", []):
            run = step.get("run")
            if isinstance(run, str) and OLD in run:
                step["run"] = LiteralScalarString(rewrite(run))
                edits += 1
    with open(target, "w", encoding="utf-8", newline="") as handle:
        yaml.dump(document, handle)
    print(f"{edits} edit(s)")


if __name__ == "__main__":
    main()
