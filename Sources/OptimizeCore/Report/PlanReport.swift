/// Renders plans for people: the diff, then a line per patch, then the preflight findings.
public enum PlanReport {
  /// The unified diff of every file of the plan.
  public static func diff(_ plan: Plan) -> String {
    plan.files.map { UnifiedDiff.render($0, texts: plan.texts) }.joined()
  }

  /// One line per patch with its state and reason, then its places and notes.
  public static func patches(_ plan: Plan) -> String {
    var text = "Phase \(plan.phase.number): \(plan.phase.title)\n"
    for patch in plan.patches {
      text +=
        "  \(patch.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(patch.id): "
        + "\(patch.reason)\n"
      for place in patch.places {
        text += "      \(place.location.path):\(place.location.line): \(place.message)\n"
      }
      for note in patch.notes { text += "      note: \(note)\n" }
    }
    return text
  }

  /// The preflight findings as warnings under the plan (nothing when there are none).
  public static func findings(_ findings: [Finding]) -> String {
    guard !findings.isEmpty else { return "" }
    return "Preflight (optimize doctor):\n"
      + DoctorReport.text(findings).split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "  \($0)" }.joined(separator: "\n")
  }

  /// A Markdown summary for a pull request description: what changes and why (one line per
  /// patch, quoting the phase's reasoning), the diff of each file, the preflight, and how to undo.
  public static func markdown(_ plan: Plan, findings: [Finding] = []) -> String {
    let number = plan.phase.number
    var text = "## optimize: phase \(number), \(plan.phase.title)\n\n\(plan.phase.summary)\n\n"
    text += "### What changes and why\n\n"
    for patch in plan.patches {
      let why = plan.phase.patches.first { $0.id == patch.id }?.why ?? ""
      let place = patch.places.first.map { ", `\($0.location.path):\($0.location.line)`" } ?? ""
      text += "- **`\(patch.id)`** (\(patch.state.rawValue)\(place)): \(patch.reason). Why: \(why)\n"
    }
    text += "\n### Diff\n\n"
    if plan.files.isEmpty { text += "Nothing to change.\n" }
    for file in plan.files {
      let diff = UnifiedDiff.render(file, texts: plan.texts)
      let fence = String(repeating: "`", count: max(3, longestBacktickRun(diff) + 1))
      text += "`\(file.path)`\(file.created ? " (new file)" : ""):\n\n\(fence)diff\n\(diff)\(fence)\n\n"
    }
    if !findings.isEmpty {
      text += DoctorReport.markdown(findings, heading: "### Preflight") + "\n"
    }
    text += "### How to roll back\n\n"
    text +=
      "After merging, `optimize rollback --phase \(number)` undoes exactly these edits, from the original "
      + "bytes kept in `.optimize/snapshots/phase-\(number)/`; changes made since elsewhere in these files "
      + "are kept. Commit the result. Before merging, revert the commit.\n"
    return text
  }

  private static func longestBacktickRun(_ text: String) -> Int {
    var longest = 0
    var current = 0
    for character in text {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}
