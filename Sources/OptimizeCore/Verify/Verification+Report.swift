import Foundation

extension Verification {
  func report(records: [RunRecord], probe: Probe, notes: [String], started: Date) -> VerifyReport {
    var notes = notes
    if setup.baselineFiles.isEmpty && setup.optimizedFiles.isEmpty {
      notes.append("Phase 1 changes no file here: both modes run the same files.")
    }
    let folder = [setup.copyRoot, setup.workingDirectory].filter { !$0.isEmpty }.joined(separator: "/")
    var report = VerifyReport(
      createdAt: ISO8601DateFormatter().string(from: started), phase: 1, origin: setup.origin,
      workingDirectory: folder.isEmpty ? "." : folder,
      baselineCommand: SuiteCommand(arguments: setup.baseline, usesCoverage: setup.usesCoverage).display,
      optimizedCommand: SuiteCommand(arguments: setup.optimized, usesCoverage: setup.usesCoverage).display,
      stripped: setup.stripped, environment: setup.sources, versions: probe.summary,
      cores: ProcessInfo.processInfo.activeProcessorCount, runsPerMode: options.runs,
      timeoutSeconds: options.timeout, targetPercent: options.targetPercent, phaseApplied: setup.phaseApplied,
      satisfied: setup.satisfied.map(Self.satisfiedSentence), notes: notes, runs: records, modes: [],
      unstable: [], slowest: [], criteria: [])
    report.evaluate()
    return report
  }

  static func satisfiedSentence(_ patch: PatchResult) -> String {
    let gain =
      patch.kind == "settings-block"
      ? "the fast hasher was already in place, so its gain is in both modes and not claimed"
      : "it was already in place, so its gain is in both modes and not claimed"
    return "\(patch.id) was satisfied before Phase 1 (\(patch.reason)): \(gain)."
  }
}

/// Writes a report's Markdown, JSON and SVG under `.optimize/reports/` of the repository.
public enum VerifyReportWriter {
  /// Writes `verify-<timestamp>.{md,json,svg}` and returns their repository-relative paths.
  ///
  /// - Throws: file system errors.
  public static func write(_ report: VerifyReport, to repository: Repository) throws -> [String] {
    let stamp = report.createdAt.replacingOccurrences(of: "-", with: "").replacingOccurrences(
      of: ":", with: "")
    let folder = "\(LedgerStore.folderName)/reports"
    try FileManager.default.createDirectory(at: repository.url(folder), withIntermediateDirectories: true)
    let base = "\(folder)/verify-\(stamp)"
    let files = [
      ("\(base).md", report.markdown(chartFile: "verify-\(stamp).svg")),
      ("\(base).json", try report.json()),
      ("\(base).svg", RunTimeChart(report: report).svg()),
    ]
    for (path, text) in files {
      try Data(text.utf8).write(to: repository.url(path), options: .atomic)
    }
    return files.map(\.0)
  }
}
