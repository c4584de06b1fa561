import Foundation
import Testing

@Suite struct VerifySetupTests {
  static func runLines(_ log: URL) throws -> [Substring] {
    try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("run ") }
  }

  @Test func appliedRepositoryTakesTheBaselineFromTheSnapshots() throws {
    let (repo, python, log) = try VerifyFixture.make()
    #expect(try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo).status == 0)
    let before = try TreeFixture.files(repo, skipping: [".optimize/reports"])
    _ = try VerifyFixture.verify(repo, python: python, log: log, extra: ["--runs", "1"])
    let lines = try Self.runLines(log)
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("run parallel=no hasher=no") == true)
    #expect(lines.last?.hasPrefix("run parallel=yes hasher=yes") == true)
    #expect(try TreeFixture.files(repo, skipping: [".optimize/reports"]) == before)
  }

  @Test func satisfiedHasherIsSaidAndItsGainNotClaimed() throws {
    let settings = """
      import sys
      SECRET_KEY = "x"
      if "test" in sys.argv:
          PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

      """
    let (repo, python, log) = try VerifyFixture.make(settings: settings)
    let result = try VerifyFixture.verify(repo, python: python, log: log, extra: ["--runs", "1"])
    #expect(try Self.runLines(log).first?.hasPrefix("run parallel=no hasher=yes") == true)
    #expect(result.stdout.contains("satisfied: test-password-hasher was satisfied before Phase 1"))
    #expect(result.stdout.contains("its gain is in both modes and not claimed"))
  }

  @Test func commandOverrideGetsThePhaseFlagsInTheOptimizedMode() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(
      repo, python: python, log: log, extra: ["--runs", "1", "--command", "python manage.py test shop"])
    let lines = try Self.runLines(log)
    #expect(lines.first?.hasSuffix("args=manage.py test shop -v 2 --noinput --durations 10") == true)
    #expect(
      lines.last?.hasSuffix("args=manage.py test shop --parallel=auto --keepdb -v 2 --noinput --durations 10")
        == true)
    #expect(result.stdout.contains("info  Coverage within ±1 point: not measured"))
  }

  @Test func labelsAreAppended() throws {
    let (repo, python, log) = try VerifyFixture.make()
    _ = try VerifyFixture.verify(
      repo, python: python, log: log, extra: ["--runs", "1", "--labels", "shop.tests", "cart"])
    #expect(
      try Self.runLines(log).first?.hasSuffix("manage.py test shop.tests cart -v 2 --noinput --durations 10")
        == true)
  }

  @Test func jsonAndMarkdownGoToStdout() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let json = try VerifyFixture.verify(
      repo, python: python, log: log, extra: ["--runs", "1", "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["schemaVersion"] as? Int == 1)
    let markdown = try VerifyFixture.verify(
      repo, python: python, log: log, extra: ["--runs", "1", "--format", "markdown"])
    #expect(markdown.stdout.hasPrefix("# optimize verify: Phase 1\n"))
    #expect(markdown.stdout.contains("| Every test passes in both modes | ✅ pass |"))
  }

  @Test func noTestCommandIsAnError() throws {
    let (repo, python, log) = try VerifyFixture.make()
    try FileManager.default.removeItem(at: repo.appendingPathComponent(".github"))
    let result = try VerifyFixture.verify(repo, python: python, log: log)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "expected a CI step that runs `manage.py test`, found none; pass the command with --command"))
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
  }

  @Test func commandWorksWithoutAWorkflow() throws {
    let (repo, python, log) = try VerifyFixture.make()
    try FileManager.default.removeItem(at: repo.appendingPathComponent(".github"))
    let result = try VerifyFixture.verify(
      repo, python: python, log: log, extra: ["--runs", "1", "--command", "coverage run manage.py test"])
    let lines = try Self.runLines(log)
    #expect(lines.first?.hasSuffix("args=manage.py test -v 2 --noinput --durations 10") == true)
    #expect(
      lines.last?.hasSuffix(
        "args=--parallel-mode manage.py test --parallel=auto --keepdb -v 2 --noinput --durations 10") == true)
    #expect(result.stdout.contains("command from --command, run in app"))
  }

  @Test func interpreterWithoutDjangoIsAnError() throws {
    let (repo, _, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(repo, python: URL(fileURLWithPath: "/bin/false"), log: log)
    #expect(result.status == 1)
    #expect(result.stderr.contains("/bin/false: expected an interpreter that imports Django"))
  }

  @Test(arguments: [["--runs", "0"], ["--timeout", "0"], ["--env", "NOEQUALS"]])
  func badUsage(arguments: [String]) throws {
    let (repo, python, log) = try VerifyFixture.make()
    #expect(try VerifyFixture.verify(repo, python: python, log: log, extra: arguments).status == 64)
  }
}
