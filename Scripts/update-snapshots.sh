#!/usr/bin/env bash
# Regenerates Snapshots/*/after from before/ with the current build. Review the diff before
# committing: the goldens are only worth what that review is worth.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product optimize >/dev/null
bin="$(swift build --show-bin-path)/optimize"
for case in Snapshots/*/; do
  case="${case%/}"
  [ -d "$case/before" ] || continue
  args=""
  [ -f "$case/args" ] && args="$(cat "$case/args")"
  rm -rf "$case/after"
  cp -R "$case/before" "$case/after"
  # shellcheck disable=SC2086
  "$bin" apply --phase 1 --repo "$case/after" $args >/dev/null
  rm -rf "$case/after/.optimize"
  echo "updated $case/after"
done
