/// One token of Python source, with its exact byte range.
///
/// A token refers to the bytes it was read from and builds its `text` only when asked, so that
/// walking the tokens of a large module allocates nothing.
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
  // The bytes that hold the token's text, and where in them it is: the source's bytes and
  // `range` for a token read from a file, the text's own bytes for one made from a string.
  let storage: [UInt8]
  let textRange: Range<Int>

  /// Creates a token.
  public init(kind: Kind, range: Range<Int>, text: String) {
    self.kind = kind
    self.range = range
    self.storage = Array(text.utf8)
    self.textRange = 0..<storage.count
  }

  init(kind: Kind, range: Range<Int>, bytes: [UInt8]) {
    self.kind = kind
    self.range = range
    self.storage = bytes
    self.textRange = range
  }

  /// The token's bytes as text.
  public var text: String { String(decoding: storage[textRange], as: UTF8.self) }

  /// The token's bytes.
  var utf8: ArraySlice<UInt8> { storage[textRange] }

  /// Whether this token is layout or a comment rather than part of a statement.
  public var isTrivia: Bool {
    switch kind {
    case .comment, .nl, .indent, .dedent: return true
    default: return false
    }
  }

  /// Whether this token is the operator or bracket `symbol`.
  public func isOp(_ symbol: String) -> Bool { kind == .op && utf8.elementsEqual(symbol.utf8) }

  /// Whether this token is the name or keyword `word`.
  public func isName(_ word: String) -> Bool { kind == .name && utf8.elementsEqual(word.utf8) }

  /// Tokens are equal when their kinds, ranges and texts are.
  public static func == (left: PythonToken, right: PythonToken) -> Bool {
    left.kind == right.kind && left.range == right.range && left.utf8.elementsEqual(right.utf8)
  }
}
