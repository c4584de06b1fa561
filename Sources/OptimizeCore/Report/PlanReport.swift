/// Renders plans for people: the diff, then a line per patch.
public enum PlanReport {
  /// The unified diff of every file of the plan.
  public static func diff(_ plan: Plan) -> String {
    plan.files.map { UnifiedDiff.render($0) }.joined()
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

  /// A Markdown summary for a pull request description.
  public static func markdown(_ plan: Plan) -> String {
    var text = "## optimize: phase \(plan.phase.number), \(plan.phase.title)\n\n\(plan.phase.summary)\n\n"
    text += "| patch | state | why |\n|---|---|---|\n"
    for patch in plan.patches {
      let why = plan.phase.patches.first { $0.id == patch.id }?.why ?? ""
      text += "| `\(patch.id)` | \(patch.state.rawValue) | \(patch.reason). \(why) |\n"
    }
    if !plan.files.isEmpty { text += "\n```diff\n\(diff(plan))```\n" }
    text += "\nTo undo: `optimize rollback --phase \(plan.phase.number)`.\n"
    return text
  }
}
