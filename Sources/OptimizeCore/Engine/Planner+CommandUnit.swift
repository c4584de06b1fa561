import Foundation

/// What one piece of shell text (a `run:` value, a recipe line, a script) needs.
struct UnitPlan: Equatable {
  /// Insertions in the shell text as the shell sees it.
  var insertions: [ScriptInsertion] = []
  /// Test commands of a Makefile recipe line that need a `coverage combine` recipe line after it.
  var recipeCombines: [TestInvocation] = []
  /// The byte ranges of the edited commands' logical lines in the shell text.
  var spans: [Range<Int>] = []
  /// Reasons to leave it to a person.
  var problems: [String] = []
  /// Remarks for the reviewer.
  var notes: [String] = []
  /// The start offsets of test commands that already have everything.
  var unchanged: Set<Int> = []

  var isEmpty: Bool { insertions.isEmpty && recipeCombines.isEmpty }

  /// Equal apart from notes: the same change.
  func sameChange(as other: UnitPlan) -> Bool {
    insertions == other.insertions && recipeCombines == other.recipeCombines && problems == other.problems
  }
}

extension Planner {
  /// The plan of the shell text shared by `steps` (several when an anchor or alias is shared).
  func unitPlan(_ steps: [TestStep], spec: TestCommandSpec, flags: [FlagRule]) -> UnitPlan {
    var unit = UnitPlan()
    guard let script = try? ShellScript.parse(steps[0].place.script) else { return unit }
    let byInvocation = Dictionary(grouping: steps, by: \.invocation.range.lowerBound)
    for key in byInvocation.keys.sorted() {
      let plans = byInvocation[key]!.map { stepPlan($0, script: script, spec: spec, flags: flags) }
      for plan in plans {
        for note in plan.notes where !unit.notes.contains(note) { unit.notes.append(note) }
      }
      if plans.contains(where: { !$0.sameChange(as: plans[0]) }) {
        unit.problems.append(
          "this command is shared (through an anchor or alias) by steps that need different changes")
      }
      if plans[0].isEmpty && plans[0].problems.isEmpty { unit.unchanged.insert(key) }
      unit.insertions += plans[0].insertions
      unit.recipeCombines += plans[0].recipeCombines
      unit.spans += plans[0].spans
      unit.problems += plans[0].problems
    }
    return unit
  }

  private func stepPlan(_ step: TestStep, script: ShellScript, spec: TestCommandSpec, flags: [FlagRule])
    -> UnitPlan
  {
    let invocation = step.invocation
    var plan = UnitPlan()
    let coverageFlag = invocation.coverage == nil ? nil : spec.coverageFlag
    plan.insertions = CommandEditor.insertions(
      for: invocation, coverageFlag: coverageFlag, testFlags: flags, values: step.expressionValues)
    for case .unknown(let word) in CommandEditor.presence(
      of: flags, in: invocation, values: step.expressionValues)
    {
      var values = ""
      if let choices = step.expressionValues[word.expressionName ?? word.value], choices.count > 1 {
        values = " (on some legs only: its values are \(choices.map { "\"\($0)\"" }.joined(separator: ", ")))"
      }
      plan.problems.append(
        "`\(word.text)` is expanded at run time and may already set these flags\(values); "
          + "if it does not, add them")
      // Show the command with the flags, as if the expansion held none.
      var shown = invocation
      shown.arguments.removeAll { $0.hasExpansion }
      plan.insertions = CommandEditor.insertions(for: shown, coverageFlag: coverageFlag, testFlags: flags)
    }
    if let concurrency = invocation.coverage?.commandLineConcurrency {
      plan.problems.append(
        "coverage run --concurrency=\(concurrency) is on the command line, where parallel workers "
          + "never see it; move it to the coverage config and remove it here")
    }
    if let pipe = invocation.pipedTo, !script.text.contains("pipefail") {
      let tee = "`| \(pipe.joined(separator: " "))`"
      switch step.place {
      case .yaml where step.shell != "bash":
        plan.notes.append(
          "\(step.location): \(tee) without `shell: bash` runs without pipefail, so test failures are hidden; "
            + "add `shell: bash` to the step")
      case .lines(_, _, let kind, _):
        plan.notes.append(
          "\(step.location): \(tee) in a \(kind == .makefile ? "Makefile recipe" : "script") runs without "
            + "pipefail, so test failures are hidden; add `set -o pipefail;` before the command")
      default: break
      }
    }
    if spec.combine != nil, !step.laterStepCombines {
      switch CommandEditor.combineStep(after: invocation, in: script) {
      case .missing(let insertion):
        if case .lines(_, _, .makefile, _) = step.place, insertion.offset == invocation.logicalLineEnd {
          plan.recipeCombines.append(invocation)
        } else {
          plan.insertions.append(insertion)
        }
      case .manual(let reason): plan.problems.append("coverage combine cannot be placed: \(reason)")
      case .present, .notNeeded: break
      }
    }
    let lineStart = script.lineStarts[invocation.line]
    plan.spans.append(lineStart..<invocation.logicalLineEnd)
    return plan
  }

  /// The edits of shell lines in a Makefile or script, their verification units and the new text.
  func shellLineEdits(_ plan: UnitPlan, place: CommandPlace, source: SourceText)
    -> (edits: [Edit], units: [ShellLinesUnit], newText: String, problems: [String])
  {
    guard case .lines(let start, let text, let kind, let map) = place else { return ([], [], "", []) }
    var problems: [String] = []
    var mapped: [ScriptInsertion] = []
    for insertion in plan.insertions {
      guard let offset = map == nil ? insertion.offset : map?.original(insertion.offset) else {
        problems.append(
          "`\(insertion.text.trimmingCharacters(in: .whitespacesAndNewlines))` belongs inside a Make "
            + "variable's value; change the variable by hand")
        continue
      }
      mapped.append(ScriptInsertion(offset: offset, text: insertion.text))
    }
    let bytes = Array(text.utf8)
    for invocation in plan.recipeCombines {
      guard let coverage = invocation.coverage else { continue }
      let end = start + bytes.count
      let lineBreak = end < source.bytes.count && source.bytes[end] == .carriageReturn ? "\r\n" : "\n"
      let lineStart = source.lineStarts[source.lineIndex(ofByte: start)]
      let prefix = source.text(lineStart..<start).filter { "@-+".contains($0) }
      var folder = ""
      switch invocation.workingDirectory {
      case .unchanged: break
      case .relative(let path), .absolute(let path): folder = "cd \(path) && "
      case .unknown(let why):
        problems.append("coverage combine cannot be placed: the tests run after \(why)")
      }
      let combine = CommandEditor.combineCommand(for: invocation, coverage: coverage) { range in
        map.flatMap { $0.original(range) }.map { String(decoding: bytes[$0], as: UTF8.self) }
      }
      mapped.append(ScriptInsertion(offset: bytes.count, text: lineBreak + "\t" + prefix + folder + combine))
    }
    let newText = mapped.applied(to: text)
    var merged: [ScriptInsertion] = []
    for insertion in mapped.enumerated().sorted(by: {
      ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
    })
    .map(\.element) {
      if merged.last?.offset == insertion.offset {
        merged[merged.count - 1].text += insertion.text
      } else {
        merged.append(insertion)
      }
    }
    let edits = merged.map { Edit.insert($0.text, at: start + $0.offset) }
    let ranges = kind == .makefile ? [0..<bytes.count] : mergedSpans(plan.spans)
    let units = ranges.map { range -> ShellLinesUnit in
      let inside = merged.filter { range.contains($0.offset) || range.upperBound == $0.offset }
        .map { ScriptInsertion(offset: $0.offset - range.lowerBound, text: $0.text) }
      let old = String(decoding: bytes[range], as: UTF8.self)
      return ShellLinesUnit(
        start: start + range.lowerBound, old: old, new: inside.applied(to: old), kind: kind)
    }
    let shown = units.map(\.new).joined(separator: "\n")
    return (edits, units.filter { $0.old != $0.new }, shown.isEmpty ? newText : shown, problems)
  }

  private func mergedSpans(_ spans: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = result.last, span.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
      } else {
        result.append(span)
      }
    }
    return result
  }
}
