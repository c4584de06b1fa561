extension TOMLScanner {
  /// Reads a basic, literal, multi-line basic or multi-line literal string.
  mutating func string() throws -> TOMLNode {
    let start = pos
    guard let quote = peek(0) else { throw failure("a string") }
    let basic = quote == UInt8(ascii: "\"")
    let multiLine = peek(1) == quote && peek(2) == quote
    pos += multiLine ? 3 : 1
    if multiLine {
      // A line break right after the opening quotes is not part of the string.
      if peek(0) == 0x0A {
        pos += 1
      } else if peek(0) == 0x0D, peek(1) == 0x0A {
        pos += 2
      }
    }
    var decoded: [UInt8] = []
    while true {
      guard let byte = peek(0) else { throw failure("a closing quote") }
      if byte == quote {
        if !multiLine {
          pos += 1
          break
        }
        if peek(1) == quote, peek(2) == quote {
          // Up to two quotes may come right before the closing three.
          var extra = 0
          while extra < 2, peek(3 + extra) == quote { extra += 1 }
          decoded += Array(repeating: quote, count: extra)
          pos += 3 + extra
          break
        }
      }
      if !multiLine, byte == 0x0A || byte == 0x0D { throw failure("a closing quote on the same line") }
      if basic, byte == UInt8(ascii: "\\") {
        decoded += try escape(multiLine: multiLine)
        continue
      }
      decoded.append(byte)
      pos += 1
    }
    return TOMLNode(kind: .string(String(decoding: decoded, as: UTF8.self)), range: start..<pos)
  }

  /// Reads one escape sequence after a backslash in a basic string.
  private mutating func escape(multiLine: Bool) throws -> [UInt8] {
    pos += 1
    guard let byte = peek(0) else { throw failure("an escape sequence") }
    pos += 1
    switch byte {
    case UInt8(ascii: "b"): return [0x08]
    case UInt8(ascii: "t"): return [0x09]
    case UInt8(ascii: "n"): return [0x0A]
    case UInt8(ascii: "f"): return [0x0C]
    case UInt8(ascii: "r"): return [0x0D]
    case UInt8(ascii: "\""): return [byte]
    case UInt8(ascii: "\\"): return [byte]
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = byte == UInt8(ascii: "u") ? 4 : 8
      guard pos + count <= bytes.count,
        let scalarValue = UInt32(source.text(pos..<pos + count), radix: 16),
        let scalar = Unicode.Scalar(scalarValue)
      else { throw failure("\(count) hex digits of a Unicode escape") }
      pos += count
      return Array(String(Character(scalar)).utf8)
    case 0x20, 0x09, 0x0A, 0x0D:
      // A line-ending backslash trims the break and the whitespace after it.
      pos -= 1
      guard multiLine else { throw failure("a valid escape sequence") }
      while let next = peek(0), [0x20, 0x09, 0x0A, 0x0D].contains(next) { pos += 1 }
      return []
    default:
      pos -= 1
      throw failure("a valid escape sequence")
    }
  }
}
