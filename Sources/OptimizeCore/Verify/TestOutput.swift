/// How one test ended, in unittest's words.
public enum TestOutcome: String, Sendable, Equatable, Codable, CaseIterable {
  case passed
  case failed
  case error
  case skipped
  case expectedFailure = "expected-failure"
  case unexpectedSuccess = "unexpected-success"

  /// Whether the outcome makes a run unsuccessful (unittest counts an unexpected success too).
  public var isProblem: Bool { self == .failed || self == .error || self == .unexpectedSuccess }
}

/// One test's result, as the runner printed it at `-v 2`.
public struct TestResult: Sendable, Equatable, Codable {
  /// The dotted id: `tickets.tests.test_codes.CodeTests.test_display`.
  public var id: String
  /// How it ended.
  public var outcome: TestOutcome
  /// The skip reason, the subtest parameters, or the first lines of the traceback.
  public var detail: String?
  /// Seconds between the test's start and end lines, when the output was timed.
  public var seconds: Double?
}

/// A test's duration from Django's `--durations` table or from timed output.
public struct TestTiming: Sendable, Equatable, Codable {
  /// The dotted test id.
  public var id: String
  /// Seconds.
  public var seconds: Double
}

/// The totals unittest prints at the end: `Ran N tests`, then `OK (…)` or `FAILED (…)`.
public struct RunSummary: Sendable, Equatable, Codable {
  /// `Ran N tests`.
  public var ran: Int
  /// Whether the last line said `OK`.
  public var ok: Bool
  /// `failures=N`.
  public var failures: Int
  /// `errors=N`.
  public var errors: Int
  /// `skipped=N`.
  public var skipped: Int
  /// `expected failures=N`.
  public var expectedFailures: Int
  /// `unexpected successes=N`.
  public var unexpectedSuccesses: Int
}

/// Everything read from one run's output.
public struct ParsedTestOutput: Sendable, Equatable, Codable {
  /// Every test result line, in order; a test with failing subtests appears once per subtest.
  public var results: [TestResult] = []
  /// The closing totals, when the run got that far.
  public var summary: RunSummary?
  /// Django's `--durations` table, slowest first.
  public var durations: [TestTiming] = []
  /// Seconds from the first `Creating`/`Using existing test database` line to the first test.
  public var databaseSeconds: Double?
  /// Tracebacks printed outside the failure sections: crashed workers, import errors.
  public var strayTracebacks: [String] = []
  /// Things a reader should know: a missing `tblib`, a database error.
  public var notes: [String] = []

  /// Creates an empty result.
  public init() {}

  /// The test ids with a problem outcome, without duplicates, in order.
  public var problemIDs: [String] { Self.unique(results.filter { $0.outcome.isProblem }.map(\.id)) }

  /// The final outcome of each test id: a problem outcome wins over a pass of the same test.
  public var outcomeByID: [String: TestOutcome] {
    var result: [String: TestOutcome] = [:]
    for test in results where !(result[test.id]?.isProblem ?? false) { result[test.id] = test.outcome }
    return result
  }

  static func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}
