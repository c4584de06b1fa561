import Foundation

/// The doctor's text patterns: a byte scan on ASCII text, the regex or Foundation search on any
/// other text, so every answer is the one the regex or search gives (see `ASCIIScan`).
enum DoctorPatterns {
  /// Whether `(?i)\btblib\b` matches the 0-based `line` of `source`.
  static func mentionsTblib(_ source: SourceText, line: Int) -> Bool {
    let range = source.lineRange(line)
    let decided: Bool? = source.bytes.withUnsafeBufferPointer { all in
      let bytes = UnsafeBufferPointer(rebasing: all[range])
      // Only ASCII letters fold to t, b, l and i (İ and ẗ fold with a combining mark), so a line
      // without an ASCII `tblib` cannot match; with one, only the regex knows Unicode's `\b`.
      guard ASCIIScan.contains(bytes, "tblib", ignoringCase: true) else { return false }
      guard ASCIIScan.isASCII(bytes) else { return nil }
      var start = 0
      while let offset = ASCIIScan.firstOffset(of: "tblib", in: bytes, from: start, ignoringCase: true) {
        let end = offset + 5
        if (offset == 0 || !ASCIIScan.isWord(bytes[offset - 1]))
          && (end == bytes.count || !ASCIIScan.isWord(bytes[end]))
        {
          return true
        }
        start = offset + 1
      }
      return false
    }
    if let decided { return decided }
    return source.lineText(line).range(of: #"(?i)\btblib\b"#, options: .regularExpression) != nil
  }

  /// Whether `(localhost|127\.0\.0\.1|0\.0\.0\.0):\d{2,5}\b` matches in a string literal's body.
  static func hasFixedPort(_ body: String) -> Bool {
    let decided: Bool? = ASCIIScan.withBytes(body) { bytes in
      guard ASCIIScan.isASCII(bytes) else { return nil }
      guard bytes.contains(UInt8(ascii: ":")) else { return false }
      let hosts: [StaticString] = ["localhost", "127.0.0.1", "0.0.0.0"]
      for index in bytes.indices {
        guard let host = hosts.first(where: { ASCIIScan.matches(bytes, $0, at: index) }) else { continue }
        var end = index + host.utf8CodeUnitCount
        guard end < bytes.count, bytes[end] == UInt8(ascii: ":") else { continue }
        end += 1
        let digits = end
        while end < bytes.count, ASCIIScan.isDigit(bytes[end]) { end += 1 }
        // `\d{2,5}\b`: a shorter run stops before a digit, which is no word boundary.
        if (2...5).contains(end - digits), end == bytes.count || !ASCIIScan.isWord(bytes[end]) { return true }
      }
      return false
    }
    if let decided { return decided }
    return body.utf8.contains(UInt8(ascii: ":"))
      && (body.contains("localhost") || body.contains("127.0.0.1") || body.contains("0.0.0.0"))
      && body.range(of: #"(localhost|127\.0\.0\.1|0\.0\.0\.0):\d{2,5}\b"#, options: .regularExpression) != nil
  }

  /// The digits of the first `max_connections\s*[= ]\s*(\d+)` in a service's options, as a number.
  static func maxConnections(_ options: String) -> Int? {
    let decided: Int?? = ASCIIScan.withBytes(options) { bytes in
      guard ASCIIScan.contains(bytes, "max_connections") else { return .some(nil) }
      guard ASCIIScan.isASCII(bytes) else { return nil }
      var start = 0
      while let offset = ASCIIScan.firstOffset(of: "max_connections", in: bytes, from: start) {
        start = offset + 1
        var index = offset + "max_connections".utf8.count
        var sawSpace = false
        while index < bytes.count, ASCIIScan.isSpace(bytes[index]) {
          sawSpace = sawSpace || bytes[index] == UInt8(ascii: " ")
          index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
          index += 1
          while index < bytes.count, ASCIIScan.isSpace(bytes[index]) { index += 1 }
        } else if !sawSpace {
          // `[= ]` can only be a space the `\s*` before it gives back.
          continue
        }
        let digits = index
        while index < bytes.count, ASCIIScan.isDigit(bytes[index]) { index += 1 }
        guard index > digits else { continue }
        return .some(
          Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[digits..<index]), as: UTF8.self)))
      }
      return .some(nil)
    }
    if let decided { return decided }
    let pattern = #"max_connections\s*[= ]\s*(\d+)"#
    guard let range = options.range(of: pattern, options: .regularExpression) else { return nil }
    return Int(options[range].filter(\.isNumber))
  }

  /// `text.lowercased() == "port"`, for every name token of every test file.
  static func isPort(_ text: String) -> Bool {
    let decided: Bool? = ASCIIScan.withBytes(text) { bytes in
      guard ASCIIScan.isASCII(bytes) else { return nil }
      return bytes.count == 4 && ASCIIScan.matches(bytes, "port", at: 0, ignoringCase: true)
    }
    return decided ?? (text.lowercased() == "port")
  }

  /// Whether a test module's bytes (after any BOM) hold what each `TestScanner` hit needs, so a
  /// module without any is not parsed: `/tmp/`, a host, the name `port`, `clear` (with a shared
  /// Redis), or an `=` followed by `[`, `{` or one of the mutable constructors. Most test modules
  /// have none of these at all, and parsing them is most of what the doctor costs.
  static func mayHaveParallelRisk(_ bytes: UnsafeBufferPointer<UInt8>, sharedRedis: Bool) -> Bool {
    let needles: [StaticString] = ["/tmp/", "localhost", "127.0.0.1", "0.0.0.0"]
    if needles.contains(where: { ASCIIScan.contains(bytes, $0) })
      || (sharedRedis && ASCIIScan.contains(bytes, "clear"))
    {
      return true
    }
    // The tokenizer's name bytes: ASCII letters, digits, `_` and every byte of a non-ASCII letter.
    func isName(_ byte: UInt8) -> Bool { ASCIIScan.isWord(byte) || byte >= 0x80 }
    func isWhole(_ start: Int, _ end: Int) -> Bool {
      (start == 0 || !isName(bytes[start - 1])) && (end == bytes.count || !isName(bytes[end]))
    }
    var from = 0
    // Only `port` lowercases to `port`: no other character lowercases to ASCII p, o, r or t.
    while let offset = ASCIIScan.firstOffset(of: "port", in: bytes, from: from, ignoringCase: true) {
      if isWhole(offset, offset + 4) { return true }
      from = offset + 1
    }
    let constructors: [StaticString] = ["list", "dict", "set", "defaultdict", "OrderedDict", "Counter"]
    from = 0
    while let index = ASCIIScan.firstOffset(of: "=", in: bytes, from: from) {
      from = index + 1
      // Past what may stand between two tokens of a statement (and more: line breaks).
      var value = index + 1
      while value < bytes.count,
        bytes[value] == 0x20 || bytes[value] == 0x09 || bytes[value] == 0x0C || bytes[value] == 0x5C
          || bytes[value] == 0x0A || bytes[value] == 0x0D
      {
        value += 1
      }
      guard value < bytes.count else { break }
      if bytes[value] == UInt8(ascii: "[") || bytes[value] == UInt8(ascii: "{") { return true }
      for name in constructors where ASCIIScan.matches(bytes, name, at: value) {
        if isWhole(value, value + name.utf8CodeUnitCount) { return true }
      }
    }
    return false
  }
}
