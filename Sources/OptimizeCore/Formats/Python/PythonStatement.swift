/// One simple statement or compound-statement header of a Python module, found from its tokens.
public struct PythonStatement: Sendable, Equatable {
  /// What the statement is, as far as settings edits need to know.
  public enum Kind: Sendable, Equatable {
    /// `import a.b as c, d`: the names it binds.
    case importNames([String])
    /// `from module import a as b, c` (`module` keeps its leading dots): the names it binds.
    case fromImport(module: String, names: [String])
    /// `from module import *`.
    case starImport(module: String)
    /// The header of a compound statement up to its `:`, such as `if TESTING:` or `else:`.
    case header(keyword: String)
    /// Any other simple statement.
    case simple
  }

  /// What the statement is.
  public var kind: Kind
  /// The indices into the module's tokens from the statement's first significant token to its
  /// last; the comments and NL tokens among them are not part of it (`PythonModule.tokens(of:)`).
  public var tokenSpan: Range<Int>
  /// The byte range from the first to the last significant token.
  public var range: Range<Int>
  /// Indices of the enclosing compound headers in the module's statements, outermost first.
  public var enclosing: [Int]
  /// For a header: the bytes of its condition or clause, between the keyword and the `:`.
  public var clause: Range<Int>?
  /// For an `if`/`elif`/`else` header: the index of the `if` that starts its chain.
  public var ifChain: Int?

  /// The number of blocks that enclose the statement; 0 at module level.
  public var depth: Int { enclosing.count }
}
