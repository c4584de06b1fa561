/// A file that cannot be read or edited safely, with the place, what was expected and what to do.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// What the parser expected there.
  public var expected: String
  /// What it found instead.
  public var found: String
  /// What the user can do next.
  public var fix: String
  /// The offending source line, shown with a caret under the column.
  public var sourceLine: String?

  /// Creates a format error.
  public init(
    _ location: SourceLocation, expected: String, found: String, fix: String,
    sourceLine: String? = nil
  ) {
    self.location = location
    self.expected = expected
    self.found = found
    self.fix = fix
    self.sourceLine = sourceLine
  }

  /// Creates a format error at a byte offset of a source text, quoting its line.
  public init(in source: SourceText, atByte offset: Int, expected: String, found: String, fix: String) {
    let location = source.location(ofByte: offset)
    let line = location.line - 1 < source.lineStarts.count ? source.lineText(location.line - 1) : nil
    self.init(location, expected: expected, found: found, fix: fix, sourceLine: line)
  }

  /// `path:line:col: expected …, found …; fix`, then the line and a caret.
  public var description: String {
    var text = "\(location): expected \(expected), found \(found); \(fix)"
    if let sourceLine, !sourceLine.isEmpty {
      let caretPad = String(repeating: " ", count: max(0, location.column - 1))
      text += "\n    \(sourceLine)\n    \(caretPad)^"
    }
    return text
  }
}
