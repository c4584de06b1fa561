/// Reading and writing plain Python string literals (no f-, t- or b-strings).
public enum PythonStringLiteral {
  /// The value of a plain string literal token such as `'a'`, `r"b\c"` or `u'''d'''`.
  ///
  /// - Returns: nil for f-strings, t-strings, bytes, and escapes other than the simple ones.
  public static func value(of token: String) -> String? {
    var token = token
    if let value = token.withUTF8({ asciiValue(of: $0) }) { return value }
    let prefix = token.prefix { $0 != "'" && $0 != "\"" }.lowercased()
    // Characters, not Strings: `contains("f")` would be Foundation's substring search.
    guard !prefix.contains(where: { $0 == "f" || $0 == "t" || $0 == "b" }) else { return nil }
    var body = token.dropFirst(prefix.count)
    let quoteLength = body.hasPrefix("'''") || body.hasPrefix("\"\"\"") ? 3 : 1
    guard body.count >= 2 * quoteLength else { return nil }
    body = body.dropFirst(quoteLength).dropLast(quoteLength)
    // Without a backslash the loop below would copy the body Character by Character.
    if prefix.contains(Character("r")) || !body.utf8.contains(UInt8(ascii: "\\")) { return String(body) }
    var value = ""
    var escaped = false
    for character in body {
      if escaped {
        switch character {
        case "\\", "'", "\"": value.append(character)
        case "n": value.append("\n")
        case "t": value.append("\t")
        default: return nil
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        value.append(character)
      }
    }
    return escaped ? nil : value
  }

  /// `value(of:)` for a token of ASCII bytes without CR, where each byte is a Character; nil
  /// (rather than `.some(nil)`) when the token is not such, and the Character path decides.
  static func asciiValue(of token: UnsafeBufferPointer<UInt8>) -> String?? {
    guard !token.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
    let isQuote = { (byte: UInt8) in byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") }
    let prefixLength = token.firstIndex(where: isQuote) ?? token.count
    var raw = false
    for byte in token[..<prefixLength] {
      switch byte | 0x20 {
      case UInt8(ascii: "f"), UInt8(ascii: "t"), UInt8(ascii: "b"): return .some(nil)
      case UInt8(ascii: "r"): raw = true
      default: break
      }
    }
    let body = token[prefixLength...]
    let isTriple = { (quote: UInt8) in body.count >= 3 && body.prefix(3).allSatisfy { $0 == quote } }
    let quoteLength = isTriple(UInt8(ascii: "'")) || isTriple(UInt8(ascii: "\"")) ? 3 : 1
    guard body.count >= 2 * quoteLength else { return .some(nil) }
    let inner = body.dropFirst(quoteLength).dropLast(quoteLength)
    if raw || !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
    var value: [UInt8] = []
    value.reserveCapacity(inner.count)
    var escaped = false
    for byte in inner {
      if escaped {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(byte)
        case UInt8(ascii: "n"): value.append(0x0A)
        case UInt8(ascii: "t"): value.append(0x09)
        default: return .some(nil)
        }
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else {
        value.append(byte)
      }
    }
    return .some(escaped ? nil : String(decoding: value, as: UTF8.self))
  }

  /// A plain literal for `value` in the preferred quote, switching quotes when that avoids escapes.
  public static func literal(_ value: String, quote: Character) -> String {
    let other: Character = quote == "'" ? "\"" : "'"
    let chosen = value.contains(quote) && !value.contains(other) ? other : quote
    var body = ""
    for character in value {
      switch character {
      case "\\": body += "\\\\"
      case "\n": body += "\\n"
      case "\t": body += "\\t"
      case chosen: body += "\\" + String(chosen)
      default: body.append(character)
      }
    }
    return String(chosen) + body + String(chosen)
  }
}
