#!/usr/bin/env python3
"""Checks an applied repository against its original with Python's own parsers.

Usage: python_check.py BEFORE_DIR AFTER_DIR

For every file that differs:
- YAML (`yaml.safe_load`): same structure; only strings may differ.
- Python (`ast.parse`): parses, and every original top-level statement is still there, in order.
- coverage configs (`coverage.Coverage(config_file=…).config`, from the file's folder): every
  option equal except `parallel` (now True) and `concurrency` (now with multiprocessing).
Prints one line per problem and exits 1 if there is any; exits 0 otherwise.
"""
import ast
import os
import sys

import coverage
import yaml

COVERAGE_FILES = {".coveragerc", "setup.cfg", "tox.ini", "pyproject.toml"}
SKIP_OPTIONS = {"config_files_attempted", "config_files_read", "config_file", "_config_contents"}


def files(root):
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".optimize"]
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = path
    return found


def compare_yaml(a, b, where, problems):
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            problems.append(f"{where}: keys changed")
        for key in a:
            if key in b:
                compare_yaml(a[key], b[key], f"{where}.{key}", problems)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{where}: list length changed")
        for index, (x, y) in enumerate(zip(a, b)):
            compare_yaml(x, y, f"{where}[{index}]", problems)
    elif a != b and not (isinstance(a, str) and isinstance(b, str)):
        problems.append(f"{where}: {a!r} became {b!r}")


def coverage_options(path):
    folder, name = os.path.split(path)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        config = coverage.Coverage(config_file=name).config
    finally:
        os.chdir(cwd)
    return {k: v for k, v in vars(config).items() if k not in SKIP_OPTIONS}


def main(before_root, after_root):
    problems = []
    before, after = files(before_root), files(after_root)
    for rel, path in sorted(after.items()):
        old_path = before.get(rel)
        new = open(path, "rb").read()
        if old_path is not None and open(old_path, "rb").read() == new:
            continue
        name = os.path.basename(rel)
        if rel.endswith((".yml", ".yaml")):
            old = yaml.safe_load(open(old_path, "rb"))
            compare_yaml(old, yaml.safe_load(new), rel, problems)
        elif rel.endswith(".py"):
            old_body = ast.parse(open(old_path, "rb").read()).body
            new_body = ast.parse(new).body
            if [ast.dump(n) for n in new_body[: len(old_body)]] != [ast.dump(n) for n in old_body]:
                problems.append(f"{rel}: original statements changed")
        if name in COVERAGE_FILES:
            options = coverage_options(path)
            if not options["parallel"]:
                problems.append(f"{rel}: coverage sees parallel = {options['parallel']}")
            if "multiprocessing" not in options["concurrency"]:
                problems.append(f"{rel}: coverage sees concurrency = {options['concurrency']}")
            if old_path is not None:
                old_options = coverage_options(old_path)
                for key in sorted(set(old_options) | set(options)):
                    if key not in ("parallel", "concurrency") and old_options.get(key) != options.get(key):
                        problems.append(f"{rel}: coverage option {key} changed")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
