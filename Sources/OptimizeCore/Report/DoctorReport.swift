import Foundation

/// Renders preflight findings as text, Markdown or JSON.
public enum DoctorReport {
  /// One block per finding: severity, `file:line`, what; then why and fix; then a count.
  public static func text(_ findings: [Finding], color: Bool = false) -> String {
    var text = ""
    for finding in findings {
      let severity = finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
      text += "\(paint(severity, finding.severity, color)) \(finding.place): \(finding.message)\n"
      text += "        why: \(finding.why)\n"
      if !finding.fix.isEmpty { text += "        fix: \(finding.fix)\n" }
    }
    return text + summary(findings) + "\n"
  }

  /// `2 errors, 1 warning, 0 risks, 1 note`.
  public static func summary(_ findings: [Finding]) -> String {
    func count(_ severity: Severity, _ word: String) -> String {
      let number = findings.filter { $0.severity == severity }.count
      return "\(number) \(word)\(number == 1 ? "" : "s")"
    }
    return [count(.error, "error"), count(.warning, "warning"), count(.risk, "risk"), count(.info, "note")]
      .joined(separator: ", ")
  }

  /// A Markdown list, for a pull request.
  public static func markdown(_ findings: [Finding], heading: String = "### optimize doctor") -> String {
    var text = "\(heading)\n\n"
    if findings.isEmpty { return text + "No findings.\n" }
    for finding in findings {
      text += "- **\(finding.severity.rawValue)** `\(finding.place)`: \(finding.message)  \n"
      text += "  _Why:_ \(finding.why)"
      text += finding.fix.isEmpty ? "\n" : "  \n  _Fix:_ \(finding.fix)\n"
    }
    return text + "\n\(summary(findings)).\n"
  }

  /// `{"schemaVersion": 1, "findings": [...]}` with sorted keys.
  public static func json(_ findings: [Finding]) throws -> String {
    struct Document: Encodable {
      var schemaVersion = 1
      var toolVersion = OptimizeCore.toolVersion
      var findings: [Finding]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(Document(findings: findings)), as: UTF8.self) + "\n"
  }

  private static func paint(_ text: String, _ severity: Severity, _ color: Bool) -> String {
    guard color else { return text }
    let code: String
    switch severity {
    case .error: code = "31"
    case .warning: code = "33"
    case .risk: code = "35"
    case .info: code = "36"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}
