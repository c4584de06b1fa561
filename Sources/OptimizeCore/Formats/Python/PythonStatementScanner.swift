/// Groups a module's tokens into simple statements and compound headers, tracking blocks.
struct PythonStatementScanner {
  static let compoundKeywords: Set<String> = [
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class", "async",
  ]

  let source: SourceText
  let tokens: [PythonToken]
  var statements: [PythonStatement] = []
  var blocks: [Int] = []
  var pendingHeader: Int?
  var ifChains: [Int: Int] = [:]

  init(source: SourceText, tokens: [PythonToken]) {
    self.source = source
    self.tokens = tokens
  }

  func error(at offset: Int, expected: String, found: String) -> FormatError {
    FormatError(
      in: source, atByte: offset, expected: expected, found: found,
      fix: "this is not valid Python 3; fix the indentation, then run optimize again")
  }

  mutating func scan() throws -> [PythonStatement] {
    var line: [Int] = []
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .indent:
        guard let header = pendingHeader else {
          throw error(
            at: token.range.upperBound, expected: "a statement at the indentation of its block",
            found: "an unexpected indent")
        }
        blocks.append(header)
        pendingHeader = nil
      case .dedent, .endMarker:
        try expectNoPendingHeader(at: token.range.lowerBound)
        if token.kind == .dedent { blocks.removeLast() }
        ifChains = ifChains.filter { $0.key <= blocks.count }
      case .comment, .nl:
        break
      case .newline:
        if !line.isEmpty { try addLogicalLine(line) }
        line = []
      default:
        if line.isEmpty { try expectNoPendingHeader(at: token.range.lowerBound) }
        line.append(index)
      }
    }
    return statements
  }

  func expectNoPendingHeader(at offset: Int) throws {
    guard let header = pendingHeader else { return }
    let place = source.location(ofByte: statements[header].range.lowerBound)
    throw error(
      at: offset, expected: "an indented block after the `:` on line \(place.line)",
      found: "a line that is not indented more")
  }

  /// Splits `indices` at top-level occurrences of the operator `symbol`.
  func split(_ indices: ArraySlice<Int>, on symbol: String) -> [ArraySlice<Int>] {
    var parts: [ArraySlice<Int>] = []
    var depth = 0
    var start = indices.startIndex
    for position in indices.indices {
      let token = tokens[indices[position]]
      guard token.kind == .op else { continue }
      switch token.text {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case symbol where depth == 0:
        parts.append(indices[start..<position])
        start = position + 1
      default: break
      }
    }
    parts.append(indices[start..<indices.endIndex])
    return parts.filter { !$0.isEmpty }
  }

  mutating func addLogicalLine(_ line: [Int]) throws {
    let first = tokens[line[0]]
    let soft = (first.text == "match" || first.text == "case") && tokens[line[line.count - 1]].isOp(":")
    guard first.kind == .name, Self.compoundKeywords.contains(first.text) || soft,
      let colon = split(line[...], on: ":").first.map({ $0.endIndex }), colon < line.count
    else {
      for part in split(line[...], on: ";") { addSimple(part) }
      return
    }
    let depth = blocks.count
    let index = statements.count
    var chain: Int?
    switch first.text {
    case "if": chain = index
    case "elif", "else": chain = ifChains[depth]
    default: chain = nil
    }
    ifChains[depth] = chain
    let clauseTokens = line[1..<colon]
    let clause =
      clauseTokens.isEmpty
      ? nil : tokens[clauseTokens.first!].range.lowerBound..<tokens[clauseTokens.last!].range.upperBound
    statements.append(
      PythonStatement(
        kind: .header(keyword: first.text), tokenIndices: Array(line[...colon]),
        range: first.range.lowerBound..<tokens[line[colon]].range.upperBound, enclosing: blocks,
        clause: clause, ifChain: chain))
    let body = line[(colon + 1)...]
    if body.isEmpty {
      pendingHeader = index
    } else {
      blocks.append(index)
      for part in split(body, on: ";") { addSimple(part) }
      blocks.removeLast()
    }
  }

  mutating func addSimple(_ part: ArraySlice<Int>) {
    let words = part.map { tokens[$0] }
    ifChains[blocks.count] = nil
    var kind = PythonStatement.Kind.simple
    if words[0].isName("import") {
      kind = .importNames(split(part.dropFirst(), on: ",").compactMap { boundName(of: $0) })
    } else if words[0].isName("from"), let importAt = words.firstIndex(where: { $0.isName("import") }) {
      let module = words[1..<importAt].map(\.text).joined()
      let names = part[(part.startIndex + importAt + 1)...].filter {
        !tokens[$0].isOp("(") && !tokens[$0].isOp(")")
      }
      if names.count == 1, tokens[names[0]].isOp("*") {
        kind = .starImport(module: module)
      } else {
        kind = .fromImport(module: module, names: split(names[...], on: ",").compactMap { boundName(of: $0) })
      }
    }
    statements.append(
      PythonStatement(
        kind: kind, tokenIndices: Array(part),
        range: words[0].range.lowerBound..<words[words.count - 1].range.upperBound, enclosing: blocks,
        clause: nil, ifChain: nil))
  }

  /// The name bound by one `a.b as c` clause of an import.
  func boundName(of clause: ArraySlice<Int>) -> String? {
    let words = clause.map { tokens[$0] }
    if words.count >= 2, words[words.count - 2].isName("as") { return words[words.count - 1].text }
    return words.first?.kind == .name ? words[0].text : nil
  }
}
