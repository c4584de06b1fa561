import Foundation
import OptimizeCore
import Testing

/// Rollback after the team kept working: only our hunks are reversed, a changed hunk is refused
/// (or rescued with `--force`), a deleted file is reported, and phases stack.
@Suite struct RollbackTests {
  static let settings = "apps/api/brktickets/settings.py"
  static let coveragerc = "apps/api/.coveragerc"
  static let workflow = ".github/workflows/django-test.yml"

  static func run(_ arguments: [String], _ repo: URL) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(arguments + ["--repo", repo.path], in: repo)
  }

  static func original(_ path: String) throws -> String {
    try TreeFixture.read("Examples/brktickets/\(path)", in: TreeFixture.packageRoot)
  }

  static func applied() throws -> URL {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let apply = try run(["apply", "--phase", "1"], repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    return repo
  }

  /// Changes a file after apply the same way a teammate would; `change` must work on both the
  /// applied and the original text.
  static func edit(_ path: String, in repo: URL, _ change: (String) -> String) throws {
    let text = try TreeFixture.read(path, in: repo)
    #expect(change(text) != text, "the edit must change \(path)")
    try TreeFixture.write(change(text), to: path, in: repo)
  }

  static let settingsEdits: [String: @Sendable (String) -> String] = [
    "above": { "# Team header\n" + $0 },
    "below": { $0 + "TEAM_SETTING = 1\n" },
    "inside": { $0.replacingOccurrences(of: "USE_TZ = True", with: "USE_TZ = False  # team") },
    "next to our block": {
      $0.replacingOccurrences(
        of: "FRONTEND_URL = os.environ.get(\"FRONTEND_URL\", \"http://localhost:3000\")\n",
        with: "FRONTEND_URL = \"https://example.com\"\nTEAM = 2\n")
    },
  ]

  @Test(arguments: settingsEdits.keys.sorted())
  func laterEditsToTheSettingsSurvive(_ where: String) throws {
    let repo = try Self.applied()
    let change = Self.settingsEdits[`where`]!
    try Self.edit(Self.settings, in: repo, change)
    let rollback = try Self.run(["rollback"], repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(rollback.stdout.contains("\(Self.settings): reverse our edits, keep the changes made since"))
    #expect(try TreeFixture.read(Self.settings, in: repo) == change(try Self.original(Self.settings)))
    #expect(try TreeFixture.read(Self.coveragerc, in: repo) == (try Self.original(Self.coveragerc)))
    #expect(try Self.run(["status", "--check"], repo).status == 2)
  }

  @Test func aReformattedWorkflowKeepsItsFormatting() throws {
    let repo = try Self.applied()
    let change: (String) -> String = {
      $0.replacingOccurrences(
        of: "    branches: [main]\n", with: "    branches:\n      - main\n      - release\n"
      )
      .replacingOccurrences(of: "python-version: '3.12'", with: "python-version: \"3.13\"")
      .replacingOccurrences(of: "  test:\n    runs-on:", with: "  test:\n    # reformatted\n    runs-on:")
      .replacingOccurrences(of: "          coverage xml\n", with: "          coverage xml -o cov.xml\n")
    }
    try Self.edit(Self.workflow, in: repo, change)
    let rollback = try Self.run(["rollback"], repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    let restored = try TreeFixture.read(Self.workflow, in: repo)
    #expect(restored == change(try Self.original(Self.workflow)))
    #expect(restored.contains("coverage xml -o cov.xml") && !restored.contains("coverage combine"))
  }

  @Test func identicalJobsAreEachReversedAfterALaterEdit() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let twice: (String) -> String = { text in
      let job = text[text.range(of: "  test:\n")!.lowerBound...]
      return text + "\n" + job.replacingOccurrences(of: "  test:\n", with: "  test-again:\n")
    }
    try Self.edit(Self.workflow, in: repo, twice)
    #expect(try Self.run(["apply", "--phase", "1"], repo).status == 0)
    let applied = try TreeFixture.read(Self.workflow, in: repo)
    #expect(applied.components(separatedBy: "coverage combine").count == 3)
    try Self.edit(Self.workflow, in: repo) { "# team note\n" + $0 + "# end\n" }
    let rollback = try Self.run(["rollback"], repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(
      try TreeFixture.read(Self.workflow, in: repo) == "# team note\n"
        + twice(try Self.original(Self.workflow)) + "# end\n")
  }

  @Test func aCoveragercWhoseOtherKeysChangedKeepsThem() throws {
    let repo = try Self.applied()
    let change: (String) -> String = {
      $0.replacingOccurrences(of: "source = .\n", with: "source = apps\nbranch = True\n")
        .replacingOccurrences(of: "precision = 2", with: "precision = 1")
        .replacingOccurrences(of: "    */venv/*\n", with: "")
    }
    try Self.edit(Self.coveragerc, in: repo, change)
    let rollback = try Self.run(["rollback"], repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(try TreeFixture.read(Self.coveragerc, in: repo) == change(try Self.original(Self.coveragerc)))
  }

  @Test func aChangedHunkIsRefusedThenRescuedWithForce() throws {
    let repo = try Self.applied()
    try Self.edit(Self.settings, in: repo) {
      $0.replacingOccurrences(of: "MD5PasswordHasher", with: "PBKDF2PasswordHasher")
    }
    let drifted = try TreeFixture.read(Self.settings, in: repo)
    try Self.edit(Self.coveragerc, in: repo) {
      $0.replacingOccurrences(of: "precision = 2", with: "precision = 1")
    }
    let before = try TreeFixture.files(repo, skipping: [])
    let refused = try Self.run(["rollback"], repo)
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("found 1 file(s) where they were changed since apply; nothing was written."))
    #expect(refused.stderr.contains("\(Self.settings):\n  at \(Self.settings):"))
    #expect(refused.stderr.contains("original: (nothing)"))
    #expect(refused.stderr.contains("applied:  \"\\n# BEGIN optimize phase-1\\nimport sys"))
    #expect(refused.stderr.contains("current:  "))
    #expect(refused.stderr.contains("Options: put the applied lines back"))
    #expect(try TreeFixture.files(repo, skipping: []) == before, "a refused rollback writes nothing")

    let forced = try Self.run(["rollback", "--force"], repo)
    #expect(forced.status == 0, "\(forced.stderr)")
    let line = forced.stdout.split(separator: "\n").first { $0.hasPrefix("Saved the current file to ") }
    let rescued = String(line?.dropFirst("Saved the current file to ".count) ?? "")
    #expect(rescued.hasPrefix(".optimize/rescued/") && rescued.hasSuffix("/\(Self.settings)"))
    #expect(try TreeFixture.read(rescued, in: repo) == drifted)
    #expect(try TreeFixture.read(Self.settings, in: repo) == (try Self.original(Self.settings)))
    #expect(try TreeFixture.read(Self.coveragerc, in: repo).contains("precision = 1"))
  }

  @Test(arguments: [false, true])
  func aFileDeletedSinceApplyIsReported(force: Bool) throws {
    let repo = try Self.applied()
    try FileManager.default.removeItem(at: repo.appendingPathComponent(Self.coveragerc))
    let rollback = try Self.run(["rollback"] + (force ? ["--force"] : []), repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    let said = force ? "recreate from the snapshot (--force)" : "deleted since apply; left alone"
    #expect(rollback.stdout.contains("\(Self.coveragerc): \(said)"))
    let exists = FileManager.default.fileExists(atPath: repo.appendingPathComponent(Self.coveragerc).path)
    #expect(exists == force)
    if force {
      #expect(try TreeFixture.read(Self.coveragerc, in: repo) == (try Self.original(Self.coveragerc)))
    }
    #expect(try TreeFixture.read(Self.settings, in: repo) == (try Self.original(Self.settings)))
  }
}
