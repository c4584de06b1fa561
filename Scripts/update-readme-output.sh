#!/usr/bin/env bash
# Refreshes the README's "real output" blocks from the current build on a copy of the example.
# The end-to-end tests compare those blocks with the binary's output, so run this after
# changing the example or the output, and review the README diff.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product optimize >/dev/null
bin="$(swift build --show-bin-path)/optimize"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R Examples/brktickets "$work/doctor"
cp -R Examples/brktickets "$work/status"
NO_COLOR=1 "$bin" doctor --repo "$work/doctor" > "$work/doctor.txt" || true
"$bin" apply --phase 1 --repo "$work/status" >/dev/null
NO_COLOR=1 "$bin" status --repo "$work/status" > "$work/status.txt"
"$bin" status --format markdown --repo "$work/status" > "$work/status.md"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]

def replace(text, marker, language, body):
    head, sep, rest = text.partition(marker)
    assert sep, f"marker not found: {marker}"
    fence = f"```{language}\n"
    before, sep2, after = rest.partition(fence)
    assert sep2, f"no {language} block after: {marker}"
    old, sep3, tail = after.partition("```\n")
    command = [line for line in old.split("\n") if line.startswith("$ ")]
    new = "\n".join(command + [body.rstrip("\n")]) + "\n"
    return head + sep + before + fence + new + sep3 + tail

readme = open("README.md").read()
readme = replace(readme, "On the example (real output; exit 0):", "text", open(f"{work}/doctor.txt").read())
readme = replace(readme, "On the example after `optimize apply --phase 1` (real output):", "text",
                 open(f"{work}/status.txt").read())
readme = replace(readme, "ready to post as a PR comment:", "markdown", open(f"{work}/status.md").read())
open("README.md", "w").write(readme)
PY
echo "README output blocks refreshed; review: git diff README.md"
