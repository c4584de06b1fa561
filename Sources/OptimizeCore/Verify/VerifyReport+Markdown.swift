extension VerifyReport {
  /// The report for a pull request or a reviewer, with the chart linked as `chartFile`.
  public func markdown(chartFile: String?) -> String {
    var lines = ["# optimize verify: Phase \(phase)", ""]
    let failed = criteria.filter { $0.status == .fail }.count
    lines.append(
      passed
        ? "**Verdict: pass.** Every acceptance criterion passed."
        : "**Verdict: fail.** \(failed) of \(criteria.filter { $0.status != .info }.count) criteria failed.")
    lines += [
      "",
      "\(runsPerMode) run\(runsPerMode == 1 ? "" : "s") per mode, interleaved (baseline, optimized, …), on \(cores) cores; \(versions); "
        + "started \(createdAt).", "",
    ]
    if let chartFile { lines += ["![Run times per mode](\(chartFile))", ""] }
    lines += ["## Criteria", "", "| criterion | verdict | detail |", "|---|---|---|"]
    for criterion in criteria {
      let mark = criterion.status == .pass ? "✅ pass" : criterion.status == .fail ? "❌ fail" : "ℹ️ info"
      lines.append("| \(criterion.title) | \(mark) | \(cell(criterion.detail)) |")
    }
    lines += [
      "", "## Run times", "",
      "| mode | min | median | mean | max | coverage (median) | test databases (median) |",
      "|---|---|---|---|---|---|---|",
    ]
    for mode in modes {
      lines.append(
        "| \(mode.mode.rawValue) | \(seconds(mode.minimum)) | \(seconds(mode.median)) | \(seconds(mode.mean)) | "
          + "\(seconds(mode.maximum)) | \(mode.medianCoverage.map { format($0, 2) + "%" } ?? "–") | "
          + "\(mode.medianDatabaseSeconds.map(seconds) ?? "–") |")
    }
    lines += [
      "", "## Runs", "",
      "| run | mode | wall | tests | passed | failed | errors | skipped | databases | coverage | remarks |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (order, run) in runs.enumerated() {
      lines.append(
        "| \(order + 1) | \(run.mode.rawValue) \(run.index) | \(seconds(run.wallSeconds)) | \(run.testsRun) | "
          + "\(run.passed) | \(run.failures) | \(run.errors) | \(run.skipped) | "
          + "\(run.databaseSeconds.map(seconds) ?? "–") | \(run.coveragePercent.map { format($0, 2) + "%" } ?? "–") | "
          + "\(cell(run.remarks.map { $0.split(separator: "\n").first.map(String.init) ?? $0 }.joined(separator: "; "))) |"
      )
    }
    lines += slowestSection() + unstableSection() + problemSection() + setupSection()
    return lines.joined(separator: "\n") + "\n"
  }

  private func slowestSection() -> [String] {
    guard !slowest.isEmpty else { return [] }
    var lines = ["", "## Slowest tests", "", "| test | seconds (median) |", "|---|---|"]
    lines += slowest.map { "| `\($0.id)` | \(format($0.seconds, 3)) |" }
    return lines
  }

  private func unstableSection() -> [String] {
    guard !unstable.isEmpty else { return [] }
    var lines = [
      "", "## Flaky and parallel-only tests", "", "| test | kind | baseline runs | optimized runs |",
      "|---|---|---|---|",
    ]
    lines += unstable.map {
      "| `\($0.id)` | \($0.kind) | \($0.baseline.joined(separator: ", ")) | \($0.optimized.joined(separator: ", ")) |"
    }
    return lines
  }

  private func problemSection() -> [String] {
    let troubled = runs.filter { !$0.problems.isEmpty || $0.outputTail != nil }
    guard !troubled.isEmpty else { return [] }
    var lines = ["", "## Failures"]
    for run in troubled {
      lines += ["", "### \(run.mode.rawValue) run \(run.index)", ""]
      for problem in run.problems {
        lines.append("- `\(problem.id)`: \(problem.outcome.rawValue)")
        if let detail = problem.detail {
          lines += ["  <details><summary>traceback</summary>", "", "  ```"]
          lines += detail.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
          lines += ["  ```", "  </details>"]
        }
      }
      if let tail = run.outputTail {
        lines += [
          "", "<details><summary>last lines of output</summary>", "", "```", tail, "```", "</details>",
        ]
      }
    }
    return lines
  }

  private func setupSection() -> [String] {
    var lines = [
      "", "## What ran", "", "- Command from: \(origin)",
      "- Folder: `\(workingDirectory)` (a temporary copy per mode)",
      "- Baseline: `\(baselineCommand)`", "- Optimized: `\(optimizedCommand)`",
      "- Verify adds: `-v 2 --noinput` (and `--durations 10` where Django supports it)",
      "- Baseline files: "
        + (phaseApplied ? "from `.optimize/snapshots` (Phase 1 is applied)" : "the current files"),
      "- Optimized files: "
        + (phaseApplied ? "the current files" : "computed and verified in memory; the tree was not changed"),
    ]
    lines += stripped.map { "- Left out: \($0)" }
    if !environment.fromWorkflow.isEmpty {
      lines.append("- From the workflow's env: \(names(environment.fromWorkflow))")
    }
    if !environment.unset.isEmpty {
      lines.append(
        "- Unset, never invented (CI expressions such as secrets; export them to supply them): "
          + names(environment.unset))
    }
    if !environment.suppliedByCaller.isEmpty {
      lines.append("- Supplied by your environment: \(names(environment.suppliedByCaller))")
    }
    if !environment.overridden.isEmpty { lines.append("- Set with --env: \(names(environment.overridden))") }
    lines += satisfied.map { "- Satisfied: \($0)" }
    lines += notes.map { "- Note: \($0)" }
    return lines
  }

  private func names(_ list: [String]) -> String { list.map { "`\($0)`" }.joined(separator: ", ") }

  private func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
