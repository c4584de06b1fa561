/// Reads TOML byte by byte for `TOMLDocument`.
struct TOMLScanner {
  let source: SourceText
  let bytes: [UInt8]
  var pos: Int

  init(source: SourceText) {
    self.source = source
    self.bytes = source.bytes
    self.pos = source.bomLength
  }

  mutating func scan() throws -> [TOMLTable] {
    var tables = [TOMLTable(path: [], isArrayTable: false, headerLine: nil, entries: [])]
    while true {
      skipSpaces()
      guard pos < bytes.count else { break }
      if endOfLine() { continue }
      if bytes[pos] == UInt8(ascii: "[") {
        let line = source.lineIndex(ofByte: pos)
        let isArray = peek(1) == UInt8(ascii: "[")
        pos += isArray ? 2 : 1
        let (path, _) = try keyPath()
        try expect(isArray ? "]]" : "]")
        tables.append(TOMLTable(path: path, isArrayTable: isArray, headerLine: line, entries: []))
      } else {
        let prefix = tables[tables.count - 1].path
        tables[tables.count - 1].entries.append(try entry(prefix: prefix))
      }
      skipSpaces()
      guard endOfLine() || pos >= bytes.count else { throw failure("a line break after the value") }
    }
    return tables
  }

  private mutating func entry(prefix: [String]) throws -> TOMLEntry {
    let line = source.lineIndex(ofByte: pos)
    let (key, keyRange) = try keyPath()
    try expect("=")
    skipSpaces()
    let value = try self.value()
    return TOMLEntry(key: key, fullPath: prefix + key, keyRange: keyRange, value: value, line: line)
  }

  private mutating func keyPath() throws -> ([String], Range<Int>) {
    skipSpaces()
    let start = pos
    var parts: [String] = []
    var end = pos
    while true {
      skipSpaces()
      parts.append(try simpleKey())
      end = pos
      skipSpaces()
      guard peek(0) == UInt8(ascii: ".") else { break }
      pos += 1
    }
    skipSpaces()
    return (parts, start..<end)
  }

  private mutating func simpleKey() throws -> String {
    let byte = peek(0)
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      guard case .string(let text) = try string().kind else { throw failure("a key") }
      return text
    }
    let start = pos
    while let byte = peek(0), TOMLScanner.isBareKey(byte) { pos += 1 }
    guard pos > start else { throw failure("a key") }
    return source.text(start..<pos)
  }

  private mutating func value() throws -> TOMLNode {
    let start = pos
    switch peek(0) {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return try string()
    case UInt8(ascii: "["):
      pos += 1
      var elements: [TOMLNode] = []
      var trailingComma: Int?
      while true {
        try skipBlankLinesAndComments()
        if peek(0) == UInt8(ascii: "]") { break }
        guard trailingComma != nil || elements.isEmpty else { throw failure(", or ] in the array") }
        elements.append(try value())
        trailingComma = nil
        try skipBlankLinesAndComments()
        if peek(0) == UInt8(ascii: ",") {
          trailingComma = pos
          pos += 1
        }
      }
      pos += 1
      return TOMLNode(kind: .array(elements, trailingComma: trailingComma), range: start..<pos)
    case UInt8(ascii: "{"):
      pos += 1
      var entries: [TOMLEntry] = []
      skipSpaces()
      while peek(0) != UInt8(ascii: "}") {
        entries.append(try entry(prefix: []))
        skipSpaces()
        if peek(0) == UInt8(ascii: ",") {
          pos += 1
          skipSpaces()
        } else if peek(0) != UInt8(ascii: "}") {
          throw failure(", or } in the inline table")
        }
      }
      pos += 1
      return TOMLNode(kind: .inlineTable(entries), range: start..<pos)
    default:
      while let byte = peek(0), !TOMLScanner.endsScalar(byte) || isDateTimeSpace() { pos += 1 }
      let text = source.text(start..<pos)
      guard !text.isEmpty else { throw failure("a value") }
      if text == "true" || text == "false" {
        return TOMLNode(kind: .bool(text == "true"), range: start..<pos)
      }
      return TOMLNode(kind: .other, range: start..<pos)
    }
  }

  /// A space between a date and a time, as in `1979-05-27 07:32:00`.
  private func isDateTimeSpace() -> Bool {
    guard peek(0) == UInt8(ascii: " "), pos >= 10, let next = peek(1), (0x30...0x39).contains(next) else {
      return false
    }
    let date = bytes[(pos - 10)..<pos]
    return date.enumerated().allSatisfy { index, byte in
      index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (0x30...0x39).contains(byte)
    }
  }

  private mutating func skipSpaces() {
    while let byte = peek(0), byte == 0x20 || byte == 0x09 { pos += 1 }
  }

  /// Skips a comment and one line break; true also at the end of the file.
  private mutating func endOfLine() -> Bool {
    if peek(0) == UInt8(ascii: "#") {
      while let byte = peek(0), byte != 0x0A, !(byte == 0x0D && peek(1) == 0x0A) { pos += 1 }
    }
    if peek(0) == 0x0A {
      pos += 1
      return true
    }
    if peek(0) == 0x0D, peek(1) == 0x0A {
      pos += 2
      return true
    }
    return pos >= bytes.count
  }

  private mutating func skipBlankLinesAndComments() throws {
    while true {
      skipSpaces()
      guard pos < bytes.count else { throw failure("the end of the array or table") }
      if peek(0) == UInt8(ascii: "#") || peek(0) == 0x0A || peek(0) == 0x0D {
        guard endOfLine() else { throw failure("a line break") }
      } else {
        return
      }
    }
  }

  private mutating func expect(_ text: String) throws {
    skipSpaces()
    for byte in text.utf8 {
      guard peek(0) == byte else { throw failure(text) }
      pos += 1
    }
  }

  func peek(_ offset: Int) -> UInt8? {
    pos + offset < bytes.count ? bytes[pos + offset] : nil
  }

  func failure(_ expected: String) -> TOMLError {
    let found =
      pos < bytes.count
      ? source.text(pos..<min(bytes.count, pos + 12)).debugDescription : "the end of the file"
    return .syntax(
      FormatError(in: source, atByte: pos, expected: expected, found: found, fix: "fix the TOML syntax there")
    )
  }

  static func isBareKey(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  static func endsScalar(_ byte: UInt8) -> Bool {
    [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#")]
      .contains(byte)
  }
}
