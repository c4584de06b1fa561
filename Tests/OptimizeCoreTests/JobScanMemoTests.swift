import Foundation
import Testing

@testable import OptimizeCore

/// Scanning a workflow again (planning again on edited bytes) skips the jobs that found nothing
/// and have not changed, and only those: a job scans again when its bytes, the workflow's
/// context, a file it read or an anchor it names changed.
@Suite struct JobScanMemoTests {
  static let path = ".github/workflows/ci.yml"

  /// A temporary repository holding `files`.
  static func repository(_ files: [String: String]) throws -> Repository {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString)")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return try Repository(root: root)
  }

  static func scan(_ repository: Repository) throws -> ScanResult {
    try WorkflowScanner(repository: repository, runner: .django).scan(path)
  }

  static let workflow = """
    on: push
    jobs:
      lint:
        runs-on: ubuntu-latest
        steps:
          - run: bash scripts/lint.sh
      docs:
        runs-on: ubuntu-latest
        steps:
          - run: make -C docs html

    """

  @Test func unchangedJobsAreNotScannedAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow, "scripts/lint.sh": "ruff check .\n"])
    #expect(try Self.scan(repository).steps.isEmpty)
    #expect(repository.jobScans.reusedJobs == 0)
    var again = repository
    again.overlay["app/settings.py"] = Array("X = 1\n".utf8)
    #expect(try Self.scan(again).steps.isEmpty)
    #expect(repository.jobScans.reusedJobs == 2)
  }

  @Test func aJobWhoseScriptChangedIsScannedAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow, "scripts/lint.sh": "ruff check .\n"])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    again.overlay["scripts/lint.sh"] = Array("ruff check .\npython manage.py test\n".utf8)
    let found = try Self.scan(again)
    #expect(found.steps.map(\.job) == ["lint"])
    #expect(repository.jobScans.reusedJobs == 1)
  }

  @Test func aJobWhoseScriptAppearedIsScannedAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    again.overlay["scripts/lint.sh"] = Array("python manage.py test\n".utf8)
    #expect(try Self.scan(again).steps.map(\.job) == ["lint"])
  }

  @Test func anEditedJobIsScannedAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow, "scripts/lint.sh": "ruff check .\n"])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    again.overlay[Self.path] = Array(
      Self.workflow.replacingOccurrences(of: "make -C docs html", with: "python manage.py test").utf8)
    #expect(try Self.scan(again).steps.map(\.job) == ["docs"])
    #expect(repository.jobScans.reusedJobs == 1)
  }

  @Test func aJobReindentedAsAWholeIsScannedAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow, "scripts/lint.sh": "ruff check .\n"])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    let indented = Self.workflow.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("  ") ? " " + $0 : String($0) }.joined(separator: "\n")
    again.overlay[Self.path] = Array(indented.utf8)
    #expect(try Self.scan(again).steps.isEmpty)
    #expect(repository.jobScans.reusedJobs == 0)
  }

  @Test func aChangedWorkflowEnvScansEveryJobAgain() throws {
    let repository = try Self.repository([Self.path: Self.workflow, "scripts/lint.sh": "ruff check .\n"])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    again.overlay[Self.path] = Array(("env:\n  CI: \"1\"\n" + Self.workflow).utf8)
    #expect(try Self.scan(again).steps.isEmpty)
    #expect(repository.jobScans.reusedJobs == 0)
  }

  @Test func aJobNamingAChangedAnchorIsScannedAgain() throws {
    let workflow = """
      on: push
      jobs:
        setup:
          runs-on: ubuntu-latest
          steps:
            - run: &checks ruff check .
        lint:
          runs-on: ubuntu-latest
          steps:
            - run: *checks

      """
    let repository = try Self.repository([Self.path: workflow])
    #expect(try Self.scan(repository).steps.isEmpty)
    var again = repository
    again.overlay[Self.path] = Array(
      workflow.replacingOccurrences(of: "&checks ruff check .", with: "&checks python manage.py test").utf8)
    #expect(try Self.scan(again).steps.map(\.job) == ["setup", "lint"])
    #expect(repository.jobScans.reusedJobs == 0)
  }
}
