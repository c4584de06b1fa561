extension VerifyReport {
  /// The terminal summary: one line per mode and per criterion, then what was left out.
  public func text(reportPath: String?) -> String {
    var lines = [
      "Phase \(phase) verify: \(runsPerMode) run\(runsPerMode == 1 ? "" : "s") per mode, interleaved, on \(cores) cores (\(versions))",
      "  command from \(origin), run in \(workingDirectory)",
    ]
    for mode in modes {
      let coverage = mode.medianCoverage.map { "  coverage \(format($0, 2))%" } ?? ""
      lines.append(
        "  \(mode.mode.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  min \(seconds(mode.minimum))  "
          + "median \(seconds(mode.median))  max \(seconds(mode.maximum))\(coverage)")
    }
    for criterion in criteria {
      lines.append(
        "  \(criterion.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0))  \(criterion.title): \(criterion.detail)"
      )
      if criterion.status == .fail { lines += criterion.names.prefix(20).map { "        \($0)" } }
      if criterion.names.count > 20, criterion.status == .fail {
        lines.append("        … \(criterion.names.count - 20) more")
      }
    }
    lines += stripped.map { "  left out: \($0)" }
    if !environment.unset.isEmpty {
      lines.append(
        "  unset, never invented: \(environment.unset.joined(separator: ", ")) (export them to supply them)")
    }
    lines += satisfied.map { "  satisfied: \($0)" }
    lines += notes.map { "  note: \($0)" }
    lines.append("Verdict: \(passed ? "pass" : "fail") (exit \(exitCode))")
    if let reportPath { lines.append("Report: \(reportPath) (and .json, .svg)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
