/// A statement that sets or changes a module-level name, such as `PASSWORD_HASHERS = [...]`.
public struct PythonAssignment: Sendable, Equatable {
  /// How the statement changes the name.
  public enum Kind: Sendable, Equatable {
    /// `NAME = value` (also `NAME: T = value` and `A = NAME = value`).
    case assign
    /// A change that keeps the first element: `NAME += [...]`, `NAME.append(…)`, `NAME.extend(…)`.
    case extend
    /// Any other change whose effect on the first element is unknown (`NAME[0] = …`, `NAME.insert(…)`, `del NAME`).
    case mutate
  }

  /// How the statement changes the name.
  public var kind: Kind
  /// The index of the statement in the module's statements.
  public var statement: Int
  /// Where the statement starts.
  public var location: SourceLocation
  /// For `.assign`: the first element when the value is a list or tuple that starts with a plain string
  /// literal (`['a', …]`, `('a', …)`, `['a'] + OTHER`).
  public var firstElement: String?
  /// For `.assign`: every element, when the value is a list or tuple made only of plain string literals.
  public var elements: [String]?
  /// For a statement directly inside a top-level `if`/`elif`/`else`: that header's statement index.
  public var branch: Int?
}

extension PythonModule {
  /// Every statement outside functions and classes that sets or changes `name`, in file order.
  public func assignments(to name: String) -> [PythonAssignment] {
    let word = Array(name.utf8)
    return statements.indices.compactMap { index in
      let statement = statements[index]
      // `change` finds nothing in a statement that does not hold `name`: checking the bytes
      // first spares building the tokens of every statement of a large module.
      guard case .simple = statement.kind, mentions(word, statement), !isInFunctionOrClass(statement),
        let (kind, value) = change(of: name, in: tokens(of: statement))
      else { return nil }
      let parsed = value.map(Self.stringSequence) ?? nil
      var branch: Int?
      if statement.depth == 1, case .header(let keyword) = statements[statement.enclosing[0]].kind,
        ["if", "elif", "else"].contains(keyword)
      {
        branch = statement.enclosing[0]
      }
      return PythonAssignment(
        kind: kind, statement: index, location: location(of: statement), firstElement: parsed?.first,
        elements: parsed?.all, branch: branch)
    }
  }

  /// Whether one of a statement's tokens is the name `name`.
  func mentions(_ name: [UInt8], _ statement: PythonStatement) -> Bool {
    statement.tokenSpan.contains { tokens.kind($0) == .name && tokens.hasText($0, name) }
  }

  /// How a statement changes `name`, with the value tokens of an assignment.
  func change(of name: String, in words: [PythonToken]) -> (PythonAssignment.Kind, [PythonToken]?)? {
    guard let first = words.first else { return nil }
    if first.isName("del") { return words.contains { $0.isName(name) } ? (.mutate, nil) : nil }
    var depth = 0
    var targetStart = 0
    var isTarget = false
    var lastEqual: Int?
    for (position, word) in words.enumerated() where word.kind == .op {
      switch word.text {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case "=" where depth == 0:
        let target = words[targetStart..<position]
        if target.count == 1, target.first!.isName(name) { isTarget = true }
        if target.contains(where: { $0.isName(name) }) && target.contains(where: { $0.isOp(",") }) {
          return (.assign, nil)
        }
        targetStart = position + 1
        lastEqual = position
      default: break
      }
    }
    if isTarget, let lastEqual { return (.assign, Array(words[(lastEqual + 1)...])) }
    guard first.isName(name), words.count > 1 else { return nil }
    let second = words[1]
    if second.isOp(":"), let lastEqual { return (.assign, Array(words[(lastEqual + 1)...])) }
    if second.isOp("+=") { return (.extend, nil) }
    if second.isOp("."), words.count > 2, ["append", "extend"].contains(words[2].text) {
      return (.extend, nil)
    }
    if second.kind == .op,
      (second.text.hasSuffix("=") && !["==", "!=", "<=", ">="].contains(second.text))
        || second.isOp(".") || second.isOp("[")
    {
      return (.mutate, nil)
    }
    return nil
  }

  /// The string elements of `[…]`, `(…,)` or `[…] + rest`: the first one, and all when all are strings.
  static func stringSequence(_ value: [PythonToken]) -> (first: String, all: [String]?)? {
    guard let open = value.first, open.isOp("[") || open.isOp("(") else { return nil }
    var depth = 0
    var close: Int?
    for (position, word) in value.enumerated() where word.kind == .op {
      if ["(", "[", "{"].contains(word.text) { depth += 1 }
      if [")", "]", "}"].contains(word.text) { depth -= 1 }
      if depth == 0 { close = position; break }
    }
    guard let close, close == value.count - 1 || value[close + 1].isOp("+") else { return nil }
    var elements: [[PythonToken]] = [[]]
    for word in value[1..<close] {
      if word.isOp(","), depth == 0 { elements.append([]) } else { elements[elements.count - 1].append(word) }
      if ["(", "[", "{"].contains(word.text) && word.kind == .op { depth += 1 }
      if [")", "]", "}"].contains(word.text) && word.kind == .op { depth -= 1 }
    }
    if open.isOp("("), elements.count < 2 { return nil }
    if elements.last?.isEmpty == true { elements.removeLast() }
    let strings = elements.map { parts -> String? in
      guard !parts.isEmpty else { return nil }
      let pieces = parts.map { $0.kind == .string ? PythonStringLiteral.value(of: $0.text) : nil }
      return pieces.contains(nil) ? nil : pieces.map { $0! }.joined()
    }
    guard let first = strings.first ?? nil else { return nil }
    return (first, strings.contains(nil) ? nil : strings.map { $0! })
  }
}
