import Foundation

extension PyprojectCoverageEditor {
  /// The edits that append the wanted values to a `concurrency` array in its own style, and the values.
  static func mergeEdits(
    into node: TOMLNode, in document: TOMLDocument, wants: CoverageRunSettings
  ) throws -> (edits: [Edit], items: [String]) {
    let source = document.source
    guard case .array(let elements, let trailingComma) = node.kind, let existing = strings(elements) else {
      throw manual(
        document, node.range, expected: "concurrency as an array of strings",
        fix: "write concurrency = [\"multiprocessing\", \"thread\"] by hand")
    }
    let items = existing.isEmpty ? wants.unsetList : wants.missing(from: existing)
    guard !items.isEmpty else { return ([], []) }
    let quote = elements.first.map { source.bytes[$0.range.lowerBound] } == UInt8(ascii: "'") ? "'" : "\""
    let rendered = items.map { render($0, quote: quote) }
    guard let last = elements.last else {
      return ([.insert(rendered.joined(separator: ", "), at: node.range.lowerBound + 1)], items)
    }

    var separator = ", "
    if elements.count > 1 {
      let between = source.text(elements[0].range.upperBound..<elements[1].range.lowerBound)
      if between.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "," }) { separator = between }
    }
    let close = node.range.upperBound - 1
    let lastEnd = max(last.range.upperBound, (trailingComma ?? 0) + 1)
    let lastLine = source.lineIndex(ofByte: lastEnd - 1)
    guard source.lineIndex(ofByte: close) > lastLine else {
      if let trailingComma {
        let space = String(separator.drop { $0 != "," }.dropFirst())
        let text = space + rendered.joined(separator: separator) + ","
        return ([.insert(text, at: trailingComma + 1)], items)
      }
      return ([.insert(separator + rendered.joined(separator: separator), at: last.range.upperBound)], items)
    }
    // One new line per value after the last element's line, indented like it, keeping its comma style.
    let lineStart = source.lineStarts[source.lineIndex(ofByte: last.range.lowerBound)]
    let indent = source.text(lineStart..<last.range.lowerBound).prefix { $0 == " " || $0 == "\t" }
    var edits: [Edit] = []
    if trailingComma == nil { edits.append(.insert(",", at: last.range.upperBound)) }
    let lines = rendered.enumerated().map { index, item in
      let comma = trailingComma != nil || index < rendered.count - 1 ? "," : ""
      return source.lineEnding + indent + item + comma
    }
    edits.append(.insert(lines.joined(), at: source.lineRange(lastLine).upperBound))
    return (edits, items)
  }

  /// A TOML string in the file's quote style.
  static func render(_ item: String, quote: String) -> String {
    if quote == "'", !item.contains("'") { return "'\(item)'" }
    let escaped = item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    return "\"\(escaped)\""
  }

  /// Inserts new keys where the run settings live: after the `[tool.coverage.run]` header, after the
  /// last dotted `run.*` key, or in a new table at the end of the file.
  static func insertion(
    of keys: [(key: String, value: String)], in document: TOMLDocument, settings: [Setting]
  ) throws -> Edit {
    let source = document.source
    let ending = source.lineEnding
    if let table = document.tables.first(where: { $0.path == runPath && !$0.isArrayTable }),
      let header = table.headerLine
    {
      let indent = table.entries.first.map { indentation(ofLine: $0.line, in: source) } ?? ""
      if header + 1 < source.lineStarts.count {
        let text = keys.map { indent + $0.key + " = " + $0.value + ending }.joined()
        return .insert(text, at: source.lineStarts[header + 1])
      }
      return .insert(
        keys.map { ending + $0.key + " = " + $0.value }.joined(), at: source.lineRange(header).upperBound)
    }
    if let inline = settings.first(where: {
      runPath.starts(with: $0.path) || ($0.inline && $0.path.starts(with: runPath))
    }) {
      throw manual(
        document, inline.keyRange, expected: "[tool.coverage.run] as a table or dotted keys",
        fix: "add the settings to the inline table by hand, or turn it into a [tool.coverage.run] table")
    }
    if let sibling = settings.last(where: { $0.path.starts(with: runPath) && !$0.inline }) {
      let prefix = sibling.relativeKey.dropLast().map(quotedKey).joined(separator: ".")
      let endLine = source.lineIndex(ofByte: sibling.value.range.upperBound - 1)
      let indent = indentation(ofLine: source.lineIndex(ofByte: sibling.keyRange.lowerBound), in: source)
      let text = keys.map { ending + indent + prefix + "." + $0.key + " = " + $0.value }.joined()
      return .insert(text, at: source.lineRange(endLine).upperBound)
    }
    var prefix = ""
    if source.bytes.count > source.bomLength {
      if !source.endsWithNewline { prefix += ending }
      let lastLine = source.endsWithNewline ? source.lineStarts.count - 2 : source.lineStarts.count - 1
      let text = source.lineText(lastLine).trimmingCharacters(in: .whitespaces)
      if !text.isEmpty, text != "\u{FEFF}" { prefix += ending }
    }
    let lines = ["[tool.coverage.run]"] + keys.map { $0.key + " = " + $0.value }
    return .insert(prefix + lines.map { $0 + ending }.joined(), at: source.bytes.count)
  }

  static func indentation(ofLine line: Int, in source: SourceText) -> String {
    String(source.lineText(line).prefix { $0 == " " || $0 == "\t" })
  }

  static func quotedKey(_ key: String) -> String {
    key.utf8.allSatisfy(TOMLScanner.isBareKey) && !key.isEmpty ? key : render(key, quote: "\"")
  }
}
