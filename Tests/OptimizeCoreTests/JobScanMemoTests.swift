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

  /// Scans a repository holding `files` (its first scan finds nothing and reuses nothing), then
  /// scans it again with `overlay` over it: the jobs the second scan found, and how many it took
  /// from the first without scanning them.
  static func scanAgain(_ files: [String: String], overlay: [String: String]) throws -> (
    jobs: [String], reused: Int
  ) {
    let repository = try Self.repository(files)
    #expect(try Self.scan(repository).steps.isEmpty)
    #expect(repository.jobScans.reusedJobs == 0)
    var again = repository
    for (path, text) in overlay { again.overlay[path] = Array(text.utf8) }
    return (try Self.scan(again).steps.map(\.job), repository.jobScans.reusedJobs)
  }

  static let files = [path: workflow, "scripts/lint.sh": "ruff check .\n"]

  @Test func unchangedJobsAreNotScannedAgain() throws {
    let (jobs, reused) = try Self.scanAgain(Self.files, overlay: ["app/settings.py": "X = 1\n"])
    #expect(jobs.isEmpty && reused == 2)
  }

  @Test func aJobWhoseScriptChangedIsScannedAgain() throws {
    let (jobs, reused) = try Self.scanAgain(
      Self.files, overlay: ["scripts/lint.sh": "ruff check .\npython manage.py test\n"])
    #expect(jobs == ["lint"] && reused == 1)
  }

  @Test func aJobWhoseScriptAppearedIsScannedAgain() throws {
    let (jobs, reused) = try Self.scanAgain(
      [Self.path: Self.workflow], overlay: ["scripts/lint.sh": "python manage.py test\n"])
    #expect(jobs == ["lint"] && reused == 1)
  }

  @Test func anEditedJobIsScannedAgain() throws {
    let edited = Self.workflow.replacingOccurrences(of: "make -C docs html", with: "python manage.py test")
    let (jobs, reused) = try Self.scanAgain(Self.files, overlay: [Self.path: edited])
    #expect(jobs == ["docs"] && reused == 1)
  }

  @Test func aJobReindentedAsAWholeIsScannedAgain() throws {
    let indented = Self.workflow.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("  ") ? " " + $0 : String($0) }.joined(separator: "\n")
    let (jobs, reused) = try Self.scanAgain(Self.files, overlay: [Self.path: indented])
    #expect(jobs.isEmpty && reused == 0)
  }

  @Test func aChangedWorkflowEnvScansEveryJobAgain() throws {
    let (jobs, reused) = try Self.scanAgain(
      Self.files, overlay: [Self.path: "env:\n  CI: \"1\"\n" + Self.workflow])
    #expect(jobs.isEmpty && reused == 0)
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
    let edited = workflow.replacingOccurrences(
      of: "&checks ruff check .", with: "&checks python manage.py test")
    let (jobs, reused) = try Self.scanAgain([Self.path: workflow], overlay: [Self.path: edited])
    #expect(jobs == ["setup", "lint"] && reused == 0)
  }
}
