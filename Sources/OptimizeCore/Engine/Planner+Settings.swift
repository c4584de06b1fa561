extension Planner {
  /// Plans the settings-block patch on every settings module the CI's tests load.
  func planSettings(
    _ patch: Patch, block: SettingsBlock, discovery: Discovery, into builder: inout PlanBuilder
  ) throws -> PatchResult {
    var result = PatchResult(id: patch.id, kind: patch.kind.name, state: .satisfied, reason: "")
    for problem in discovery.settingsProblems {
      result.state = .manual
      result.places.append(PatchPlace(SourceLocation(path: ".", line: 1, column: 1), problem))
    }
    if discovery.settingsTargets.isEmpty, discovery.settingsProblems.isEmpty {
      result.state = .manual
      result.reason = "no Django settings module found; pass --settings-file"
      return result
    }
    var pending: [String] = []
    for target in discovery.settingsTargets {
      let source = try repository.read(target.path)
      result.notes.append("\(target.path): module \(target.module), chosen by \(target.source)")
      switch try SettingsBlockEditor.plan(source: source, block: block, unconditional: target.testOnly) {
      case .satisfied(let reason, let location):
        result.places.append(PatchPlace(location, reason))
      case .edits(let edits, let notes):
        builder.add(
          edits, patch: patch.id, to: source,
          check: .python(block: block, unconditional: target.testOnly))
        let location = source.location(ofByte: edits.first?.offset ?? 0)
        let how = target.testOnly ? "unconditionally (test-only module)" : "for tests only"
        result.places.append(PatchPlace(location, "append the \(block.name) block \(how)"))
        result.notes += notes
        pending.append(target.path)
      }
    }
    if result.state == .manual {
      result.reason = "the settings module the tests load could not be found"
    } else if !pending.isEmpty {
      result.state = .pending
      result.reason = "fast test hasher in \(pending.joined(separator: ", "))"
    } else {
      result.reason = "an MD5 hasher already comes first in tests"
    }
    return result
  }
}
