/// Reading and writing plain Python string literals (no f-, t- or b-strings).
public enum PythonStringLiteral {
  /// The value of a plain string literal token such as `'a'`, `r"b\c"` or `u'''d'''`.
  ///
  /// - Returns: nil for f-strings, t-strings, bytes, and escapes other than the simple ones.
  public static func value(of token: String) -> String? {
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
