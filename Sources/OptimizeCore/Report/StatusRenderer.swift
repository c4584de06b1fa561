import Foundation

/// Renders a status report as text, Markdown or JSON.
public enum StatusRenderer {
  /// A compact table per phase, one row per patch: state, patch, `file:line`, one-line reason.
  public static func text(_ report: StatusReport, color: Bool) -> String {
    var text = ""
    if let holder = report.transactionHeldBy {
      text += "in progress: \(holder) is writing this repository; run status again when it ends\n"
    } else if report.interruptedTransaction {
      text += "interrupted: a killed run left .optimize/journal; run `optimize recover`\n"
    }
    if let error = report.ledgerError { text += "ledger damaged: \(error)\n" }
    let rows = report.phases.flatMap { $0.patches.map(row) }
    let idWidth = rows.map(\.id.count).max() ?? 0
    let placeWidth = rows.map(\.place.count).max() ?? 0
    for phase in report.phases {
      var header = "Phase \(phase.phase) (\(phase.title)): \(paint(phase.state.rawValue, color))"
      header += applied(phase)
      text += header + "\n"
      for patch in phase.patches {
        let row = row(patch)
        let state = patch.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        text +=
          "  \(paint(state, color)) \(pad(row.id, idWidth))  \(pad(row.place, placeWidth))  \(row.reason)\n"
      }
    }
    return text
  }

  /// A Markdown table per phase, ready for a pull request comment.
  public static func markdown(_ report: StatusReport) -> String {
    var text = "### optimize status\n\n"
    if let holder = report.transactionHeldBy {
      text += "> **In progress:** \(holder) is writing this repository.\n\n"
    } else if report.interruptedTransaction {
      text += "> **Interrupted:** run `optimize recover`.\n\n"
    }
    if let error = report.ledgerError { text += "> **Ledger damaged:** \(cell(error))\n\n" }
    for phase in report.phases {
      text +=
        "**Phase \(phase.phase): \(phase.title)**: \(emoji(phase.state.rawValue)) \(phase.state.rawValue)"
      text += applied(phase)
      text += "\n\n| patch | state | where | reason |\n|---|---|---|---|\n"
      for patch in phase.patches {
        let row = row(patch)
        text +=
          "| `\(patch.id)` | \(emoji(patch.state.rawValue)) \(patch.state.rawValue) | "
          + "\(row.place == "-" ? "" : "`\(row.place)`") | \(cell(row.reason)) |\n"
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

  /// The place and the one-line reason a table shows for a patch: for a drifted or manual one,
  /// the first place that is not intact and what is wrong there.
  static func row(_ patch: PatchResult) -> (id: String, place: String, reason: String) {
    let troubled = patch.state == .drifted || patch.state == .manual
    let place =
      troubled
      ? patch.places.first { $0.message != "our edit is in place" } ?? patch.places.first
      : patch.places.first
    let location = place.map { "\($0.location.path):\($0.location.line)" } ?? "-"
    var reason = patch.reason
    if patch.state == .drifted, let message = place?.message.split(separator: "\n").first {
      reason = String(message)
    }
    return (patch.id, location, reason)
  }

  /// ` 2026-… by optimize 0.1.0` after `applied`, ` (applied 2026-… by optimize 0.1.0)` after another state.
  private static func applied(_ phase: PhaseStatus) -> String {
    guard let at = phase.appliedAt else { return "" }
    let when = "\(at) by optimize \(phase.appliedBy ?? "?")"
    return phase.state == .applied ? " \(when)" : " (applied \(when))"
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
  }

  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
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
