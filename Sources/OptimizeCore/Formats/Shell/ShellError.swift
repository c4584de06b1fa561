/// A shell script that cannot be split into words safely.
public enum ShellError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `'` with no closing `'`.
  case unterminatedSingleQuote(offset: Int)
  /// A `"` with no closing `"`.
  case unterminatedDoubleQuote(offset: Int)
  /// A `$(` with no closing `)`.
  case unterminatedCommandSubstitution(offset: Int)
  /// A `` ` `` with no closing backtick.
  case unterminatedBacktick(offset: Int)
  /// A `${` with no closing `}`.
  case unterminatedParameterExpansion(offset: Int)
  /// A GitHub Actions `${{` with no closing `}}`.
  case unterminatedExpression(offset: Int)
  /// A `<<` with no delimiter word after it.
  case missingHeredocDelimiter(offset: Int)

  /// The UTF-8 byte offset in the script where the unterminated construct starts.
  public var offset: Int {
    switch self {
    case .unterminatedSingleQuote(let offset), .unterminatedDoubleQuote(let offset),
      .unterminatedCommandSubstitution(let offset), .unterminatedBacktick(let offset),
      .unterminatedParameterExpansion(let offset), .unterminatedExpression(let offset),
      .missingHeredocDelimiter(let offset):
      return offset
    }
  }

  /// What the lexer expected.
  public var expected: String {
    switch self {
    case .unterminatedSingleQuote: return "a closing `'`"
    case .unterminatedDoubleQuote: return "a closing `\"`"
    case .unterminatedCommandSubstitution: return "a `)` closing this `$(`"
    case .unterminatedBacktick: return "a closing backtick"
    case .unterminatedParameterExpansion: return "a `}` closing this `${`"
    case .unterminatedExpression: return "`}}` closing this `${{`"
    case .missingHeredocDelimiter: return "a here-document delimiter word after `<<`"
    }
  }

  /// What the lexer found instead.
  public var found: String {
    switch self {
    case .missingHeredocDelimiter: return "none"
    default: return "the end of the script"
    }
  }

  /// What the user can do.
  public var fix: String {
    "close it in the script (the shell would reject it too), then run optimize again"
  }

  /// `byte N: expected …, found …; fix`.
  public var description: String {
    "byte \(offset): expected \(expected), found \(found); \(fix)"
  }
}
