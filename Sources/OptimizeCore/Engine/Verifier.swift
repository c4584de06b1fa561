/// Checks a plan in memory before anything is written: every edited file re-parses, keeps the
/// meaning of everything outside the edits, and planning again on the result gives no edits.
public struct Verifier: Sendable {
  /// The planner that made the plan.
  public var planner: Planner
  /// Whether to also ask the machine's `python3` (`ast.parse`, coverage.py's config reader).
  /// `apply` does; `plan` skips it, to stay as fast as printing the version.
  public var external: Bool

  /// Creates a verifier for plans made by `planner`.
  public init(planner: Planner, external: Bool = true) {
    self.planner = planner
    self.external = external
  }

  /// Verifies every file of `plan`, then plans again on the edited bytes.
  ///
  /// - Throws: `VerificationError` listing every failed check.
  public func verify(_ plan: Plan) throws {
    // YAML first, alone: each edited workflow is parsed and kept for planning again, while its
    // original is streamed, so a large workflow's events are in memory once, not twice.
    let yamlFailures = plan.files.flatMap { check($0, yaml: true) }
    // The other checks, file by file, and planning again read the same bytes and write nothing:
    // they run side by side, the largest file first, and the second plan counts only when every
    // check passed.
    let others = plan.files.filter { $0.checks.contains { !$0.isYAML } }
    let largestFirst = others.indices.sorted { others[$0].after.count > others[$1].after.count }
    let results = Parallel.each(largestFirst.map { Task.check(others[$0]) } + [.planAgain]) { task in
      switch task {
      case .check(let file): return check(file, yaml: false)
      case .planAgain: return planAgain(on: plan)
      }
    }
    // Failures are reported in the plan's order of files.
    var byFile = [[String]](repeating: [], count: others.count)
    for (position, index) in largestFirst.enumerated() { byFile[index] = results[position] }
    let failures = yamlFailures + byFile.joined()
    if !failures.isEmpty { throw VerificationError(failures: failures) }
    if let again = results.last, !again.isEmpty { throw VerificationError(failures: again) }
  }

  /// One piece of the verification that runs beside the others.
  private enum Task: Sendable {
    case check(FileChange)
    case planAgain
  }

  private func check(_ file: FileChange, yaml: Bool) -> [String] {
    let checks = file.checks.filter { $0.isYAML == yaml }
    guard !checks.isEmpty else { return [] }
    // The texts discovery and planning again index anyway, when they are these bytes.
    let cache = planner.repository.readCache
    let before = cache.disk(file.path, bytes: file.before) ?? SourceText(path: file.path, bytes: file.before)
    let after = cache.overlay(file.path, bytes: file.after)
    var failures: [String] = []
    for check in checks {
      do {
        try verify(check, before: before, after: after, created: file.created)
      } catch {
        failures.append("\(file.path): \(error)")
      }
    }
    return failures
  }

  private func planAgain(on plan: Plan) -> [String] {
    var again = planner
    for file in plan.files { again.repository.overlay[file.path] = file.after }
    do {
      return try again.plan().files.map { "\($0.path): planning again on the edited file still gives edits" }
    } catch {
      return ["planning again on the edited files failed: \(error)"]
    }
  }

  private func verify(_ check: FileCheck, before: SourceText, after: SourceText, created: Bool) throws {
    switch check {
    case .yaml(let expected):
      try Self.checkYAML(before: before, after: after, expected: expected, wholeFile: external)
      for value in expected.values { try ShellScript.validate(value) }
    case .ini(let section, let wants):
      try CoverageConfigEditor.verify(before: before, after: after, section: section, wants: wants)
      if external { try CoverageProbe.compare(before: before, after: after, wants: wants) }
    case .pyproject(let wants):
      try PyprojectCoverageEditor.verify(before: before, after: after, wants: wants)
      if external { try CoverageProbe.compare(before: before, after: after, wants: wants) }
    case .python(let block, let unconditional):
      try SettingsBlockEditor.verify(
        before: before, after: after, block: block, unconditional: unconditional, external: external)
    case .shellLines(let units):
      try ShellLinesVerifier.verify(before: before, after: after, units: units)
    }
  }
}

extension Verifier {
  /// Checks an edited workflow and leaves its document in the parse cache for planning again.
  ///
  /// The scalar editor's check read these very bytes with libyaml and found every event where
  /// the original's, moved by the edits, are: the edited document is made from the original's.
  /// With `wholeFile` (`apply`), the whole edited file is read again when that check read only the
  /// edited entry (`LocalEditCheck`).
  static func checkYAML(before: SourceText, after: SourceText, expected: [Int: String], wholeFile: Bool)
    throws
  {
    let proof = VerifiedEdits.shift(before: before, after: after.bytes, expected: expected)
    let again = wholeFile && proof?.local == true
    // The original stays cached: the edited document shares its events, so forgetting it would
    // free nothing.
    if !again, let proof, YAMLDocument.derive(after, from: before, by: proof, expected: expected) != nil {
      return
    }
    YAMLDocument.forget(before)
    // Parsed even when the check was already made: planning again reads this document.
    let document = try YAMLDocument(source: after)
    if again || !VerifiedEdits.contains(before: before, after: after.bytes, expected: expected) {
      try YAMLEditVerifier.verify(streaming: before, after: document, expected: expected)
    }
  }
}

/// Edits that failed verification: nothing is written.
public struct VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Every failed check, with its file.
  public var failures: [String]

  public var description: String {
    "expected every edit to verify, found \(failures.count) that did not; nothing was written. "
      + "Please report this with the files:\n" + failures.map { "  \($0)" }.joined(separator: "\n")
  }
}

extension FileCheck {
  fileprivate var isYAML: Bool {
    if case .yaml = self { return true }
    return false
  }
}
