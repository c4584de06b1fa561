internal import CYAML
import Foundation

/// Reads the libyaml event stream of a source text, with byte offsets for every mark.
///
/// Owns the C `yaml_parser_t` and frees it when done.
final class YAMLParser {
  // On the heap, not a stored property: a property passed `inout` to C is checked for exclusive
  // access on every call, and libyaml is called once per event.
  private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)

  init() {
    parser.initialize(to: yaml_parser_t())
    yaml_parser_initialize(parser)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deinitialize(count: 1)
    parser.deallocate()
  }

  /// Parses every event of `source`; a large file in two parts on two cores, unless `splitting`
  /// is false (`events(of:splittingNear:)`).
  ///
  /// - Throws: `FormatError` at the place libyaml reports.
  func events(of source: SourceText, splitting: Bool = true) throws -> YAMLEventList {
    if splitting, source.bytes.count >= Self.splitThreshold, ProcessInfo.processInfo.activeProcessorCount > 1
    {
      return try events(of: source, splittingNear: nil).events
    }
    // A workflow has about two events per line; reserving that avoids regrowing a large list.
    var result = YAMLEventList.Builder(source: source.bytes, expectedEvents: source.lineStarts.count * 2 + 8)
    try parse(source) { event, start, end in Self.append(event, start: start, end: end, to: &result) }
    return YAMLEventList(result)
  }

  /// Parses `source` and hands its events to `body` in lists of at most `chunk` events, with the
  /// index of each list's first event, keeping no more than one list in memory.
  ///
  /// - Throws: `FormatError` at the place libyaml reports, or what `body` throws.
  func streamEvents(
    of source: SourceText, chunk: Int = 4096, _ body: (YAMLEventList, _ firstIndex: Int) throws -> Void
  ) throws {
    var first = 0
    var builder = YAMLEventList.Builder(source: source.bytes, expectedEvents: chunk)
    try parse(source) { event, start, end in
      Self.append(event, start: start, end: end, to: &builder)
      if builder.records.count == chunk {
        try body(YAMLEventList(builder), first)
        first += chunk
        builder = YAMLEventList.Builder(source: source.bytes, expectedEvents: chunk)
      }
    }
    if !builder.records.isEmpty { try body(YAMLEventList(builder), first) }
  }

  private func parse(
    _ source: SourceText, _ handle: (UnsafeMutablePointer<yaml_event_t>, Int, Int) throws -> Void
  ) throws {
    try Self.checkSize(of: source)
    var map = CodePointMap(source: source)
    try source.bytes.withUnsafeBufferPointer { buffer in
      setInput(buffer)
      _ = try read(source, map: &map) { event, start, end in
        try handle(event, start, end)
        return true
      }
    }
  }

  static func checkSize(of source: SourceText) throws {
    guard source.bytes.count < Int(UInt32.max) else {
      throw FormatError(
        in: source, atByte: 0, expected: "a YAML file under 4 GiB", found: "\(source.bytes.count) bytes",
        fix: "split the file")
    }
  }

  /// Points libyaml at `input`, which must stay valid while events are read from it.
  func setInput(_ input: UnsafeBufferPointer<UInt8>) {
    yaml_parser_set_input_string(parser, input.baseAddress, input.count)
  }

  /// Hands events to `handle`, with their byte offsets in `source` as `map` gives them, until it
  /// returns false (the next call goes on from there) or the stream ends. Returns whether it ended.
  ///
  /// - Throws: `FormatError` at the place libyaml reports, or what `handle` throws.
  func read(
    _ source: SourceText, map: inout CodePointMap,
    _ handle: (UnsafeMutablePointer<yaml_event_t>, Int, Int) throws -> Bool
  ) throws -> Bool {
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    event.initialize(to: yaml_event_t())
    defer { event.deallocate() }
    while true {
      guard yaml_parser_parse(parser, event) == 1 else {
        throw error(in: source, map: &map)
      }
      defer { yaml_event_delete(event) }
      let start = map.byteOffset(ofCodePoint: Int(event.pointee.start_mark.index))
      let end = map.byteOffset(ofCodePoint: Int(event.pointee.end_mark.index))
      let goOn = try handle(event, start, end)
      if event.pointee.type == YAML_STREAM_END_EVENT { return true }
      if !goOn { return false }
    }
  }

  private func error(in source: SourceText, map: inout CodePointMap) -> FormatError {
    let problem = parser.pointee.problem.map { String(cString: $0) } ?? "a YAML syntax error"
    let context = parser.pointee.context.map { String(cString: $0) }
    let offset = map.byteOffset(ofCodePoint: Int(parser.pointee.problem_mark.index))
    let expected = context.map { "valid YAML \($0)" } ?? "valid YAML"
    return FormatError(
      in: source, atByte: min(offset, source.bytes.count), expected: expected, found: problem,
      fix: "fix the YAML syntax (check it with a YAML linter) and run optimize again")
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
  }

  static func append(
    _ event: UnsafeMutablePointer<yaml_event_t>, start: Int, end: Int, to list: inout YAMLEventList.Builder
  ) {
    switch event.pointee.type {
    case YAML_STREAM_START_EVENT: list.append(.streamStart, start: start, end: end)
    case YAML_DOCUMENT_START_EVENT:
      list.append(
        .documentStart, flag: event.pointee.data.document_start.implicit != 0 ? 1 : 0, start: start, end: end)
    case YAML_DOCUMENT_END_EVENT:
      list.append(
        .documentEnd, flag: event.pointee.data.document_end.implicit != 0 ? 1 : 0, start: start, end: end)
    case YAML_MAPPING_START_EVENT:
      let data = event.pointee.data.mapping_start
      list.append(
        .mappingStart, flag: data.style == YAML_FLOW_MAPPING_STYLE ? 1 : 0, anchor: string(data.anchor),
        tag: string(data.tag), start: start, end: end)
    case YAML_MAPPING_END_EVENT: list.append(.mappingEnd, start: start, end: end)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.pointee.data.sequence_start
      list.append(
        .sequenceStart, flag: data.style == YAML_FLOW_SEQUENCE_STYLE ? 1 : 0, anchor: string(data.anchor),
        tag: string(data.tag), start: start, end: end)
    case YAML_SEQUENCE_END_EVENT: list.append(.sequenceEnd, start: start, end: end)
    case YAML_SCALAR_EVENT:
      let data = event.pointee.data.scalar
      list.append(
        .scalar, flag: style(data.style), anchor: string(data.anchor), tag: string(data.tag), start: start,
        end: end, value: UnsafeBufferPointer(start: data.value, count: Int(data.length)))
    case YAML_ALIAS_EVENT:
      list.append(.alias, anchor: string(event.pointee.data.alias.anchor) ?? "", start: start, end: end)
    default:
      list.append(.streamEnd, start: start, end: end)
    }
  }

  /// The scalar style's index in `YAMLEventList.styles`.
  private static func style(_ style: yaml_scalar_style_t) -> UInt8 {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return 1
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return 2
    case YAML_LITERAL_SCALAR_STYLE: return 3
    case YAML_FOLDED_SCALAR_STYLE: return 4
    default: return 0
    }
  }
}

/// Maps libyaml's code-point indexes to byte offsets.
///
/// libyaml counts code points and skips the BOM. Marks arrive nearly in order, so a cursor
/// that walks from the last answer costs O(distance) per query and O(n) per file.
struct CodePointMap {
  private let bytes: [UInt8]
  /// The byte where code point 0 is.
  private let origin: Int
  private let isASCII: Bool
  private var codePoint = 0
  private var byte: Int

  /// A map for libyaml reading `source` from byte `start` (code point 0 there), or from the
  /// start of the file, after the BOM.
  init(source: SourceText, from start: Int = 0) {
    bytes = source.bytes
    origin = start == 0 ? source.bomLength : start
    isASCII = !source.bytes[origin...].contains { $0 >= 0x80 }
    byte = origin
  }

  mutating func byteOffset(ofCodePoint target: Int) -> Int {
    if isASCII { return min(target + origin, bytes.count) }
    if codePoint < target {
      bytes.withUnsafeBufferPointer { buffer in
        while codePoint < target, byte < buffer.count {
          // A run of ASCII bytes is as many code points: skip it eight bytes at a time.
          let step = min(target - codePoint, buffer.count - byte)
          if step >= 8,
            UnsafeRawPointer(buffer.baseAddress! + byte).loadUnaligned(as: UInt64.self)
              & 0x8080_8080_8080_8080 == 0
          {
            byte += 8
            codePoint += 8
            continue
          }
          byte += 1
          while byte < buffer.count, buffer[byte] & 0xC0 == 0x80 { byte += 1 }
          codePoint += 1
        }
      }
    }
    while codePoint > target, byte > origin {
      byte -= 1
      while byte > origin, bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
      codePoint -= 1
    }
    return byte
  }
}
