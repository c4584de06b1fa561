#!/usr/bin/env python3
"""Says whether a tool's output is byte-identical to the original outside the intended edit.

Usage: compare_outside_edit.py ORIGINAL EXPECTED ACTUAL

EXPECTED is optimize's result (the original with exactly the Phase 1 edit). The lines where
ORIGINAL and EXPECTED differ are the edit. Prints one line: "identical" when ACTUAL equals
EXPECTED byte for byte, otherwise how many original lines outside the edit ACTUAL changed,
with the first example.
"""

import difflib
import sys


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def changed_ranges(a, b):
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def main():
    original, expected, actual = (read(path) for path in sys.argv[1:4])
    if actual == expected:
        print("identical outside the edit (byte for byte equal to optimize's result)")
        return
    lines = original.splitlines(keepends=True)
    edit = changed_ranges(lines, expected.splitlines(keepends=True))
    first = min(i1 for i1, _, _, _ in edit) if edit else 0
    last = max(i2 for _, i2, _, _ in edit) if edit else 0
    actual_lines = actual.splitlines(keepends=True)
    outside = 0
    example = None
    for i1, i2, j1, j2 in changed_ranges(lines, actual_lines):
        if i2 < first or i1 > last:
            outside += max(i2 - i1, j2 - j1)
            if example is None:
                old = lines[i1].decode(errors="replace").rstrip("\n") if i1 < i2 else "(nothing)"
                new = actual_lines[j1].decode(errors="replace").rstrip("\n") if j1 < j2 else "(deleted)"
                example = f"line {i1 + 1}: {old!r} became {new!r}"
    if outside == 0:
        print("identical outside the edit lines, but the edit itself differs from optimize's")
    else:
        print(f"NOT identical: {outside} line(s) outside the edit changed; first: {example}")


if __name__ == "__main__":
    main()
