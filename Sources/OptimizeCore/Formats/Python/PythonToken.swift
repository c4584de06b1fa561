/// One token of Python source, with its exact byte range.
public struct PythonToken: Sendable, Equatable {
  /// What kind of token this is.
  public enum Kind: Sendable, Equatable {
    /// An identifier or keyword.
    case name
    /// A number literal.
    case number
    /// A string literal with its prefix and quotes (f-strings included, as one token).
    case string
    /// An operator or a bracket.
    case op
    /// A `#` comment, without the line break.
    case comment
    /// The line break that ends a logical line.
    case newline
    /// A line break that does not end a logical line (blank line, comment line, inside brackets).
    case nl
    /// The start of a more indented block; its range is the indentation.
    case indent
    /// The end of an indented block; its range is empty.
    case dedent
    /// The end of the file; its range is empty.
    case endMarker
  }

  /// What kind of token this is.
  public var kind: Kind
  /// The byte range of the token in the file.
  public var range: Range<Int>
  /// The token's bytes as text.
  public var text: String

  /// Creates a token.
  public init(kind: Kind, range: Range<Int>, text: String) {
    self.kind = kind
    self.range = range
    self.text = text
  }

  /// Whether this token is layout or a comment rather than part of a statement.
  public var isTrivia: Bool {
    switch kind {
    case .comment, .nl, .indent, .dedent: return true
    default: return false
    }
  }

  /// Whether this token is the operator or bracket `symbol`.
  public func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }

  /// Whether this token is the name or keyword `word`.
  public func isName(_ word: String) -> Bool { kind == .name && text == word }
}
