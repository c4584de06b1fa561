import Foundation

/// Reads lines the way `RawConfigParser._read` does, keeping byte ranges. Used by `INIDocument`.
struct INIParser {
  let source: SourceText
  private var sections: [INISection] = []
  private var current: INISection?
  private var entry: INIEntry?
  /// Whether `entry` is set, kept beside it.
  private var inEntry = false
  // The value's lines as byte ranges (empty for a blank line), joined into a String once per entry.
  private var valueParts: [Range<Int>] = []
  private var pending: [INIContinuationLine] = []
  private var indentLevel = 0
  private var seenSections: [String: SourceLocation] = [:]
  private var seenKeys: [String: SourceLocation] = [:]

  init(source: SourceText) {
    self.source = source
  }

  mutating func parse() throws -> [INISection] {
    try checkPlainText()
    for line in source.lineStarts.indices {
      try read(line: line)
    }
    closeSection(lastLine: source.lineStarts.count - 1)
    return sections
  }

  private func checkPlainText() throws {
    let bytes = source.bytes
    // The same rules as `String(validating:)`, without making a String of the whole file.
    if !UTF8Check.isValid(bytes) {
      throw INIError.syntax(
        FormatError(
          in: source, atByte: 0, expected: "UTF-8 text", found: "bytes that are not UTF-8",
          fix: "save the file as UTF-8"))
    }
    for index in Self.offsets(of: UInt8(ascii: "{"), in: bytes) where index + 1 < bytes.count {
      let next = bytes[index + 1]
      if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") {
        let marker = next == UInt8(ascii: "{") ? "{{" : "{%"
        throw INIError.templated(source.location(ofByte: index), marker: marker)
      }
    }
    // Python's text mode also breaks lines at a lone CR, which our line index does not.
    for index in Self.offsets(of: 0x0D, in: bytes) {
      if index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
        throw INIError.manual(
          FormatError(
            in: source, atByte: index, expected: "lines ending in LF or CRLF",
            found: "a lone carriage return", fix: "convert the file's line endings to LF or CRLF"))
      }
    }
  }

  /// Every offset of `byte` in `bytes`, found with memchr: most files hold few or none.
  private static func offsets(of byte: UInt8, in bytes: [UInt8]) -> [Int] {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return [] }
      var found: [Int] = []
      var cursor = 0
      while cursor < buffer.count, let hit = memchr(base + cursor, Int32(byte), buffer.count - cursor) {
        let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        found.append(offset)
        cursor = offset + 1
      }
      return found
    }
  }

  private mutating func read(line: Int) throws {
    var range = source.lineRange(line)
    if line == 0 { range = min(source.bomLength, range.upperBound)..<range.upperBound }
    let text = INIParser.stripped(range, in: source.bytes)
    let indent = source.text(range.lowerBound..<text.lowerBound)
    // `entry` is asked through `inEntry` and changed in place: comparing the optional with nil
    // or copying it out copied every field of the entry, for every line of a long value.
    if text.isEmpty {
      if inEntry {
        pending.append(INIContinuationLine(line: line, kind: .blank, indent: indent, content: text))
      }
      return
    }
    let first = source.bytes[text.lowerBound]
    if first == UInt8(ascii: "#") || first == UInt8(ascii: ";") {
      if inEntry {
        pending.append(INIContinuationLine(line: line, kind: .comment, indent: indent, content: text))
      }
      return
    }
    let indentWidth = text.lowerBound - range.lowerBound
    if inEntry, indentWidth > indentLevel {
      for line in pending where line.kind == .blank { valueParts.append(0..<0) }
      valueParts.append(text)
      entry!.continuation += pending
      entry!.continuation.append(INIContinuationLine(line: line, kind: .value, indent: indent, content: text))
      entry!.range = entry!.range.lowerBound..<text.upperBound
      pending = []
      return
    }
    indentLevel = indentWidth
    closeEntry()
    if let name = INIParser.headerName(source.text(text)) {
      try openSection(name, line: line, header: text)
    } else {
      try openEntry(line: line, lineStart: range.lowerBound, text: text, indent: indent)
    }
  }

  private mutating func openSection(_ name: String, line: Int, header: Range<Int>) throws {
    closeSection(lastLine: line - 1)
    let location = source.location(ofByte: header.lowerBound)
    if name != INIDocument.defaultSectionName {
      if let first = seenSections[name] {
        throw INIError.duplicateSection(name: name, first: first, second: location)
      }
      seenSections[name] = location
    }
    current = INISection(name: name, headerLine: line, headerRange: header, lastLine: line, entries: [])
  }

  private mutating func openEntry(line: Int, lineStart: Int, text: Range<Int>, indent: String) throws {
    guard let section = current else {
      throw INIError.syntax(
        FormatError(
          in: source, atByte: text.lowerBound, expected: "a section header such as [run]",
          found: "\(source.text(text).debugDescription) before any section",
          fix: "put the line under a section header"))
    }
    let bytes = source.bytes
    guard
      let separator = text.first(where: { bytes[$0] == UInt8(ascii: "=") || bytes[$0] == UInt8(ascii: ":") })
    else {
      throw INIError.syntax(
        FormatError(
          in: source, atByte: text.lowerBound, expected: "a key = value line",
          found: "\(source.text(text).debugDescription) without = or :",
          fix: "add a value with = or turn the line into a comment with #"))
    }
    let keyRange = INIParser.stripped(text.lowerBound..<separator, in: bytes)
    guard !keyRange.isEmpty else {
      throw INIError.syntax(
        FormatError(
          in: source, atByte: text.lowerBound, expected: "a key before the separator",
          found: "\(source.text(text).debugDescription)", fix: "write the key name before = or :"))
    }
    let valueRange = INIParser.stripped(separator + 1..<text.upperBound, in: bytes)
    let separatorEnd = valueRange.isEmpty ? text.upperBound : valueRange.lowerBound
    let key = source.text(keyRange)
    let name = key.lowercased()
    let location = source.location(ofByte: keyRange.lowerBound)
    let seenKey = section.name + "\u{0}" + name
    if let first = seenKeys[seenKey] {
      throw INIError.duplicateKey(section: section.name, key: name, first: first, second: location)
    }
    seenKeys[seenKey] = location
    inEntry = true
    entry = INIEntry(
      key: key, name: name, separator: source.text(separator..<separator + 1),
      separatorText: source.text(keyRange.upperBound..<separatorEnd), indent: indent, value: "",
      line: line, range: lineStart..<text.upperBound,
      firstValueRange: valueRange.isEmpty ? text.upperBound..<text.upperBound : valueRange,
      continuation: [])
    valueParts = [valueRange]
  }

  private mutating func closeEntry() {
    pending = []
    guard var finished = entry else { return }
    finished.value = joinedValue()
    current?.entries.append(finished)
    entry = nil
    inEntry = false
    valueParts = []
  }

  /// The value's lines joined with `\n`, trailing whitespace stripped, as configparser does.
  private func joinedValue() -> String {
    var value: [UInt8] = []
    value.reserveCapacity(valueParts.reduce(0) { $0 + $1.count + 1 })
    for (index, part) in valueParts.enumerated() {
      if index > 0 { value.append(0x0A) }
      value += source.bytes[part]
    }
    while let last = value.last, INIParser.isSpace(last) { value.removeLast() }
    return String(decoding: value, as: UTF8.self)
  }

  private mutating func closeSection(lastLine: Int) {
    closeEntry()
    guard var finished = current else { return }
    finished.lastLine = max(finished.headerLine, lastLine)
    sections.append(finished)
    current = nil
  }

  /// The section name when stripped line text is a header: configparser's `\[(?P<header>.+)\]`.
  static func headerName(_ text: String) -> String? {
    guard text.hasPrefix("["), let close = text.lastIndex(of: "]") else { return nil }
    let name = text[text.index(after: text.startIndex)..<close]
    return name.isEmpty ? nil : String(name)
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
  }

  static func stripped(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }
}
