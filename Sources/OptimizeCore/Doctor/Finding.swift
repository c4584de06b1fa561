/// How much a preflight finding matters.
public enum Severity: String, Sendable, Equatable, Codable, Comparable, CaseIterable {
  /// Phase 1 will break, or silently not run in parallel: `doctor` exits 1.
  case error
  /// Something to fix before or with Phase 1.
  case warning
  /// Something to watch once tests run in parallel; it may be fine.
  case risk
  /// A fact worth knowing; nothing to do.
  case info

  private var rank: Int { Self.allCases.firstIndex(of: self)! }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One preflight finding: what, where, why it matters (with the upstream fact) and the fix.
public struct Finding: Sendable, Equatable, Codable {
  /// A stable id such as `django-version`, for scripts and tests.
  public var check: String
  /// How much it matters.
  public var severity: Severity
  /// Where, `path:line:col` (nil when it concerns no single file).
  public var location: SourceLocation?
  /// What was found, in one line.
  public var message: String
  /// Why it matters, with the upstream fact.
  public var why: String
  /// What to do (empty for a finding that needs nothing).
  public var fix: String

  /// Creates a finding.
  public init(
    check: String, severity: Severity, location: SourceLocation?, message: String, why: String,
    fix: String = ""
  ) {
    self.check = check
    self.severity = severity
    self.location = location
    self.message = message
    self.why = why
    self.fix = fix
  }

  /// `path:line` (or `-`), as reports show it.
  public var place: String {
    location.map { "\($0.path):\($0.line)" } ?? "-"
  }
}
