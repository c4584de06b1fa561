/// A reason an edit cannot be written in one way; `ScalarEditor` then tries the next way.
struct Unwritable: Error, Sendable, Equatable {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

/// Writes value text in each scalar style's own encoding.
enum ScalarWriter {
  /// Text for a single-quoted scalar: `'` doubles.
  static func singleQuoted(_ text: String) throws -> String {
    guard !text.contains("\n"), text.unicodeScalars.allSatisfy(isPrintable) else {
      throw Unwritable("a line break or control character cannot stay on one single-quoted line")
    }
    return text.replacingAll("'", with: "''")
  }

  /// Text for a double-quoted scalar: `\`, `"`, line breaks and control characters escaped.
  static func doubleQuoted(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\t": result += "\t"
      default:
        if isPrintable(scalar) {
          result.unicodeScalars.append(scalar)
        } else {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          result += scalar.value < 0x100 ? "\\x" + pad(hex, 2) : "\\u" + pad(hex, 4)
        }
      }
    }
    return result
  }

  /// Whether `value` can be written as a plain scalar as it is.
  static func isSafePlain(_ value: String, inFlow: Bool) -> Bool {
    guard let first = value.utf8.first, let last = value.utf8.last else { return false }
    let bytes = Array(value.utf8)
    if "#&*!|>'\"%@`,[]{}".utf8.contains(first) || YAMLBytes.isWhite(first) || YAMLBytes.isWhite(last) {
      return false
    }
    if "-?:".utf8.contains(first), bytes.count == 1 || YAMLBytes.isWhite(bytes[1]) { return false }
    if last == UInt8(ascii: ":") || bytes.contains(where: YAMLBytes.isBreak) { return false }
    for index in bytes.indices.dropLast() {
      let (byte, next) = (bytes[index], bytes[index + 1])
      if byte == UInt8(ascii: ":"), YAMLBytes.isBlank(next) || (inFlow && ",[]{}".utf8.contains(next)) {
        return false
      }
      if YAMLBytes.isBlank(byte), next == UInt8(ascii: "#") { return false }
    }
    if inFlow, bytes.contains(where: { ",[]{}".utf8.contains($0) }) { return false }
    return value.unicodeScalars.allSatisfy { $0 == "\t" || isPrintable($0) }
  }

  /// Text inserted into a block scalar: each value line break becomes the file's line ending
  /// plus the content indentation (doubled for folded blocks, where one break is a space).
  static func block(
    _ text: String, indent: Int, pad: Int, continuesLine: Bool, folded: Bool, lineEnding: String
  ) throws -> String {
    guard text.unicodeScalars.allSatisfy({ $0 == "\t" || $0 == "\n" || isPrintable($0) }) else {
      throw Unwritable("control characters cannot be written in a block scalar")
    }
    if pad > 0 {
      guard text.hasSuffix("\n"), !folded else {
        throw Unwritable("text after the block's last line break needs a new line of its own")
      }
    }
    let segments = text.split(separator: "\n", omittingEmptySubsequences: false)
    let indentation = String(repeating: " ", count: indent)
    var result = segments[0].isEmpty ? "" : String(repeating: " ", count: pad) + segments[0]
    for (number, segment) in segments.enumerated().dropFirst() {
      result += folded ? lineEnding + lineEnding : lineEnding
      let isLast = number == segments.count - 1
      if !segment.isEmpty || (isLast && continuesLine) { result += indentation + segment }
    }
    return result
  }

  /// A literal block scalar holding `value`: the header (indicator, chomping, indentation
  /// indicator when needed, then `headerRest`) and the value lines, each on its own line.
  ///
  /// - Parameter suppliedBreaks: the line breaks the source already has after the written text
  ///   (the next line break plus the blank lines after it).
  static func literalBlock(
    _ value: String, indent: Int, parentIndent: Int, headerRest: String, lineEnding: String,
    suppliedBreaks: Int
  ) throws -> String {
    guard value.unicodeScalars.allSatisfy({ $0 == "\t" || $0 == "\n" || isPrintable($0) }) else {
      throw Unwritable("control characters cannot be written in a literal block")
    }
    var body = Substring(value)
    var trailing = 0
    while body.hasSuffix("\n") {
      body = body.dropLast()
      trailing += 1
    }
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    guard let firstText = lines.first(where: { !$0.isEmpty }) else {
      throw Unwritable("a value without text cannot be written as a literal block")
    }
    var header = "|"
    if firstText.first == " " || firstText.first == "\t" {
      let step = indent - max(parentIndent, 0)
      guard (1...9).contains(step) else {
        throw Unwritable("a first line that starts with white space needs an indentation indicator")
      }
      header += String(step)
    }
    var extra = 0
    switch trailing {
    case 0: header += "-"
    case 1: extra = suppliedBreaks == 0 ? 1 : 0
    default:
      header += "+"
      guard suppliedBreaks <= trailing else {
        throw Unwritable("blank lines after the scalar would become part of a `|+` value")
      }
      extra = trailing - suppliedBreaks
    }
    let indentation = String(repeating: " ", count: indent)
    let written = lines.map { $0.isEmpty ? "" : indentation + $0 }
    return header + headerRest + lineEnding + written.joined(separator: lineEnding)
      + String(repeating: lineEnding, count: extra)
  }

  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    // NEL, LS and PS are line breaks to libyaml, so they never count as printable here.
    case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
      return scalar.value != 0xFEFF && scalar.value != 0x2028 && scalar.value != 0x2029
    default:
      return false
    }
  }

  private static func pad(_ hex: String, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - hex.count)) + hex
  }
}

extension String {
  /// The string with every occurrence of `target` replaced, without Foundation.
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
