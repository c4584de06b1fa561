extension ShellLexer {
  /// What a word collects while it is being read.
  struct WordBuilder {
    var value: [UInt8] = []
    /// How many bytes of `value` came before the first expansion; nil while there is none.
    /// Values only grow, so the prefix is never copied out until the word is made.
    var literalPrefixCount: Int?
    var hasExpression = false

    mutating func appendExpansion(_ raw: ArraySlice<UInt8>, isExpression: Bool = false) {
      if literalPrefixCount == nil { literalPrefixCount = value.count }
      value += raw
      hasExpression = hasExpression || isExpression
    }
  }

  /// Reads one word starting at `position`.
  mutating func lexWord() throws -> ShellWord {
    let start = position
    // Most words are plain: no quote, escape or expansion, so the value is the text itself.
    while let current = byte(position), !Self.isWordBreak(current), !Self.isSpecialInWord(current) {
      position += 1
    }
    if byte(position).map(Self.isWordBreak) ?? true {
      let text = string(start..<position)
      return ShellWord(text: text, value: text, range: start..<position)
    }
    var builder = WordBuilder()
    swap(&builder.value, &spareValue)
    // A value is never longer than its text; most quoted words are short.
    builder.value.reserveCapacity(32)
    builder.value += bytes[start..<position]
    while let current = byte(position), !Self.isWordBreak(current) {
      switch current {
      case .backslash:
        let continuation = continuationLength(at: position)
        if continuation > 0 {
          position += continuation
        } else if let escaped = byte(position + 1) {
          builder.value.append(escaped)
          position += 2
        } else {
          builder.value.append(current)
          position += 1
        }
      case .singleQuote:
        try lexSingleQuoted(into: &builder)
      case .doubleQuote:
        try lexDoubleQuoted(into: &builder)
      case .dollar, .backtick:
        try lexExpansion(into: &builder)
      default:
        appendPlainRun(into: &builder.value)
      }
    }
    let text = string(start..<position)
    let value = String(decoding: builder.value, as: UTF8.self)
    let word = ShellWord(
      text: text, value: value, range: start..<position,
      hasExpansion: builder.literalPrefixCount != nil, hasExpression: builder.hasExpression,
      literalPrefix: builder.literalPrefixCount.map { String(decoding: builder.value[..<$0], as: UTF8.self) })
    builder.value.removeAll(keepingCapacity: true)
    swap(&builder.value, &spareValue)
    return word
  }

  /// Appends the byte at `position` and the bytes after it up to a break, quote, escape or expansion,
  /// in one copy: appended one by one, each byte was a call and a capacity check.
  private mutating func appendPlainRun(into value: inout [UInt8]) {
    let start = position
    position += 1
    while let current = byte(position), !Self.isWordBreak(current), !Self.isSpecialInWord(current) {
      position += 1
    }
    value += bytes[start..<position]
  }

  /// Appends the byte at `position` and the bytes after it up to one that means something inside
  /// double quotes (`"`, `\`, `$`, a backtick), in one copy.
  private mutating func appendDoubleQuotedRun(into value: inout [UInt8]) {
    let start = position
    position += 1
    while let current = byte(position), current != .doubleQuote, current != .backslash, current != .dollar,
      current != .backtick
    {
      position += 1
    }
    value += bytes[start..<position]
  }

  /// The bytes that start a quote, an escape or an expansion inside a word.
  @inline(__always)
  private static func isSpecialInWord(_ byte: UInt8) -> Bool {
    byte == .backslash || byte == .singleQuote || byte == .doubleQuote || byte == .dollar || byte == .backtick
  }

  private mutating func lexSingleQuoted(into builder: inout WordBuilder) throws {
    let start = position
    position += 1
    while let current = byte(position) {
      if current == .singleQuote {
        position += 1
        return
      }
      // GitHub substitutes `${{ }}` before the shell runs, so quotes inside it do not count.
      if current == .dollar, starts(with: "${{", at: position) {
        try lexExpansion(into: &builder)
      } else {
        // Up to the closing quote or the next `$`, which may start `${{`, in one copy.
        let runStart = position
        position += 1
        while let next = byte(position), next != .singleQuote, next != .dollar { position += 1 }
        builder.value += bytes[runStart..<position]
      }
    }
    throw ShellError.unterminatedSingleQuote(offset: start)
  }

  private mutating func lexDoubleQuoted(into builder: inout WordBuilder) throws {
    let start = position
    position += 1
    while let current = byte(position) {
      switch current {
      case .doubleQuote:
        position += 1
        return
      case .backslash:
        let continuation = continuationLength(at: position)
        if continuation > 0 {
          position += continuation
        } else if let escaped = byte(position + 1),
          escaped == .doubleQuote || escaped == .backslash || escaped == .dollar || escaped == .backtick
        {
          builder.value.append(escaped)
          position += 2
        } else {
          builder.value.append(current)
          position += 1
        }
      case .dollar, .backtick:
        try lexExpansion(into: &builder)
      default:
        appendDoubleQuotedRun(into: &builder.value)
      }
    }
    throw ShellError.unterminatedDoubleQuote(offset: start)
  }

  /// Reads a `$…`, `$(…)`, `${…}`, `${{ … }}` or backtick expansion, kept raw in the value.
  private mutating func lexExpansion(into builder: inout WordBuilder) throws {
    let start = position
    // Bytes compared, not `starts(with:)`: every `$` of every word comes here.
    let isDollar = bytes[position] == .dollar
    let next = byte(position + 1)
    if isDollar, next == .openBrace, byte(position + 2) == .openBrace {
      guard let close = find("}}", from: position + 3) else {
        throw ShellError.unterminatedExpression(offset: start)
      }
      position = close + 2
      builder.appendExpansion(bytes[start..<position], isExpression: true)
    } else if isDollar, next == .openParenthesis {
      position = try skipBalanced(from: position + 2, open: .openParenthesis, close: .closeParenthesis) {
        ShellError.unterminatedCommandSubstitution(offset: start)
      }
      builder.appendExpansion(bytes[start..<position])
    } else if isDollar, next == .openBrace {
      position = try skipBalanced(from: position + 2, open: .openBrace, close: .closeBrace) {
        ShellError.unterminatedParameterExpansion(offset: start)
      }
      builder.appendExpansion(bytes[start..<position])
    } else if next == .singleQuote {
      try lexANSIQuoted(into: &builder)
    } else if !isDollar {
      position = try skipBacktick(from: position + 1, start: start)
      builder.appendExpansion(bytes[start..<position])
    } else if let next, Self.isParameterStart(next) {
      position += 1
      if Self.isNameByte(next) && !(next >= 0x30 && next <= 0x39) {
        while let current = byte(position), Self.isNameByte(current) { position += 1 }
      } else {
        position += 1
      }
      builder.appendExpansion(bytes[start..<position])
    } else {
      builder.value.append(.dollar)
      position += 1
    }
  }

  /// Reads `$'…'`, whose backslash escapes may hide a `'`; the value keeps the escapes as written.
  private mutating func lexANSIQuoted(into builder: inout WordBuilder) throws {
    let start = position
    position += 2
    while let current = byte(position) {
      if current == .singleQuote {
        position += 1
        return
      }
      let length = current == .backslash ? 2 : 1
      builder.value += bytes[position..<min(position + length, bytes.count)]
      position += length
    }
    throw ShellError.unterminatedSingleQuote(offset: start)
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  private static func isParameterStart(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "$"),
      UInt8(ascii: "!"), UInt8(ascii: "-"):
      return true
    default: return isNameByte(byte)
    }
  }

  private func find(_ literal: String, from offset: Int) -> Int? {
    var index = offset
    while index < bytes.count {
      if starts(with: literal, at: index) { return index }
      index += 1
    }
    return nil
  }

  private func skipBacktick(from offset: Int, start: Int) throws -> Int {
    var index = offset
    while let current = byte(index) {
      if current == .backslash {
        index += 2
      } else if current == .backtick {
        return index + 1
      } else {
        index += 1
      }
    }
    throw ShellError.unterminatedBacktick(offset: start)
  }

  /// Returns the offset just after the `close` byte that balances an already-read `open`.
  private func skipBalanced(
    from offset: Int, open: UInt8, close: UInt8, error: () -> ShellError
  ) throws -> Int {
    var depth = 1
    var index = offset
    while let current = byte(index) {
      switch current {
      case .backslash:
        index += 2
        continue
      case .singleQuote:
        guard let end = bytes[(index + 1)...].firstIndex(of: .singleQuote) else {
          throw ShellError.unterminatedSingleQuote(offset: index)
        }
        index = end + 1
        continue
      case .doubleQuote:
        index = try skipDoubleQuoted(from: index + 1, start: index)
        continue
      case .backtick:
        index = try skipBacktick(from: index + 1, start: index)
        continue
      case open:
        depth += 1
      case close:
        depth -= 1
        if depth == 0 { return index + 1 }
      default:
        break
      }
      index += 1
    }
    throw error()
  }

  private func skipDoubleQuoted(from offset: Int, start: Int) throws -> Int {
    var index = offset
    while let current = byte(index) {
      switch current {
      case .backslash:
        index += 2
      case .doubleQuote:
        return index + 1
      case .dollar where byte(index + 1) == .openParenthesis:
        index = try skipBalanced(from: index + 2, open: .openParenthesis, close: .closeParenthesis) {
          ShellError.unterminatedCommandSubstitution(offset: index)
        }
      case .backtick:
        index = try skipBacktick(from: index + 1, start: index)
      default:
        index += 1
      }
    }
    throw ShellError.unterminatedDoubleQuote(offset: start)
  }
}
