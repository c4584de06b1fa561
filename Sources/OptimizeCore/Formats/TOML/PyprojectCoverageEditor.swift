/// Plans and verifies coverage.py's run settings in `pyproject.toml` (`[tool.coverage.run]`).
public enum PyprojectCoverageEditor {
  static let runPath = ["tool", "coverage", "run"]

  /// A setting found in the file: the entry's full path, its value, and whether it sits in an inline table.
  struct Setting {
    var path: [String]
    var relativeKey: [String]
    var value: TOMLNode
    var keyRange: Range<Int>
    var inline: Bool
  }

  /// Plans the edits that give `[tool.coverage.run]` the wanted settings, or says they are there.
  ///
  /// - Throws: `TOMLError`; `.manual` when the settings live where a program cannot add keys safely
  ///   (an inline table, an array of tables) or hold values coverage.py would reject.
  public static func plan(source: SourceText, wants: CoverageRunSettings) throws -> CoverageConfigPlan {
    let document = try TOMLDocument(source: source)
    let settings = flattened(document)
    try refuseArrayTables(document)
    var edits: [Edit] = []
    var summary: [String] = []
    var newKeys: [(key: String, value: String)] = []
    let path = source.path

    if wants.parallel {
      if let setting = try unique("parallel", in: settings, document) {
        switch setting.value.kind {
        case .bool(true): break
        case .bool(false):
          edits.append(Edit(offset: setting.value.range.lowerBound, old: "false", new: "true"))
          summary.append("\(path): tool.coverage.run.parallel: false → true")
        default:
          throw manual(
            document, setting.value.range, expected: "parallel = true or false",
            fix: "set parallel = true by hand")
        }
      } else {
        newKeys.append(("parallel", "true"))
      }
    }
    if !wants.concurrency.isEmpty {
      if let setting = try unique("concurrency", in: settings, document) {
        let added = try mergeEdits(into: setting.value, in: document, wants: wants)
        edits += added.edits
        if !added.items.isEmpty {
          summary.append(
            "\(path): tool.coverage.run.concurrency: append \(added.items.joined(separator: ","))")
        }
      } else {
        let list = wants.unsetList.map { "\"\($0)\"" }.joined(separator: ", ")
        newKeys.append(("concurrency", "[\(list)]"))
      }
    }
    if !newKeys.isEmpty {
      edits.append(try insertion(of: newKeys, in: document, settings: settings))
      summary += newKeys.map { "\(path): [tool.coverage.run] add \($0.key) = \($0.value)" }
    }
    guard !edits.isEmpty else {
      let setting =
        settings.first { $0.path == runPath + ["parallel"] }
        ?? settings.first { $0.path.starts(with: runPath) }
      return .satisfied(
        reason:
          "[tool.coverage.run] already has parallel and concurrency with \(wants.concurrency.joined(separator: ","))",
        location: source.location(ofByte: setting?.keyRange.lowerBound ?? 0))
    }
    return .edits(edits.sorted { $0.offset < $1.offset }, summary: summary)
  }

  /// The text to add to a `pyproject.toml` that has no coverage settings, or the whole of a new file.
  public static func newFileContents(wants: CoverageRunSettings) -> String {
    var text = "[tool.coverage.run]\n"
    if wants.parallel { text += "parallel = true\n" }
    if !wants.concurrency.isEmpty {
      text += "concurrency = [" + wants.unsetList.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
    }
    return text
  }

  /// The run settings `parallel`, `concurrency`, `data_file` and `sigterm`, as coverage.py reads them.
  public static func facts(source: SourceText) throws -> CoverageRunFacts {
    let document = try TOMLDocument(source: source)
    let settings = flattened(document)
    func node(_ key: String) -> TOMLNode.Kind? { settings.first { $0.path == runPath + [key] }?.value.kind }
    func boolean(_ kind: TOMLNode.Kind?) -> Bool? {
      switch kind {
      case .bool(let flag): return flag
      case .string(let text): return text == "true" ? true : text == "false" ? false : nil
      default: return nil
      }
    }
    var facts = CoverageRunFacts(parallel: boolean(node("parallel")), sigterm: boolean(node("sigterm")))
    if document.tables.contains(where: { $0.path == runPath })
      || settings.contains(where: { $0.path.starts(with: runPath) })
    {
      facts.section = "tool.coverage.run"
    }
    if case .string(let file) = node("data_file") { facts.dataFile = file }
    if case .array(let elements, _) = node("concurrency") { facts.concurrency = strings(elements) }
    return facts
  }

  /// Every leaf entry with its full path; inline tables are opened, arrays are leaves.
  static func flattened(_ document: TOMLDocument) -> [Setting] {
    func open(_ entry: TOMLEntry, prefix: [String], inline: Bool) -> [Setting] {
      let path = prefix + entry.key
      let setting = Setting(
        path: path, relativeKey: entry.key, value: entry.value, keyRange: entry.keyRange, inline: inline)
      if case .inlineTable(let inner) = entry.value.kind {
        return [setting] + inner.flatMap { open($0, prefix: path, inline: true) }
      }
      return [setting]
    }
    return document.tables.flatMap { table in
      table.entries.flatMap { open($0, prefix: table.path, inline: false) }
    }
  }

  /// The strings of an array, or nil when an element is not a string.
  static func strings(_ elements: [TOMLNode]) -> [String]? {
    var result: [String] = []
    for element in elements {
      guard case .string(let text) = element.kind else { return nil }
      result.append(text)
    }
    return result
  }

  private static func unique(_ key: String, in settings: [Setting], _ document: TOMLDocument) throws
    -> Setting?
  {
    let found = settings.filter { $0.path == runPath + [key] }
    if found.count > 1 {
      let first = document.source.location(ofByte: found[0].keyRange.lowerBound)
      throw TOMLError.syntax(
        FormatError(
          in: document.source, atByte: found[1].keyRange.lowerBound,
          expected: "tool.coverage.run.\(key) once",
          found: "it again (first at \(first))", fix: "keep only one of the two"))
    }
    return found.first
  }

  private static func refuseArrayTables(_ document: TOMLDocument) throws {
    guard let table = document.tables.first(where: { $0.isArrayTable && runPath.starts(with: $0.path) }),
      let line = table.headerLine
    else { return }
    throw TOMLError.manual(
      FormatError(
        in: document.source, atByte: document.source.lineStarts[line],
        expected: "[tool.coverage.run] as a table",
        found: "[[\(table.path.joined(separator: "."))]], an array of tables",
        fix: "coverage.py cannot read this; fix the table by hand"))
  }

  static func manual(_ document: TOMLDocument, _ range: Range<Int>, expected: String, fix: String)
    -> TOMLError
  {
    .manual(
      FormatError(
        in: document.source, atByte: range.lowerBound, expected: expected,
        found: document.source.text(range).debugDescription, fix: fix))
  }
}
