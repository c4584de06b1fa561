import Foundation
import OptimizeCore
import Testing

/// A damaged ledger or snapshot is refused with a clear error, nothing is overwritten and
/// `status` names the damage; snapshots are never overwritten, never wider than the original, and
/// never kept inside the repository for a file git ignores.
@Suite struct HostileLedgerTests {
  static func run(
    _ arguments: [String], _ repo: URL, _ environment: [String: String] = [:]
  ) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(arguments + ["--repo", repo.path], in: repo, environment: environment)
  }

  static let damages: [(String, String, String)] = [
    (
      "newer", #"{"formatVersion": 99, "phases": []}"#,
      ".optimize/state.json:1:1: expected ledger format 1 or older, found format 99; upgrade optimize"
    ),
    (
      "truncated", #"{"formatVersion": 1, "toolVersion": "0.1.0", "pha"#,
      ".optimize/state.json:1:1: expected a ledger in format 1, found invalid or truncated JSON"
    ),
    (
      "wrong types", #"{"formatVersion": 1, "toolVersion": "0.1.0", "phases": 3}"#,
      ".optimize/state.json:1:1: expected a ledger in format 1, found fields missing or of the wrong type"
    ),
  ]

  @Test(arguments: damages.map(\.0))
  func aDamagedLedgerIsRefusedAndKept(_ name: String) throws {
    let (_, ledger, message) = Self.damages.first { $0.0 == name }!
    let repo = try RollbackTests.applied()
    try TreeFixture.write(ledger, to: ".optimize/state.json", in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    for command in [["apply", "--phase", "1"], ["rollback"], ["rollback", "--force"]] {
      let result = try Self.run(command, repo)
      #expect(result.status == 1, "\(command)")
      #expect(result.stderr.contains("Error: \(message)"), "\(command): \(result.stderr)")
    }
    #expect(try TreeFixture.files(repo, skipping: []) == before, "nothing overwritten")
    let status = try Self.run(["status"], repo)
    #expect(status.status == 1)
    #expect(status.stdout.contains("ledger damaged: \(message)"))
    #expect(try Self.run(["status", "--check"], repo).status == 1)
  }

  @Test func aSnapshotThatDoesNotMatchTheLedgerIsRefused() throws {
    let repo = try RollbackTests.applied()
    try TreeFixture.write(
      "[run]\nforged = 1\n", to: ".optimize/snapshots/phase-1/apps/api/.coveragerc", in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let rollback = try Self.run(["rollback", "--force"], repo)
    #expect(rollback.status == 1)
    #expect(
      rollback.stderr.contains(
        "Error: .optimize/snapshots/phase-1/apps/api/.coveragerc: expected the snapshot of apps/api/.coveragerc "
          + "to match the ledger's sha256Before, found other bytes"))
    #expect(try TreeFixture.files(repo, skipping: []) == before)
    let status = try Self.run(["status", "--check"], repo)
    #expect(status.status == 3)
    #expect(status.stdout.contains("to match the ledger's sha256Before"))
  }

  @Test func aSnapshotInTheWayIsNeverOverwritten() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let stray = ".optimize/snapshots/phase-1/apps/api/.coveragerc"
    try TreeFixture.write("somebody's file\n", to: stray, in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let apply = try Self.run(["apply", "--phase", "1"], repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains("Error: \(stray): expected no snapshot there, found one with other bytes"))
    #expect(try TreeFixture.files(repo, skipping: []) == before)
  }

  @Test func snapshotsKeepTheOriginalPermissionsNeverWider() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    chmod(repo.appendingPathComponent("apps/api/.coveragerc").path, 0o640)
    chmod(repo.appendingPathComponent(".github/workflows/django-test.yml").path, 0o755)
    // Only root may give a file away; as root, the target must keep its owner.
    let owned =
      getuid() == 0 && chown(repo.appendingPathComponent("apps/api/.coveragerc").path, 4321, 4321) == 0
    #expect(try Self.run(["apply", "--phase", "1"], repo).status == 0)
    if owned {
      var info = stat()
      stat(repo.appendingPathComponent("apps/api/.coveragerc").path, &info)
      #expect(info.st_uid == 4321 && info.st_gid == 4321)
    }
    func mode(_ path: String) -> mode_t {
      var info = stat()
      stat(repo.appendingPathComponent(path).path, &info)
      return info.st_mode & 0o7777
    }
    #expect(mode(".optimize/snapshots/phase-1/apps/api/.coveragerc") == 0o640)
    #expect(mode("apps/api/.coveragerc") == 0o640, "the target keeps its mode")
    #expect(mode(".optimize/snapshots/phase-1/.github/workflows/django-test.yml") == 0o644)
    #expect(mode(".github/workflows/django-test.yml") == 0o755)
  }

  @Test func aFileGitIgnoresIsSnapshottedOutsideTheRepository() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let state = try TreeFixture.temporaryFolder()
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "init", "-q", repo.path]
    try git.run()
    git.waitUntilExit()
    #expect(git.terminationStatus == 0, "these tests need git")
    let settings = "apps/api/brktickets/settings.py"
    try TreeFixture.write("\(settings)\n", to: ".gitignore", in: repo)
    chmod(repo.appendingPathComponent(settings).path, 0o600)
    let environment = ["XDG_STATE_HOME": state.path]
    let apply = try Self.run(["apply", "--phase", "1"], repo, environment)
    #expect(apply.status == 0, "\(apply.stderr)")
    let inside = try TreeFixture.files(repo.appendingPathComponent(".optimize"), skipping: []).keys
    #expect(!inside.contains { $0.hasSuffix("settings.py") }, "\(inside.sorted())")
    let ledger = try LedgerStore(repository: try Repository(root: repo)).read()
    let snapshot = try #require(ledger.phases.first?.files.first { $0.path == settings }?.snapshot)
    #expect(snapshot.hasPrefix(state.path + "/optimize/") && snapshot.hasSuffix("/phase-1/\(settings)"))
    var info = stat()
    stat(snapshot, &info)
    #expect(info.st_mode & 0o777 == 0o600)
    stat(state.appendingPathComponent("optimize").path, &info)
    #expect(info.st_mode & 0o777 == 0o700)
    #expect(try Self.run(["status", "--check"], repo, environment).status == 0)
    let rollback = try Self.run(["rollback"], repo, environment)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(try TreeFixture.read(settings, in: repo) == (try RollbackTests.original(settings)))
    #expect(!FileManager.default.fileExists(atPath: snapshot))
  }
}
