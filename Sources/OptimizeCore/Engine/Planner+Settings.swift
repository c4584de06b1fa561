extension Planner {
  /// Plans the settings-block patch on every settings module the CI's tests load.
  func planSettings(
    _ patch: Patch, block: SettingsBlock, discovery: Discovery, into builder: inout PlanBuilder
  ) throws -> PatchResult {
    var result = PatchResult(id: patch.id, kind: patch.kind.name, state: .satisfied, reason: "")
    for problem in discovery.settingsProblems {
      result.state = .manual
      result.places.append(PatchPlace(problem.location, problem.message))
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
        if let inherited = try satisfiedByStarImport(source, block: block, depth: 0) {
          result.places.append(inherited)
          continue
        }
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

  /// Where a module that `source` star-imports already satisfies the block, when `source` does
  /// not change the name after that import.
  private func satisfiedByStarImport(_ source: SourceText, block: SettingsBlock, depth: Int) throws
    -> PatchPlace?
  {
    guard depth < 4, let module = try? PythonModule(source: source) else { return nil }
    let changes = module.assignments(to: block.name).map(\.statement)
    for (name, statement) in module.starImports.reversed() {
      let index = module.statements.firstIndex(of: statement) ?? 0
      if changes.contains(where: { $0 > index }) { return nil }
      guard let path = file(ofImport: name, from: source.path), repository.isFile(path),
        let imported = try? repository.read(path)
      else { continue }
      let plan = try? SettingsBlockEditor.plan(source: imported, block: block, unconditional: true)
      if case .satisfied(let reason, let location)? = plan {
        return PatchPlace(location, "\(reason) (star-imported by \(source.path))")
      }
      if let deeper = try satisfiedByStarImport(imported, block: block, depth: depth + 1) { return deeper }
    }
    return nil
  }

  /// The file of `from NAME import *` written in the module at `path`: relative names resolve
  /// from its package, absolute ones from the repository root and the module's ancestors.
  private func file(ofImport name: String, from path: String) -> String? {
    var folder = path.split(separator: "/").dropLast().map(String.init)
    var rest = Substring(name)
    if rest.hasPrefix(".") {
      rest = rest.dropFirst()
      while rest.hasPrefix(".") {
        guard !folder.isEmpty else { return nil }
        folder.removeLast()
        rest = rest.dropFirst()
      }
      return moduleFile(rest.split(separator: ".").map(String.init), under: folder)
    }
    let parts = rest.split(separator: ".").map(String.init)
    while true {
      if let found = moduleFile(parts, under: folder) { return found }
      guard !folder.isEmpty else { return nil }
      folder.removeLast()
    }
  }

  private func moduleFile(_ parts: [String], under folder: [String]) -> String? {
    let base = (folder + parts).joined(separator: "/")
    for candidate in [base + ".py", base + "/__init__.py"] where repository.isFile(candidate) {
      return candidate
    }
    return nil
  }
}
