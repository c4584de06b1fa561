#!/usr/bin/env python3
"""Prints the results of Scripts/bench.sh as Markdown tables and checks the targets.

Usage: report.py RESULTS.jsonl [RUAMEL_VERDICT_FILE]

Exits 0 whether or not a target is met: the benchmark reports, it does not judge a build.
"""

import json
import sys

MB = 1_000_000


def load(path):
    with open(path, encoding="utf-8") as handle:
        return {record["name"]: record for record in map(json.loads, handle)}


def seconds(value):
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def table(results):
    print("| what | runs | median | min | max | CPU (median) | peak RSS | input | throughput |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for record in results.values():
        size = record.get("bytes")
        rate = record.get("workflow_bytes", size)
        print(
            f"| {record['name']} | {record['runs']} | {seconds(record['median'])} | "
            f"{seconds(record['min'])} | {seconds(record['max'])} | {seconds(record['cpu_median'])} | "
            f"{record['peak_rss_kib'] / 1024:.1f} MiB | "
            + (f"{size / MB:.1f} MB" if size else "")
            + " | "
            + (f"{rate / MB / record['median']:.1f} MB/s" if rate else "")
            + " |"
        )


def check(label, ok, detail):
    print(f"- [{'x' if ok else ' '}] {label}: {detail}")
    return ok


def targets(results):
    print("\nTargets (medians):")
    version = results["version"]["median"]
    for name in ("status", "plan"):
        ratio = results[name]["median"] / version
        check(f"`{name}` on the example ≤ 2× `--version`", ratio <= 2, f"{ratio:.2f}×")
    sizes = [s for s in ("1MB", "10MB", "50MB") if f"plan-{s}" in results]
    for size in sizes:
        plan, floor = results[f"plan-{size}"], results.get(f"libyaml-{size}")
        rate = plan["workflow_bytes"] / MB / plan["median"]
        check(f"plan {size}: ≥ 15 MB/s of workflow", rate >= 15, f"{rate:.1f} MB/s")
        if floor:
            ratio = plan["median"] / floor["median"]
            check(f"plan {size}: ≤ 3× one libyaml event pass", ratio <= 3, f"{ratio:.2f}×")
        limit = 4 * plan["bytes"] / 1024 + 40 * 1024
        rss = plan["peak_rss_kib"]
        check(
            f"plan {size}: peak RSS ≤ 4× input + 40 MB",
            rss <= limit,
            f"{rss / 1024:.1f} MiB of {limit / 1024:.1f} MiB allowed",
        )
    for small, large in zip(sizes, sizes[1:]):
        a, b = results[f"plan-{small}"], results[f"plan-{large}"]
        proportional = b["workflow_bytes"] / a["workflow_bytes"]
        ratio = (b["median"] / a["median"]) / proportional
        check(f"{small} → {large} linear within 1.5×", ratio <= 1.5, f"{ratio:.2f}× proportional")
    for name, what in (("plan-1MB", "the whole 1 MB repository"), ("plan-1MB-workflow-alone", "the same workflow alone")):
        if "ruamel-1MB" in results and name in results:
            ratio = results["ruamel-1MB"]["median"] / results[name]["median"]
            check(f"≥ 100× faster than ruamel.yaml on 1 MB ({what})", ratio >= 100, f"{ratio:.0f}×")


def main():
    results = load(sys.argv[1])
    table(results)
    targets(results)
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as handle:
            print(f"\nruamel.yaml's output on the 1 MB workflow: {handle.read().strip()}")


if __name__ == "__main__":
    main()
