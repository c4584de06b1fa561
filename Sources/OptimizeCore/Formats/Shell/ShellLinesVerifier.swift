/// Lines of a Makefile or script that an edit rewrites: where they start, and their text before
/// and after.
public struct ShellLinesUnit: Sendable, Equatable {
  /// The byte offset in the file before the edit where the lines start.
  public var start: Int
  /// The lines' text before (no final line break).
  public var old: String
  /// Their text after.
  public var new: String
  /// Whether they are Makefile recipe lines or script lines.
  public var kind: ShellFileKind

  /// Creates a unit.
  public init(start: Int, old: String, new: String, kind: ShellFileKind) {
    self.start = start
    self.old = old
    self.new = new
    self.kind = kind
  }
}

/// Checks an edit of shell lines in a Makefile or script: only the edited lines changed, and each
/// still splits into shell words.
public enum ShellLinesVerifier {
  /// Verifies that `after` is `before` with exactly `units` rewritten, and that each rewritten
  /// Makefile recipe line or script line lexes.
  ///
  /// - Throws: `FormatError` at the first line that fails.
  public static func verify(before: SourceText, after: SourceText, units: [ShellLinesUnit]) throws {
    var expected = before.bytes
    for unit in units.sorted(by: { $0.start > $1.start }) {
      let range = unit.start..<(unit.start + unit.old.utf8.count)
      guard range.upperBound <= expected.count, expected[range].elementsEqual(unit.old.utf8) else {
        throw FormatError(
          in: before, atByte: unit.start, expected: "the lines the edit was computed from",
          found: "other bytes", fix: "this is a bug in optimize, please report it with the file")
      }
      expected.replaceSubrange(range, with: Array(unit.new.utf8))
    }
    guard expected == after.bytes else {
      throw FormatError(
        in: after, atByte: zip(expected, after.bytes).prefix { $0 == $1 }.count,
        expected: "only the edited lines to change", found: "a change elsewhere",
        fix: "this is a bug in optimize, please report it with the file")
    }
    var shift = 0
    for unit in units.sorted(by: { $0.start < $1.start }) {
      let start = unit.start + shift
      shift += unit.new.utf8.count - unit.old.utf8.count
      for piece in pieces(of: unit) {
        do {
          try ShellScript.validate(piece.text)
        } catch let error as ShellError {
          throw FormatError(
            in: after, atByte: start + piece.offset + error.offset, expected: error.expected,
            found: error.found,
            fix: "this is a bug in optimize, please report it with the file")
        }
      }
    }
    if units.contains(where: { $0.kind == .makefile }) {
      let rules = { (source: SourceText) in Makefile.parse(source).rules.map(\.targets) }
      guard rules(before) == rules(after) else {
        throw FormatError(
          in: after, atByte: 0, expected: "the same Makefile rules", found: "different rules",
          fix: "this is a bug in optimize, please report it with the file")
      }
    }
  }

  /// The shell texts of a unit's new text: the whole text for a script; each recipe line for a
  /// Makefile, without its tab and `@`, `-`, `+` prefixes.
  private static func pieces(of unit: ShellLinesUnit) -> [(offset: Int, text: String)] {
    guard unit.kind == .makefile else { return [(0, unit.new)] }
    let source = SourceText(path: "", bytes: Array(unit.new.utf8))
    var result: [(Int, String)] = []
    var current: (offset: Int, text: String)?
    for line in source.lineStarts.indices {
      let range = source.lineRange(line)
      var text = source.text(range)
      let continues = current.map { $0.text.reversed().prefix { $0 == "\\" }.count % 2 == 1 } ?? false
      if continues, let open = current {
        current = (open.offset, open.text + "\n" + text)
        continue
      }
      if let open = current { result.append(open) }
      var offset = range.lowerBound
      if line > 0 {
        let prefix = text.prefix { "\t@-+ ".contains($0) }
        offset += prefix.utf8.count
        text.removeFirst(prefix.count)
      }
      current = (offset, text)
    }
    if let open = current { result.append(open) }
    return result
  }
}
