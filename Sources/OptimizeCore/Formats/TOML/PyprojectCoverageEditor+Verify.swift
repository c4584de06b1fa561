extension PyprojectCoverageEditor {
  /// Checks an edited `pyproject.toml` against the original: it scans, every other key keeps its raw value
  /// text in order, every table header stays, `parallel` is true, `concurrency` keeps its old values in
  /// order and has every wanted one, and planning again finds nothing to do.
  ///
  /// - Throws: `TOMLError.verification` naming the first difference; `TOMLError` when `before` cannot
  ///   be read.
  public static func verify(before: SourceText, after: SourceText, wants: CoverageRunSettings) throws {
    let old = try TOMLDocument(source: before)
    let new: TOMLDocument
    do {
      new = try TOMLDocument(source: after)
    } catch {
      throw TOMLError.verification(path: after.path, problem: "a file that no longer parses: \(error)")
    }
    func fail(_ problem: String) -> TOMLError { .verification(path: after.path, problem: problem) }
    let managed = [runPath + ["parallel"], runPath + ["concurrency"]]

    func others(_ document: TOMLDocument) -> [String] {
      flattened(document).filter { setting in
        if managed.contains(setting.path) { return false }
        if case .inlineTable = setting.value.kind { return false }
        return true
      }.map { $0.path.joined(separator: ".") + " = " + document.source.text($0.value.range) }
    }
    let oldOthers = others(old)
    let newOthers = others(new)
    let count = max(oldOthers.count, newOthers.count)
    if let index = (0..<count).first(where: {
      $0 >= oldOthers.count || $0 >= newOthers.count || oldOthers[$0] != newOthers[$0]
    }) {
      let was = index < oldOthers.count ? oldOthers[index] : "nothing"
      let now = index < newOthers.count ? newOthers[index] : "nothing"
      throw fail("\(now) where the original has \(was)")
    }
    let oldTables = old.tables.map { $0.path }
    let newTables = new.tables.map { $0.path }.filter { $0 != runPath || oldTables.contains(runPath) }
    if oldTables != newTables { throw fail("tables \(newTables) instead of \(oldTables)") }

    let settings = flattened(new)
    let oldSettings = flattened(old)
    func kind(_ key: String, in list: [Setting]) -> TOMLNode.Kind? {
      list.first { $0.path == runPath + [key] }?.value.kind
    }
    if wants.parallel, kind("parallel", in: settings) != .bool(true) {
      throw fail("tool.coverage.run.parallel that is not true")
    }
    if !wants.concurrency.isEmpty {
      var oldItems: [String] = []
      if case .array(let elements, _) = kind("concurrency", in: oldSettings) {
        oldItems = strings(elements) ?? []
      }
      guard case .array(let elements, _) = kind("concurrency", in: settings), let newItems = strings(elements)
      else {
        throw fail("no tool.coverage.run.concurrency array of strings")
      }
      guard Array(newItems.prefix(oldItems.count)) == oldItems else {
        throw fail("concurrency \(newItems) that does not start with the old \(oldItems)")
      }
      let required = oldItems.isEmpty ? wants.unsetList : oldItems + wants.concurrency
      if let lost = required.first(where: { !newItems.contains($0) }) {
        throw fail("concurrency \(newItems) without \(lost)")
      }
    }
    guard case .satisfied = try plan(source: after, wants: wants) else {
      throw fail("a file that still needs edits when planned again")
    }
  }
}
