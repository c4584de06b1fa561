/// The two versions of the files verify runs.
public enum VerifyMode: String, Sendable, Equatable, Codable, CaseIterable {
  /// The files as they were before Phase 1.
  case baseline
  /// The files with Phase 1 applied.
  case optimized
}

/// A test that did not pass in a run, with what it printed.
public struct TestProblem: Sendable, Equatable, Codable {
  /// The dotted test id.
  public var id: String
  /// `failed`, `error` or `unexpected-success`.
  public var outcome: TestOutcome
  /// The end of its traceback.
  public var detail: String?
}

/// One finished run of the suite in one mode.
public struct RunRecord: Sendable, Equatable, Codable {
  /// The mode.
  public var mode: VerifyMode
  /// 1-based, per mode.
  public var index: Int
  /// Wall-clock seconds of the test command (not of `coverage combine`).
  public var wallSeconds: Double
  /// The command's exit status.
  public var exitStatus: Int32
  /// Whether the run was stopped at `--timeout`.
  public var timedOut: Bool
  /// `Ran N tests`, or the results read when the run ended early.
  public var testsRun: Int
  /// Tests that passed.
  public var passed: Int
  /// `failures=`.
  public var failures: Int
  /// `errors=`.
  public var errors: Int
  /// `skipped=`.
  public var skipped: Int
  /// `expected failures=`.
  public var expectedFailures: Int
  /// `unexpected successes=`.
  public var unexpectedSuccesses: Int
  /// Every test that failed, errored or unexpectedly passed.
  public var problems: [TestProblem]
  /// Every skipped test's id.
  public var skippedTests: [String]
  /// Seconds spent creating (or reusing) and cloning test databases.
  public var databaseSeconds: Double?
  /// Total coverage in percent after `coverage combine`, when the command runs coverage.
  public var coveragePercent: Double?
  /// This run's slowest tests.
  public var slowest: [TestTiming]
  /// The final outcome of every test, for finding flaky tests.
  public var outcomes: [String: TestOutcome]
  /// What went wrong beyond test results: a timeout, a crash, stray tracebacks, notes.
  public var remarks: [String]
  /// The last lines of output when the run did not end with a clean summary.
  public var outputTail: String?

  /// Whether the run completed and every test passed (or was skipped).
  public var allPassed: Bool {
    !timedOut && exitStatus == 0 && testsRun > 0 && failures == 0 && errors == 0 && unexpectedSuccesses == 0
  }

  /// Builds a record from a finished process and its parsed output.
  init(mode: VerifyMode, index: Int, process: ProcessOutcome, parsed: ParsedTestOutput, timedDurations: Bool)
  {
    self.mode = mode
    self.index = index
    wallSeconds = process.seconds
    exitStatus = process.status
    timedOut = process.timedOut
    let results = parsed.results
    let count = { (outcome: TestOutcome) in Set(results.filter { $0.outcome == outcome }.map(\.id)).count }
    if let summary = parsed.summary {
      testsRun = summary.ran
      failures = summary.failures
      errors = summary.errors
      skipped = summary.skipped
      expectedFailures = summary.expectedFailures
      unexpectedSuccesses = summary.unexpectedSuccesses
    } else {
      testsRun = Set(results.map(\.id)).count
      failures = count(.failed)
      errors = count(.error)
      skipped = count(.skipped)
      expectedFailures = count(.expectedFailure)
      unexpectedSuccesses = count(.unexpectedSuccess)
    }
    passed = max(0, testsRun - failures - errors - skipped - expectedFailures - unexpectedSuccesses)
    var seen: Set<String> = []
    problems = results.filter { $0.outcome.isProblem && seen.insert($0.id).inserted }.map {
      TestProblem(id: $0.id, outcome: $0.outcome, detail: $0.detail)
    }
    skippedTests = ParsedTestOutput.unique(results.filter { $0.outcome == .skipped }.map(\.id))
    databaseSeconds = parsed.databaseSeconds
    coveragePercent = nil
    var timings = parsed.durations
    if timings.isEmpty, timedDurations {
      timings = results.compactMap { result in result.seconds.map { TestTiming(id: result.id, seconds: $0) } }
    }
    slowest = Array(timings.sorted { $0.seconds > $1.seconds }.prefix(10))
    outcomes = parsed.outcomeByID
    var remarks: [String] = []
    if process.timedOut { remarks.append("stopped after the --timeout of \(Int(process.seconds)) s") }
    if parsed.summary == nil, !process.timedOut {
      remarks.append("exited with status \(process.status) before unittest's closing totals")
    } else if process.status != 0, problems.isEmpty, !process.timedOut {
      remarks.append("exited with status \(process.status)")
    }
    if parsed.summary?.ran == 0 { remarks.append("ran no tests") }
    remarks += parsed.notes
    remarks += parsed.strayTracebacks.map { "traceback outside a test:\n\($0)" }
    self.remarks = remarks
    let clean = parsed.summary != nil && process.status == 0 && !process.timedOut
    outputTail = clean ? nil : process.text.split(separator: "\n").suffix(40).joined(separator: "\n")
  }
}
