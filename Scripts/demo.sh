#!/usr/bin/env bash
# Runs optimize's main job on a copy of Examples/brktickets: plan, apply, status, rollback.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product optimize >/dev/null
bin="$(swift build -c release --show-bin-path)/optimize"
work="$(mktemp -d)"
cp -R Examples/brktickets "$work/brktickets"
repo="$work/brktickets"
run() { echo; echo "\$ optimize $*"; "$bin" "$@" --repo "$repo"; }
run plan --phase 1
run apply --phase 1
run status
run rollback
echo
if diff -r Examples/brktickets "$repo" --exclude=.optimize >/dev/null; then
  echo "Rollback restored every byte of the example (compared with diff -r)."
else
  echo "Rollback left differences:" >&2
  diff -r Examples/brktickets "$repo" --exclude=.optimize >&2
  exit 1
fi
echo "The copy is in $repo"
