internal import CYAML

/// Reads the libyaml event stream of a source text, with byte offsets for every mark.
///
/// Owns the C `yaml_parser_t` and frees it when done.
final class YAMLParser {
  private var parser = yaml_parser_t()

  init() {
    yaml_parser_initialize(&parser)
  }

  deinit {
    yaml_parser_delete(&parser)
  }

  /// Parses every event of `source`.
  ///
  /// - Throws: `FormatError` at the place libyaml reports.
  func events(of source: SourceText) throws -> [YAMLEvent] {
    var map = CodePointMap(source: source)
    var result: [YAMLEvent] = []
    try source.bytes.withUnsafeBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else {
          throw error(in: source, map: &map)
        }
        defer { yaml_event_delete(&event) }
        let start = map.byteOffset(ofCodePoint: Int(event.start_mark.index))
        let end = map.byteOffset(ofCodePoint: Int(event.end_mark.index))
        let kind = Self.kind(of: event)
        result.append(YAMLEvent(kind: kind, start: start, end: end))
        if event.type == YAML_STREAM_END_EVENT { break }
      }
    }
    return result
  }

  private func error(in source: SourceText, map: inout CodePointMap) -> FormatError {
    let problem = parser.problem.map { String(cString: $0) } ?? "a YAML syntax error"
    let context = parser.context.map { String(cString: $0) }
    let offset = map.byteOffset(ofCodePoint: Int(parser.problem_mark.index))
    let expected = context.map { "valid YAML \($0)" } ?? "valid YAML"
    return FormatError(
      in: source, atByte: min(offset, source.bytes.count), expected: expected, found: problem,
      fix: "fix the YAML syntax (check it with a YAML linter) and run optimize again")
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
  }

  private static func kind(of event: yaml_event_t) -> YAMLEvent.Kind {
    switch event.type {
    case YAML_STREAM_START_EVENT: return .streamStart
    case YAML_STREAM_END_EVENT: return .streamEnd
    case YAML_DOCUMENT_START_EVENT:
      return .documentStart(implicit: event.data.document_start.implicit != 0)
    case YAML_DOCUMENT_END_EVENT:
      return .documentEnd(implicit: event.data.document_end.implicit != 0)
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return .mappingStart(
        anchor: string(data.anchor), tag: string(data.tag), flow: data.style == YAML_FLOW_MAPPING_STYLE)
    case YAML_MAPPING_END_EVENT: return .mappingEnd
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return .sequenceStart(
        anchor: string(data.anchor), tag: string(data.tag), flow: data.style == YAML_FLOW_SEQUENCE_STYLE)
    case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let value = String(
        decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
      return .scalar(
        anchor: string(data.anchor), tag: string(data.tag), value: value, style: style(data.style))
    case YAML_ALIAS_EVENT:
      return .alias(anchor: string(event.data.alias.anchor) ?? "")
    default:
      return .streamEnd
    }
  }

  private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }
}

/// Maps libyaml's code-point indexes to byte offsets.
///
/// libyaml counts code points and skips the BOM. Marks arrive nearly in order, so a cursor
/// that walks from the last answer costs O(distance) per query and O(n) per file.
struct CodePointMap {
  private let bytes: [UInt8]
  private let bom: Int
  private let isASCII: Bool
  private var codePoint = 0
  private var byte: Int

  init(source: SourceText) {
    bytes = source.bytes
    bom = source.bomLength
    isASCII = !source.bytes.contains { $0 >= 0x80 }
    byte = bom
  }

  mutating func byteOffset(ofCodePoint target: Int) -> Int {
    if isASCII { return min(target + bom, bytes.count) }
    while codePoint < target, byte < bytes.count {
      byte += 1
      while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
      codePoint += 1
    }
    while codePoint > target, byte > bom {
      byte -= 1
      while byte > bom, bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
      codePoint -= 1
    }
    return byte
  }
}
