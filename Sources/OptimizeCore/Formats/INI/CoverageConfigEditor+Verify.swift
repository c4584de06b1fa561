extension CoverageConfigEditor {
  /// Checks an edited config against the original: it parses, every other section and key keeps its
  /// value, `parallel` is true, `concurrency` keeps its old values in order and has every wanted one,
  /// and planning again finds nothing to do.
  ///
  /// - Throws: `INIError.verification` naming the first difference; `INIError` when `before` cannot
  ///   be read.
  public static func verify(
    before: SourceText, after: SourceText, section: String, wants: CoverageRunSettings
  ) throws {
    let old = try INIDocument(source: before)
    let name = try resolvedSection(section, in: old)
    let new: INIDocument
    do {
      new = try INIDocument(source: after)
    } catch {
      throw INIError.verification(path: after.path, problem: "a file that no longer parses: \(error)")
    }
    func fail(_ problem: String) -> INIError { .verification(path: after.path, problem: problem) }

    var oldValues = old.values()
    var newValues = new.values()
    let oldRun = oldValues.removeValue(forKey: name) ?? [:]
    guard let newRun = newValues.removeValue(forKey: name) else {
      throw fail("no [\(name)] section")
    }
    for (section, keys) in oldValues where newValues[section] != keys {
      throw fail(
        "[\(section)] changed from \(keys.sorted { $0.key < $1.key }) to "
          + "\((newValues[section] ?? [:]).sorted { $0.key < $1.key })")
    }
    if let added = Set(newValues.keys).subtracting(oldValues.keys).sorted().first {
      throw fail("a new section [\(added)]")
    }
    let managed: Set<String> = ["parallel", "concurrency"]
    for key in Set(oldRun.keys).union(newRun.keys).subtracting(managed).sorted()
    where oldRun[key] != newRun[key] {
      throw fail(
        "[\(name)] \(key) changed from \(oldRun[key].debugDescription) to \(newRun[key].debugDescription)")
    }

    if wants.parallel {
      guard let value = newRun["parallel"], CoverageValues.boolean(value) == true else {
        throw fail("[\(name)] parallel = \(newRun["parallel"].debugDescription) instead of a true value")
      }
    } else if oldRun["parallel"] != newRun["parallel"] {
      throw fail("[\(name)] parallel changed although it was not wanted")
    }

    let oldItems = CoverageValues.list(oldRun["concurrency"] ?? "")
    let newItems = CoverageValues.list(newRun["concurrency"] ?? "")
    if wants.concurrency.isEmpty {
      if oldRun["concurrency"] != newRun["concurrency"] {
        throw fail("[\(name)] concurrency changed although nothing was wanted")
      }
    } else {
      let required = oldItems.isEmpty ? wants.unsetList : oldItems + wants.concurrency
      guard Array(newItems.prefix(oldItems.count)) == oldItems else {
        throw fail("[\(name)] concurrency \(newItems) that does not start with the old \(oldItems)")
      }
      if let lost = required.first(where: { !newItems.contains($0) }) {
        throw fail("[\(name)] concurrency \(newItems) without \(lost)")
      }
    }

    guard case .satisfied = try plan(source: after, section: section, wants: wants) else {
      throw fail("a config that still needs edits when planned again")
    }
  }
}
