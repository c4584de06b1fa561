extension CoverageConfigEditor {
  /// The edit that merges the wanted values into an existing `concurrency`, or nil when none is needed.
  static func concurrencyEdit(
    _ entry: INIEntry, in document: INIDocument, wants: CoverageRunSettings
  ) -> (edit: Edit, summary: String)? {
    let source = document.source
    let existing = CoverageValues.list(entry.value)
    // An empty value means coverage.py's default (thread), so it gets the whole unset list.
    let added = existing.isEmpty ? wants.unsetList : wants.missing(from: existing)
    guard !added.isEmpty else { return nil }
    let summary = "append \(added.joined(separator: ","))"

    if let last = entry.valueLines.last {
      let text = added.map { source.lineEnding + last.indent + $0 }.joined()
      return (.insert(text, at: source.lineRange(last.line).upperBound), summary)
    }
    let value = source.text(entry.firstValueRange)
    if value.isEmpty {
      let space = entry.separatorText.first?.isWhitespace == true ? " " : ""
      let list = added.joined(separator: ",")
      return (.insert(space + list, at: entry.firstValueRange.lowerBound), "set \(list)")
    }
    let separator = itemSeparator(in: value)
    let joined = added.joined(separator: separator)
    let text =
      value.hasSuffix(",") ? String(separator.drop { $0 != "," }.dropFirst()) + joined : separator + joined
    return (.insert(text, at: entry.firstValueRange.upperBound), summary)
  }

  /// The separator between items of a one-line list as written (`","`, `", "`, `" , "`), `","` by default.
  static func itemSeparator(in value: String) -> String {
    guard let comma = value.firstIndex(of: ",") else { return "," }
    let before = value[..<comma].reversed().prefix { $0 == " " || $0 == "\t" }
    let after = value[value.index(after: comma)...].prefix { $0 == " " || $0 == "\t" }
    return String(before.reversed()) + "," + after
  }

  /// `key = value` spacing as the file writes it: from the run section's first valued entry, else the
  /// file's, else `" = "`. Padding used to align columns becomes one space.
  static func separatorStyle(in document: INIDocument, preferring run: INISection?) -> String {
    let candidates = (run?.entries ?? []) + document.sections.flatMap(\.entries)
    guard let entry = candidates.first(where: { !$0.firstValueRange.isEmpty }) else { return " = " }
    let before = entry.separatorText.first?.isWhitespace == true ? " " : ""
    let after = entry.separatorText.last?.isWhitespace == true ? " " : ""
    return before + entry.separator + after
  }

  /// Inserts lines right after the section header, indented like the next line that is read, so that
  /// line does not become their continuation.
  static func insertion(of lines: [String], after run: INISection, in document: INIDocument) -> Edit {
    let source = document.source
    var indent = ""
    for line in (run.headerLine + 1)..<source.lineStarts.count {
      let range = source.lineRange(line)
      let text = INIParser.stripped(range, in: source.bytes)
      guard !text.isEmpty else { continue }
      let first = source.bytes[text.lowerBound]
      if first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { continue }
      indent = source.text(range.lowerBound..<text.lowerBound)
      break
    }
    let ending = source.lineEnding
    if run.headerLine + 1 < source.lineStarts.count {
      let text = lines.map { indent + $0 + ending }.joined()
      return .insert(text, at: source.lineStarts[run.headerLine + 1])
    }
    let text = lines.map { ending + indent + $0 }.joined()
    return .insert(text, at: source.lineRange(run.headerLine).upperBound)
  }

  /// Appends a new section with the wanted settings at the end of the file, after a blank line.
  static func appendingSection(
    _ name: String, to document: INIDocument, wants: CoverageRunSettings
  ) -> CoverageConfigPlan {
    let source = document.source
    let ending = source.lineEnding
    let style = separatorStyle(in: document, preferring: nil)
    var lines = ["[\(name)]"]
    if wants.parallel { lines.append("parallel" + style + "True") }
    if !wants.concurrency.isEmpty {
      lines.append("concurrency" + style + wants.unsetList.joined(separator: ","))
    }
    var prefix = ""
    if source.bytes.count > source.bomLength {
      if !source.endsWithNewline { prefix += ending }
      let lastLine = source.endsWithNewline ? source.lineStarts.count - 2 : source.lineStarts.count - 1
      let last = source.lineRange(lastLine)
      let start = lastLine == 0 ? min(source.bomLength, last.upperBound) : last.lowerBound
      if !INIParser.stripped(start..<last.upperBound, in: source.bytes).isEmpty { prefix += ending }
    }
    let text = prefix + lines.map { $0 + ending }.joined()
    let summary = lines.dropFirst().map { "\(source.path): [\(name)] add \($0)" }
    return .edits(
      [.insert(text, at: source.bytes.count)], summary: ["\(source.path): add section [\(name)]"] + summary)
  }
}
