import Foundation
import Testing

/// Files over the size limit (20 MiB, or `--max-file-mib`) are refused with exit 1; the flag
/// raises or lowers the limit.
@Suite struct FileSizeLimitTests {
  /// The example with its settings module padded by comment lines to about `mib` MiB.
  private func exampleWithSettings(ofMiB mib: Double) throws -> URL {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let path = "apps/api/brktickets/settings.py"
    let line = "# padding so the settings module is large, written by FileSizeLimitTests\n"
    let count = Int(mib * 1024 * 1024) / line.utf8.count + 1
    let settings = try TreeFixture.read(path, in: repo) + String(repeating: line, count: count)
    try TreeFixture.write(settings, to: path, in: repo)
    return repo
  }

  @Test func lowerLimitRefusesTheLargeFileAndWritesNothing() throws {
    let repo = try exampleWithSettings(ofMiB: 1.5)
    let before = try TreeFixture.files(repo, skipping: [".optimize"])
    let result = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--max-file-mib", "1", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "apps/api/brktickets/settings.py: expected a text file of at most 1 MiB, found "))
    #expect(result.stderr.contains("raise the limit with --max-file-mib"))
    #expect(try TreeFixture.files(repo, skipping: [".optimize"]) == before)
  }

  @Test(arguments: [[], ["--max-file-mib", "2"]])
  func defaultOrHigherLimitAcceptsTheSameFile(flags: [String]) throws {
    let repo = try exampleWithSettings(ofMiB: 1.5)
    let result = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path] + flags, in: repo)
    #expect(result.status == 0)
    #expect(result.stdout.contains("pending   test-password-hasher"))
  }

  @Test func defaultLimitIs20MiB() throws {
    let repo = try exampleWithSettings(ofMiB: 20.5)
    let refused = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("expected a text file of at most 20 MiB"))
  }

  @Test(arguments: ["0", "4096"]) func outOfRangeLimitIsBadUsage(value: String) throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(
      ["plan", "--phase", "1", "--max-file-mib", value, "--repo", repo.path], in: repo)
    #expect(result.status == 64)
    #expect(result.stderr.contains("--max-file-mib: expected a number of MiB from 1 to 4000, found \(value)"))
  }
}
