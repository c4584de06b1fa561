import Foundation
import Testing

/// The commands as a user meets them: the built binary on temporary repositories.
@Suite struct CommandTests {
  @Test func planPrintsTheDiffAndWritesNothing() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.contains("--- a/.github/workflows/django-test.yml"))
    #expect(
      result.stdout.contains(
        "+          coverage run --parallel-mode manage.py test --parallel=auto --keepdb"))
    #expect(result.stdout.contains("+          coverage combine"))
    #expect(result.stdout.contains("+parallel = True"))
    #expect(result.stdout.contains("+concurrency = multiprocessing,thread"))
    #expect(result.stdout.contains("+    PASSWORD_HASHERS = ["))
    #expect(result.stdout.contains("pending   ci-parallel-tests"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent("Examples/brktickets"))
        == [])
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
  }

  @Test func applyRecordsTheLedgerAndSnapshots() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    #expect(apply.stdout.contains("Applied phase 1 to 3 file(s), verified."))
    #expect(apply.stdout.contains("Undo:   optimize rollback --phase 1"))
    let ledger =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: repo.appendingPathComponent(".optimize/state.json"))) as! [String: Any]
    #expect(ledger["formatVersion"] as? Int == 1)
    let phases = ledger["phases"] as! [[String: Any]]
    #expect(phases.count == 1)
    let files = phases[0]["files"] as! [[String: Any]]
    #expect(
      files.map { $0["path"] as! String }.sorted() == [
        ".github/workflows/django-test.yml", "apps/api/.coveragerc", "apps/api/brktickets/settings.py",
      ])
    let original = try Data(
      contentsOf: TreeFixture.packageRoot.appendingPathComponent(
        "Examples/brktickets/apps/api/brktickets/settings.py"))
    let snapshot = try Data(
      contentsOf: repo.appendingPathComponent(
        ".optimize/snapshots/phase-1/apps/api/brktickets/settings.py"))
    #expect(snapshot == original)
  }

  @Test func dryRunWritesNothing() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--dry-run", "--repo", repo.path], in: repo)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Dry run: verified, nothing written."))
    #expect(try TreeFixture.files(repo, skipping: []).keys.contains { $0.hasPrefix(".optimize") } == false)
  }

  @Test func statusFormatsAndCheckCodes() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let pending = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(pending.status == 2)
    #expect(pending.stdout.contains("Phase 1 (Foundation (quick wins)): pending"))
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let applied = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(applied.status == 0)
    #expect(applied.stdout.contains("  applied   coverage-parallel"))
    let json = try OptimizeBinary.run(["status", "--format", "json", "--repo", repo.path], in: repo)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    #expect(object["schemaVersion"] as? Int == 1)
    let phase = (object["phases"] as! [[String: Any]])[0]
    #expect(phase["state"] as? String == "applied")
    let markdown = try OptimizeBinary.run(["status", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(markdown.stdout.contains("| `test-password-hasher` | ✅ applied |"))

    // Someone changes our line: drifted, exit 3.
    let settings = "apps/api/brktickets/settings.py"
    let text = try TreeFixture.read(settings, in: repo)
    try TreeFixture.write(
      text.replacingOccurrences(of: "MD5PasswordHasher", with: "PBKDF2PasswordHasher"), to: settings, in: repo
    )
    let drifted = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(drifted.status == 3)
    #expect(drifted.stdout.contains("drifted"))
  }

  @Test func rollbackKeepsLaterEditsOutsideOurHunks() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let settings = "apps/api/brktickets/settings.py"
    let applied = try TreeFixture.read(settings, in: repo)
    try TreeFixture.write("# Team's header\n" + applied + "TEAM_SETTING = 1\n", to: settings, in: repo)
    let rollback = try OptimizeBinary.run(["rollback", "--repo", repo.path], in: repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(rollback.stdout.contains("\(settings): reverse our edits, keep the changes made since"))
    let original = try TreeFixture.read("Examples/brktickets/\(settings)", in: TreeFixture.packageRoot)
    #expect(try TreeFixture.read(settings, in: repo) == "# Team's header\n" + original + "TEAM_SETTING = 1\n")
  }

  @Test func rollbackRefusesWhenOurHunkChanged() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    _ = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    let rc = "apps/api/.coveragerc"
    let changed = try TreeFixture.read(rc, in: repo).replacingOccurrences(
      of: "parallel = True", with: "parallel = False")
    try TreeFixture.write(changed, to: rc, in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let refused = try OptimizeBinary.run(["rollback", "--repo", repo.path], in: repo)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("apps/api/.coveragerc"))
    #expect(refused.stderr.contains("applied:  \"parallel = True\\n"))
    #expect(
      try TreeFixture.files(repo, skipping: [".optimize/lock"])
        == before.filter { $0.key != ".optimize/lock" })
    let forced = try OptimizeBinary.run(["rollback", "--force", "--repo", repo.path], in: repo)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stdout.contains("Saved the current file to .optimize/rescued/"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent("Examples/brktickets"))
        == [])
  }

  @Test func phasesListsThePatches() throws {
    let result = try OptimizeBinary.run(["phases"], in: FileManager.default.temporaryDirectory)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Phase 1: Foundation (quick wins) (phase-1.yml)"))
    #expect(result.stdout.contains("  ci-parallel-tests [test-command]"))
  }
}
