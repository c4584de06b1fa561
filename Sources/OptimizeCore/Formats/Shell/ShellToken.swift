/// An operator that ends a simple command.
public enum CommandSeparator: String, Sendable, Equatable, Codable {
  /// `&&`
  case and = "&&"
  /// `||`
  case or = "||"
  /// `;`
  case semicolon = ";"
  /// `;;`, `;&` or `;;&`, ending a `case` branch.
  case caseBranchEnd = ";;"
  /// `|`
  case pipe = "|"
  /// `|&`
  case pipeAll = "|&"
  /// `&`
  case background = "&"
  /// `(`, as in a subshell or a function definition.
  case openParenthesis = "("
  /// `)`
  case closeParenthesis = ")"
  /// An unquoted line break.
  case newline = "\n"
  /// The end of the script.
  case end = ""

  /// Whether the command's output flows into the next command.
  public var isPipe: Bool { self == .pipe || self == .pipeAll }
}

/// A lexical token of a shell script.
enum ShellToken: Sendable, Equatable {
  /// A word.
  case word(ShellWord)
  /// A redirection operator such as `>`, `2>&1`'s `2>&` or `<<`; the next word is its target.
  case redirection(String, Range<Int>)
  /// A control operator other than a line break.
  case separator(CommandSeparator, Range<Int>)
  /// An unquoted line break at `offset`; `lineEnd` is where the line's text ends (before any `\r`),
  /// `heredocEnd` the end of the last here-document body line it started, if any.
  case newline(offset: Int, lineEnd: Int, heredocEnd: Int?)

  /// The byte offset where the token starts.
  var start: Int {
    switch self {
    case .word(let word): return word.range.lowerBound
    case .redirection(_, let range), .separator(_, let range): return range.lowerBound
    case .newline(let offset, _, _): return offset
    }
  }

  /// The byte offset just after the token.
  var end: Int {
    switch self {
    case .word(let word): return word.range.upperBound
    case .redirection(_, let range), .separator(_, let range): return range.upperBound
    case .newline(let offset, _, _): return offset + 1
    }
  }
}
