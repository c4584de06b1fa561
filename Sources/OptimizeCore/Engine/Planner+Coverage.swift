extension Planner {
  /// Plans the coverage-config patch on every config the CI's coverage reads.
  func planCoverage(
    _ patch: Patch, wants: CoverageRunSettings, discovery: Discovery, into builder: inout PlanBuilder
  ) throws -> PatchResult {
    var result = PatchResult(id: patch.id, kind: patch.kind.name, state: .satisfied, reason: "")
    guard !discovery.coverageTargets.isEmpty else {
      result.reason = "no CI test step runs under coverage, so no coverage config needs parallel mode"
      return result
    }
    var pending: [String] = []
    var satisfied: [String] = []
    for target in discovery.coverageTargets {
      let location = SourceLocation(path: target.path, line: 1, column: 1)
      switch target.format {
      case .create:
        let contents = CoverageConfigEditor.newFileContents(section: "run", wants: wants)
        let empty = SourceText(path: target.path, bytes: [])
        builder.add(
          [.insert(contents, at: 0)], patch: patch.id, to: empty, created: true,
          check: .ini(section: "run", wants: wants))
        result.places.append(PatchPlace(location, "create with a [run] section (\(target.source))"))
        pending.append(target.path)
      case .ini(let section):
        let source = try repository.read(target.path)
        do {
          switch try CoverageConfigEditor.plan(source: source, section: section, wants: wants) {
          case .satisfied(let reason, let where_):
            result.places.append(PatchPlace(where_, reason))
            satisfied.append(target.path)
          case .edits(let edits, let summary):
            builder.add(edits, patch: patch.id, to: source, check: .ini(section: section, wants: wants))
            let line = edits.first.map { source.location(ofByte: $0.offset) } ?? location
            result.places.append(PatchPlace(line, summary.joined(separator: "; ")))
            pending.append(target.path)
          }
        } catch let error as INIError where error.needsManualEdit {
          result.state = .manual
          result.places.append(PatchPlace(location, error.description))
        }
      case .pyproject:
        let source = try repository.read(target.path)
        switch try PyprojectCoverageEditor.plan(source: source, wants: wants) {
        case .satisfied(let reason, let where_):
          result.places.append(PatchPlace(where_, reason))
          satisfied.append(target.path)
        case .edits(let edits, let summary):
          builder.add(edits, patch: patch.id, to: source, check: .pyproject(wants: wants))
          let line = edits.first.map { source.location(ofByte: $0.offset) } ?? location
          result.places.append(PatchPlace(line, summary.joined(separator: "; ")))
          pending.append(target.path)
        }
      }
      result.notes.append("\(target.path): \(target.source)")
    }
    if result.state == .manual {
      result.reason = "a coverage config cannot be edited safely; change it by hand as shown"
    } else if !pending.isEmpty {
      result.state = .pending
      result.reason = "parallel coverage in \(pending.joined(separator: ", "))"
    } else {
      result.reason = "already parallel in \(satisfied.joined(separator: ", "))"
    }
    return result
  }
}
