import Foundation
import Testing

/// `status` for humans (text, coloured on request), machines (JSON), PRs (Markdown) and CI.
@Suite struct StatusFormatTests {
  static let example = "Examples/brktickets"
  static let settings = "apps/api/brktickets/settings.py"

  /// The example with phase 1 applied, then our hasher line changed by hand.
  func drifted() throws -> URL {
    let repo = try TreeFixture.copy(Self.example)
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    let text = try TreeFixture.read(Self.settings, in: repo)
    try TreeFixture.write(
      text.replacingOccurrences(of: "MD5PasswordHasher", with: "PBKDF2PasswordHasher"), to: Self.settings,
      in: repo)
    return repo
  }

  @Test func textIsACompactTablePerPhase() throws {
    let repo = try drifted()
    let result = try OptimizeBinary.run(["status", "--repo", repo.path], in: repo)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(result.stdout)")
    #expect(lines[0].hasPrefix("Phase 1 (Foundation (quick wins)): drifted (applied "))
    #expect(
      lines[1]
        == "  applied   coverage-parallel     apps/api/.coveragerc:2                parallel coverage in apps/api/.coveragerc"
    )
    #expect(
      lines[2]
        == "  drifted   test-password-hasher  apps/api/brktickets/settings.py:90    our edit \"# BEGIN optimize phase-1\" was changed since apply"
    )
    #expect(!result.stdout.contains("\u{1B}["))
  }

  @Test(arguments: [
    (["NO_COLOR": "1", "CLICOLOR_FORCE": "1"], false),
    (["NO_COLOR": ""], false),
    (["NO_COLOR": "", "CLICOLOR_FORCE": "1"], true),
    (["NO_COLOR": "", "OPTIMIZE_FORCE_COLOR": "1"], true),
    (["NO_COLOR": "", "CLICOLOR_FORCE": "0"], false),
  ])
  func colourOnlyWhenWantedAndAllowed(environment: [String: String], coloured: Bool) throws {
    let repo = try drifted()
    let result = try OptimizeBinary.run(["status", "--repo", repo.path], in: repo, environment: environment)
    #expect(result.status == 0)
    #expect(result.stdout.contains("\u{1B}[31mdrifted  \u{1B}[0m test-password-hasher") == coloured)
    #expect(result.stdout.contains("\u{1B}[") == coloured)
  }

  @Test func markdownIsReadyToPost() throws {
    let repo = try drifted()
    let result = try OptimizeBinary.run(["status", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(result.status == 0)
    #expect(
      result.stdout.hasPrefix(
        "### optimize status\n\n**Phase 1: Foundation (quick wins)**: ❌ drifted (applied "))
    #expect(result.stdout.contains("| patch | state | where | reason |\n|---|---|---|---|\n"))
    #expect(
      result.stdout.contains(
        "| `test-password-hasher` | ❌ drifted | `apps/api/brktickets/settings.py:90` | our edit \"# BEGIN optimize phase-1\" was changed since apply |"
      ))
  }

  @Test func jsonMatchesTheSchemaTheReadmeDocuments() throws {
    let repo = try TreeFixture.copy(Self.example)
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let result = try OptimizeBinary.run(["status", "--format", "json", "--repo", repo.path], in: repo)
    #expect(result.status == 0)
    let real = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let documented = try JSONShape.readmeExample(after: "## `status --format json`")
    #expect(
      JSONShape.of(real) == JSONShape.of(documented),
      "README: \(JSONShape.of(documented))\nreal: \(JSONShape.of(real))")
    let object = real as! [String: Any]
    #expect(object["schemaVersion"] as? Int == 1)
  }

  @Test func theReadmeShowsTheRealOutput() throws {
    let repo = try TreeFixture.copy(Self.example)
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let text = try OptimizeBinary.run(["status", "--repo", repo.path], in: repo)
    let marker = "On the example after `optimize apply --phase 1` (real output):"
    #expect(
      ReadmeExample.timeless(text.stdout) == ReadmeExample.timeless(try ReadmeExample.block(after: marker)))
    let markdown = try OptimizeBinary.run(["status", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(
      ReadmeExample.timeless(markdown.stdout).trimmingCharacters(in: .newlines)
        == ReadmeExample.timeless(
          try ReadmeExample.block(after: "ready to post as a PR comment:", language: "markdown")
        )
        .trimmingCharacters(in: .newlines))
  }

  @Test func githubActionsGetsAnnotationsAndTheStepSummary() throws {
    let repo = try drifted()
    let summary = repo.deletingLastPathComponent().appendingPathComponent("summary.md")
    try Data("earlier step\n".utf8).write(to: summary)
    let environment = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path]
    let result = try OptimizeBinary.run(
      ["status", "--check", "--repo", repo.path], in: repo, environment: environment)
    #expect(result.status == 3)
    #expect(
      result.stdout.contains(
        "::error file=apps/api/brktickets/settings.py,line=90,title=optimize%3A test-password-hasher drifted::"
          + "our edit \"# BEGIN optimize phase-1\" was changed since apply\n"))
    let written = try TreeFixture.read("summary.md", in: repo.deletingLastPathComponent())
    #expect(written.hasPrefix("earlier step\n### optimize status\n"))
    #expect(written.contains("| `test-password-hasher` | ❌ drifted |"))

    let outside = try OptimizeBinary.run(
      ["status", "--check", "--repo", repo.path], in: repo, environment: ["GITHUB_STEP_SUMMARY": summary.path]
    )
    #expect(outside.status == 3)
    #expect(!outside.stdout.contains("::error"))
    #expect(try TreeFixture.read("summary.md", in: repo.deletingLastPathComponent()) == written)
  }

  @Test func manualPatchesAreWarnings() throws {
    let repo = try TreeFixture.copy(Self.example)
    let workflow = ".github/workflows/django-test.yml"
    try TreeFixture.write(
      try TreeFixture.read(workflow, in: repo).replacingOccurrences(
        of: "coverage run manage.py test", with: "coverage run --concurrency=thread manage.py test"),
      to: workflow, in: repo)
    let result = try OptimizeBinary.run(
      ["status", "--check", "--phase", "1", "--repo", repo.path], in: repo,
      environment: ["GITHUB_ACTIONS": "true"])
    #expect(result.status == 2)
    #expect(
      result.stdout.contains(
        "::warning file=.github/workflows/django-test.yml,line=69,title=optimize%3A ci-parallel-tests manual::"
      ))
    #expect(result.stdout.contains("::error title=optimize phase 1::Phase 1 is not applied"))
  }

  @Test func checkPhaseRequiresThatPhase() throws {
    let repo = try TreeFixture.copy(Self.example)
    let pending = try OptimizeBinary.run(
      ["status", "--check", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(pending.status == 2)
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let applied = try OptimizeBinary.run(
      ["status", "--check", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(applied.status == 0, "\(applied.stdout)")
    let unknown = try OptimizeBinary.run(
      ["status", "--check", "--phase", "7", "--repo", repo.path], in: repo)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("found 7"))
  }

  @Test func helpDocumentsTheCheckExitCodes() throws {
    let help = try OptimizeBinary.run(["status", "--help"], in: FileManager.default.temporaryDirectory)
    let text = help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
      separator: " ")
    #expect(text.contains("0 when every applied phase (or the --phase given) is intact"))
    #expect(text.contains("2 when a phase is pending or partial"))
    #expect(text.contains("3 when something drifted or a killed run left a journal"))
    #expect(text.contains("1 on error"))
  }
}
