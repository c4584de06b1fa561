/// Groups a module's tokens into simple statements and compound headers, tracking blocks.
///
/// Works on token indices and compares bytes: a large settings module has hundreds of thousands
/// of tokens, and building a token value or a `String` for each would dominate the parse.
struct PythonStatementScanner {
  static let compoundKeywords: Set<String> = [
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class", "async",
  ]

  let source: SourceText
  let tokens: PythonTokens
  var statements: [PythonStatement] = []
  var blocks: [Int] = []
  var pendingHeader: Int?
  // The statement index of the `if` whose chain is open at each depth (nil when none).
  var ifChains: [Int?] = []

  /// Where a scan stood after the tokens before the empty ones at the very end of its text
  /// (`PythonTokens.trailingStart`): a text that goes on from there is scanned on from this state.
  struct Resumption: Sendable, Equatable {
    /// The first token not read.
    var token: Int
    /// How many statements the tokens before it made.
    var statementCount: Int
    var blocks: [Int]
    var pendingHeader: Int?
    var ifChains: [Int?]
  }

  /// Set by `scan()` when its text ends after a line break outside brackets.
  private(set) var resumption: Resumption?
  private var firstToken = 0

  init(source: SourceText, tokens: PythonTokens) {
    self.source = source
    self.tokens = tokens
  }

  /// A scanner of `tokens`, a text that goes on from the one `resumption` was taken from: the
  /// first `resumption.token` tokens are that text's, and so are `statements`, the statements they
  /// made. `scan()` reads on from there, in the state it was left in.
  init(
    source: SourceText, tokens: PythonTokens, resuming resumption: Resumption, statements: [PythonStatement]
  ) {
    self.init(source: source, tokens: tokens)
    self.statements = statements
    blocks = resumption.blocks
    pendingHeader = resumption.pendingHeader
    ifChains = resumption.ifChains
    firstToken = resumption.token
  }

  func error(at offset: Int, expected: String, found: String) -> FormatError {
    FormatError(
      in: source, atByte: offset, expected: expected, found: found,
      fix: "this is not valid Python 3; fix the indentation, then run optimize again")
  }

  mutating func scan() throws -> [PythonStatement] {
    // Each token's kind and span read in place: this loop runs for every token of the module.
    let kinds = tokens.kinds
    let spans = tokens.spans
    let bytes = tokens.bytes
    try kinds.withUnsafeBufferPointer { kinds in
      var newlines = statements.count
      for kind in kinds[firstToken...] where kind == .newline { newlines += 1 }
      statements.reserveCapacity(newlines)
      try spans.withUnsafeBufferPointer { spans in
        try bytes.withUnsafeBufferPointer { bytes in try scan(kinds: kinds, spans: spans, bytes: bytes) }
      }
    }
    return statements
  }

  private mutating func scan(
    kinds: UnsafeBufferPointer<PythonToken.Kind>, spans: UnsafeBufferPointer<PythonTokens.Span>,
    bytes: UnsafeBufferPointer<UInt8>
  ) throws {
    var line: [Int] = []
    // Whether the line has a `;` outside brackets: most lines have none and need no split.
    var depth = 0
    var hasSemicolon = false
    let trailing = tokens.trailingStart
    for index in firstToken..<kinds.count {
      if index == trailing, line.isEmpty {
        resumption = Resumption(
          token: index, statementCount: statements.count, blocks: blocks, pendingHeader: pendingHeader,
          ifChains: ifChains)
      }
      switch kinds[index] {
      case .indent:
        guard let header = pendingHeader else {
          throw error(
            at: tokens.end(index), expected: "a statement at the indentation of its block",
            found: "an unexpected indent")
        }
        blocks.append(header)
        pendingHeader = nil
      case .dedent, .endMarker:
        try expectNoPendingHeader(at: tokens.start(index))
        if tokens.kind(index) == .dedent { blocks.removeLast() }
        if ifChains.count > blocks.count + 1 { ifChains.removeLast(ifChains.count - blocks.count - 1) }
      case .comment, .nl:
        break
      case .newline:
        if !line.isEmpty { try addLogicalLine(line, hasSemicolon: hasSemicolon) }
        line.removeAll(keepingCapacity: true)
        depth = 0
        hasSemicolon = false
      case .op:
        if line.isEmpty { try expectNoPendingHeader(at: tokens.start(index)) }
        line.append(index)
        // `bracketDepthChange` and `isOp(_:";")`, on the span's one byte.
        let span = spans[index]
        guard span.end - span.start == 1 else { continue }
        switch bytes[Int(span.start)] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        case UInt8(ascii: ";"): if depth == 0 { hasSemicolon = true }
        default: break
        }
      default:
        if line.isEmpty { try expectNoPendingHeader(at: tokens.start(index)) }
        line.append(index)
      }
    }
  }

  func ifChain(at depth: Int) -> Int? { depth < ifChains.count ? ifChains[depth] : nil }

  mutating func setIfChain(_ chain: Int?, at depth: Int) {
    if depth >= ifChains.count {
      guard chain != nil else { return }
      ifChains += Array(repeating: nil, count: depth + 1 - ifChains.count)
    }
    ifChains[depth] = chain
  }

  func expectNoPendingHeader(at offset: Int) throws {
    guard let header = pendingHeader else { return }
    let place = source.location(ofByte: statements[header].range.lowerBound)
    throw error(
      at: offset, expected: "an indented block after the `:` on line \(place.line)",
      found: "a line that is not indented more")
  }

  /// Splits `indices` at top-level occurrences of the one-byte operator `symbol`; empty parts are dropped.
  func split(_ indices: ArraySlice<Int>, on symbol: UInt8) -> [ArraySlice<Int>] {
    var parts: [ArraySlice<Int>] = []
    var depth = 0
    var start = indices.startIndex
    for position in indices.indices {
      let token = indices[position]
      let change = tokens.bracketDepthChange(token)
      if change != 0 {
        depth += change
      } else if depth == 0, tokens.isOp(token, symbol) {
        if start < position { parts.append(indices[start..<position]) }
        start = position + 1
      }
    }
    if start < indices.endIndex { parts.append(indices[start..<indices.endIndex]) }
    return parts
  }

  /// The name of a compound statement's keyword, when the line's first token is one.
  func headerKeyword(_ line: [Int]) -> String? {
    let first = line[0]
    guard tokens.kind(first) == .name, tokens.end(first) - tokens.start(first) <= 7 else { return nil }
    let word = tokens.text(first)
    if Self.compoundKeywords.contains(word) { return word }
    let soft = (word == "match" || word == "case") && tokens.isOp(line[line.count - 1], UInt8(ascii: ":"))
    return soft ? word : nil
  }

  mutating func addLogicalLine(_ line: [Int], hasSemicolon: Bool) throws {
    guard let keyword = headerKeyword(line),
      let colon = split(line[...], on: UInt8(ascii: ":")).first.map({ $0.endIndex }), colon < line.count
    else {
      if !hasSemicolon {
        addSimple(line[...])
        return
      }
      for part in split(line[...], on: UInt8(ascii: ";")) { addSimple(part) }
      return
    }
    let depth = blocks.count
    let index = statements.count
    var chain: Int?
    switch keyword {
    case "if": chain = index
    case "elif", "else": chain = ifChain(at: depth)
    default: chain = nil
    }
    setIfChain(chain, at: depth)
    let clause = colon > 1 ? tokens.start(line[1])..<tokens.end(line[colon - 1]) : nil
    statements.append(
      PythonStatement(
        kind: .header(keyword: keyword), tokenSpan: line[0]..<line[colon] + 1,
        range: tokens.start(line[0])..<tokens.end(line[colon]), enclosing: blocks, clause: clause,
        ifChain: chain))
    let body = line[(colon + 1)...]
    if body.isEmpty {
      pendingHeader = index
    } else {
      blocks.append(index)
      for part in split(body, on: UInt8(ascii: ";")) { addSimple(part) }
      blocks.removeLast()
    }
  }

  mutating func addSimple(_ part: ArraySlice<Int>) {
    setIfChain(nil, at: blocks.count)
    var kind = PythonStatement.Kind.simple
    let first = part[part.startIndex]
    if tokens.isName(first, "import") {
      kind = .importNames(split(part.dropFirst(), on: UInt8(ascii: ",")).compactMap { boundName(of: $0) })
    } else if tokens.isName(first, "from"),
      let importAt = part.firstIndex(where: { tokens.isName($0, "import") })
    {
      let module = part[(part.startIndex + 1)..<importAt].map { tokens.text($0) }.joined()
      let names = part[(importAt + 1)...].filter {
        !tokens.isOp($0, UInt8(ascii: "(")) && !tokens.isOp($0, UInt8(ascii: ")"))
      }
      if names.count == 1, tokens.isOp(names[0], UInt8(ascii: "*")) {
        kind = .starImport(module: module)
      } else {
        kind = .fromImport(
          module: module, names: split(names[...], on: UInt8(ascii: ",")).compactMap { boundName(of: $0) })
      }
    }
    let last = part[part.endIndex - 1]
    statements.append(
      PythonStatement(
        kind: kind, tokenSpan: first..<last + 1, range: tokens.start(first)..<tokens.end(last),
        enclosing: blocks,
        clause: nil, ifChain: nil))
  }

  /// The name bound by one `a.b as c` clause of an import.
  func boundName(of clause: ArraySlice<Int>) -> String? {
    let count = clause.count
    if count >= 2, tokens.isName(clause[clause.endIndex - 2], "as") {
      return tokens.text(clause[clause.endIndex - 1])
    }
    guard let first = clause.first else { return nil }
    return tokens.kind(first) == .name ? tokens.text(first) : nil
  }
}
