import Foundation
import OptimizeCore
import Testing

/// Phases stack: phase 2 needs phase 1, phase 1 can't be rolled back under phase 2, and each
/// phase keeps its own snapshots.
@Suite struct RollbackPhaseTests {
  static let phase2 = """
    phase: 2
    title: Test email backend
    summary: In-memory email in tests.
    requires: [1]
    patches:
      - id: test-email-backend
        kind: settings-block
        title: In-memory email backend in tests
        why: No SMTP in tests.
        marker: optimize phase-2
        guard: "'test' in sys.argv or 'pytest' in sys.modules"
        imports: [sys]
        comment: Keep email in memory in tests
        name: EMAIL_BACKEND_CHOICES
        values: [django.core.mail.backends.locmem.EmailBackend]

    """

  static func patches() throws -> URL {
    let folder = try TreeFixture.temporaryFolder()
    try FileManager.default.copyItem(
      at: TreeFixture.packageRoot.appendingPathComponent("Patches/phase-1.yml"),
      to: folder.appendingPathComponent("phase-1.yml"))
    try TreeFixture.write(phase2, to: "phase-2.yml", in: folder)
    return folder
  }

  @Test func phasesStackAndKeepTheirOwnSnapshots() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let patches = try Self.patches()
    func run(_ arguments: [String]) throws -> OptimizeBinary.Result {
      try OptimizeBinary.run(arguments + ["--repo", repo.path, "--patches", patches.path], in: repo)
    }
    let early = try run(["apply", "--phase", "2"])
    #expect(early.status == 1)
    #expect(early.stderr.contains("expected phase 1 applied first, found it missing; phases stack"))
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))

    #expect(try run(["apply", "--phase", "1"]).status == 0)
    let settings = "apps/api/brktickets/settings.py"
    let afterPhase1 = try TreeFixture.read(settings, in: repo)
    let phase2 = try run(["apply", "--phase", "2"])
    #expect(phase2.status == 0, "\(phase2.stderr)")
    let snapshot1 = try TreeFixture.read(".optimize/snapshots/phase-1/\(settings)", in: repo)
    #expect(
      snapshot1 == (try RollbackTests.original(settings)), "phase 2 must not overwrite phase 1's snapshot")
    #expect(try TreeFixture.read(".optimize/snapshots/phase-2/\(settings)", in: repo) == afterPhase1)

    let before = try TreeFixture.files(repo, skipping: [])
    let refused = try run(["rollback", "--phase", "1"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        "expected phase 1 to be the latest applied, found phase 2 on top of it; phases stack, so roll back "
          + "phase 2 first (`optimize rollback --phase 2`)"))
    #expect(try TreeFixture.files(repo, skipping: []) == before)

    #expect(try run(["rollback"]).stdout.contains("Rolled back phase 2."))
    #expect(try TreeFixture.read(settings, in: repo) == afterPhase1)
    #expect(try run(["rollback"]).stdout.contains("Rolled back phase 1."))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent("Examples/brktickets"))
        == [])
  }
}
