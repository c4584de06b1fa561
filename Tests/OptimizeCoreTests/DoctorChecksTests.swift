import Foundation
import OptimizeCore
import Testing

/// Each preflight check on a fixture that shows it and on one that does not.
@Suite struct DoctorChecksTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var changes: [String: String?]
    var check: String
    /// The severity expected, or nil when the finding must be absent.
    var severity: Severity?
    var place: String? = nil
    var message: String? = nil

    var description: String { name }
  }

  static let migration: [String: String?] = [
    "app/migrations/__init__.py": "", "app/migrations/0001_initial.py": "operations = []\n",
  ]

  static let cases: [Case] = [
    Case(
      name: "Django unknown", changes: ["requirements.txt": "coverage\ntblib\n"], check: "django-version",
      severity: .warning, message: "Django version unknown"),
    Case(
      name: "Django 3.2", changes: ["requirements.txt": "Django==3.2.25\ntblib\n"], check: "django-version",
      severity: .info, place: "requirements.txt:1", message: "below 4.0: the plan writes a bare `--parallel`"),
    Case(
      name: "Django 5.2", changes: [:], check: "django-version", severity: .info,
      message: "Django 5.2.8: `--parallel=auto` works"),
    Case(
      name: "Python 3.14 with Django 5.2",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run manage.py test", pythonVersion: "\"3.14\"")
      ],
      check: "python-start-method", severity: .error, place: ".github/workflows/ci.yml:10",
      message: "Python 3.14 in CI with Django 5.2.8: the tests will silently run in one process"),
    Case(
      name: "Python 3.14 in a matrix",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run manage.py test", pythonVersion: "${{ matrix.python }}"
        ).replacingOccurrences(
          of: "    runs-on: ubuntu-latest\n",
          with:
            "    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python: [\"3.12\", \"3.14\"]\n"
        )
      ],
      check: "python-start-method", severity: .error, place: ".github/workflows/ci.yml:8"),
    Case(
      name: "Python 3.14 with Django 6.0",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run manage.py test", pythonVersion: "\"3.14\""),
        "requirements.txt": "Django==6.0\ntblib\n",
      ],
      check: "python-start-method", severity: nil),
    Case(name: "Python 3.12", changes: [:], check: "python-start-method", severity: nil),
    Case(
      name: "tblib missing", changes: ["requirements.txt": "Django==5.2.8\n"], check: "tblib",
      severity: .warning,
      place: "requirements.txt:1"),
    Case(name: "tblib pinned", changes: [:], check: "tblib", severity: .info, place: "requirements.txt:3"),
    Case(
      name: "keepdb with migrations", changes: migration, check: "keepdb-migrations", severity: .info,
      place: ".github/workflows/ci.yml:14", message: "safe here"),
    Case(
      name: "keepdb on a self-hosted runner",
      changes: migration.merging([
        ".github/workflows/ci.yml": DoctorFixture.workflow.replacingOccurrences(
          of: "ubuntu-latest", with: "self-hosted")
      ]) { $1 },
      check: "keepdb-migrations", severity: .warning),
    Case(name: "keepdb without migrations", changes: [:], check: "keepdb-migrations", severity: nil),
    Case(
      name: "failfast without sigterm",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(command: "coverage run manage.py test --failfast")
      ],
      check: "failfast-sigterm", severity: .warning, place: ".github/workflows/ci.yml:14"),
    Case(
      name: "failfast with sigterm",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(command: "coverage run manage.py test --failfast"),
        ".coveragerc": "[run]\nsource = .\nsigterm = true\n",
      ],
      check: "failfast-sigterm", severity: nil),
    Case(
      name: "tee without bash",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run manage.py test | tee test.log")
      ],
      check: "tee-without-bash", severity: .error, place: ".github/workflows/ci.yml:14"),
    Case(
      name: "tee with bash",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run manage.py test | tee test.log", stepExtra: "        shell: bash\n")
      ],
      check: "tee-without-bash", severity: nil),
    Case(
      name: "coverage concurrency flag",
      changes: [
        ".github/workflows/ci.yml": DoctorFixture.workflow(
          command: "coverage run --concurrency=thread manage.py test")
      ],
      check: "coverage-concurrency-flag", severity: .error),
    Case(
      name: "no coverage concurrency flag", changes: [:], check: "coverage-concurrency-flag", severity: nil),
  ]

  @Test(arguments: cases)
  func finding(_ example: Case) throws {
    let findings = try DoctorFixture.findings(example.changes).filter { $0.check == example.check }
    guard let severity = example.severity else {
      #expect(findings.isEmpty, "\(findings)")
      return
    }
    let found = try #require(findings.first, "no \(example.check) finding")
    #expect(findings.count == 1, "\(findings)")
    #expect(found.severity == severity)
    if let place = example.place { #expect(found.place == place) }
    if let message = example.message { #expect(found.message.contains(message), "\(found.message)") }
    #expect(!found.why.isEmpty)
    if severity != .info { #expect(!found.fix.isEmpty) }
  }
}
