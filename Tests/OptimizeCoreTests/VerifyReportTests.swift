import Testing

@testable import OptimizeCore

@Suite struct VerifyReportTests {
  static func run(
    _ mode: VerifyMode, _ index: Int, seconds: Double, login: String = "ok", coverage: Double? = 90
  ) -> RunRecord {
    let failed = login != "ok"
    let text = """
      test_cart (shop.tests.T.test_cart) ... ok
      test_login (shop.tests.T.test_login) ... \(login)

      ----------------------------------------------------------------------
      Ran 2 tests in 1.0s

      \(failed ? "FAILED (failures=1)" : "OK")
      """
    let process = ProcessOutcome(
      output: Array(text.utf8), arrivals: [], status: failed ? 1 : 0, timedOut: false, seconds: seconds)
    var record = RunRecord(
      mode: mode, index: index, process: process, parsed: TestOutputParser().parse(text),
      timedDurations: false)
    record.coveragePercent = coverage
    return record
  }

  static func report(_ runs: [RunRecord], target: Double = 50) -> VerifyReport {
    var report = VerifyReport(
      createdAt: "2026-11-27T15:00:00Z", phase: 1, origin: "ci.yml:3:9", workingDirectory: "app",
      baselineCommand: "python manage.py test", optimizedCommand: "python manage.py test --parallel=auto",
      stripped: [], environment: EnvironmentSources(), versions: "Python 3.12.4, Django 5.1.4", cores: 2,
      runsPerMode: runs.count / 2, timeoutSeconds: 1800, targetPercent: target, phaseApplied: false,
      satisfied: [], notes: [], runs: runs, modes: [], unstable: [], slowest: [], criteria: [])
    report.evaluate()
    return report
  }

  func status(_ report: VerifyReport, _ id: String) -> CriterionStatus? {
    report.criteria.first { $0.id == id }?.status
  }

  @Test func medianSpeedUpAgainstTheTarget() {
    let runs = [
      Self.run(.baseline, 1, seconds: 100), Self.run(.optimized, 1, seconds: 40),
      Self.run(.baseline, 2, seconds: 120), Self.run(.optimized, 2, seconds: 90),
      Self.run(.baseline, 3, seconds: 80), Self.run(.optimized, 3, seconds: 50),
    ]
    let report = Self.report(runs)
    #expect(report.modes.map(\.median) == [100, 50])
    #expect(report.modes.map(\.minimum) == [80, 40])
    #expect(report.medianSpeedup == 2)
    #expect(report.percentLessTime == 50)
    #expect(status(report, "speed-up") == .pass)
    #expect(status(Self.report(runs, target: 60), "speed-up") == .fail)
    #expect(report.exitCode == 0)
  }

  @Test func flakyAndParallelOnlyTestsAreNamed() {
    let flaky = Self.report([
      Self.run(.baseline, 1, seconds: 10), Self.run(.optimized, 1, seconds: 1),
      Self.run(.baseline, 2, seconds: 10, login: "FAIL"), Self.run(.optimized, 2, seconds: 1),
    ])
    #expect(flaky.unstable.map(\.kind) == ["flaky"])
    #expect(flaky.unstable.first?.baseline == ["passed", "failed"])
    let parallel = Self.report([
      Self.run(.baseline, 1, seconds: 10), Self.run(.optimized, 1, seconds: 1, login: "ERROR"),
    ])
    #expect(parallel.unstable.map(\.id) == ["shop.tests.T.test_login"])
    #expect(parallel.unstable.map(\.kind) == ["parallel-only"])
    #expect(status(parallel, "no-flaky") == .fail)
    #expect(status(parallel, "all-pass") == .fail)
    #expect(parallel.exitCode == 4)
  }

  @Test(arguments: [(90.0, 90.9, CriterionStatus.pass), (90.0, 88.9, .fail), (90.0, 91.2, .fail)])
  func coverageWithinOnePoint(before: Double, after: Double, expected: CriterionStatus) {
    let report = Self.report([
      Self.run(.baseline, 1, seconds: 10, coverage: before),
      Self.run(.optimized, 1, seconds: 1, coverage: after),
    ])
    #expect(status(report, "coverage") == expected)
  }

  @Test func coverageNotMeasuredIsInformation() {
    let report = Self.report([
      Self.run(.baseline, 1, seconds: 10, coverage: nil), Self.run(.optimized, 1, seconds: 1, coverage: nil),
    ])
    #expect(status(report, "coverage") == .info)
    #expect(report.passed)
  }

  @Test func chartDrawsEveryRunAndTheMedians() {
    let report = Self.report([
      Self.run(.baseline, 1, seconds: 30), Self.run(.optimized, 1, seconds: 12),
      Self.run(.baseline, 2, seconds: 34), Self.run(.optimized, 2, seconds: 10),
    ])
    let svg = RunTimeChart(report: report).svg()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
    #expect(svg.contains("min 30.0 s · median 32.0 s · max 34.0 s"))
    #expect(svg.contains("median speed-up 2.91×"))
  }

  @Test func markdownLinksTheChartAndListsFailures() {
    let report = Self.report([
      Self.run(.baseline, 1, seconds: 10), Self.run(.optimized, 1, seconds: 1, login: "FAIL"),
    ])
    let markdown = report.markdown(chartFile: "verify-x.svg")
    #expect(markdown.contains("![Run times per mode](verify-x.svg)"))
    #expect(markdown.contains("- `shop.tests.T.test_login`: failed"))
    #expect(markdown.contains("| Every test passes in both modes | ❌ fail |"))
  }
}
