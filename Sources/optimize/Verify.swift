import ArgumentParser
import Foundation
import OptimizeCore

extension Optimize {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Measure a phase on the team's own suite: baseline against optimized, interleaved.",
      discussion: """
        Runs the test command of the CI step Phase 1 edits (or --command) in two temporary copies \
        of the Django root: one with the files as they were before Phase 1, one with Phase 1 \
        applied. Never changes your tree. Runs alternate, baseline first, --runs times each, and \
        the verdict checks the plan's acceptance criteria: the median speed-up against --target, \
        every test passing in both modes, coverage within ±1 point, no flaky or parallel-only \
        failures, and the slowest 10 tests. The report goes to .optimize/reports/. Exit codes: 0 \
        every criterion passed, 4 a criterion failed (also a failing, hanging or empty suite), 1 \
        error, 64 bad usage.
        """)

    @Option(name: .long, help: "The phase to measure (1).")
    var phase: Int

    @Option(name: .long, help: "Runs per mode.")
    var runs = 3

    @Option(name: .long, help: "The Python interpreter to run the tests with, e.g. .venv/bin/python.")
    var python: String?

    @Option(
      name: .long,
      help: "A test command to run instead of the CI step's, e.g. \"coverage run manage.py test\".")
    var command: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Test labels to run instead of the whole suite.")
    var labels: [String] = []

    @Option(name: .long, help: "Output format on stdout: text, json or markdown.")
    var format: StatusFormat = .text

    @Option(name: .long, help: "Seconds before one run is stopped as hanging.")
    var timeout: Double = 1800

    @Option(name: .long, help: "The least time saved on the median, in percent (the plan says 50–70).")
    var target: Double = 50

    @Option(name: .long, help: "NAME=VALUE for the runs, over the workflow's env (repeatable).")
    var env: [String] = []

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func validate() throws {
      if runs < 1 { throw ValidationError("--runs: expected at least 1, found \(runs)") }
      if timeout <= 0 { throw ValidationError("--timeout: expected seconds above 0, found \(timeout)") }
      for pair in env where !pair.contains("=") || pair.hasPrefix("=") {
        throw ValidationError("--env: expected NAME=VALUE, found \(pair)")
      }
    }

    func run() throws {
      let repo = try repository.repository()
      let phase = try repository.loader().phase(self.phase)
      let current = FileManager.default.currentDirectoryPath
      let interpreter = python.map {
        $0.contains("/")
          ? URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: current)).standardizedFileURL.path : $0
      }
      var overrides: [String: String] = [:]
      for pair in env {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        overrides[String(parts[0])] = String(parts[1])
      }
      let options = VerifyOptions(
        phase: self.phase, runs: runs, python: interpreter, command: command, labels: labels,
        timeout: timeout,
        targetPercent: target, environment: ProcessInfo.processInfo.environment, overrides: overrides,
        discovery: targets.discovery)
      let verification = try Verification(repository: repo, phase: phase, options: options)
      forwardInterrupts()
      var progress = ProgressLine(live: isatty(STDERR_FILENO) != 0)
      let report = try verification.run { progress.show($0) }
      let paths = try VerifyReportWriter.write(report, to: repo)
      let markdownPath = paths.first { $0.hasSuffix(".md") }
      switch format {
      case .text: print(report.text(reportPath: markdownPath), terminator: "")
      case .json: print(try report.json(), terminator: "")
      case .markdown: print(report.markdown(chartFile: nil), terminator: "")
      }
      if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Stops the running suite, workers included, when verify itself is interrupted.
    private func forwardInterrupts() {
      for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber) { received in
          let group = SuiteProcess.runningGroup
          if group > 0 { kill(-group, SIGTERM) }
          _exit(128 + received)
        }
      }
    }
  }
}

/// Progress on standard error: a live line on a terminal, one line per finished run otherwise.
struct ProgressLine {
  let live: Bool
  private var lastDraw = 0.0

  init(live: Bool) {
    self.live = live
  }

  mutating func show(_ event: VerifyProgress) {
    switch event {
    case .started(let mode, let index, let total):
      if live { draw("[\(mode.rawValue) \(index)/\(total)] starting") }
    case .running(let mode, let index, let total, let seconds, let done):
      guard live, seconds - lastDraw >= 0.25 else { return }
      lastDraw = seconds
      draw("[\(mode.rawValue) \(index)/\(total)] \(Self.clock(seconds))  \(done) tests done")
    case .finished(let run, let total):
      lastDraw = 0
      var line =
        "\(run.mode.rawValue) \(run.index)/\(total): \(String(format: "%.1f", run.wallSeconds)) s, "
        + "\(run.testsRun) tests, \(run.failures) failed, \(run.errors) errors, \(run.skipped) skipped"
      if let coverage = run.coveragePercent { line += ", coverage \(String(format: "%.2f", coverage))%" }
      if run.timedOut { line += ", TIMED OUT" }
      if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      printError(line)
    }
  }

  private func draw(_ text: String) {
    FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
  }

  static func clock(_ seconds: Double) -> String {
    let whole = Int(seconds)
    return String(format: "%d:%02d", whole / 60, whole % 60)
  }
}
