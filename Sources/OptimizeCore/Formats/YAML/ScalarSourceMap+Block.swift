/// A literal or folded block scalar's header and layout, as libyaml reads them.
struct BlockScalarLayout: Sendable, Equatable {
  /// How trailing line breaks are kept.
  enum Chomping: String, Sendable { case strip = "-", clip = "", keep = "+" }

  /// Whether the block is literal (`|`) rather than folded (`>`).
  var isLiteral: Bool
  /// The chomping indicator.
  var chomping: Chomping
  /// The explicit indentation indicator, or 0.
  var explicitIndent: Int
  /// Offset of the `|` or `>`.
  var indicator: Int
  /// The header bytes after the indicators up to the line break: spaces and a comment.
  var headerRest: Range<Int>
  /// The content indentation, in columns.
  var indent: Int
  /// End of the last content line's text (before its break), or of the header line.
  var contentEnd: Int
}

extension ScalarSourceMap {
  /// Decodes a block scalar whose indicator is at `indicator`, following libyaml's
  /// `yaml_parser_scan_block_scalar` step by step.
  ///
  /// - Parameter parentIndent: The indentation of the enclosing block collection (-1 at the top).
  static func block(
    _ bytes: [UInt8], indicator: Int, parentIndent: Int
  ) -> (ScalarSourceMap, BlockScalarLayout)? {
    guard indicator < bytes.count else { return nil }
    let isLiteral = bytes[indicator] == UInt8(ascii: "|")
    var chomping = BlockScalarLayout.Chomping.clip
    var explicitIndent = 0
    var index = indicator + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "+"): chomping = .keep
      case UInt8(ascii: "-"): chomping = .strip
      case UInt8(ascii: "1")...UInt8(ascii: "9"): explicitIndent = Int(bytes[index] - 0x30)
      default: break
      }
      guard "+-123456789".utf8.contains(bytes[index]) else { break }
      index += 1
    }
    let headerRest = index..<YAMLBytes.lineEnd(bytes, from: index)
    index = headerRest.upperBound + YAMLBytes.breakLength(bytes, at: headerRest.upperBound)
    var indent = explicitIndent > 0 ? max(parentIndent, 0) + explicitIndent : 0
    var scan = scanBreaks(bytes, from: index, indent: indent)
    if indent == 0 { indent = max(scan.maxColumn, parentIndent + 1, 1) }
    if explicitIndent == 0 { scan = scanBreaks(bytes, from: index, indent: indent) }

    var pieces: [ScalarPiece] = []
    var leadingBreak: Range<Int>?
    var leadingBlank = false
    var contentEnd = headerRest.upperBound
    func addBreaks(_ breaks: [Range<Int>], first: Int?, contentAt start: Int) {
      var ranges = breaks
      if let first, !ranges.isEmpty { ranges[0] = first..<ranges[0].upperBound }
      for (number, range) in ranges.enumerated() {
        let isLast = number == ranges.count - 1
        let upper = isLast ? start : range.upperBound
        pieces.append(ScalarPiece(value: [0x0A], source: range.lowerBound..<upper, pad: isLast ? 0 : indent))
      }
    }
    while scan.column == indent, scan.position < bytes.count {
      let start = scan.position
      let trailingBlank = YAMLBytes.isBlank(bytes[start])
      if let leading = leadingBreak, !isLiteral, !leadingBlank, !trailingBlank {
        if scan.breaks.isEmpty {
          pieces.append(ScalarPiece(value: [0x20], source: leading.lowerBound..<start))
        } else {
          addBreaks(scan.breaks, first: leading.lowerBound, contentAt: start)
        }
      } else {
        addBreaks((leadingBreak.map { [$0] } ?? []) + scan.breaks, first: nil, contentAt: start)
      }
      leadingBlank = trailingBlank
      let end = YAMLBytes.lineEnd(bytes, from: start)
      for offset in start..<end {
        pieces.append(ScalarPiece(value: [bytes[offset]], source: offset..<offset + 1))
      }
      contentEnd = end
      let length = YAMLBytes.breakLength(bytes, at: end)
      guard length > 0 else {
        leadingBreak = nil
        scan.breaks = []
        break
      }
      leadingBreak = end..<end + length
      scan = scanBreaks(bytes, from: end + length, indent: indent)
    }
    var trailing: [Range<Int>] = []
    switch chomping {
    case .strip: break
    case .clip: trailing = leadingBreak.map { [$0] } ?? []
    case .keep: trailing = (leadingBreak.map { [$0] } ?? []) + scan.breaks
    }
    for range in trailing { pieces.append(ScalarPiece(value: [0x0A], source: range, pad: indent)) }
    let layout = BlockScalarLayout(
      isLiteral: isLiteral, chomping: chomping, explicitIndent: explicitIndent, indicator: indicator,
      headerRest: headerRest, indent: indent, contentEnd: contentEnd)
    return (ScalarSourceMap(pieces: pieces, contentStart: contentEnd), layout)
  }

  /// Skips indentation and blank lines the way `yaml_parser_scan_block_scalar_breaks` does.
  ///
  /// - Returns: the position after the indentation of the next non-blank line, its column, the
  ///   largest column seen, and each blank line's range (from its start, or from `start`, through its break).
  private static func scanBreaks(
    _ bytes: [UInt8], from start: Int, indent: Int
  ) -> (position: Int, column: Int, maxColumn: Int, breaks: [Range<Int>]) {
    var position = start
    var breaks: [Range<Int>] = []
    var maxColumn = 0
    while true {
      let lineStart = position
      var column = 0
      while indent == 0 || column < indent, position < bytes.count, bytes[position] == 0x20 {
        position += 1
        column += 1
      }
      maxColumn = max(maxColumn, column)
      let length = YAMLBytes.breakLength(bytes, at: position)
      guard length > 0 else { return (position, column, maxColumn, breaks) }
      position += length
      breaks.append(lineStart..<position)
    }
  }
}
