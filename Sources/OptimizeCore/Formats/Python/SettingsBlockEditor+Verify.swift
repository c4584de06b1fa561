import Foundation

extension SettingsBlockEditor {
  /// Checks an edited settings module before it is written.
  ///
  /// `after` must tokenize, keep every byte of `before` in place, add exactly our block's statements at
  /// module level after all of the original code, and, when `python3` is on PATH and `external` is
  /// true, pass `ast.parse`.
  ///
  /// - Throws: `FormatError` located in `after` at the first thing that is wrong.
  public static func verify(
    before: SourceText, after: SourceText, block: SettingsBlock, unconditional: Bool, external: Bool = true
  ) throws {
    let original = try PythonModule(source: before)
    // `plan` reads only the lines added after the original; `apply` reads the whole edited file
    // again, as it does an edited workflow.
    let module =
      try external ? PythonModule(source: after) : PythonModule(source: after, continuing: original)
    let boundary = before.bytes.count
    let fail = { (offset: Int, expected: String, found: String) in
      FormatError(
        in: after, atByte: min(offset, after.bytes.count), expected: expected, found: found,
        fix: "this is a bug in optimize, nothing was written; please report it with the file")
    }
    if let changed = firstDifference(before.bytes, after.bytes)
      ?? (after.bytes.count < boundary ? after.bytes.count : nil)
    {
      throw fail(changed, "the original bytes unchanged", "a change")
    }
    if let straddling = module.statements.first(where: {
      $0.range.lowerBound < boundary && $0.range.upperBound > boundary
    }) {
      throw fail(
        straddling.range.lowerBound, "the original statements unchanged",
        "a statement that runs into the block")
    }
    let added = module.statements.filter { $0.range.lowerBound >= boundary }
    var expected: [(PythonStatement) -> Bool] = []
    if !unconditional {
      for name in block.imports where !original.importsAtModuleLevel(name) {
        expected.append { $0.depth == 0 && $0.kind == .importNames([name]) }
      }
      let guardTokens = try comparable(
        PythonTokenizer.tokenize(SourceText(path: "<guard>", string: block.guardExpression)))
      expected.append { statement in
        statement.depth == 0 && statement.kind == .header(keyword: "if")
          && comparable(module.tokens(of: statement).dropFirst().dropLast()) == guardTokens
      }
    }
    expected.append { statement in
      guard statement.depth == (unconditional ? 0 : 1), statement.kind == .simple,
        let (kind, value) = module.change(of: block.name, in: module.tokens(of: statement)),
        kind == .assign, let value
      else { return false }
      return PythonModule.stringSequence(value)?.all == block.values
    }
    for (index, check) in expected.enumerated() {
      guard index < added.count else {
        throw fail(after.bytes.count, "the block's statements", "the end of the file")
      }
      guard check(added[index]) else {
        throw fail(
          added[index].range.lowerBound, "statement \(index + 1) of the block",
          "`\(after.text(added[index].range))`")
      }
    }
    if added.count > expected.count {
      throw fail(added[expected.count].range.lowerBound, "the end of the block", "another statement")
    }
    let tokens = module.tokens
    let comments = (tokens.firstIndex(startingAt: boundary)..<tokens.count).filter {
      tokens.kind($0) == .comment
    }
    .map { tokens.text($0) }
    guard comments.first == block.beginLine, comments.last == block.endLine else {
      throw fail(boundary, "the block between `\(block.beginLine)` and `\(block.endLine)`", "other comments")
    }
    if external { try PythonSyntaxCheck.check(after) }
  }

  /// The first offset where the two byte arrays differ, within the shorter one.
  static func firstDifference(_ left: [UInt8], _ right: [UInt8]) -> Int? {
    let count = min(left.count, right.count)
    // memcmp over 4 KiB blocks, then the first differing block byte by byte.
    return left.withUnsafeBufferPointer { a in
      right.withUnsafeBufferPointer { b in
        var block = 0
        while block < count {
          let end = min(block + 4096, count)
          if memcmp(a.baseAddress! + block, b.baseAddress! + block, end - block) != 0 {
            return (block..<end).first { a[$0] != b[$0] }
          }
          block = end
        }
        return nil
      }
    }
  }

  /// Tokens reduced to what they mean: string literals by value, layout dropped.
  static func comparable<Tokens: Sequence>(_ tokens: Tokens) -> [String] where Tokens.Element == PythonToken {
    tokens.compactMap { token in
      switch token.kind {
      case .string: return PythonStringLiteral.value(of: token.text).map { "str:" + $0 } ?? token.text
      case .name, .number, .op: return token.text
      default: return nil
      }
    }
  }
}
