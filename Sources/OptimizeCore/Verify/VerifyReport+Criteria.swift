import Foundation

extension VerifyReport {
  /// Judges the runs against the plan's acceptance criteria and fills in the summaries.
  mutating func evaluate() {
    modes = VerifyMode.allCases.map { mode in
      let runs = runs.filter { $0.mode == mode }
      let seconds = runs.map(\.wallSeconds)
      let coverage = runs.compactMap(\.coveragePercent)
      let database = runs.compactMap(\.databaseSeconds)
      return ModeSummary(
        mode: mode, seconds: seconds, minimum: seconds.min() ?? 0, median: Statistics.median(seconds),
        mean: Statistics.mean(seconds), maximum: seconds.max() ?? 0,
        medianCoverage: coverage.isEmpty ? nil : Statistics.median(coverage),
        medianDatabaseSeconds: database.isEmpty ? nil : Statistics.median(database))
    }
    let base = modes[0]
    let fast = modes[1]
    if fast.median > 0, base.median > 0 {
      medianSpeedup = base.median / fast.median
      meanSpeedup = base.mean / fast.mean
      percentLessTime = (1 - fast.median / base.median) * 100
    }
    unstable = findUnstable()
    slowest = slowestTests()
    criteria = [
      speedCriterion(base, fast), passCriterion(), coverageCriterion(base, fast), stableCriterion(),
      slowestCriterion(),
    ]
  }

  private func speedCriterion(_ base: ModeSummary, _ fast: ModeSummary) -> Criterion {
    let title = "Median time at least \(targetText)% less"
    guard let percent = percentLessTime, let ratio = medianSpeedup else {
      return Criterion(
        id: "speed-up", title: title, status: .fail, detail: "no completed runs to compare", names: [])
    }
    let detail =
      "median \(seconds(base.median)) → \(seconds(fast.median)): \(format(ratio, 2))× faster, "
      + "\(format(percent))% less time (target ≥ \(targetText)%); mean \(format(meanSpeedup ?? 0, 2))×; "
      + "baseline \(seconds(base.minimum))–\(seconds(base.maximum)), optimized \(seconds(fast.minimum))–\(seconds(fast.maximum))"
    let complete = !runs.contains { $0.timedOut }
    return Criterion(
      id: "speed-up", title: title, status: percent >= targetPercent && complete ? .pass : .fail,
      detail: complete ? detail : detail + "; a run timed out, so the times are not comparable", names: [])
  }

  private func passCriterion() -> Criterion {
    let title = "Every test passes in both modes"
    var reasons: [String] = []
    var names: [String] = []
    for run in runs where !run.allPassed {
      let label = "\(run.mode.rawValue) run \(run.index)"
      if run.timedOut {
        reasons.append("\(label) timed out after \(Int(timeoutSeconds)) s")
      } else if run.testsRun == 0 {
        reasons.append(
          "\(label) ran no tests" + (run.exitStatus != 0 ? " (exit status \(run.exitStatus))" : ""))
      } else if run.problems.isEmpty {
        reasons.append("\(label) exited with status \(run.exitStatus)")
      } else {
        reasons.append(
          "\(label): \(run.failures) failed, \(run.errors) errors, \(run.unexpectedSuccesses) unexpected successes"
        )
      }
      for problem in run.problems where !names.contains(problem.id) { names.append(problem.id) }
    }
    if reasons.isEmpty {
      let counts = Set(runs.map(\.testsRun)).sorted().map(String.init).joined(separator: "/")
      return Criterion(
        id: "all-pass", title: title, status: .pass,
        detail: "\(runs.count) runs, \(counts) tests each, no failures or errors", names: [])
    }
    return Criterion(
      id: "all-pass", title: title, status: .fail, detail: reasons.joined(separator: "; "), names: names)
  }

  private func coverageCriterion(_ base: ModeSummary, _ fast: ModeSummary) -> Criterion {
    let title = "Coverage within ±1 point"
    guard let before = base.medianCoverage, let after = fast.medianCoverage else {
      let measured = runs.contains { $0.coveragePercent != nil }
      return Criterion(
        id: "coverage", title: title, status: measured ? .fail : .info,
        detail: measured
          ? "coverage was measured in one mode only" : "not measured: the command does not run coverage",
        names: [])
    }
    let delta = after - before
    return Criterion(
      id: "coverage", title: title, status: abs(delta) <= 1.0 ? .pass : .fail,
      detail:
        "median \(format(before, 2))% → \(format(after, 2))% (\(delta >= 0 ? "+" : "")\(format(delta, 2)) points)",
      names: [])
  }

  private func stableCriterion() -> Criterion {
    let title = "No flaky or parallel-only failures"
    guard !unstable.isEmpty else {
      return Criterion(
        id: "no-flaky", title: title, status: .pass, detail: "every test had the same outcome in every run",
        names: [])
    }
    let kinds = Dictionary(grouping: unstable, by: \.kind).map { "\($0.value.count) \($0.key)" }.sorted()
    return Criterion(
      id: "no-flaky", title: title, status: .fail, detail: kinds.joined(separator: ", "),
      names: unstable.map(\.id))
  }

  private func slowestCriterion() -> Criterion {
    let title = "The slowest 10 tests"
    guard !slowest.isEmpty else {
      return Criterion(
        id: "slowest", title: title, status: .info,
        detail: "not measured: no run printed durations or could be timed", names: [])
    }
    return Criterion(
      id: "slowest", title: title, status: .info,
      detail: slowest.prefix(3).map { "\($0.id) \(format($0.seconds, 2)) s" }.joined(separator: ", ")
        + (slowest.count > 3 ? ", …" : ""),
      names: slowest.map(\.id))
  }

  private func findUnstable() -> [UnstableTest] {
    let completed = runs.filter { !$0.timedOut && $0.testsRun > 0 }
    let ids = Set(completed.flatMap { $0.outcomes.keys }).sorted()
    var result: [UnstableTest] = []
    for id in ids {
      let row = { (mode: VerifyMode) in
        completed.filter { $0.mode == mode }.map { $0.outcomes[id].map(\.rawValue) ?? "-" }
      }
      let base = row(.baseline)
      let fast = row(.optimized)
      let baseProblem = base.map { TestOutcome(rawValue: $0)?.isProblem ?? false }
      let fastProblem = fast.map { TestOutcome(rawValue: $0)?.isProblem ?? false }
      var kind: String?
      if Set(base).count > 1 || Set(fast).count > 1 {
        kind = base.contains("-") || fast.contains("-") ? "missing" : "flaky"
      } else if !base.isEmpty, !fast.isEmpty, base.first != fast.first {
        kind =
          (fastProblem.first ?? false) && !(baseProblem.first ?? false)
          ? "parallel-only" : base.first == "-" || fast.first == "-" ? "missing" : "flaky"
      }
      if let kind { result.append(UnstableTest(id: id, kind: kind, baseline: base, optimized: fast)) }
    }
    return result
  }

  private func slowestTests() -> [TestTiming] {
    var samples: [String: [Double]] = [:]
    for run in runs { for timing in run.slowest { samples[timing.id, default: []].append(timing.seconds) } }
    return samples.map { TestTiming(id: $0.key, seconds: Statistics.median($0.value)) }
      .sorted { ($0.seconds, $1.id) > ($1.seconds, $0.id) }.prefix(10).map { $0 }
  }

  func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

  /// The target without a needless `.0`.
  var targetText: String {
    targetPercent == targetPercent.rounded() ? String(format: "%.0f", targetPercent) : format(targetPercent)
  }

  func seconds(_ value: Double) -> String { "\(format(value)) s" }
}
