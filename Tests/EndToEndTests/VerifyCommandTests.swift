import Foundation
import Testing

@Suite struct VerifyCommandTests {
  struct Report: Decodable {
    struct Run: Decodable {
      var mode: String
      var index: Int
      var testsRun: Int
      var failures: Int
      var skipped: Int
      var coveragePercent: Double?
      var timedOut: Bool
    }
    struct Criterion: Decodable {
      var id: String
      var status: String
      var detail: String
      var names: [String]
    }
    struct Environment: Decodable {
      var unset: [String]
      var suppliedByCaller: [String]
      var fromWorkflow: [String]
    }
    var runs: [Run]
    var criteria: [Criterion]
    var environment: Environment
    var stripped: [String]
    var satisfied: [String]
    var baselineCommand: String
    var optimizedCommand: String

    func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
  }

  static func report(in repo: URL) throws -> Report {
    let folder = repo.appendingPathComponent(".optimize/reports")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.count == 3)
    let json = try #require(names.first { $0.hasSuffix(".json") })
    #expect(names.contains(json.replacingOccurrences(of: ".json", with: ".svg")))
    return try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent(json)))
  }

  @Test func passingSuiteRunsBothModesInterleavedAndLeavesTheTreeAlone() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let before = try TreeFixture.files(repo)
    let result = try VerifyFixture.verify(repo, python: python, log: log)
    let report = try Self.report(in: repo)
    #expect(try TreeFixture.files(repo) == before)
    #expect(
      report.runs.map { "\($0.mode)\($0.index)" } == ["baseline1", "optimized1", "baseline2", "optimized2"])
    #expect(Set(report.runs.map(\.testsRun)) == [3])
    #expect(report.runs.map(\.coveragePercent) == [81.25, 81.5, 81.25, 81.5])
    #expect(report.criterion("all-pass")?.status == "pass")
    #expect(report.criterion("coverage")?.status == "pass")
    #expect(report.criterion("no-flaky")?.status == "pass")
    let speed = try #require(report.criterion("speed-up"))
    #expect(result.status == (speed.status == "pass" ? 0 : 4))
    #expect(result.stdout.contains("Verdict: \(speed.status == "pass" ? "pass" : "fail")"))
    #expect(result.stderr.contains("baseline 1/2: "))
    #expect(result.stderr.contains("optimized 2/2: "))
  }

  @Test func commandsComeFromTheWorkflowWithPrefixesStrippedAndSecretsNeverInvented() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(repo, python: python, log: log)
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter {
      $0.hasPrefix("run ")
    }
    #expect(lines.count == 4)
    let baseline = try #require(lines.first)
    let optimized = try #require(lines.dropFirst().first)
    #expect(baseline.hasPrefix("run parallel=no hasher=no token=unset db=localhost"))
    #expect(baseline.hasSuffix("args=manage.py test -v 2 --noinput --durations 10"))
    #expect(optimized.hasPrefix("run parallel=yes hasher=yes"))
    #expect(
      optimized.hasSuffix(
        "args=--parallel-mode manage.py test --parallel=auto --keepdb -v 2 --noinput --durations 10"))
    let report = try Self.report(in: repo)
    #expect(report.environment.unset == ["API_TOKEN"])
    #expect(report.environment.fromWorkflow == ["DB_HOST"])
    #expect(report.stripped.contains { $0.contains("`uv run`") })
    #expect(result.stdout.contains("unset, never invented: API_TOKEN"))
  }

  @Test func theCallersEnvironmentSuppliesASecret() throws {
    let (repo, python, log) = try VerifyFixture.make()
    _ = try VerifyFixture.verify(repo, python: python, log: log, environment: ["API_TOKEN": "from-caller"])
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.contains("token=from-caller"))
    #expect(try Self.report(in: repo).environment.suppliedByCaller == ["API_TOKEN"])
  }

  @Test func failingSuiteNamesTheTestAndExits4() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(repo, python: python, log: log, scenario: "fail")
    #expect(result.status == 4)
    let report = try Self.report(in: repo)
    let pass = try #require(report.criterion("all-pass"))
    #expect(pass.status == "fail")
    #expect(pass.names == ["shop.tests.LoginTests.test_login"])
    #expect(result.stdout.contains("        shop.tests.LoginTests.test_login"))
  }

  @Test func failureOnlyInParallelIsNamed() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(repo, python: python, log: log, scenario: "parallel-fail")
    #expect(result.status == 4)
    let stable = try #require(try Self.report(in: repo).criterion("no-flaky"))
    #expect(stable.status == "fail")
    #expect(stable.detail == "1 parallel-only")
    #expect(stable.names == ["shop.tests.LoginTests.test_login"])
  }

  @Test func hangingSuiteIsStoppedAtTheTimeout() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(
      repo, python: python, log: log, scenario: "hang", extra: ["--runs", "1", "--timeout", "1"])
    #expect(result.status == 4)
    let report = try Self.report(in: repo)
    #expect(report.runs.allSatisfy { $0.timedOut })
    #expect(report.criterion("all-pass")?.detail.contains("baseline run 1 timed out after 1 s") == true)
  }

  @Test func emptySuiteGetsAClearVerdict() throws {
    let (repo, python, log) = try VerifyFixture.make()
    let result = try VerifyFixture.verify(
      repo, python: python, log: log, scenario: "empty", extra: ["--runs", "1"])
    #expect(result.status == 4)
    let pass = try #require(try Self.report(in: repo).criterion("all-pass"))
    #expect(pass.detail.contains("baseline run 1 ran no tests"))
  }
}
