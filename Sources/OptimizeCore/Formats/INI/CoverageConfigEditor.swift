/// Plans and verifies the coverage.py run settings in INI files: `.coveragerc` (`[run]`) and
/// `setup.cfg` or `tox.ini` (`[coverage:run]`).
public enum CoverageConfigEditor {
  /// Plans the edits that give `section` the wanted settings, or says they are already there.
  ///
  /// - Parameters:
  ///   - section: `"run"` for `.coveragerc`, `"coverage:run"` for `setup.cfg` and `tox.ini`. For
  ///     `"run"`, a `.coveragerc` that only has `[coverage:run]` is edited there, since coverage.py
  ///     reads that spelling first.
  /// - Throws: `INIError`; `.templated` and `.manual` mean a person must make the change.
  public static func plan(
    source: SourceText, section: String, wants: CoverageRunSettings
  ) throws -> CoverageConfigPlan {
    let document = try INIDocument(source: source)
    let name = try resolvedSection(section, in: document)
    guard let run = document.section(name) else {
      return appendingSection(name, to: document, wants: wants)
    }
    var edits: [Edit] = []
    var summary: [String] = []
    var newLines: [String] = []
    let style = separatorStyle(in: document, preferring: run)
    let at = "\(source.path):\(run.headerLine + 1): [\(name)]"

    if wants.parallel {
      if let entry = try ownEntry("parallel", of: run, in: document) {
        guard let flag = CoverageValues.boolean(entry.value), entry.valueLines.isEmpty else {
          throw manual(
            document, entry, expected: "parallel set to a boolean (True, False, 1, 0, yes, no, on, off)",
            fix: "set parallel = True by hand")
        }
        if !flag {
          let old = source.text(entry.firstValueRange)
          let new = CoverageValues.trueSpelling(like: old)
          edits.append(Edit(offset: entry.firstValueRange.lowerBound, old: old, new: new))
          summary.append("\(at) \(entry.key): \(old) → \(new)")
        }
      } else {
        newLines.append("parallel" + style + "True")
        summary.append("\(at) add parallel\(style)True")
      }
    }

    if !wants.concurrency.isEmpty {
      if let entry = try ownEntry("concurrency", of: run, in: document) {
        if let edit = concurrencyEdit(entry, in: document, wants: wants) {
          edits.append(edit.edit)
          summary.append("\(at) \(entry.key): \(edit.summary)")
        }
      } else {
        let list = wants.unsetList.joined(separator: ",")
        newLines.append("concurrency" + style + list)
        summary.append("\(at) add concurrency\(style)\(list)")
      }
    }

    if !newLines.isEmpty {
      edits.append(insertion(of: newLines, after: run, in: document))
    }
    if edits.isEmpty {
      let entry = run.entry("parallel") ?? run.entry("concurrency")
      let offset = entry?.range.lowerBound ?? run.headerRange.lowerBound
      return .satisfied(
        reason:
          "[\(name)] already has parallel and concurrency with \(wants.concurrency.joined(separator: ","))",
        location: source.location(ofByte: offset))
    }
    return .edits(edits.sorted { $0.offset < $1.offset }, summary: summary)
  }

  /// The whole text of a new config file holding only the wanted settings.
  public static func newFileContents(section: String, wants: CoverageRunSettings) -> String {
    var lines = ["[\(section)]"]
    if wants.parallel { lines.append("parallel = True") }
    if !wants.concurrency.isEmpty { lines.append("concurrency = " + wants.unsetList.joined(separator: ",")) }
    return lines.map { $0 + "\n" }.joined()
  }

  /// The run section's `parallel`, `concurrency`, `data_file` and `sigterm`, as coverage.py reads them.
  ///
  /// - Throws: `INIError` when the file cannot be read.
  public static func facts(source: SourceText, section: String) throws -> CoverageRunFacts {
    let document = try INIDocument(source: source)
    let name = try resolvedSection(section, in: document)
    guard let run = document.section(name) else { return CoverageRunFacts() }
    let defaults = document.section(INIDocument.defaultSectionName)
    func value(_ key: String) -> String? { (run.entry(key) ?? defaults?.entry(key))?.value }
    return CoverageRunFacts(
      section: name, parallel: value("parallel").flatMap(CoverageValues.boolean),
      concurrency: value("concurrency").map(CoverageValues.list), dataFile: value("data_file"),
      sigterm: value("sigterm").flatMap(CoverageValues.boolean))
  }

  /// The section to edit: `section`, or `coverage:run` when asked for `run` and only that exists.
  static func resolvedSection(_ section: String, in document: INIDocument) throws -> String {
    guard section == "run", let prefixed = document.section("coverage:run") else { return section }
    if let plain = document.section("run") {
      throw INIError.manual(
        FormatError(
          in: document.source, atByte: plain.headerRange.lowerBound,
          expected: "one run section",
          found: "both [coverage:run] (line \(prefixed.headerLine + 1)) and [run]",
          fix: "merge them into one section, then run optimize again"))
    }
    return prefixed.name
  }

  /// The run section's own entry for `key`, refusing when only `[DEFAULT]` provides it.
  private static func ownEntry(_ key: String, of run: INISection, in document: INIDocument) throws
    -> INIEntry?
  {
    if let entry = run.entry(key) { return entry }
    guard let inherited = document.section(INIDocument.defaultSectionName)?.entry(key) else { return nil }
    throw manual(
      document, inherited, expected: "\(key) in [\(run.name)]",
      fix: "move \(key) from [DEFAULT] into [\(run.name)] by hand")
  }

  private static func manual(
    _ document: INIDocument, _ entry: INIEntry, expected: String, fix: String
  ) -> INIError {
    let found = document.source.text(entry.range)
    return .manual(
      FormatError(
        in: document.source, atByte: entry.range.lowerBound + entry.indent.utf8.count,
        expected: expected, found: found.debugDescription, fix: fix))
  }
}
