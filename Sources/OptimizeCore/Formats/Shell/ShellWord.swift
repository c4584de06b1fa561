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
  var basename: String { Self.basename(of: value) }

  /// The last path component of a value.
  static func basename(of value: String) -> String {
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
    if let ascii = asciiAssignment { return ascii }
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let name = text[..<equals]
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
      name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
    else { return nil }
    let valueStart = value.index(value.startIndex, offsetBy: name.count + 1)
    return (String(name), String(value[valueStart...]))
  }

  /// `assignment` for an ASCII word, read as bytes (a Character is a byte there); `.some(nil)` when
  /// it is none, nil when the word is not ASCII. Every command's first word is asked.
  private var asciiAssignment: (name: String, value: String)?? {
    let name: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return 0 }
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
      guard equals > 0, bytes[0] == UInt8(ascii: "_") || isLetter(bytes[0]),
        bytes[..<equals].allSatisfy({ $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) })
      else { return 0 }
      return equals
    }
    guard let found = name ?? nil else { return nil }
    guard found > 0 else { return .some(nil) }
    let valueBytes = value.utf8.dropFirst(found + 1)
    return (
      String(decoding: text.utf8.prefix(found), as: UTF8.self), String(decoding: valueBytes, as: UTF8.self)
    )
  }
}
