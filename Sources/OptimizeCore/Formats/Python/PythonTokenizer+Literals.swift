extension PythonTokenizer {
  static let stringPrefixes: Set<String> = [
    "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt",
  ]
  static let operators: [String] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "!=", "==", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
    "&=", "|=", "^=", "@=", "**", "//", "<<", ">>", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~",
    "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=",
  ]

  func closer(of opener: UInt8) -> String {
    switch opener {
    case UInt8(ascii: "("): return ")"
    case UInt8(ascii: "["): return "]"
    default: return "}"
    }
  }

  /// Whether the name at `range` is one of `stringPrefixes`, in any case; checked on the bytes,
  /// as every name followed by a quote passes here.
  func isStringPrefix(_ range: Range<Int>) -> Bool {
    guard range.count == 1 || range.count == 2 else { return false }
    let first = bytes[range.lowerBound] | 0x20
    let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    guard isLetter(first) else { return false }
    if range.count == 1 { return Self.stringPrefixes.contains(String(UnicodeScalar(first))) }
    let second = bytes[range.lowerBound + 1] | 0x20
    guard isLetter(second) else { return false }
    return Self.stringPrefixes.contains(String(UnicodeScalar(first)) + String(UnicodeScalar(second)))
  }

  mutating func scanName() throws {
    let start = position
    var end = position
    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: "'") || bytes[end] == UInt8(ascii: "\""),
      isStringPrefix(start..<end)
    {
      end = try scanString(start: start, quoteAt: end)
      append(.string, start..<end)
    } else {
      append(.name, start..<end)
    }
    position = end
  }

  mutating func scanNumber() {
    let start = position
    var end = position
    while end < bytes.count {
      let byte = bytes[end]
      if isNameByte(byte) || byte == UInt8(ascii: ".") {
        end += 1
      } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"),
        bytes[end - 1] | 0x20 == UInt8(ascii: "e"), !isHexPrefix(at: start, end: end)
      {
        end += 1
      } else {
        break
      }
    }
    append(.number, start..<end)
    position = end
  }

  /// Whether the number so far starts with `0x` in any case, as Characters: a combining mark
  /// after the `x` makes another Character, so that rare case is left to String.
  func isHexPrefix(at start: Int, end: Int) -> Bool {
    if end - start > 2, bytes[start + 2] >= 0x80 {
      return source.text(start..<end).lowercased().hasPrefix("0x")
    }
    return end - start >= 2 && bytes[start] == UInt8(ascii: "0")
      && bytes[start + 1] | 0x20 == UInt8(ascii: "x")
  }

  /// The length of the longest of `operators` at `start`, if any; a switch rather than a search
  /// of the list, as every operator and bracket of a module passes here.
  func operatorLength(at start: Int) -> Int? {
    let next = start + 1 < bytes.count ? bytes[start + 1] : 0
    let third = start + 2 < bytes.count ? bytes[start + 2] : 0
    let equal = UInt8(ascii: "=")
    switch bytes[start] {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "~"):
      return 1
    case UInt8(ascii: "."):
      return next == UInt8(ascii: ".") && third == UInt8(ascii: ".") ? 3 : 1
    case let byte
    where byte == UInt8(ascii: "*") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<")
      || byte == UInt8(ascii: ">"):
      if next == byte { return third == equal ? 3 : 2 }
      return next == equal ? 2 : 1
    case UInt8(ascii: "-"):
      return next == UInt8(ascii: ">") || next == equal ? 2 : 1
    case UInt8(ascii: "!"):
      return next == equal ? 2 : nil
    case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "&"),
      UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "@"):
      return next == equal ? 2 : 1
    default:
      return nil
    }
  }

  mutating func scanOperator() throws {
    let start = position
    guard let length = operatorLength(at: start) else { throw unknownCharacter(at: start) }
    let byte = bytes[start]
    if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
      brackets.append((byte, start))
    } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
      let open = brackets.popLast()
      // `)` follows `(` in ASCII, `]` and `}` come two after `[` and `{`: compared as bytes, as
      // every closing bracket of a module is.
      if open == nil || open!.symbol &+ (byte == UInt8(ascii: ")") ? 1 : 2) != byte {
        throw unmatched(byte, at: start, open: open)
      }
    }
    tokens.append(.op, start..<start + length)
    position = start + length
  }

  // The refusals are built out of line, so the scanning above stays small.
  @inline(never)
  func unknownCharacter(at start: Int) -> FormatError {
    error(
      at: start, expected: "a Python token", found: describe(at: start),
      fix: "this is not valid Python 3; fix the character, then run optimize again")
  }

  @inline(never)
  func unmatched(_ byte: UInt8, at offset: Int, open: (symbol: UInt8, offset: Int)?) -> FormatError {
    let symbol = String(UnicodeScalar(byte))
    guard let open else {
      return error(
        at: offset, expected: "an opening bracket before this `\(symbol)`", found: "none",
        fix: "remove the extra `\(symbol)` or add its opening bracket, then run optimize again")
    }
    let expected = closer(of: open.symbol)
    let place = source.location(ofByte: open.offset)
    return error(
      at: offset,
      expected: "`\(expected)` to close the `\(UnicodeScalar(open.symbol))` at \(place.line):\(place.column)",
      found: "`\(symbol)`", fix: "make the brackets match, then run optimize again")
  }

  /// Scans a string literal whose prefix starts at `start` and whose first quote is at `quoteAt`.
  ///
  /// - Returns: the offset just past the closing quote.
  func scanString(start: Int, quoteAt: Int) throws -> Int {
    let quote = bytes[quoteAt]
    let triple = quoteAt + 2 < bytes.count && bytes[quoteAt + 1] == quote && bytes[quoteAt + 2] == quote
    let body = quoteAt + (triple ? 3 : 1)
    // Bytes, not a lowercased String: every string literal of a settings module passes here.
    let formatted = bytes[start..<quoteAt].contains {
      $0 | 0x20 == UInt8(ascii: "f") || $0 | 0x20 == UInt8(ascii: "t")
    }
    return try scanStringBody(from: body, start: start, quote: quote, triple: triple, formatted: formatted)
  }

  func unterminated(_ start: Int, quote: UInt8, triple: Bool, at offset: Int) -> FormatError {
    let mark = String(repeating: String(UnicodeScalar(quote)), count: triple ? 3 : 1)
    let kind = triple ? "triple-quoted string" : "string"
    let found =
      offset >= bytes.count
      ? "the end of the file" : "the end of line \(source.location(ofByte: offset).line)"
    return error(
      at: start, expected: "`\(mark)` to close the \(kind) that starts here", found: found,
      fix: "close the string, then run optimize again")
  }

  func scanStringBody(from body: Int, start: Int, quote: UInt8, triple: Bool, formatted: Bool) throws -> Int {
    var cursor = body
    while cursor < bytes.count {
      let byte = bytes[cursor]
      if byte == UInt8(ascii: "\\") {
        cursor += 2
        if cursor <= bytes.count, bytes[cursor - 1] == UInt8(ascii: "\r"),
          cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\n")
        {
          cursor += 1
        }
        continue
      }
      if byte == quote {
        if !triple { return cursor + 1 }
        if cursor + 2 < bytes.count, bytes[cursor + 1] == quote, bytes[cursor + 2] == quote {
          return cursor + 3
        }
      }
      if !triple, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        throw unterminated(start, quote: quote, triple: triple, at: cursor)
      }
      if formatted, byte == UInt8(ascii: "{") {
        if cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "{") {
          cursor += 2
          continue
        }
        cursor = try scanReplacementField(from: cursor + 1, start: start, quote: quote, triple: triple)
        continue
      }
      cursor += 1
    }
    throw unterminated(start, quote: quote, triple: triple, at: bytes.count)
  }

  /// Scans an f-string `{…}` field from just after its `{`; returns the offset past its `}`.
  ///
  /// Quotes inside the expression start nested strings (as Python 3.12 allows); quotes inside
  /// the format spec after a top-level `:` are plain text.
  func scanReplacementField(from offset: Int, start: Int, quote: UInt8, triple: Bool) throws -> Int {
    var cursor = offset
    var depth = 0
    var inSpec = false
    while cursor < bytes.count {
      let byte = bytes[cursor]
      if !triple, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        throw unterminated(start, quote: quote, triple: triple, at: cursor)
      }
      if inSpec {
        if byte == UInt8(ascii: "{") {
          cursor = try scanReplacementField(from: cursor + 1, start: start, quote: quote, triple: triple)
          continue
        }
        if byte == UInt8(ascii: "}") { return cursor + 1 }
        cursor += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        cursor = try scanString(start: cursor, quoteAt: cursor)
        continue
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        depth -= 1
      case UInt8(ascii: "}"):
        if depth == 0 { return cursor + 1 }
        depth -= 1
      case UInt8(ascii: ":") where depth == 0:
        if cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "=") { break }
        inSpec = true
      default:
        if isNameStart(byte) {
          var end = cursor
          while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
          if end < bytes.count, bytes[end] == UInt8(ascii: "'") || bytes[end] == UInt8(ascii: "\""),
            isStringPrefix(cursor..<end)
          {
            cursor = try scanString(start: cursor, quoteAt: end)
          } else {
            cursor = end
          }
          continue
        }
      }
      cursor += 1
    }
    throw unterminated(start, quote: quote, triple: triple, at: bytes.count)
  }
}
