import Foundation
import Testing

/// A small Django repository (manage.py, `mysite.settings`, Django 4.2, a `.coveragerc`) with the CI
/// files of a test case written over it, and the checks every CI case makes through the binary.
enum WorkflowFixture {
  /// A fresh repository holding the base project and `files` (path → text).
  static func repository(_ files: [String: String]) throws -> URL {
    let repo = try TreeFixture.copy("Snapshots/four-space-workflow/before")
    try FileManager.default.removeItem(at: repo.appendingPathComponent(".github"))
    for (path, text) in files { try TreeFixture.write(text, to: path, in: repo) }
    return repo
  }

  /// Applies phase 1 and expects exit 0 and `expected` (path → bytes) on disk, then a clean
  /// `status --check`, then a rollback that restores every byte. Returns the plan's output.
  @discardableResult
  static func expectApplied(
    _ files: [String: String], gives expected: [String: String], arguments: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let repo = try repository(files)
    let original = try TreeFixture.temporaryFolder().appendingPathComponent("original")
    try FileManager.default.copyItem(at: repo, to: original)
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path] + arguments, in: repo)
    #expect(plan.status == 0, "plan failed: \(plan.stdout)\(plan.stderr)", sourceLocation: sourceLocation)
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path] + arguments, in: repo)
    #expect(apply.status == 0, "apply failed: \(apply.stderr)", sourceLocation: sourceLocation)
    for (path, text) in expected {
      let bytes = try Data(contentsOf: repo.appendingPathComponent(path))
      #expect(
        String(decoding: bytes, as: UTF8.self) == text, "\(path) differs", sourceLocation: sourceLocation)
    }
    let status = try OptimizeBinary.run(["status", "--check", "--repo", repo.path] + arguments, in: repo)
    #expect(status.status == 0, "status: \(status.stdout)\(status.stderr)", sourceLocation: sourceLocation)
    let rollback = try OptimizeBinary.run(["rollback", "--repo", repo.path], in: repo)
    #expect(rollback.status == 0, "rollback failed: \(rollback.stderr)", sourceLocation: sourceLocation)
    #expect(try TreeFixture.differences(repo, original) == [], sourceLocation: sourceLocation)
    return plan.stdout
  }

  /// Expects `apply` to refuse with exit 1, write nothing, and say each of `messages`.
  @discardableResult
  static func expectManual(
    _ files: [String: String], saying messages: [String], arguments: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let repo = try repository(files)
    let original = try TreeFixture.temporaryFolder().appendingPathComponent("original")
    try FileManager.default.copyItem(at: repo, to: original)
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path] + arguments, in: repo)
    #expect(apply.status == 1, "apply should refuse: \(apply.stdout)", sourceLocation: sourceLocation)
    for message in messages {
      #expect(
        apply.stderr.contains(message), "missing \(message) in:\n\(apply.stderr)",
        sourceLocation: sourceLocation)
    }
    #expect(try TreeFixture.differences(repo, original) == [], sourceLocation: sourceLocation)
    return apply.stderr
  }

  /// The plan's text output for `files`.
  static func plan(_ files: [String: String], arguments: [String] = []) throws -> OptimizeBinary.Result {
    let repo = try repository(files)
    return try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path] + arguments, in: repo)
  }

  /// A workflow with one job `t` whose steps are `steps` (already indented by six spaces).
  static func workflow(_ steps: String, job: String = "") -> String {
    "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n\(job)    steps:\n\(steps)"
  }
}

/// One CI test case: files before, and the bytes expected after apply.
struct CIShape: Sendable, CustomTestStringConvertible {
  var name: String
  var before: [String: String]
  var after: [String: String]

  /// A case named `name` whose `files` map each path to its text before and after.
  init(_ name: String, _ files: [String: (String, String)]) {
    self.name = name
    before = files.mapValues(\.0)
    after = files.mapValues(\.1)
  }

  var testDescription: String { name }
}
