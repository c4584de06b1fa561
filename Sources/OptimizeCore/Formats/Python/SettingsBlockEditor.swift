/// Plans and verifies the settings block that makes a phase's value win in a Django settings module.
public enum SettingsBlockEditor {
  /// Plans the block for a settings module: nothing when it already holds, else one insertion at the end.
  ///
  /// - Parameters:
  ///   - source: the settings module.
  ///   - block: the block's text, from the phase data.
  ///   - unconditional: true for a test-only module: no guard and no import, the assignment at column 0.
  /// - Throws: `FormatError` when the module does not tokenize as Python 3, or holds a damaged block.
  public static func plan(source: SourceText, block: SettingsBlock, unconditional: Bool) throws
    -> SettingsPlan
  {
    let module = try PythonModule(source: source)
    if let begin = try existingBlock(in: module, block: block) {
      return .satisfied(reason: "the file already contains the `\(block.beginLine)` block", location: begin)
    }
    let assignments = module.assignments(to: block.name)
    var notes: [String] = []
    if let wanted = block.values.first {
      let (found, overrides) = testValue(wanted, in: module, assignments: assignments)
      if let found {
        return .satisfied(
          reason: "\(block.name) already starts with \(quoted(wanted))" + condition(of: found, in: module),
          location: found.location)
      }
      notes += overrides
      let scope = unconditional ? "" : " for tests only"
      for assignment in assignments where assignment.kind == .assign && assignment.firstElement != wanted {
        notes.append(
          "\(assignment.location): \(block.name) is set here without \(quoted(wanted)) first; "
            + "it is overridden\(scope) by our block")
      }
    }
    let text = try render(block, unconditional: unconditional, module: module)
    return .edits([.insert(text, at: source.bytes.count)], notes: notes)
  }

  static func quoted(_ value: String) -> String { "`\(value)`" }

  static func condition(of assignment: PythonAssignment, in module: PythonModule) -> String {
    guard let branch = assignment.branch, let clause = module.statements[branch].clause else { return "" }
    return " under `if \(module.source.text(clause)):`"
  }

  /// The location of our `# BEGIN` comment, if the module has our block.
  ///
  /// - Throws: `FormatError` when the `# BEGIN` line has no `# END` line after it.
  static func existingBlock(in module: PythonModule, block: SettingsBlock) throws -> SourceLocation? {
    // Column 1: the comment starts its line (after the BOM on the first line). Checked on the
    // bytes, because computing a column for every comment of a large module is slow.
    let source = module.source
    // Most modules hold no block: one search of the bytes says so before any token is looked at.
    let mentioned = ASCIIScan.withBytes(block.beginLine) { line in
      source.bytes.withUnsafeBufferPointer { ASCIIScan.firstOffset(of: line, in: $0) != nil }
    }
    guard mentioned || block.beginLine.isEmpty else { return nil }
    let tokens = module.tokens
    let comments = tokens.indices.filter { index in
      let offset = tokens.start(index)
      return tokens.kind(index) == .comment
        && (offset == source.bomLength || (offset > 0 && source.bytes[offset - 1] == 0x0A))
    }
    // The comment is `line` followed by nothing but spaces and tabs; compared on the UTF-8
    // bytes, because building a trimmed String for every comment of a large module is slow.
    let isLine = { (index: Int, line: String) in
      let text = source.bytes[tokens.range(index)]
      return text.starts(with: line.utf8)
        && text.dropFirst(line.utf8.count).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
    // Each line made once: the comments of a large module are many.
    let beginLine = block.beginLine
    let endLine = block.endLine
    guard let begin = comments.firstIndex(where: { isLine($0, beginLine) }) else { return nil }
    let start = module.source.location(ofByte: tokens.start(comments[begin]))
    guard comments[(begin + 1)...].contains(where: { isLine($0, endLine) }) else {
      throw FormatError(
        in: module.source, atByte: tokens.start(comments[begin]),
        expected: "a `\(block.endLine)` line after this one", found: "the end of the file",
        fix: "restore the block's END line or remove its BEGIN line, then run optimize again")
    }
    return start
  }

  /// The last assignment that makes `wanted` first under tests and that nothing later overrides,
  /// and, when there is none, notes on what overrode a candidate.
  static func testValue(
    _ wanted: String, in module: PythonModule, assignments: [PythonAssignment]
  ) -> (PythonAssignment?, [String]) {
    var notes: [String] = []
    for candidate in assignments.reversed()
    where candidate.kind == .assign && candidate.firstElement == wanted {
      let statement = module.statements[candidate.statement]
      let inTestBranch = candidate.branch.map { isTestCondition(module.statements[$0], in: module) } ?? false
      guard statement.depth == 0 || inTestBranch else { continue }
      let later = assignments.filter { other in
        guard other.statement > candidate.statement, other.kind != .extend else { return false }
        if other.kind == .assign, other.firstElement == wanted { return false }
        if let mine = candidate.branch, let theirs = other.branch, mine != theirs,
          module.statements[mine].ifChain == module.statements[theirs].ifChain
        {
          return false
        }
        return true
      }
      let stars = module.starImports.filter { $0.statement.range.lowerBound > statement.range.lowerBound }
      if later.isEmpty, stars.isEmpty { return (candidate, []) }
      for star in stars {
        let note =
          "\(module.location(of: star.statement)): `from \(star.module) import *` may replace the value set at "
          + "line \(candidate.location.line); our block sets it last"
        if !notes.contains(note) { notes.append(note) }
      }
    }
    return (nil, notes)
  }

  /// Whether an `if`/`elif` header's condition is about tests (`TESTING`, `'test' in sys.argv`, `pytest`…)
  /// and holds no negation.
  static func isTestCondition(_ header: PythonStatement, in module: PythonModule) -> Bool {
    guard case .header(let keyword) = header.kind, keyword == "if" || keyword == "elif" else { return false }
    let words = module.tokens(of: header).dropFirst().dropLast()
    let negations: Set<String> = ["not", "False", "!=", "and", "is"]
    guard !words.contains(where: { negations.contains($0.text) }) else { return false }
    return words.contains { word in
      let lower = word.text.lowercased()
      let negated = word.kind == .name && (lower.hasPrefix("not") || lower.hasPrefix("no_"))
      return (word.kind == .name || word.kind == .string) && lower.contains("test") && !negated
    }
  }
}
