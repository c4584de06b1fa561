/// A Python 3 tokenizer that is exact about structure: lines, indentation, brackets and strings.
///
/// Written here rather than taken from a package because no Swift package tokenizes Python
/// losslessly with byte ranges. A file that does not tokenize as Python 3 is refused with a
/// `FormatError`, because we never edit what we cannot parse.
public struct PythonTokenizer {
  let source: SourceText
  // The source's bytes, valid while `tokens(of:)` runs: unchecked reads in the hot loops.
  let bytes: UnsafeBufferPointer<UInt8>
  var position: Int
  var tokens: PythonTokens
  // Indentation levels as (column with tabs to 8, column with tabs to 1), like CPython's TabError check.
  var indents: [(column: Int, alternate: Int)] = [(0, 0)]
  var brackets: [(symbol: UInt8, offset: Int)] = []

  init(source: SourceText, bytes: UnsafeBufferPointer<UInt8>) {
    self.source = source
    self.bytes = bytes
    self.position = source.bomLength
    // About one token per five bytes in real modules; pages reserved but never used cost no memory.
    self.tokens = PythonTokens(bytes: source.bytes, capacity: source.bytes.count / 3 + 16)
  }

  /// Splits a source file into tokens, ending with `NEWLINE`, `DEDENT`s and `ENDMARKER`.
  ///
  /// - Throws: `FormatError` for NUL bytes, invalid UTF-8, unterminated strings, unbalanced
  ///   brackets, inconsistent indentation, stray characters and bad line continuations.
  public static func tokenize(_ source: SourceText) throws -> [PythonToken] {
    Array(try tokens(of: source))
  }

  /// Splits a source file into tokens, stored compactly; see `tokenize(_:)`.
  static func tokens(of source: SourceText) throws -> PythonTokens {
    try source.bytes.withUnsafeBufferPointer { bytes in
      var tokenizer = PythonTokenizer(source: source, bytes: bytes)
      try tokenizer.checkBytes()
      try tokenizer.run()
      return tokenizer.tokens
    }
  }

  /// The encoding named by a `# -*- coding: … -*-` comment on line 1 or 2, lowercased.
  public static func declaredEncoding(_ source: SourceText) -> String? {
    for line in 0..<min(2, source.lineStarts.count) {
      let text = source.lineText(line).drop { $0 == "\u{FEFF}" }.trimmingLeadingSpace()
      guard text.hasPrefix("#") else {
        if text.isEmpty { continue } else { return nil }
      }
      for marker in ["coding:", "coding="] {
        guard let found = text.range(of: marker) else { continue }
        let name = text[found.upperBound...].drop { $0 == " " || $0 == "\t" }
          .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        if !name.isEmpty { return name.lowercased() }
      }
    }
    return nil
  }

  func error(at offset: Int, expected: String, found: String, fix: String) -> FormatError {
    FormatError(in: source, atByte: offset, expected: expected, found: found, fix: fix)
  }

  func checkBytes() throws {
    if bytes.count > Int(UInt32.max) {
      throw error(
        at: 0, expected: "a Python file smaller than 4 GiB", found: "\(bytes.count) bytes",
        fix: "this is not a settings module optimize can read; check the settings path")
    }
    if let nul = UTF8Check.firstNUL(bytes) {
      throw error(
        at: nul, expected: "Python source text", found: "a NUL byte",
        fix: "this is not a Python source file; check the settings path")
    }
    let encoding = Self.declaredEncoding(source) ?? "utf-8"
    if ["utf-8", "utf8", "utf_8"].contains(encoding) || encoding.hasPrefix("utf-8-"),
      let bad = UTF8Check.firstInvalid(source.bytes)
    {
      throw error(
        at: bad, expected: "UTF-8 text, as the file declares no other encoding",
        found: "the byte 0x" + String(bytes[bad], radix: 16, uppercase: true),
        fix: "save the file as UTF-8 or declare its encoding with `# -*- coding: … -*-`")
    }
  }

  mutating func append(_ kind: PythonToken.Kind, _ range: Range<Int>) {
    tokens.append(kind, range)
  }

  mutating func run() throws {
    var atLineStart = true
    while position < bytes.count {
      if atLineStart {
        atLineStart = false
        if brackets.isEmpty, try !indentLine() {
          atLineStart = true
          continue
        }
      }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
        position += 1
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        let end = try lineBreakEnd(at: position)
        append(brackets.isEmpty ? .newline : .nl, position..<end)
        position = end
        atLineStart = true
      case UInt8(ascii: "#"):
        let end = endOfLine(from: position)
        append(.comment, position..<end)
        position = end
      case UInt8(ascii: "\\"):
        try continueLine()
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        let end = try scanString(start: position, quoteAt: position)
        append(.string, position..<end)
        position = end
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        scanNumber()
      case UInt8(ascii: "."):
        if position + 1 < bytes.count, isDigit(bytes[position + 1]) {
          scanNumber()
        } else {
          try scanOperator()
        }
      default:
        if isNameStart(byte) { try scanName() } else { try scanOperator() }
      }
    }
    try finish()
  }

  /// Measures the indentation of a new physical line; returns false when the line is blank.
  mutating func indentLine() throws -> Bool {
    let (column, alternate, cursor) = Self.indentation(of: bytes, from: position)
    if cursor == bytes.count { position = cursor; return false }
    switch bytes[cursor] {
    case UInt8(ascii: "#"):
      let end = endOfLine(from: cursor)
      append(.comment, cursor..<end)
      position = end
      if end < bytes.count {
        let breakEnd = try lineBreakEnd(at: end)
        append(.nl, end..<breakEnd)
        position = breakEnd
      }
      return false
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      let breakEnd = try lineBreakEnd(at: cursor)
      append(.nl, cursor..<breakEnd)
      position = breakEnd
      return false
    default:
      break
    }
    let top = indents[indents.count - 1]
    if column > top.column {
      guard alternate > top.alternate else { throw tabError(at: cursor) }
      indents.append((column, alternate))
      append(.indent, position..<cursor)
    } else {
      // The levels are popped only once the line is known to match one, so the message can name them all.
      var kept = indents.count
      while column < indents[kept - 1].column { kept -= 1 }
      let level = indents[kept - 1]
      guard column == level.column else {
        let levels = indents.map { String($0.column) }
        throw error(
          at: cursor,
          expected: "an indentation of " + levels.joined(separator: " or ")
            + " columns, to match an enclosing block",
          found: "\(column) columns",
          fix: "re-indent this line to match the block it belongs to, then run optimize again")
      }
      guard alternate == level.alternate else { throw tabError(at: cursor) }
      for _ in kept..<indents.count { append(.dedent, cursor..<cursor) }
      indents.removeLast(indents.count - kept)
    }
    position = cursor
    return true
  }

  /// The columns of the spaces, tabs and form feeds from `start` (tabs to 8 and to 1), and
  /// where they end.
  static func indentation(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    column: Int, alternate: Int, end: Int
  ) {
    var column = 0
    var alternate = 0
    var cursor = start
    scan: while cursor < bytes.count {
      switch bytes[cursor] {
      case UInt8(ascii: " "): column += 1; alternate += 1
      case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8; alternate += 1
      case 0x0C: column = 0; alternate = 0
      default: break scan
      }
      cursor += 1
    }
    return (column, alternate, cursor)
  }

  func tabError(at offset: Int) -> FormatError {
    error(
      at: offset, expected: "indentation that means the same whatever the tab width",
      found: "an ambiguous mix of tabs and spaces",
      fix: "indent this block with spaces only (or tabs only), then run optimize again")
  }

  /// The end of the line break at `offset`; a lone CR is refused, as `SourceText` counts LF only.
  func lineBreakEnd(at offset: Int) throws -> Int {
    if bytes[offset] == UInt8(ascii: "\n") { return offset + 1 }
    if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\n") { return offset + 2 }
    throw error(
      at: offset, expected: "LF or CRLF line breaks", found: "a lone CR",
      fix: "convert the file's line breaks to LF or CRLF, then run optimize again")
  }

  func endOfLine(from offset: Int) -> Int {
    var end = offset
    while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
    return end
  }

  mutating func continueLine() throws {
    let next = position + 1
    guard next < bytes.count else {
      throw error(
        at: position, expected: "a line after the line-continuation backslash",
        found: "the end of the file", fix: "remove the trailing backslash, then run optimize again")
    }
    guard bytes[next] == UInt8(ascii: "\n") || bytes[next] == UInt8(ascii: "\r") else {
      throw error(
        at: position, expected: "a line break right after the line-continuation backslash",
        found: describe(at: next), fix: "remove the stray backslash, then run optimize again")
    }
    position = try lineBreakEnd(at: next)
    if position == bytes.count {
      throw error(
        at: next - 1, expected: "a line after the line-continuation backslash",
        found: "the end of the file", fix: "remove the trailing backslash, then run optimize again")
    }
  }

  mutating func finish() throws {
    if let open = brackets.last {
      let opener = String(UnicodeScalar(open.symbol))
      throw error(
        at: open.offset, expected: "`\(closer(of: open.symbol))` to close this `\(opener)`",
        found: "the end of the file", fix: "close the bracket, then run optimize again")
    }
    if let last = tokens.kinds.last(where: { $0 != .comment && $0 != .nl }),
      last != .newline, last != .dedent, last != .indent
    {
      append(.newline, bytes.count..<bytes.count)
    }
    for _ in indents.dropFirst() { append(.dedent, bytes.count..<bytes.count) }
    append(.endMarker, bytes.count..<bytes.count)
  }

  /// A short description of the character at `offset`, for messages.
  func describe(at offset: Int) -> String {
    guard offset < bytes.count else { return "the end of the file" }
    let line = source.lineIndex(ofByte: offset)
    let rest = source.text(offset..<source.lineRange(line).upperBound)
    guard let character = rest.first else { return "a line break" }
    return "`\(character)`"
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_") || byte >= 0x80
  }

  /// `isNameStart(byte) || isDigit(byte)`, read from a bitmap of the ASCII name bytes: every byte
  /// of every name of a module is asked.
  @inline(__always)
  func isNameByte(_ byte: UInt8) -> Bool {
    guard byte < 0x80 else { return true }
    // Bits 48-57 of the first word: 0-9. Of the second, 64 bytes on: A-Z, `_` and a-z.
    let map: UInt64 = byte < 0x40 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
    return (map >> (byte & 0x3F)) & 1 != 0
  }
}

extension StringProtocol {
  func trimmingLeadingSpace() -> String {
    String(drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" })
  }
}
