#!/usr/bin/env bash
# Builds the package and runs every test: unit, golden snapshots and end-to-end on the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
grep -Eq "Test run with [0-9]+ tests? .*passed" .build/test-output.txt
