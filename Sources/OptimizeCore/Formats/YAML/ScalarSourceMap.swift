/// One piece of a decoded scalar value and the source bytes it came from.
struct ScalarPiece: Sendable, Equatable {
  /// The value bytes this piece produces (may be empty, for an escaped line break).
  var value: [UInt8]
  /// The source bytes that produce them.
  var source: Range<Int>
  /// Spaces to write before inserted text when `source.upperBound` is column 0 of a line that
  /// is not content (a block scalar's final break or a blank line).
  var pad: Int = 0
}

/// A scalar's value rebuilt from its source, piece by piece, the way libyaml decodes it.
///
/// Written by hand because libyaml reports only where a scalar starts and ends, not where each
/// value byte comes from; `ScalarEditor` checks the rebuilt value against libyaml's before use.
struct ScalarSourceMap: Sendable, Equatable {
  /// The pieces in value order.
  var pieces: [ScalarPiece]
  /// Where value offset 0 lies in the source when the value is empty.
  var contentStart: Int

  /// The value the pieces decode to.
  var value: [UInt8] { pieces.flatMap(\.value) }

  /// The source offset at which text inserted at value offset `offset` must go, and the spaces
  /// to write first; `nil` when the offset falls inside one escape or line fold.
  func sourcePosition(ofValueOffset offset: Int) -> (offset: Int, pad: Int)? {
    var consumed = 0
    if offset == 0 {
      return (pieces.first { !$0.value.isEmpty }?.source.lowerBound ?? contentStart, 0)
    }
    for piece in pieces where !piece.value.isEmpty {
      let end = consumed + piece.value.count
      if offset == end { return (piece.source.upperBound, piece.pad) }
      if offset < end { return nil }
      consumed = end
    }
    return nil
  }
}

/// Byte-level helpers shared by the scalar decoders and writers.
enum YAMLBytes {
  static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
  static func isWhite(_ byte: UInt8) -> Bool { isBlank(byte) || isBreak(byte) }

  /// The length of the line break at `index` (2 for CRLF), or 0 when there is none.
  static func breakLength(_ bytes: [UInt8], at index: Int) -> Int {
    guard index < bytes.count, isBreak(bytes[index]) else { return 0 }
    return bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
  }

  /// The offset of the line break (or end of file) that ends the line holding `index`.
  static func lineEnd(_ bytes: [UInt8], from index: Int) -> Int {
    var cursor = index
    while cursor < bytes.count, !isBreak(bytes[cursor]) { cursor += 1 }
    return cursor
  }

  /// The code-point column of `offset`, counted the way libyaml counts (no BOM).
  static func column(of offset: Int, in source: SourceText) -> Int {
    let line = source.lineIndex(ofByte: offset)
    let start = line == 0 ? min(source.bomLength, offset) : source.lineStarts[line]
    return source.bytes[start..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
  }

  /// Skips a node's anchor and tag and the white space or comments after them.
  static func skipProperties(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, bytes[index] == UInt8(ascii: "&") || bytes[index] == UInt8(ascii: "!") {
      if bytes[index] == UInt8(ascii: "!"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "<") {
        while index < end, bytes[index] != UInt8(ascii: ">") { index += 1 }
        index += 1
      } else {
        while index < end, !isWhite(bytes[index]), !",[]{}".utf8.contains(bytes[index]) {
          index += 1
        }
      }
      while index < end, isWhite(bytes[index]) || bytes[index] == UInt8(ascii: "#") {
        if bytes[index] == UInt8(ascii: "#") {
          index = lineEnd(bytes, from: index)
        } else {
          index += 1
        }
      }
    }
    return index
  }
}

extension ScalarSourceMap {
  /// Decodes a plain, single-quoted or double-quoted scalar whose content (inside the quotes)
  /// is `content`.
  static func flow(_ bytes: [UInt8], content: Range<Int>, style: YAMLScalarStyle) -> ScalarSourceMap {
    var pieces: [ScalarPiece] = []
    var index = content.lowerBound
    let end = content.upperBound
    while index < end {
      let byte = bytes[index]
      if YAMLBytes.isWhite(byte) {
        var cursor = index
        var breaks = 0
        while cursor < end, YAMLBytes.isWhite(bytes[cursor]) {
          let length = YAMLBytes.breakLength(bytes, at: cursor)
          if length > 0 { breaks += 1 }
          cursor += max(length, 1)
        }
        if breaks == 0 {
          for offset in index..<cursor {
            pieces.append(ScalarPiece(value: [bytes[offset]], source: offset..<offset + 1))
          }
        } else {
          let folded: [UInt8] = breaks == 1 ? [0x20] : Array(repeating: 0x0A, count: breaks - 1)
          pieces.append(ScalarPiece(value: folded, source: index..<cursor))
        }
        index = cursor
      } else if style == .singleQuoted, byte == UInt8(ascii: "'"), index + 1 < end {
        pieces.append(ScalarPiece(value: [byte], source: index..<index + 2))
        index += 2
      } else if style == .doubleQuoted, byte == UInt8(ascii: "\\"), index + 1 < end {
        let (value, next) = escape(bytes, at: index, end: end)
        pieces.append(ScalarPiece(value: value, source: index..<next))
        index = next
      } else {
        pieces.append(ScalarPiece(value: [byte], source: index..<index + 1))
        index += 1
      }
    }
    return ScalarSourceMap(pieces: pieces, contentStart: content.lowerBound)
  }

  /// Decodes one double-quoted escape at `index` (the backslash).
  private static func escape(_ bytes: [UInt8], at index: Int, end: Int) -> ([UInt8], Int) {
    let code = bytes[index + 1]
    if YAMLBytes.isBreak(code) {
      // An escaped break joins the lines; only further blank lines add breaks.
      var cursor = index + 1
      var breaks = -1
      while cursor < end, YAMLBytes.isWhite(bytes[cursor]) {
        let length = YAMLBytes.breakLength(bytes, at: cursor)
        if length > 0 { breaks += 1 }
        cursor += max(length, 1)
      }
      return (Array(repeating: 0x0A, count: max(breaks, 0)), cursor)
    }
    let simple: [UInt8: UInt32] = [
      UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, 0x09: 9,
      UInt8(ascii: "n"): 10, UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13,
      UInt8(ascii: "e"): 0x1B, 0x20: 0x20, UInt8(ascii: "\""): 0x22, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "N"): 0x85, UInt8(ascii: "_"): 0xA0,
      UInt8(ascii: "L"): 0x2028, UInt8(ascii: "P"): 0x2029,
    ]
    let digits = [UInt8(ascii: "x"): 2, UInt8(ascii: "u"): 4, UInt8(ascii: "U"): 8][code] ?? 0
    var scalar = simple[code] ?? 0xFFFD
    var next = index + 2
    if digits > 0, index + 2 + digits <= end {
      let hex = String(decoding: bytes[(index + 2)..<(index + 2 + digits)], as: UTF8.self)
      scalar = UInt32(hex, radix: 16) ?? 0xFFFD
      next = index + 2 + digits
    }
    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
    return (Array(String(Character(character)).utf8), next)
  }
}
