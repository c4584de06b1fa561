import Foundation

/// Pass, fail, or information only.
public enum CriterionStatus: String, Sendable, Equatable, Codable {
  case pass, fail, info
}

/// One acceptance criterion of the plan, judged on the runs.
public struct Criterion: Sendable, Equatable, Codable {
  /// `speed-up`, `all-pass`, `coverage`, `no-flaky`, `slowest`.
  public var id: String
  /// What it checks.
  public var title: String
  /// The verdict.
  public var status: CriterionStatus
  /// The numbers behind the verdict, in one sentence.
  public var detail: String
  /// The tests concerned, by name.
  public var names: [String]
}

/// Min, median, mean and max of one mode's runs.
public struct ModeSummary: Sendable, Equatable, Codable {
  /// The mode.
  public var mode: VerifyMode
  /// Wall-clock seconds of each run, in order.
  public var seconds: [Double]
  /// The fastest run.
  public var minimum: Double
  /// The median run.
  public var median: Double
  /// The mean.
  public var mean: Double
  /// The slowest run.
  public var maximum: Double
  /// The median of the runs' total coverage, when measured.
  public var medianCoverage: Double?
  /// The median seconds spent on test databases.
  public var medianDatabaseSeconds: Double?
}

/// A test whose outcome changed between runs, or between modes.
public struct UnstableTest: Sendable, Equatable, Codable {
  /// The dotted test id.
  public var id: String
  /// `flaky` (differs between runs of one mode), `parallel-only` (fails only when optimized),
  /// or `missing` (ran in one mode only).
  public var kind: String
  /// Its outcome in each baseline run (`-` when it did not run).
  public var baseline: [String]
  /// Its outcome in each optimized run.
  public var optimized: [String]
}

/// Everything `optimize verify` found: what ran, each run, and the verdict per criterion.
public struct VerifyReport: Sendable, Equatable, Codable {
  /// The JSON schema version.
  public var schemaVersion = 1
  /// The optimize version.
  public var toolVersion = OptimizeCore.toolVersion
  /// When verify started (ISO 8601, UTC).
  public var createdAt: String
  /// The phase measured.
  public var phase: Int
  /// Where the command came from.
  public var origin: String
  /// The repository-relative folder the command ran in.
  public var workingDirectory: String
  /// The baseline command, as run.
  public var baselineCommand: String
  /// The optimized command, as run.
  public var optimizedCommand: String
  /// What was left out of the CI command.
  public var stripped: [String]
  /// Where the environment came from.
  public var environment: EnvironmentSources
  /// `Python 3.11.7, Django 5.2.8, coverage 7.11.3`.
  public var versions: String
  /// Processor cores this machine reports.
  public var cores: Int
  /// Runs per mode asked for.
  public var runsPerMode: Int
  /// Seconds before a run is stopped.
  public var timeoutSeconds: Double
  /// The target: at least this many percent less time on the median.
  public var targetPercent: Double
  /// Whether Phase 1 was applied in the tree (baseline from `.optimize/snapshots`).
  public var phaseApplied: Bool
  /// Patches that were already satisfied before Phase 1, whose gain is not claimed.
  public var satisfied: [String]
  /// Other remarks.
  public var notes: [String]
  /// Every run, in the order they ran.
  public var runs: [RunRecord]
  /// Per mode.
  public var modes: [ModeSummary]
  /// Baseline median over optimized median (2.0 means twice as fast).
  public var medianSpeedup: Double?
  /// Baseline mean over optimized mean.
  public var meanSpeedup: Double?
  /// Percent less time on the median.
  public var percentLessTime: Double?
  /// Tests whose outcome changed between runs or modes.
  public var unstable: [UnstableTest]
  /// The slowest tests, median seconds over the runs that timed them.
  public var slowest: [TestTiming]
  /// The acceptance criteria.
  public var criteria: [Criterion]

  /// Whether every criterion passed.
  public var passed: Bool { !criteria.contains { $0.status == .fail } }

  /// The process exit code: 0 when every criterion passed, 4 otherwise.
  public var exitCode: Int32 { passed ? 0 : 4 }

  /// The report as JSON, with sorted keys.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

/// Small statistics over run times.
enum Statistics {
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }
}
