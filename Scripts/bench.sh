#!/usr/bin/env bash
# Benchmarks optimize: startup floor, the example, generated 1/10/50 MB workflows against one
# libyaml event pass, and the same edit done with ruamel.yaml's round trip. Reports median, min
# and max over BENCH_RUNS runs (default 5) and the peak RSS from /usr/bin/time -v.
#
# Environment:
#   BENCH_RUNS=5           timed runs per command
#   BENCH_SIZES="1 10 50"  workflow sizes in MB (10^6 bytes) for the generated repositories
#   BENCH_RUAMEL=1         0 skips the ruamel.yaml comparison (it takes about a minute)
#   OPTIMIZE_BIN=PATH      time this binary instead of the release build (e.g. an older commit's)
# Results: .build/bench/results.jsonl and the Markdown report .build/bench/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${BENCH_RUNS:-5}"
sizes="${BENCH_SIZES:-1 10 50}"
ruamel="${BENCH_RUAMEL:-1}"

need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
[ -f /usr/include/yaml.h ] || need_apt+=(libyaml-dev)
command -v cc >/dev/null 2>&1 || need_apt+=(gcc)
python3 -c 'import ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bench: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

out="$root/.build/bench"
mkdir -p "$out"
rm -f "$out/ruamel-verdict.txt"
echo "bench: building the release binary and the libyaml floor"
swift build -c release --product optimize 2>&1 | grep -E "error|warning: " || true
bin="${OPTIMIZE_BIN:-$(swift build -c release --show-bin-path)/optimize}"
cc -O2 -o "$out/yaml_pass" Benchmarks/yaml_pass.c -lyaml
if [ "$ruamel" = 1 ] && ! "$out/venv/bin/python" -c 'import ruamel.yaml' >/dev/null 2>&1; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install -q ruamel.yaml
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$out/results.jsonl"
: >"$results"
measure() { python3 Benchmarks/measure.py "$results" "$runs" "$@"; }
# Commands of a few milliseconds run four times as often: this machine is shared and noisy.
measure_quick() { python3 Benchmarks/measure.py "$results" "$((runs * 4))" "$@"; }

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git status --porcelain --untracked-files=no 2>/dev/null | head -n 1)"
{
  echo "commit $commit${dirty:+ (with uncommitted changes)}, $(date -u +%Y-%m-%d)"
  echo "$(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "optimize $("$bin" --version) at $bin, $(swift --version 2>&1 | head -n 1)"
} | tee "$out/machine.txt"

echo "bench: the example (Examples/brktickets)"
cp -R Examples/brktickets "$work/example"
example="$work/example"
measure_quick version -- "$bin" --version \
  --next status -- "$bin" status --repo "$example" \
  --next plan -- "$bin" plan --phase 1 --repo "$example"
measure_quick apply -- "$bin" apply --phase 1 --repo "$example" \
  --next rollback -- "$bin" rollback --repo "$example"

for size in $sizes; do
  repo="$work/repo-${size}MB"
  python3 Benchmarks/generate_repo.py "$repo" "$((size * 1000000))"
  workflow="$repo/.github/workflows/ci.yml"
  workflow_bytes="$(stat -c %s "$workflow")"
  total_bytes="$(find "$repo" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')"
  echo "bench: generated ${size} MB repository: workflow $workflow_bytes bytes, $total_bytes bytes in all"
  sizes_args=(--bytes "$total_bytes" --workflow-bytes "$workflow_bytes")
  # The default limit is 20 MiB; only the larger workflows need it raised.
  limit=()
  [ "$workflow_bytes" -gt $((20 * 1024 * 1024)) ] && limit=(--max-file-mib 64)
  # Side by side, round by round: their ratio is a target, and this machine's speed drifts.
  measure "${sizes_args[@]}" "plan-${size}MB" -- "$bin" plan --phase 1 --repo "$repo" "${limit[@]}" \
    --next --bytes "$workflow_bytes" "libyaml-${size}MB" -- "$out/yaml_pass" "$workflow"
  if [ "$size" = 1 ] && [ "$ruamel" = 1 ]; then
    # The edit ruamel.yaml makes, alone: the same workflow, with a settings module and a
    # .coveragerc of a few lines instead of 100,000 and 10,000.
    alone="$work/alone-1MB"
    python3 Benchmarks/generate_repo.py "$alone" 1000000 50 10
    cmp -s "$workflow" "$alone/.github/workflows/ci.yml"
    alone_bytes="$(find "$alone" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')"
    cp "$workflow" "$work/original.yml"
    "$bin" apply --phase 1 --repo "$repo" >/dev/null
    cp "$workflow" "$work/optimize.yml"
    "$bin" rollback --repo "$repo" >/dev/null
    measure --bytes "$alone_bytes" --workflow-bytes "$workflow_bytes" "plan-1MB-workflow-alone" -- \
      "$bin" plan --phase 1 --repo "$alone" \
      --next --bytes "$workflow_bytes" "ruamel-1MB" -- \
      "$out/venv/bin/python" Benchmarks/ruamel_edit.py "$work/original.yml" "$work/ruamel.yml"
    rm -rf "$alone"
    python3 Benchmarks/compare_outside_edit.py "$work/original.yml" "$work/optimize.yml" \
      "$work/ruamel.yml" >"$out/ruamel-verdict.txt"
  fi
  rm -rf "$repo"
done

verdict=()
[ -f "$out/ruamel-verdict.txt" ] && [ "$ruamel" = 1 ] && verdict=("$out/ruamel-verdict.txt")
{
  sed 's/^/    /' "$out/machine.txt"
  echo
  python3 Benchmarks/report.py "$results" "${verdict[@]}"
} >"$out/report.md"
echo
cat "$out/report.md"
