import Foundation

/// A small Django-shaped repository and a fake Python that prints what Django's runner prints at
/// `-v 2`, so verify can be tested end to end without PostgreSQL. The fake logs every command
/// line, the variables verify must set or leave unset, and whether the settings it sees carry
/// the fast hasher.
enum VerifyFixture {
  static let workflow = """
    name: CI
    on: [push]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - name: Tests
            env:
              DB_HOST: localhost
              API_TOKEN: ${{ secrets.API_TOKEN }}
            run: |
              cd app
              uv run coverage run manage.py test
              uv run coverage report

    """

  static let settings = """
    SECRET_KEY = "x"
    INSTALLED_APPS = ["shop"]

    """

  /// Creates the repository (under a fresh temporary folder) and the fake interpreter beside it.
  static func make(settings: String = settings) throws -> (repo: URL, python: URL, log: URL) {
    let root = try TreeFixture.temporaryFolder()
    let repo = root.appendingPathComponent("repo")
    try TreeFixture.write(workflow, to: ".github/workflows/ci.yml", in: repo)
    try TreeFixture.write(
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_app.settings')\n",
      to: "app/manage.py",
      in: repo)
    try TreeFixture.write("", to: "app/site_app/__init__.py", in: repo)
    try TreeFixture.write(settings, to: "app/site_app/settings.py", in: repo)
    try TreeFixture.write("Django==5.1.4\ncoverage==7.6.1\n", to: "app/requirements.txt", in: repo)
    try TreeFixture.write(fakePython, to: "bin/python", in: root)
    let python = root.appendingPathComponent("bin/python")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
    return (repo, python, root.appendingPathComponent("fake.log"))
  }

  /// Runs `optimize verify` on a fixture with the fake interpreter and a scenario.
  static func verify(
    _ repo: URL, python: URL, log: URL, scenario: String = "pass", extra: [String] = [],
    environment: [String: String] = [:]
  ) throws -> OptimizeBinary.Result {
    var env = ["FAKE_SCENARIO": scenario, "FAKE_LOG": log.path]
    env.merge(environment) { $1 }
    return try OptimizeBinary.run(
      ["verify", "--phase", "1", "--repo", repo.path, "--runs", "2", "--python", python.path] + extra,
      in: repo, environment: env)
  }

  static let fakePython = #"""
    #!/usr/bin/env bash
    # A stand-in for a virtualenv's python running Django's test runner under coverage.
    log() { echo "$*" >> "$FAKE_LOG"; }
    if [ "$1" = "-c" ]; then
      echo "python=3.12.4"; echo "django=5.1.4"; echo "coverage=7.6.1"; exit 0
    fi
    if [ "$1 $2" = "-m coverage" ]; then
      shift 2
      case "$1" in
        combine) cat .coverage.* > .coverage; rm -f .coverage.*; log "combine"; exit 0 ;;
        json) echo "{\"totals\": {\"percent_covered\": $(cat .coverage)}}" > "$3"; exit 0 ;;
        run) shift ;;
      esac
    fi
    parallel=no
    case " $* " in *" --parallel"*) parallel=yes ;; esac
    hasher=no
    grep -q MD5PasswordHasher site_app/settings.py && hasher=yes
    log "run parallel=$parallel hasher=$hasher token=${API_TOKEN-unset} db=${DB_HOST-unset} args=$*"
    if [ "$parallel" = yes ]; then echo 81.5 > ".coverage.host.$$.1"; else echo 81.25 > .coverage; fi
    echo "Found 3 test(s)."
    echo "Creating test database for alias 'default' ('test_shop')..."
    echo "System check identified no issues (0 silenced)."
    case "$FAKE_SCENARIO" in
      hang) sleep 30 ;;
      empty)
        printf -- '\n----------------------------------------------------------------------\nRan 0 tests in 0.000s\n\nNO TESTS RAN\n'
        exit 5 ;;
    esac
    echo "test_cart (shop.tests.CartTests.test_cart) ... ok"
    echo "test_skip (shop.tests.CartTests.test_skip) ... skipped 'no redis'"
    if [ "$FAKE_SCENARIO" = fail ] || { [ "$FAKE_SCENARIO" = parallel-fail ] && [ "$parallel" = yes ]; }; then
      echo "test_login (shop.tests.LoginTests.test_login) ... FAIL"
      printf '\n======================================================================\n'
      echo "FAIL: test_login (shop.tests.LoginTests.test_login)"
      printf -- '----------------------------------------------------------------------\n'
      echo "Traceback (most recent call last):"
      echo "AssertionError: 401 != 200"
      printf -- '\n----------------------------------------------------------------------\nRan 3 tests in 0.2s\n\nFAILED (failures=1, skipped=1)\n'
      exit 1
    fi
    echo "test_login (shop.tests.LoginTests.test_login) ... ok"
    printf -- '\n----------------------------------------------------------------------\nRan 3 tests in 0.2s\n\nOK (skipped=1)\n'
    echo "Destroying test database for alias 'default' ('test_shop')..."
    """#
}
