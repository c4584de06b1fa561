import Foundation
import Testing

/// `plan` verifies in memory without starting `python3`; `apply` also asks `python3`'s
/// `ast.parse` before it writes, and refuses what it rejects.
@Suite struct PythonSecondOpinionTests {
  @Test func planSkipsPython3AndApplyAsksIt() throws {
    let python3 = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
      .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    try #require(python3, "python3 is not on PATH")
    let repo = try TreeFixture.copy("Examples/brktickets")
    let path = "apps/api/brktickets/settings.py"
    // Our tokenizer accepts this line; only a real parser refuses it.
    try TreeFixture.write(try TreeFixture.read(path, in: repo) + "DEBUG = = True\n", to: path, in: repo)
    let before = try TreeFixture.files(repo, skipping: [".optimize"])

    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.status == 0)
    #expect(plan.stdout.contains("pending   test-password-hasher"))

    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains("expected Python that `ast.parse` accepts, found python3's error"))
    #expect(try TreeFixture.files(repo, skipping: [".optimize"]) == before)
  }
}
