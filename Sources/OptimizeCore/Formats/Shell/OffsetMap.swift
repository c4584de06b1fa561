/// Shell text after Make expanded its variables, with the way back to the bytes as written.
///
/// Commands are recognised in the expanded text (`$(PYTHON) manage.py test` is a test command when
/// `PYTHON = python3`), but edits go into the text as written; an offset strictly inside an expanded
/// `$(VAR)` has no place there.
public struct OffsetMap: Sendable, Equatable {
  /// A stretch of the expanded text and the stretch of the original it came from.
  struct Segment: Sendable, Equatable {
    var expanded: Range<Int>
    var original: Range<Int>
    /// Whether the stretch is copied byte for byte (otherwise it is a substitution).
    var literal: Bool
  }

  /// The expanded text.
  public let expanded: String
  let segments: [Segment]

  /// The original offset of an expanded offset: exact inside copied text, the start or end of a
  /// substitution at its edges, nil strictly inside a substitution.
  public func original(_ offset: Int) -> Int? {
    for segment in segments where segment.literal && segment.expanded.contains(offset) {
      return segment.original.lowerBound + offset - segment.expanded.lowerBound
    }
    for segment in segments {
      if offset == segment.expanded.lowerBound { return segment.original.lowerBound }
      if offset == segment.expanded.upperBound { return segment.original.upperBound }
    }
    return nil
  }

  /// The original range of an expanded range, when both ends have a place there.
  public func original(_ range: Range<Int>) -> Range<Int>? {
    guard let lower = original(range.lowerBound), let upper = original(range.upperBound), lower <= upper
    else { return nil }
    return lower..<upper
  }

  /// Expands Make references in `text`: `$$` becomes `$`, `$(NAME)` and `${NAME}` become the
  /// variable's value (itself expanded), `$(MAKE)` becomes `make`. Functions, automatic variables and
  /// unknown names stay as written.
  public static func expandingMake(_ text: String, variables: [String: String]) -> OffsetMap {
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    var segments: [Segment] = []
    var literalStart = 0
    var index = 0
    func flushLiteral(upTo end: Int) {
      guard end > literalStart else { return }
      let count = end - literalStart
      segments.append(
        Segment(expanded: output.count..<(output.count + count), original: literalStart..<end, literal: true))
      output += bytes[literalStart..<end]
    }
    while index < bytes.count {
      guard bytes[index] == .dollar, index + 1 < bytes.count else {
        index += 1
        continue
      }
      var replacement: [UInt8]?
      var length = 0
      if bytes[index + 1] == .dollar {
        replacement = [.dollar]
        length = 2
      } else if let (name, end) = reference(in: bytes, at: index), let value = value(of: name, variables) {
        replacement = Array(value.utf8)
        length = end - index
      }
      guard let replacement else {
        index += 1
        continue
      }
      flushLiteral(upTo: index)
      segments.append(
        Segment(
          expanded: output.count..<(output.count + replacement.count), original: index..<(index + length),
          literal: false))
      output += replacement
      index += length
      literalStart = index
    }
    flushLiteral(upTo: bytes.count)
    if segments.isEmpty { segments = [Segment(expanded: 0..<0, original: 0..<0, literal: true)] }
    return OffsetMap(expanded: String(decoding: output, as: UTF8.self), segments: segments)
  }

  /// `$(NAME)` or `${NAME}` at `index`: the name and the offset after the closing bracket.
  private static func reference(in bytes: [UInt8], at index: Int) -> (String, Int)? {
    let open = bytes[index + 1]
    guard open == .openParenthesis || open == .openBrace else { return nil }
    let close: UInt8 = open == .openParenthesis ? .closeParenthesis : .closeBrace
    var end = index + 2
    while end < bytes.count, bytes[end] != close {
      let byte = bytes[end]
      let isNameByte =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == 0x5F || byte == 0x2E || byte == 0x2D
      guard isNameByte else { return nil }
      end += 1
    }
    guard end < bytes.count, end > index + 2 else { return nil }
    return (String(decoding: bytes[(index + 2)..<end], as: UTF8.self), end + 1)
  }

  /// A variable's value, expanded without itself so a self-reference cannot loop.
  private static func value(of name: String, _ variables: [String: String]) -> String? {
    if name == "MAKE" { return "make" }
    guard let value = variables[name] else { return nil }
    let inner = expandingMake(value, variables: variables.filter { $0.key != name })
    return inner.expanded
  }
}
