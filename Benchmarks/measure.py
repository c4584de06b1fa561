#!/usr/bin/env python3
"""Times commands for Scripts/bench.sh and appends one JSON line per command to a results file.

Usage:
  measure.py RESULTS RUNS [--bytes N] [--workflow-bytes N] NAME -- CMD...
             [--next [--bytes N] [--workflow-bytes N] NAME -- CMD...]

Every round runs each command once, in the order given (so `apply` and `rollback` alternate on
the same copy, and `plan` and the libyaml pass it is compared with run side by side, whatever
the machine's speed does meanwhile). Sizes given before a NAME are that command's; the first
command's are every command's unless a later one gives its own. A command that exits non-zero stops the benchmark. Wall time is measured
around the child process alone (no shell in between); after the timed rounds each command runs
once more under `/usr/bin/time -v` for its peak resident set size. Output files of a command
go to /dev/null; its stderr is kept when it fails.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def parse(argv):
    results, runs = argv[0], int(argv[1])
    rest = argv[2:]
    shared = {}
    commands = []
    while rest:
        extra = dict(shared)
        while rest and rest[0].startswith("--") and rest[0] != "--":
            extra[rest[0][2:].replace("-", "_")] = int(rest[1])
            rest = rest[2:]
        if not commands:
            shared = dict(extra)
        name = rest[0]
        assert rest[1] == "--", f"expected -- after {name}"
        rest = rest[2:]
        end = rest.index("--next") if "--next" in rest else len(rest)
        commands.append((name, rest[:end], extra))
        rest = rest[end + 1 :]
    return results, runs, commands


def timed(command):
    start = time.perf_counter_ns()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = (time.perf_counter_ns() - start) / 1e9
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"bench: {' '.join(command)} exited {code}:\n{stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_rss_kib(command):
    with tempfile.NamedTemporaryFile("r") as report, open(os.devnull, "wb") as null:
        subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], stdout=null, check=True)
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
        return int(match.group(1))


def main():
    results, runs, commands = parse(sys.argv[1:])
    walls = {name: [] for name, _, _ in commands}
    cpus = {name: [] for name, _, _ in commands}
    for _ in range(runs):
        for name, command, _ in commands:
            wall, cpu = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    with open(results, "a", encoding="utf-8") as out:
        for name, command, extra in commands:
            record = {
                "name": name,
                "runs": runs,
                "median": statistics.median(walls[name]),
                "min": min(walls[name]),
                "max": max(walls[name]),
                "cpu_median": statistics.median(cpus[name]),
                "peak_rss_kib": peak_rss_kib(command),
                **extra,
            }
            out.write(json.dumps(record) + "\n")
            print(
                f"  {name:<34} median {record['median']:.4f}s  min {record['min']:.4f}s  "
                f"max {record['max']:.4f}s  cpu {record['cpu_median']:.4f}s  "
                f"rss {record['peak_rss_kib'] / 1024:.1f} MiB",
                flush=True,
            )


if __name__ == "__main__":
    main()
