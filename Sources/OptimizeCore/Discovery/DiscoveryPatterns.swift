/// Byte scans for the two patterns discovery looks for in every repository: the Django pin of a
/// requirements file and manage.py's default settings module.
///
/// Each answers, for ASCII text, exactly what its regex answers (`\s`, `\w`, `\d` and case are
/// ASCII there, see `ASCIIScan`), and returns `.undecided` for other text, which the caller hands
/// to the regex: a regex costs about a millisecond the first time a process uses one.
enum DiscoveryPatterns {
  /// A scan's answer: no match, the byte range of the wanted group, or "ask the regex".
  enum Answer: Equatable {
    case undecided
    case none
    case match(Range<Int>)
  }

  /// What `answer` finds in `source` after its BOM: nil when it cannot decide (the caller asks
  /// the regex), `.some(nil)` for no match, else the matched text and its 1-based line.
  static func firstMatch(_ answer: (UnsafeBufferPointer<UInt8>) -> Answer, in source: SourceText)
    -> (text: String, line: Int)??
  {
    source.bytes.withUnsafeBufferPointer { all in
      let bytes = UnsafeBufferPointer(rebasing: all[source.bomLength...])
      switch answer(bytes) {
      case .undecided: return nil
      case .none: return .some(nil)
      case .match(let range):
        return (
          String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self),
          characterLine(of: range.lowerBound, in: bytes)
        )
      }
    }
  }

  /// The version group of
  /// `(?im)^[\s"']*django\s*(?:\[[^\]]*\])?\s*(?:=\s*["'])?\s*(==|~=|>=|===|\^|~)?\s*["']?(\d+(?:\.\d+)*)`.
  static func djangoPin(_ bytes: UnsafeBufferPointer<UInt8>) -> Answer {
    // Only ASCII letters fold to those of `django`, so other text needs the regex only when the
    // word is there in ASCII.
    guard ASCIIScan.isASCII(bytes) else {
      return ASCIIScan.contains(bytes, "django", ignoringCase: true) ? .undecided : .none
    }
    func skipSpaces(_ index: Int) -> Int {
      var index = index
      while index < bytes.count, ASCIIScan.isSpace(bytes[index]) { index += 1 }
      return index
    }
    func isQuote(_ index: Int) -> Bool {
      index < bytes.count && (bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"))
    }
    // Greedy `\s*` never gains by giving spaces back: what follows each one starts with a non-space.
    func version(_ index: Int) -> Range<Int>? {
      var end = skipSpaces(index)
      if isQuote(end) { end += 1 }
      guard end < bytes.count, ASCIIScan.isDigit(bytes[end]) else { return nil }
      let start = end
      while end < bytes.count, ASCIIScan.isDigit(bytes[end]) { end += 1 }
      while end + 1 < bytes.count, bytes[end] == UInt8(ascii: "."), ASCIIScan.isDigit(bytes[end + 1]) {
        end += 1
        while end < bytes.count, ASCIIScan.isDigit(bytes[end]) { end += 1 }
      }
      return start..<end
    }
    func operatorThenVersion(_ index: Int) -> Range<Int>? {
      let index = skipSpaces(index)
      for spelling: StaticString in ["==", "~=", ">=", "===", "^", "~"]
      where ASCIIScan.matches(bytes, spelling, at: index) {
        if let found = version(index + spelling.utf8CodeUnitCount) { return found }
      }
      return version(index)
    }
    func equalsThenRest(_ index: Int) -> Range<Int>? {
      let index = skipSpaces(index)
      if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
        let quote = skipSpaces(index + 1)
        if isQuote(quote), let found = operatorThenVersion(quote + 1) { return found }
      }
      return operatorThenVersion(index)
    }
    func afterName(_ index: Int) -> Range<Int>? {
      let index = skipSpaces(index)
      if index < bytes.count, bytes[index] == UInt8(ascii: "["),
        let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "]")),
        let found = equalsThenRest(close + 1)
      {
        return found
      }
      return equalsThenRest(index)
    }
    var lineStart = 0
    var lastCandidate = -1
    while lineStart < bytes.count {
      // Line starts that an earlier `[\s"']*` swept over reach the same candidate, and fail alike.
      if lineStart > lastCandidate {
        var name = lineStart
        while name < bytes.count, ASCIIScan.isSpace(bytes[name]) || isQuote(name) { name += 1 }
        lastCandidate = name
        if ASCIIScan.matches(bytes, "django", at: name, ignoringCase: true), let found = afterName(name + 6) {
          return .match(found)
        }
      }
      // `^` in multiline mode: after \n, \v, \f or \r, but not at the very end.
      var next = max(lineStart, lastCandidate)
      while next < bytes.count, !(bytes[next] >= 0x0A && bytes[next] <= 0x0D) { next += 1 }
      lineStart = next + 1
    }
    return .none
  }

  /// The module group of `DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*(?:f?)['"]([A-Za-z_][\w.]*)['"]`.
  static func settingsModule(_ bytes: UnsafeBufferPointer<UInt8>) -> Answer {
    guard ASCIIScan.isASCII(bytes) else {
      return ASCIIScan.contains(bytes, "DJANGO_SETTINGS_MODULE") ? .undecided : .none
    }
    func isQuote(_ index: Int) -> Bool {
      index < bytes.count && (bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"))
    }
    func skipSpaces(_ index: Int) -> Int {
      var index = index
      while index < bytes.count, ASCIIScan.isSpace(bytes[index]) { index += 1 }
      return index
    }
    var from = 0
    while let offset = ASCIIScan.firstOffset(of: "DJANGO_SETTINGS_MODULE", in: bytes, from: from) {
      from = offset + 1
      var index = offset + "DJANGO_SETTINGS_MODULE".utf8.count
      guard isQuote(index) else { continue }
      index = skipSpaces(index + 1)
      guard index < bytes.count else { continue }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index = skipSpaces(index + 1)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
        index += 1
      } else {
        continue
      }
      index = skipSpaces(index)
      if index < bytes.count, bytes[index] == UInt8(ascii: "f"), isQuote(index + 1) { index += 1 }
      guard isQuote(index) else { continue }
      let start = index + 1
      guard start < bytes.count,
        bytes[start] == UInt8(ascii: "_") || (bytes[start] | 0x20 >= 0x61 && bytes[start] | 0x20 <= 0x7A)
      else { continue }
      var end = start + 1
      while end < bytes.count, ASCIIScan.isWord(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
      guard isQuote(end) else { continue }
      return .match(start..<end)
    }
    return .none
  }

  /// The 1-based line of `offset` as `text[..<offset].filter { $0 == "\n" }.count + 1` counts it:
  /// a CRLF is one Character, not "\n", so only bare line feeds count.
  static func characterLine(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var line = 1
    for index in 0..<offset where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) {
      line += 1
    }
    return line
  }
}
