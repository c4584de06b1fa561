#!/usr/bin/env bash
# Runs `optimize verify --phase 1 --runs 2` on a copy of Examples/brktickets against a real
# PostgreSQL and Redis started on loopback with throwaway data, then checks that everything
# passed in both modes and that the report's numbers agree with each other. Speed is reported,
# never asserted. Nothing is applied to the repository: verify works in temporary copies.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
need=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "verify-example: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

work="$(mktemp -d /tmp/optimize-verify-example.XXXXXX)"
chmod 755 "$work"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port="$(free_port)"
redis_port="$(free_port)"

# PostgreSQL refuses to run as root: run it as the postgres user (or a dedicated one).
as_pg() { if [ "$(id -u)" = 0 ]; then su "$pg_user" -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
pg_user=postgres
if [ "$(id -u)" = 0 ] && ! id "$pg_user" >/dev/null 2>&1; then
  pg_user=optimize-pg
  id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"
fi
mkdir "$work/pg"
[ "$(id -u)" = 0 ] && chown "$pg_user" "$work/pg"

cleanup() {
  as_pg "'$pg_bin/pg_ctl' -D '$work/pg/data' -m immediate stop" >/dev/null 2>&1 || true
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

as_pg "'$pg_bin/initdb' -D '$work/pg/data' -A trust -U postgres" >/dev/null
as_pg "'$pg_bin/pg_ctl' -D '$work/pg/data' -l '$work/pg/log' -w -o \
  '-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' start" >/dev/null
# The workflow's env names user "user" with password "password": the role the tests log in as.
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
  -c "CREATE ROLE \"user\" LOGIN PASSWORD 'password' CREATEDB"
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
  --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log"

requirements="Examples/brktickets/apps/api/requirements.txt"
venv="$root/.build-verify-venv"
stamp="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  echo "$stamp" > "$venv/requirements.sha256"
fi

swift build --product optimize 2>&1 | grep -E "error|warning: " || true
bin="$(swift build --show-bin-path)/optimize"
cp -R Examples/brktickets "$work/brktickets"
status=0
"$bin" verify --phase 1 --repo "$work/brktickets" --runs 2 --python "$venv/bin/python" \
  --env PGHOST=127.0.0.1 --env "PGPORT=$pg_port" --env "REDIS_URL=redis://127.0.0.1:$redis_port/0" \
  --format json > "$work/report.json" || status=$?

# The copy is untouched apart from the report folder.
diff -r --exclude=.optimize Examples/brktickets "$work/brktickets"
python3 - "$work/report.json" "$status" "$work/brktickets/.optimize/reports" <<'PY'
import json, os, sys
report, status, folder = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
problems = []
def check(condition, message):
    if not condition:
        problems.append(message)
runs = report["runs"]
check([r["mode"] for r in runs] == ["baseline", "optimized"] * 2, "runs are not interleaved baseline/optimized")
for r in runs:
    name = f'{r["mode"]} run {r["index"]}'
    check(not r["timedOut"] and r["exitStatus"] == 0, f"{name} did not finish cleanly")
    check(r["failures"] == r["errors"] == r["unexpectedSuccesses"] == 0, f"{name} had failures: {r['problems']}")
    check(r["passed"] + r["skipped"] + r["expectedFailures"] == r["testsRun"], f"{name}: counts do not add up")
    check(r.get("coveragePercent") is not None, f"{name}: no coverage")
    check(len(r["outcomes"]) == r["testsRun"], f"{name}: {len(r['outcomes'])} named outcomes for {r['testsRun']} tests")
counts = {r["testsRun"] for r in runs}
check(len(counts) == 1 and min(counts) >= 150, f"test counts differ or are too small: {counts}")
check({r["mode"]: r["outcomes"] for r in runs if r["index"] == 1}.get("baseline") ==
      {r["mode"]: r["outcomes"] for r in runs if r["index"] == 1}.get("optimized"), "outcomes differ between modes")
criteria = {c["id"]: c for c in report["criteria"]}
for key in ["all-pass", "coverage", "no-flaky"]:
    check(criteria[key]["status"] == "pass", f"{key}: {criteria[key]['detail']}")
for mode in report["modes"]:
    seconds = mode["seconds"]
    check(mode["minimum"] == min(seconds) and mode["maximum"] == max(seconds), "min/max disagree with the runs")
    check(mode["minimum"] <= mode["median"] <= mode["maximum"], "median outside min..max")
failed = sorted(k for k, c in criteria.items() if c["status"] == "fail")
check(status == (0 if not failed else 4), f"exit {status} with failed criteria {failed}")
check(failed in ([], ["speed-up"]), f"criteria failed: {failed}")
names = sorted(os.listdir(folder))
check(len(names) == 3 and {n.rsplit(".", 1)[1] for n in names} == {"md", "json", "svg"}, f"report files: {names}")
if problems:
    print("verify-example: the report is not consistent:\n  " + "\n  ".join(problems))
    sys.exit(1)
base, fast = report["modes"]
print(f"verify-example: {len(runs)} runs of {counts.pop()} tests, all passed in both modes; "
      f"baseline median {base['median']:.1f} s, optimized median {fast['median']:.1f} s "
      f"({report['medianSpeedup']:.2f}x, not asserted) on {report['cores']} cores")
PY
sed -n '/^## Criteria/,/^## Runs/p' "$work"/brktickets/.optimize/reports/*.md | head -n 20
