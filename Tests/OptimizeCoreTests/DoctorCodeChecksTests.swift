import Foundation
import OptimizeCore
import Testing

/// The checks that read Python statically: TEST_RUNNER, the test files, the databases.
@Suite struct DoctorCodeChecksTests {
  typealias Case = DoctorChecksTests.Case

  static func runner(_ code: String) -> [String: String?] {
    [
      "proj/settings.py": DoctorFixture.settings + "TEST_RUNNER = \"proj.runner.Runner\"\n",
      "proj/runner.py": code,
    ]
  }

  static func test(_ code: String) -> [String: String?] { ["app/tests/test_more.py": code] }

  static let redis = DoctorFixture.settings.replacingOccurrences(
    of: "\"django.core.cache.backends.locmem.LocMemCache\"",
    with: "\"django.core.cache.backends.redis.RedisCache\", \"LOCATION\": \"redis://localhost:6379\"")

  static func postgres(_ service: String, command: String = "coverage run manage.py test") -> [String:
    String?]
  {
    [
      ".github/workflows/ci.yml": DoctorFixture.workflow(command: command).replacingOccurrences(
        of: "    runs-on: ubuntu-latest\n",
        with:
          "    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n\(service)"
      )
    ]
  }

  static let cases: [Case] = [
    Case(
      name: "runner without DiscoverRunner",
      changes: runner("class Runner:\n    def run_tests(self, labels):\n        return 0\n"),
      check: "test-runner", severity: .error, place: "proj/runner.py:1",
      message: "TEST_RUNNER Runner does not subclass DiscoverRunner"),
    Case(
      name: "runner overriding run_tests",
      changes: runner(
        "from django.test.runner import DiscoverRunner\n\n\nclass Runner(DiscoverRunner):\n"
          + "    def run_tests(self, labels, **kwargs):\n        return 0\n"),
      check: "test-runner", severity: .warning, place: "proj/runner.py:5", message: "overrides run_tests"),
    Case(
      name: "runner through a local base",
      changes: runner(
        "from django.test import runner\n\n\nclass Base(runner.DiscoverRunner):\n    pass\n\n\n"
          + "class Runner(Base):\n    def teardown_databases(self, old, **kw):\n        pass\n"),
      check: "test-runner", severity: .info, place: "proj/runner.py:8"),
    Case(
      name: "runner from a package outside the repository",
      changes: [
        "proj/settings.py": DoctorFixture.settings
          + "TEST_RUNNER = 'xmlrunner.extra.djangotestrunner.XMLTestRunner'\n"
      ],
      check: "test-runner", severity: .warning, place: "proj/settings.py:8"),
    Case(name: "no TEST_RUNNER", changes: [:], check: "test-runner", severity: nil),
    Case(
      name: "fixed /tmp path",
      changes: test(
        "def test_export():\n    open('/tmp/export.csv', 'w').write('x')\n    open(f'/tmp/b.csv', 'w')\n"),
      check: "parallel-tmp-path", severity: .risk, place: "app/tests/test_more.py:2",
      message: "a fixed path in /tmp (2 places in this file)"),
    Case(
      name: "tempfile path",
      changes: test("import tempfile\n\ndef test_export():\n    open(tempfile.mktemp(), 'w')\n"),
      check: "parallel-tmp-path", severity: nil),
    Case(
      name: "fixed port",
      changes: test("def test_client():\n    url = 'http://localhost:8001/api'\n    start(port=9000)\n"),
      check: "parallel-fixed-port", severity: .risk, place: "app/tests/test_more.py:2"),
    Case(
      name: "port zero", changes: test("def test_client():\n    start(port=0)\n"),
      check: "parallel-fixed-port",
      severity: nil),
    Case(
      name: "cache.clear on shared Redis",
      changes: ["proj/settings.py": redis].merging(
        test("from django.core.cache import cache\n\n\ndef test_it():\n    cache.clear()\n")
      ) { $1 },
      check: "parallel-cache-clear", severity: .risk, place: "app/tests/test_more.py:5"),
    Case(
      name: "cache.clear on Redis with KEY_PREFIX",
      changes: ["proj/settings.py": redis + "CACHES['default']['KEY_PREFIX'] = str(os.getpid())\n"].merging(
        test("from django.core.cache import cache\n\n\ndef test_it():\n    cache.clear()\n")
      ) { $1 },
      check: "parallel-cache-clear", severity: nil),
    Case(
      name: "cache.clear on LocMemCache",
      changes: test("from django.core.cache import cache\n\n\ndef test_it():\n    cache.clear()\n"),
      check: "parallel-cache-clear", severity: nil),
    Case(
      name: "class-level list",
      changes: test(
        "class T:\n    seen = []\n    other = dict()\n\n    def test_a(self):\n        self.seen.append(1)\n"),
      check: "parallel-class-state", severity: .risk, place: "app/tests/test_more.py:2"),
    Case(
      name: "class-level fixtures and tuples",
      changes: test("class T:\n    fixtures = ['a.json']\n    names = ('a', 'b')\n"),
      check: "parallel-class-state", severity: nil),
    Case(
      name: "SQLite",
      changes: [
        "proj/settings.py":
          "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
      ],
      check: "sqlite", severity: .info, place: "proj/settings.py:1", message: "fine with parallel tests"),
    Case(name: "PostgreSQL settings", changes: [:], check: "sqlite", severity: nil),
    Case(
      name: "max_connections too low",
      changes: postgres("        env:\n          POSTGRESQL_MAX_CONNECTIONS: \"4\"\n"),
      check: "postgres-connections", severity: .error, place: ".github/workflows/ci.yml:7",
      message: "PostgreSQL allows 4 connections, the parallel tests need 5"),
    Case(
      name: "max_connections in options, explicit workers",
      changes: postgres(
        "        options: >-\n          -c max_connections=10\n",
        command: "coverage run manage.py test --parallel 12"),
      check: "postgres-connections", severity: .error, message: "need 13"),
    Case(
      name: "max_connections high enough",
      changes: postgres("        env:\n          POSTGRES_MAX_CONNECTIONS: \"200\"\n"),
      check: "postgres-connections", severity: .info, message: "enough for the parallel tests (5)"),
    Case(
      name: "max_connections not visible", changes: postgres("        ports: [\"5432:5432\"]\n"),
      check: "postgres-connections", severity: nil),
  ]

  @Test(arguments: cases)
  func finding(_ example: Case) throws {
    try DoctorChecksTests().finding(example)
  }
}
