/// Checks a plan in memory before anything is written: every edited file re-parses, keeps the
/// meaning of everything outside the edits, and planning again on the result gives no edits.
public struct Verifier: Sendable {
  /// The planner that made the plan.
  public var planner: Planner
  /// Whether an edited Python file is also given to `python3`'s `ast.parse` (when on PATH).
  /// `apply` does; `plan`, which writes nothing, skips the subprocess.
  public var asksPython = true

  /// Creates a verifier for plans made by `planner`.
  public init(planner: Planner) {
    self.planner = planner
  }

  /// Verifies every file of `plan`, then plans again on the edited bytes.
  ///
  /// - Throws: `VerificationError` listing every failed check.
  public func verify(_ plan: Plan) throws {
    var failures: [String] = []
    for file in plan.files {
      let before = SourceText(path: file.path, bytes: file.before)
      let after = SourceText(path: file.path, bytes: file.after)
      for check in file.checks {
        do {
          try verify(check, before: before, after: after, created: file.created)
        } catch {
          failures.append("\(file.path): \(error)")
        }
      }
    }
    if failures.isEmpty {
      var again = planner
      for file in plan.files { again.repository.overlay[file.path] = file.after }
      do {
        let second = try again.plan()
        for file in second.files {
          failures.append("\(file.path): planning again on the edited file still gives edits")
        }
      } catch {
        failures.append("planning again on the edited files failed: \(error)")
      }
    }
    if !failures.isEmpty { throw VerificationError(failures: failures) }
  }

  private func verify(_ check: FileCheck, before: SourceText, after: SourceText, created: Bool) throws {
    switch check {
    case .yaml(let expected):
      let document = try YAMLDocument(source: before)
      try YAMLEditVerifier.verify(before: document, after: after, expected: expected)
      for value in expected.values { try ShellScript.validate(value) }
    case .ini(let section, let wants):
      try CoverageConfigEditor.verify(before: before, after: after, section: section, wants: wants)
    case .pyproject(let wants):
      try PyprojectCoverageEditor.verify(before: before, after: after, wants: wants)
    case .python(let block, let unconditional):
      try SettingsBlockEditor.verify(
        before: before, after: after, block: block, unconditional: unconditional, asksPython: asksPython)
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
