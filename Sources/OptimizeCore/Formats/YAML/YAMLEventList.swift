/// A document's libyaml event stream, stored compactly: one fixed-size record per event, every
/// scalar value's bytes in one shared buffer, and each anchor and tag name once.
///
/// Reading an element builds the `YAMLEvent` with its strings on demand. A workflow of many
/// megabytes has millions of events; holding a `String` per value, anchor and tag for the original
/// and the edited text both cost about ten times the file's size in memory.
public struct YAMLEventList: RandomAccessCollection, Sendable {
  /// What kind of event a record is.
  enum EventType: UInt8, Sendable {
    case streamStart, streamEnd, documentStart, documentEnd
    case mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar, alias
  }

  /// One event without its strings. `flag` is `implicit` for document events, `flow` for
  /// collection starts and the style's index in `styles` for scalars. `anchor` and `tag` index
  /// `names` (-1 for none); an alias's name is its `anchor`.
  struct Record: Sendable, Equatable {
    var type: EventType
    var flag: UInt8
    var anchor: Int32
    var tag: Int32
    var start: Int
    var end: Int
    var valueStart: Int
    var valueEnd: Int
  }

  static let styles: [YAMLScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]

  private(set) var records: [Record] = []
  private(set) var values: [UInt8] = []
  private(set) var names: [String] = []
  private var nameIndex: [String: Int32] = [:]

  /// The index of the first event.
  public var startIndex: Int { 0 }
  /// The index past the last event.
  public var endIndex: Int { records.count }

  /// The event at `position`, with its strings.
  public subscript(position: Int) -> YAMLEvent {
    let record = records[position]
    return YAMLEvent(kind: kind(of: record), start: record.start, end: record.end)
  }

  /// The name a record's `anchor` or `tag` field refers to.
  func name(_ index: Int32) -> String? {
    index < 0 ? nil : names[Int(index)]
  }

  /// A scalar record's value bytes.
  func valueBytes(_ record: Record) -> ArraySlice<UInt8> {
    values[record.valueStart..<record.valueEnd]
  }

  /// A scalar record's value.
  func value(_ record: Record) -> String {
    String(decoding: valueBytes(record), as: UTF8.self)
  }

  func kind(of record: Record) -> YAMLEvent.Kind {
    let flag = record.flag != 0
    switch record.type {
    case .streamStart: return .streamStart
    case .streamEnd: return .streamEnd
    case .documentStart: return .documentStart(implicit: flag)
    case .documentEnd: return .documentEnd(implicit: flag)
    case .mappingStart: return .mappingStart(anchor: name(record.anchor), tag: name(record.tag), flow: flag)
    case .mappingEnd: return .mappingEnd
    case .sequenceStart: return .sequenceStart(anchor: name(record.anchor), tag: name(record.tag), flow: flag)
    case .sequenceEnd: return .sequenceEnd
    case .scalar:
      return .scalar(
        anchor: name(record.anchor), tag: name(record.tag), value: value(record),
        style: Self.styles[Int(record.flag)])
    case .alias: return .alias(anchor: name(record.anchor) ?? "")
    }
  }

  /// Appends an event; `value` is a scalar's bytes.
  mutating func append(
    _ type: EventType, flag: UInt8 = 0, anchor: String? = nil, tag: String? = nil, start: Int, end: Int,
    value: UnsafeBufferPointer<UInt8>? = nil
  ) {
    let valueStart = values.count
    if let value { values.append(contentsOf: value) }
    records.append(
      Record(
        type: type, flag: flag, anchor: intern(anchor), tag: intern(tag), start: start, end: end,
        valueStart: valueStart, valueEnd: values.count))
  }

  private mutating func intern(_ name: String?) -> Int32 {
    guard let name else { return -1 }
    if let index = nameIndex[name] { return index }
    let index = Int32(names.count)
    names.append(name)
    nameIndex[name] = index
    return index
  }

  /// Whether two events, each read from its own list, are equal as `YAMLEvent.Kind`s are.
  ///
  /// Compares bytes first and builds strings only when bytes differ, where `String`'s equality
  /// (canonical equivalence) still decides, exactly as comparing the kinds would.
  static func sameKind(
    _ left: Record, in leftList: YAMLEventList, _ right: Record, in rightList: YAMLEventList
  )
    -> Bool
  {
    guard left.type == right.type else { return false }
    switch left.type {
    case .streamStart, .streamEnd, .mappingEnd, .sequenceEnd:
      return true
    case .documentStart, .documentEnd:
      return left.flag == right.flag
    case .alias:
      return leftList.name(left.anchor) == rightList.name(right.anchor)
    case .mappingStart, .sequenceStart, .scalar:
      guard left.flag == right.flag, leftList.name(left.anchor) == rightList.name(right.anchor),
        leftList.name(left.tag) == rightList.name(right.tag)
      else { return false }
      guard left.type == .scalar else { return true }
      return leftList.valueBytes(left) == rightList.valueBytes(right)
        || leftList.value(left) == rightList.value(right)
    }
  }
}
