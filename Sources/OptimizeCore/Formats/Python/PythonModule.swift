// The original and the edited settings module, each parsed once per run.
private let moduleCache = ParseCache<PythonModule>(capacity: 2)

/// A module's statements, with the queries that settings edits need.
public struct PythonModule: Sendable, Equatable {
  /// The text the module was read from.
  public let source: SourceText
  /// All tokens of the text.
  public let tokens: PythonTokens
  /// Simple statements and compound headers, in file order.
  public let statements: [PythonStatement]
  /// Where the statement scan stood before the empty tokens at the end of the text, for a text
  /// that goes on from this one.
  let resumption: PythonStatementScanner.Resumption?

  /// Tokenizes and scans a module.
  ///
  /// - Throws: `FormatError` when the text does not tokenize or its blocks are malformed.
  public init(source: SourceText) throws {
    self = try moduleCache.document(for: source) { try PythonModule(parsing: source) }
  }

  /// The module of `source`, whose text is `original`'s with lines added after it: `original`'s
  /// tokens are kept and only the added lines are tokenized (`PythonTokenizer.tokens(of:continuing:)`),
  /// when `original`'s text ends where that is exact; otherwise the whole text is read. Then the
  /// statements of `original`'s tokens are kept too, and the scan goes on from the state it was
  /// in after them: it reads tokens in order, one logical line at a time, and never looks ahead.
  ///
  /// - Throws: `FormatError`, as `init(source:)` does.
  public init(source: SourceText, continuing original: PythonModule) throws {
    self = try moduleCache.document(for: source) {
      guard let tokens = try PythonTokenizer.tokens(of: source, continuing: original.tokens) else {
        return try PythonModule(parsing: source)
      }
      // The tokenizer kept the original's tokens before `trailingStart`, where its scan stood.
      guard let resumption = original.resumption else {
        return try PythonModule(source: source, tokens: tokens)
      }
      var scanner = PythonStatementScanner(
        source: source, tokens: tokens, resuming: resumption,
        statements: Array(original.statements[..<resumption.statementCount]))
      return try PythonModule(source: source, tokens: tokens, scanner: &scanner)
    }
  }

  /// Tokenizes and scans a module without keeping it in the run's cache, which holds the
  /// settings modules: a file read once (a test module the doctor scans) would push them out.
  init(uncached source: SourceText) throws {
    try self.init(parsing: source)
  }

  private init(parsing source: SourceText) throws {
    try self.init(source: source, tokens: PythonTokenizer.tokens(of: source))
  }

  private init(source: SourceText, tokens: PythonTokens) throws {
    var scanner = PythonStatementScanner(source: source, tokens: tokens)
    try self.init(source: source, tokens: tokens, scanner: &scanner)
  }

  private init(source: SourceText, tokens: PythonTokens, scanner: inout PythonStatementScanner) throws {
    self.source = source
    self.tokens = tokens
    self.statements = try scanner.scan()
    self.resumption = scanner.resumption
  }

  /// The significant tokens of a statement.
  public func tokens(of statement: PythonStatement) -> [PythonToken] {
    statement.tokenSpan.compactMap { tokens.isTrivia($0) ? nil : tokens[$0] }
  }

  /// The indices of the significant tokens of a statement.
  func tokenIndices(of statement: PythonStatement) -> [Int] {
    statement.tokenSpan.filter { !tokens.isTrivia($0) }
  }

  /// Whether a statement sits inside a `def` or `class` rather than in the module's namespace.
  public func isInFunctionOrClass(_ statement: PythonStatement) -> Bool {
    statement.enclosing.contains { index in
      if case .header(let keyword) = statements[index].kind {
        return keyword == "def" || keyword == "class" || keyword == "async"
      }
      return false
    }
  }

  /// Whether `name` is bound by an import at module level (not inside any block).
  public func importsAtModuleLevel(_ name: String) -> Bool {
    statements.contains { statement in
      guard statement.depth == 0 else { return false }
      switch statement.kind {
      case .importNames(let names), .fromImport(_, let names): return names.contains(name)
      default: return false
      }
    }
  }

  /// The `from __future__ import …` statements, which must stay first in the module.
  public var futureImports: [PythonStatement] {
    statements.filter { if case .fromImport("__future__", _) = $0.kind { true } else { false } }
  }

  /// The `from module import *` statements, anywhere outside functions and classes.
  public var starImports: [(module: String, statement: PythonStatement)] {
    statements.compactMap { statement in
      guard case .starImport(let module) = statement.kind, !isInFunctionOrClass(statement) else { return nil }
      return (module, statement)
    }
  }

  /// The location of a statement's first token.
  public func location(of statement: PythonStatement) -> SourceLocation {
    source.location(ofByte: statement.range.lowerBound)
  }
}

extension PythonModule {
  /// The string tokens whose text passes `test`, in file order.
  ///
  /// `test` is asked only of the tokens that could pass: those whose bytes hold `needle` (in any
  /// ASCII letter case when `ignoringCase`) or any non-ASCII byte. So `test` must be false for
  /// every ASCII text without `needle`, as `{ $0.contains(needle) }` is; the other tokens then
  /// cost a byte scan instead of a `String`.
  public func stringTokens(
    holding needle: String, ignoringCase: Bool = false, where test: (String) -> Bool
  ) -> [PythonToken] {
    let fold = { (byte: UInt8) -> UInt8 in
      ignoringCase && byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
    let pattern = needle.utf8.map(fold)
    let bytes = tokens.bytes
    var found: [PythonToken] = []
    for index in tokens.indices where tokens.kind(index) == .string {
      let range = tokens.range(index)
      var candidate = pattern.isEmpty
      var offset = range.lowerBound
      while !candidate, offset < range.upperBound {
        let byte = bytes[offset]
        candidate =
          byte >= 0x80
          || (fold(byte) == pattern[0] && offset + pattern.count <= range.upperBound
            && (1..<pattern.count).allSatisfy { fold(bytes[offset + $0]) == pattern[$0] })
        offset += 1
      }
      if candidate, test(tokens.text(index)) { found.append(tokens[index]) }
    }
    return found
  }
}
