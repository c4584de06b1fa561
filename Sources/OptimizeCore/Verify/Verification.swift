import Foundation

/// What verify reports while it runs, for the live progress line.
public enum VerifyProgress: Sendable {
  /// A run started.
  case started(VerifyMode, index: Int, of: Int)
  /// A run is going: seconds so far and tests finished so far.
  case running(VerifyMode, index: Int, of: Int, seconds: Double, testsDone: Int)
  /// A run finished.
  case finished(RunRecord, of: Int)
}

/// `optimize verify`: runs the suite on the baseline and the optimized files, interleaved, in
/// temporary copies, and judges the plan's acceptance criteria.
public struct Verification: Sendable {
  /// The repository.
  public var repository: Repository
  /// The options.
  public var options: VerifyOptions
  /// The prepared commands and files.
  public var setup: SuiteSetup

  /// Prepares verify; runs nothing yet.
  ///
  /// - Throws: `VerifyError` and discovery, ledger or planning errors.
  public init(repository: Repository, phase: Phase, options: VerifyOptions) throws {
    guard phase.number == 1 else { throw VerifyError.unsupportedPhase(phase.number) }
    self.repository = repository
    self.options = options
    setup = try SuiteSetup.prepare(repository: repository, phase: phase, options: options)
  }

  /// Runs every run and returns the judged report.
  ///
  /// - Throws: `VerifyError` when the interpreter or a copy cannot be prepared.
  public func run(progress: (VerifyProgress) -> Void = { _ in }) throws -> VerifyReport {
    let started = Date()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "optimize-verify-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var folders: [VerifyMode: URL] = [:]
    for mode in VerifyMode.allCases {
      let copy = scratch.appendingPathComponent(mode.rawValue)
      try TreeCopy.copy(repository.url(setup.copyRoot), to: copy)
      try TreeCopy.overlay(
        mode == .baseline ? setup.baselineFiles : setup.optimizedFiles, root: setup.copyRoot, copy: copy)
      folders[mode] =
        setup.workingDirectory.isEmpty ? copy : copy.appendingPathComponent(setup.workingDirectory)
    }
    let environment = runEnvironment()
    let probe = try Probe.run(
      python: setup.baseline[0], in: folders[.baseline]!.path, environment: environment)
    var notes: [String] = []
    var extra = options.labels + ["-v", "2", "--noinput"]
    if probe.supportsDurations {
      extra += ["--durations", "10"]
    } else {
      notes.append(
        "Django's --durations needs Django 5.0 and Python 3.12 (found \(probe.summary)): the slowest tests "
          + "were timed from the baseline runs' output, where tests run one at a time.")
    }
    let commands: [VerifyMode: [String]] = [
      .baseline: setup.baseline + extra, .optimized: setup.optimized + extra,
    ]
    var records: [RunRecord] = []
    for index in 1...max(1, options.runs) {
      for mode in VerifyMode.allCases {
        let folder = folders[mode]!
        TreeCopy.removeCoverageData(in: folder)
        progress(.started(mode, index: index, of: options.runs))
        var counted = 0
        var scanned = 0
        let outcome = try SuiteProcess.run(
          commands[mode]!, in: folder.path, environment: environment, timeout: options.timeout
        ) { seconds, output in
          if output.count > scanned {
            counted += TestOutputParser.finishedCount(in: Self.completeLines(output, from: &scanned))
          }
          progress(.running(mode, index: index, of: options.runs, seconds: seconds, testsDone: counted))
        }
        let parsed = TestOutputParser(arrivals: outcome.arrivals).parse(outcome.text)
        var record = RunRecord(
          mode: mode, index: index, process: outcome, parsed: parsed, timedDurations: mode == .baseline)
        if setup.usesCoverage, !outcome.timedOut {
          let (percent, problem) = Probe.coverage(
            python: setup.baseline[0], in: folder, environment: environment, scratch: scratch)
          record.coveragePercent = percent
          if let problem { record.remarks.append(problem) }
        }
        records.append(record)
        progress(.finished(record, of: options.runs))
      }
    }
    return report(records: records, probe: probe, notes: notes, started: started)
  }

  /// The text of `output` from `offset` up to its last line break, advancing `offset`.
  static func completeLines(_ output: [UInt8], from offset: inout Int) -> Substring {
    guard let end = output[offset...].lastIndex(of: 0x0A) else { return "" }
    let text = String(decoding: output[offset...end], as: UTF8.self)
    offset = end + 1
    return text[...]
  }

  private func runEnvironment() -> [String: String] {
    var environment = options.environment.merging(setup.environment) { $1 }
    environment["PYTHONUNBUFFERED"] = "1"
    let python = setup.baseline[0]
    if python.contains("/") {
      let folder = URL(fileURLWithPath: python).deletingLastPathComponent().path
      environment["PATH"] = folder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    }
    return environment
  }
}
