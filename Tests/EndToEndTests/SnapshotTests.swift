import Foundation
import Testing

/// The golden cases under `Snapshots/`: apply gives `after/` byte for byte, a second apply writes
/// nothing, status is intact, and rollback gives `before/` byte for byte.
@Suite struct SnapshotTests {
  static let cases: [String] = {
    let folder = TreeFixture.packageRoot.appendingPathComponent("Snapshots")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
      .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/before").path) }
  }()

  @Test func thereAreAtLeastSixCases() {
    #expect(Self.cases.count >= 6)
  }

  @Test(arguments: cases)
  func applyThenRollback(_ name: String) throws {
    let repo = try TreeFixture.copy("Snapshots/\(name)/before")
    let before = TreeFixture.packageRoot.appendingPathComponent("Snapshots/\(name)/before")
    let after = TreeFixture.packageRoot.appendingPathComponent("Snapshots/\(name)/after")
    let argsFile = TreeFixture.packageRoot.appendingPathComponent("Snapshots/\(name)/args")
    let extra = ((try? String(contentsOf: argsFile, encoding: .utf8)) ?? "")
      .split(whereSeparator: \.isWhitespace).map(String.init)

    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path] + extra, in: repo)
    #expect(apply.status == 0, "apply failed: \(apply.stderr)")
    #expect(apply.stderr.isEmpty)
    #expect(try TreeFixture.differences(repo, after) == [], "apply result differs from after/")

    let again = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path] + extra, in: repo)
    #expect(again.status == 0)
    #expect(again.stdout.contains("already applied"))
    #expect(try TreeFixture.differences(repo, after) == [])

    let status = try OptimizeBinary.run(["status", "--check", "--repo", repo.path] + extra, in: repo)
    #expect(status.status == 0, "status: \(status.stdout)\(status.stderr)")

    let rollback = try OptimizeBinary.run(["rollback", "--repo", repo.path], in: repo)
    #expect(rollback.status == 0, "rollback failed: \(rollback.stderr)")
    #expect(try TreeFixture.differences(repo, before) == [], "rollback did not restore before/")
  }
}
