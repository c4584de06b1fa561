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
      result.notes.append("\(target.path): \(target.source)")
      let start = SourceLocation(path: target.path, line: 1, column: 1)
      if target.format == .create {
        let contents = CoverageConfigEditor.newFileContents(section: "run", wants: wants)
        builder.add(
          [.insert(contents, at: 0)], patch: patch.id, to: SourceText(path: target.path, bytes: []),
          created: true, check: .ini(section: "run", wants: wants))
        result.places.append(PatchPlace(start, "create it with a [run] section"))
        pending.append(target.path)
        continue
      }
      let source = try repository.read(target.path)
      let plan: CoverageConfigPlan
      let check: FileCheck
      do {
        if case .ini(let section) = target.format {
          plan = try CoverageConfigEditor.plan(source: source, section: section, wants: wants)
          check = .ini(section: section, wants: wants)
        } else {
          plan = try PyprojectCoverageEditor.plan(source: source, wants: wants)
          check = .pyproject(wants: wants)
        }
      } catch let error as INIError where error.needsManualEdit {
        result.state = .manual
        result.places.append(PatchPlace(start, error.description))
        continue
      } catch let error as TOMLError where error.needsManualEdit {
        result.state = .manual
        result.places.append(PatchPlace(start, error.description))
        continue
      }
      switch plan {
      case .satisfied(let reason, let location):
        result.places.append(PatchPlace(location, reason))
        satisfied.append(target.path)
      case .edits(let edits, let summary):
        builder.add(edits, patch: patch.id, to: source, check: check)
        let location = source.location(ofByte: edits.first?.offset ?? 0)
        let what = summary.map { withoutLocation($0, path: target.path) }
        result.places.append(PatchPlace(location, what.joined(separator: "; ")))
        pending.append(target.path)
      }
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

  /// `path:1: [run] add x` → `[run] add x`: the place is printed once, before the message.
  private func withoutLocation(_ text: String, path: String) -> String {
    guard text.hasPrefix(path) else { return text }
    let rest = text.dropFirst(path.count).drop { $0 == ":" || $0.isNumber }
    return String(rest.drop { $0 == " " })
  }
}
