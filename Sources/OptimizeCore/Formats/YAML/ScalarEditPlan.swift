/// The ways one scalar edit can be written, each producing byte edits or `Unwritable`.
struct ScalarEditPlan {
  /// One way to write the change.
  enum Way: String, Sendable {
    case inPlace = "in place"
    case literal = "as a literal block"
    case singleQuoted = "as a single-quoted scalar"
    case doubleQuoted = "as a double-quoted scalar"

    /// The ways to try for a scalar, best first.
    static func preferred(for style: YAMLScalarStyle, addsLine: Bool, inFlow: Bool) -> [Way] {
      switch style {
      case .plain where addsLine, .singleQuoted where addsLine:
        return inFlow ? [.doubleQuoted] : [.literal, .doubleQuoted]
      case .plain: return inFlow ? [.inPlace, .doubleQuoted] : [.inPlace, .singleQuoted, .doubleQuoted]
      case .singleQuoted: return [.inPlace, .doubleQuoted]
      case .doubleQuoted where addsLine: return inFlow ? [.inPlace] : [.literal, .inPlace]
      case .doubleQuoted, .literal: return [.inPlace]
      case .folded: return [.inPlace, .literal]
      }
    }
  }

  let scalar: YAMLScalar
  let document: YAMLDocument
  let insertions: [ValueInsertion]
  let newValue: String
  let context: ScalarContext
  let keyColumn: Int?

  private var source: SourceText { document.source }
  private var bytes: [UInt8] { document.source.bytes }
  private var isBlock: Bool { scalar.style == .literal || scalar.style == .folded }

  /// Where the scalar's own text starts, after its anchor and tag.
  private var contentStart: Int {
    YAMLBytes.skipProperties(bytes, from: scalar.start, to: scalar.end)
  }

  /// The edits for one way of writing the change.
  func edits(_ way: Way) throws -> [Edit] {
    switch way {
    case .inPlace: return try isBlock ? blockInPlace() : flowInPlace()
    case .literal: return [try literalConversion()]
    case .singleQuoted: return [try replacement("'" + (try ScalarWriter.singleQuoted(newValue)) + "'")]
    case .doubleQuoted: return [try replacement("\"" + ScalarWriter.doubleQuoted(newValue) + "\"")]
    }
  }

  private func replacement(_ text: String) throws -> Edit {
    guard !isBlock else { throw Unwritable("a block scalar is not converted to a quoted one") }
    let range = contentStart..<scalar.end
    return Edit(offset: range.lowerBound, old: source.text(range), new: text)
  }

  private func checked(_ map: ScalarSourceMap) throws -> ScalarSourceMap {
    guard map.value == Array(scalar.value.utf8) else {
      throw Unwritable("the source of this scalar does not decode to the value libyaml reports")
    }
    return map
  }

  private func flowInPlace() throws -> [Edit] {
    let start = contentStart
    let quoted = scalar.style != .plain
    guard scalar.end - start >= (quoted ? 2 : 0) else { throw Unwritable("the scalar's source is too short") }
    let content = quoted ? (start + 1)..<(scalar.end - 1) : start..<scalar.end
    let map = try checked(ScalarSourceMap.flow(bytes, content: content, style: scalar.style))
    if scalar.style == .plain, !ScalarWriter.isSafePlain(newValue, inFlow: context.inFlow) {
      throw Unwritable("the new value is not a valid plain scalar (`: `, ` #`, an indicator first…)")
    }
    return try insertions.map { insertion in
      guard let position = map.sourcePosition(ofValueOffset: insertion.offset) else {
        throw Unwritable("value offset \(insertion.offset) falls inside an escape or a line fold")
      }
      let text: String
      switch scalar.style {
      case .singleQuoted: text = try ScalarWriter.singleQuoted(insertion.text)
      case .doubleQuoted: text = ScalarWriter.doubleQuoted(insertion.text)
      default: text = insertion.text
      }
      return Edit.insert(text, at: position.offset)
    }
  }

  private func blockLayout() throws -> (ScalarSourceMap, BlockScalarLayout) {
    guard
      let (map, layout) = ScalarSourceMap.block(
        bytes, indicator: contentStart, parentIndent: context.parentIndent)
    else { throw Unwritable("the block scalar's header could not be read") }
    return (try checked(map), layout)
  }

  private func blockInPlace() throws -> [Edit] {
    let (map, layout) = try blockLayout()
    return try insertions.map { insertion in
      guard let position = map.sourcePosition(ofValueOffset: insertion.offset) else {
        throw Unwritable("value offset \(insertion.offset) falls inside a run of blank lines")
      }
      let continues =
        position.pad == 0 && position.offset < bytes.count && !YAMLBytes.isBreak(bytes[position.offset])
      let text = try ScalarWriter.block(
        insertion.text, indent: layout.indent, pad: position.pad, continuesLine: continues,
        folded: !layout.isLiteral, lineEnding: source.lineEnding)
      return Edit.insert(text, at: position.offset)
    }
  }

  /// Replaces the scalar, from after its properties to the end of its last line of text, with a
  /// literal block; a comment after a one-line scalar moves up behind the `|`.
  private func literalConversion() throws -> Edit {
    let start = contentStart
    let end: Int
    let headerRest: String
    let indent: Int
    if isBlock {
      let (_, layout) = try blockLayout()
      end = layout.contentEnd
      headerRest = source.text(layout.headerRest)
      indent = layout.indent
    } else {
      end = YAMLBytes.lineEnd(bytes, from: scalar.end)
      var cursor = scalar.end
      while cursor < end, YAMLBytes.isBlank(bytes[cursor]) { cursor += 1 }
      guard cursor == end || bytes[cursor] == UInt8(ascii: "#") else {
        throw Unwritable("other text follows the scalar on its line")
      }
      headerRest = source.text(scalar.end..<end)
      let base = keyColumn ?? context.keyColumn ?? max(context.parentIndent, 0)
      indent = base + YAMLLayout.indentUnit(of: document)
    }
    let text = try ScalarWriter.literalBlock(
      newValue, indent: indent, parentIndent: context.parentIndent, headerRest: headerRest,
      lineEnding: source.lineEnding, suppliedBreaks: suppliedBreaks(after: end))
    return Edit(offset: start, old: source.text(start..<end), new: text)
  }

  /// The line break at `offset` plus the blank lines after it.
  private func suppliedBreaks(after offset: Int) -> Int {
    var index = offset
    var count = 0
    while true {
      let length = YAMLBytes.breakLength(bytes, at: index)
      guard length > 0 else { return count }
      count += 1
      index += length
      var cursor = index
      while cursor < bytes.count, YAMLBytes.isBlank(bytes[cursor]) { cursor += 1 }
      guard cursor < bytes.count, YAMLBytes.isBreak(bytes[cursor]) else { return count }
      index = cursor
    }
  }
}
