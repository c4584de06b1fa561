import Foundation
import Testing

/// Bad input gets `path:line:col: expected …, found …; what to do`, exit 1, and no byte written.
@Suite struct ErrorTests {
  @Test func malformedWorkflowIsRefusedWithItsPosition() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    try TreeFixture.write(
      "jobs:\n  test:\n    steps: [\n      - run: x\n", to: ".github/workflows/bad.yml", in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let result = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error: .github/workflows/bad.yml:"))
    #expect(result.stderr.contains("expected"))
    #expect(try TreeFixture.files(repo, skipping: [".optimize"]) == before)
  }

  @Test func missingRepositoryIsAnError() throws {
    let result = try OptimizeBinary.run(
      ["plan", "--phase", "1", "--repo", "/nonexistent/optimize-repo"],
      in: FileManager.default.temporaryDirectory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("/nonexistent/optimize-repo: expected a repository folder, found none"))
  }

  @Test func unknownPhaseAndSkip() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let phase = try OptimizeBinary.run(["plan", "--phase", "9", "--repo", repo.path], in: repo)
    #expect(phase.status == 1)
    #expect(phase.stderr.contains("expected a known phase (1), found 9"))
    let skip = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--skip", "nope", "--repo", repo.path], in: repo)
    #expect(skip.status == 1)
    #expect(skip.stderr.contains("--skip: expected a patch id"))
  }

  @Test func malformedPhaseFileGivesFileLineCol() throws {
    let folder = try TreeFixture.temporaryFolder()
    try TreeFixture.write(
      "phase: 1\ntitle: Broken\npatches:\n  - id: x\n    kind: teleport\n", to: "phase-1.yml", in: folder)
    let result = try OptimizeBinary.run(["phases", "--patches", folder.path], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "phase-1.yml:5:11: expected coverage-config, settings-block or test-command, found kind 'teleport'"))
  }

  @Test func readOnlyTargetIsRefusedBeforeWriting() throws {
    guard getuid() != 0 else { return }  // root ignores permissions
    let repo = try TreeFixture.copy("Examples/brktickets")
    chmod(repo.appendingPathComponent("apps/api/.coveragerc").path, 0o444)
    let before = try TreeFixture.files(repo)
    let result = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    #expect(try TreeFixture.files(repo) == before)
  }

  @Test func corruptedLedgerIsReportedAndNothingOverwritten() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    try TreeFixture.write("{\"formatVersion\": 1, \"phases\": [", to: ".optimize/state.json", in: repo)
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(
      apply.stderr.contains(
        ".optimize/state.json:1:1: expected a ledger in format 1, found invalid or truncated JSON"))
    #expect(try TreeFixture.read(".optimize/state.json", in: repo) == "{\"formatVersion\": 1, \"phases\": [")
    let status = try OptimizeBinary.run(["status", "--repo", repo.path], in: repo)
    #expect(status.status == 1)
    #expect(status.stdout.contains("ledger damaged"))
  }
}
