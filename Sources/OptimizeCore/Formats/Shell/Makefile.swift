import Foundation

/// The parts of a Makefile that say which shell commands a target runs: rules, their recipe lines
/// with byte ranges, and simple variables.
///
/// Written here because no Swift package reads Makefiles; it reads what CI Makefiles use and leaves
/// conditionals, `define` and pattern rules alone.
public struct Makefile: Sendable {
  /// One rule: `targets: prerequisites`, then its recipe.
  public struct Rule: Sendable, Equatable {
    /// The targets before the colon.
    public var targets: [String]
    /// The prerequisites after it.
    public var prerequisites: [String]
    /// The recipe lines, in order.
    public var recipe: [RecipeLine]
  }

  /// One recipe line: a tab, optional `@`, `-`, `+` prefixes, then shell text up to the end of its
  /// last `\` continuation.
  public struct RecipeLine: Sendable, Equatable {
    /// The prefix characters as written (`@`, `-@`), without spaces.
    public var prefix: String
    /// The byte offset in the file where the shell text starts (after the tab and prefixes).
    public var start: Int
    /// The shell text, continuations included, without the final line break.
    public var text: String
    /// The 0-based line where the recipe line starts.
    public var line: Int
  }

  /// The rules in file order.
  public var rules: [Rule]
  /// Simple variables (`NAME = value`, `:=`, `?=`, `+=`), the last definition winning.
  public var variables: [String: String]
  /// Whether `.ONESHELL:` makes each recipe one shell.
  public var oneShell: Bool

  /// The first rule for `target` that has a recipe, or the first rule for it.
  public func rule(for target: String) -> Rule? {
    let matching = rules.filter { $0.targets.contains(target) }
    return matching.first { !$0.recipe.isEmpty } ?? matching.first
  }

  /// The target `make` builds without arguments: the first that is not special or a pattern.
  public var defaultGoal: String? {
    if let goal = variables[".DEFAULT_GOAL"] { return goal }
    return rules.lazy.flatMap(\.targets).first { !$0.hasPrefix(".") && !$0.contains("%") }
  }

  /// Reads `source`'s rules and variables.
  public static func parse(_ source: SourceText) -> Makefile {
    var makefile = Makefile(rules: [], variables: [:], oneShell: false)
    var current: Rule?
    var line = 0
    var inDefine = false
    while line < source.lineStarts.count {
      let first = line
      var last = line
      while endsWithContinuation(source.lineText(last)), last + 1 < source.lineStarts.count { last += 1 }
      line = last + 1
      let range = source.lineStarts[first]..<source.lineRange(last).upperBound
      let text = source.text(range)
      if inDefine {
        if text.trimmingCharacters(in: .whitespaces).hasPrefix("endef") { inDefine = false }
        continue
      }
      if text.hasPrefix("\t"), current != nil {
        current?.recipe.append(recipeLine(text, start: range.lowerBound, line: first))
        continue
      }
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if let rule = current { makefile.rules.append(rule) }
      current = nil
      if trimmed.hasPrefix("define ") {
        inDefine = true
      } else if let (name, op, value) = assignment(trimmed) {
        let old = makefile.variables[name]
        switch op {
        case "+=": makefile.variables[name] = old.map { "\($0) \(value)" } ?? value
        case "?=": makefile.variables[name] = old ?? value
        default: makefile.variables[name] = value
        }
      } else if let rule = ruleHeader(trimmed) {
        if rule.targets.contains(".ONESHELL") { makefile.oneShell = true }
        current = rule
      }
    }
    if let rule = current { makefile.rules.append(rule) }
    return makefile
  }

  private static func endsWithContinuation(_ line: String) -> Bool {
    line.reversed().prefix { $0 == "\\" }.count % 2 == 1
  }

  private static func recipeLine(_ text: String, start: Int, line: Int) -> RecipeLine {
    var bytes = Array(text.utf8).dropFirst()
    var prefix = ""
    while let byte = bytes.first, [.space, .tab, 0x40, 0x2D, 0x2B].contains(byte) {
      if byte != .space && byte != .tab { prefix.append(Character(UnicodeScalar(byte))) }
      bytes = bytes.dropFirst()
    }
    let offset = start + (text.utf8.count - bytes.count)
    return RecipeLine(prefix: prefix, start: offset, text: String(decoding: bytes, as: UTF8.self), line: line)
  }

  /// `NAME op value` with an optional `export`/`override`; nil for anything else.
  private static func assignment(_ line: String) -> (String, String, String)? {
    var rest = Substring(line)
    for keyword in ["export ", "override "] where rest.hasPrefix(keyword) {
      rest = rest.dropFirst(keyword.count).drop { $0 == " " }
    }
    let name = rest.prefix { $0.isLetter || $0.isNumber || "_.-".contains($0) }
    guard !name.isEmpty else { return nil }
    let afterName = rest.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
    for op in [":::=", "::=", ":=", "?=", "+=", "!=", "="] where afterName.hasPrefix(op) {
      let value = afterName.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
      return (String(name), op == "!=" ? "=" : op, op == "!=" ? "$(shell \(value))" : value)
    }
    return nil
  }

  /// `targets: prerequisites [; recipe]`; nil for directives and target-specific variables.
  private static func ruleHeader(_ line: String) -> Rule? {
    let directives = [
      "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "-include", "sinclude", "vpath",
      "unexport",
    ]
    if directives.contains(where: { line == $0 || line.hasPrefix($0 + " ") || line.hasPrefix($0 + "(") }) {
      return nil
    }
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let targets = line[..<colon].split(separator: " ").map(String.init)
    var rest = line[line.index(after: colon)...]
    if rest.hasPrefix(":") { rest = rest.dropFirst() }
    let body = rest.split(separator: ";", maxSplits: 1).first ?? ""
    if body.contains("=") || targets.isEmpty { return nil }
    let prerequisites = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "|" }).map(String.init)
    return Rule(targets: targets, prerequisites: prerequisites, recipe: [])
  }
}
