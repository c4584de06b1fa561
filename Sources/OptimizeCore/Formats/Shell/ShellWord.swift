import Foundation

/// One word of a shell command, as written and as the shell would see it before expansion.
public struct ShellWord: Sendable, Equatable, Codable, Hashable {
  /// The raw text, quotes and escapes included.
  public var text: String
  /// The value with quotes and escapes removed; expansions such as `$X` or `$(…)` are kept as written.
  public var value: String
  /// The UTF-8 byte range of `text` in the script.
  public var range: Range<Int>
  /// Whether the word holds a `$…`, `$(…)`, backtick or `${{ … }}` expansion.
  public var hasExpansion: Bool
  /// Whether the word holds a GitHub Actions `${{ … }}` expression.
  public var hasExpression: Bool
  /// The part of `value` before the first expansion: all of it when there is none.
  public var literalPrefix: String

  /// Creates a word.
  public init(
    text: String, value: String, range: Range<Int>, hasExpansion: Bool = false,
    hasExpression: Bool = false, literalPrefix: String? = nil
  ) {
    self.text = text
    self.value = value
    self.range = range
    self.hasExpansion = hasExpansion
    self.hasExpression = hasExpression
    self.literalPrefix = literalPrefix ?? value
  }

  /// Whether the word is exactly `keyword`, unquoted, so the shell may read it as a reserved word.
  func isUnquoted(_ keyword: String) -> Bool { text == keyword }

  /// The last path component of the value: `python3` for `.venv/bin/python3`.
  var basename: String {
    // No split: every word of every command asks, and only the last component is wanted.
    guard let slash = value.utf8.lastIndex(of: UInt8(ascii: "/")) else { return value }
    return String(value[value.utf8.index(after: slash)...])
  }

  /// For a word that is one whole `${{ NAME }}` expression, `NAME` (`matrix.flags`).
  public var expressionName: String? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("${{"), trimmed.hasSuffix("}}"), trimmed.components(separatedBy: "${{").count == 2
    else { return nil }
    return trimmed.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
  }

  /// For a `NAME=value` word, the name and the value.
  var assignment: (name: String, value: String)? {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let name = text[..<equals]
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
      name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
    else { return nil }
    let valueStart = value.index(value.startIndex, offsetBy: name.count + 1)
    return (String(name), String(value[valueStart...]))
  }
}
