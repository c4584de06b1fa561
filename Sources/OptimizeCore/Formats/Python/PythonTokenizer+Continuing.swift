import Foundation

extension PythonTokenizer {
  /// The tokens of `source`, when its text is `prefix`'s text with more lines after it: `prefix`'s
  /// tokens are kept and only the new lines are read, from the state the tokenizer was in where
  /// `prefix`'s text ends. Nil when `prefix` does not end that way, so the caller reads the whole
  /// text instead.
  ///
  /// Reading stops, in `prefix`'s text alone, at a line break outside brackets with nothing
  /// pending: the tokenizer is then at a line start whose only state is its stack of
  /// indentation levels, and what it read before does not depend on what follows. The tokens
  /// it adds at the end of a text (a `NEWLINE`, the `DEDENT`s and `ENDMARKER`) are dropped and
  /// the levels taken from the `INDENT`s still open, measured as the tokenizer measures them.
  ///
  /// - Throws: `FormatError`, as `tokens(of:)` does.
  static func tokens(of source: SourceText, continuing prefix: PythonTokens) throws -> PythonTokens? {
    let start = prefix.bytes.count
    guard start > 0, source.bytes.count >= start, prefix.bytes[start - 1] == UInt8(ascii: "\n"),
      source.bytes.withUnsafeBufferPointer({ all in
        prefix.bytes.withUnsafeBufferPointer { memcmp(all.baseAddress!, $0.baseAddress!, start) == 0 }
      })
    else { return nil }
    // The tokens the end of the text added: empty, at its end, after its last line break.
    let kept = prefix.trailingStart
    let added = (kept..<prefix.count).map { prefix.kind($0) }
    guard kept > 0, prefix.end(kept - 1) == start, [.newline, .nl].contains(prefix.kind(kept - 1)),
      added.last == .endMarker, added.dropLast().allSatisfy({ $0 == .dedent })
    else { return nil }
    var open: [Int] = []
    for index in 0..<kept {
      switch prefix.kind(index) {
      case .indent: open.append(index)
      case .dedent: open.removeLast()
      default: break
      }
    }
    guard open.count == added.count - 1 else { return nil }
    return try source.bytes.withUnsafeBufferPointer { bytes in
      var tokenizer = PythonTokenizer(source: source, bytes: bytes)
      try tokenizer.checkBytes()
      tokenizer.tokens = PythonTokens(bytes: source.bytes, first: kept, of: prefix)
      tokenizer.indents += open.map { index in
        let level = indentation(of: bytes, from: prefix.start(index))
        return (level.column, level.alternate)
      }
      tokenizer.position = start
      try tokenizer.run()
      return tokenizer.tokens
    }
  }
}
