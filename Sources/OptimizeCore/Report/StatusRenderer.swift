import Foundation

/// Renders a status report as text, Markdown or JSON.
public enum StatusRenderer {
  /// A compact table per phase: patch, state, `file:line`, reason.
  public static func text(_ report: StatusReport, color: Bool) -> String {
    var text = ""
    if report.interruptedTransaction {
      text += "interrupted: a killed run left .optimize/journal; run `optimize recover`\n"
    }
    if let error = report.ledgerError { text += "ledger damaged: \(error)\n" }
    for phase in report.phases {
      var header = "Phase \(phase.phase) (\(phase.title)): \(paint(phase.state.rawValue, color))"
      if let at = phase.appliedAt { header += ", applied \(at) by optimize \(phase.appliedBy ?? "?")" }
      text += header + "\n"
      for patch in phase.patches {
        let place = patch.places.first.map { "\($0.location.path):\($0.location.line)" } ?? "-"
        let state = patch.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        text +=
          "  \(paint(state, color)) \(patch.id.padding(toLength: 22, withPad: " ", startingAt: 0)) "
          + "\(place)  \(patch.reason)\n"
        for extra in patch.places.dropFirst() {
          text += "            \(extra.location.path):\(extra.location.line)  \(extra.message)\n"
        }
        if patch.state == .drifted || patch.state == .manual, let first = patch.places.first {
          text += "            \(first.message)\n"
        }
      }
    }
    return text
  }

  /// A Markdown table per phase, ready for a pull request comment.
  public static func markdown(_ report: StatusReport) -> String {
    var text = "### optimize status\n\n"
    if report.interruptedTransaction { text += "> **Interrupted:** run `optimize recover`.\n\n" }
    if let error = report.ledgerError { text += "> **Ledger damaged:** \(error)\n\n" }
    for phase in report.phases {
      text +=
        "**Phase \(phase.phase): \(phase.title)** — \(emoji(phase.state.rawValue)) \(phase.state.rawValue)\n\n"
      text += "| patch | state | where | reason |\n|---|---|---|---|\n"
      for patch in phase.patches {
        let place = patch.places.first.map { "`\($0.location.path):\($0.location.line)`" } ?? ""
        text +=
          "| `\(patch.id)` | \(emoji(patch.state.rawValue)) \(patch.state.rawValue) | \(place) | "
          + "\(patch.reason.replacingOccurrences(of: "|", with: "\\|")) |\n"
      }
      text += "\n"
    }
    return text
  }

  /// The JSON document, schema version 1.
  public static func json(_ report: StatusReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }

  private static func paint(_ state: String, _ color: Bool) -> String {
    guard color else { return state }
    let code: String
    switch state.trimmingCharacters(in: .whitespaces) {
    case "applied", "satisfied": code = "32"
    case "pending", "skipped": code = "33"
    case "drifted", "manual": code = "31"
    default: return state
    }
    return "\u{1B}[\(code)m\(state)\u{1B}[0m"
  }

  private static func emoji(_ state: String) -> String {
    switch state {
    case "applied", "satisfied": return "✅"
    case "pending", "skipped": return "⏳"
    default: return "❌"
    }
  }
}
