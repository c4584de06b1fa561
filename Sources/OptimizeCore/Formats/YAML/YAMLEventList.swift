import Foundation

/// A document's libyaml event stream, stored compactly: one 16-byte record per event, scalar
/// values that differ from their source bytes in one shared buffer, anchors and tags aside.
///
/// A workflow of many megabytes has millions of events. Most scalars are plain keys and values
/// whose value is exactly their source text, so those keep no copy: their value is read from the
/// source. Reading an element builds the `YAMLEvent` with its strings on demand.
public struct YAMLEventList: RandomAccessCollection, Sendable {
  /// What kind of event a record is.
  enum EventType: UInt8, Sendable {
    case streamStart, streamEnd, documentStart, documentEnd
    case mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar, alias
  }

  /// One event without its strings. `flag` is `implicit` for document events, `flow` for
  /// collection starts and the style's index in `styles` for scalars. `link` is the index of the
  /// matching end event for a collection start, and for a scalar the index of its value in
  /// `valueStarts`, or `Record.inSource` when its value is its source bytes `start..<end`.
  struct Record: Sendable, Equatable {
    static let inSource = UInt32.max

    var start: UInt32
    var end: UInt32
    var link: UInt32
    var type: EventType
    var flag: UInt8
    /// Whether the event has an anchor or a tag (an alias always has its name), in `properties`.
    var hasProperties: Bool
  }

  static let styles: [YAMLScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]

  /// The events. A class, so the nodes that point into it share one copy.
  final class Storage: Sendable {
    let source: [UInt8]
    let records: [Record]
    /// Bytes of the values kept here; value `i` is `values[valueStarts[i]..<valueStarts[i + 1]]`.
    let values: [UInt8]
    let valueStarts: [UInt32]
    /// Anchor and tag name indexes into `names` (-1 for none), by event index.
    let properties: [Int: (anchor: Int32, tag: Int32)]
    let names: [String]
    init(builder: Builder) {
      source = builder.source
      records = builder.records
      // Grown by doubling, the buffer may be up to twice its size: a large file's copy is kept
      // exactly as large as its values.
      values =
        builder.values.capacity > builder.values.count + builder.values.count / 4 + 4096
        ? Array(builder.values[...]) : builder.values
      valueStarts = builder.valueStarts + [UInt32(builder.values.count)]
      properties = builder.properties
      names = builder.names
    }
  }

  let storage: Storage
  /// For an edited text whose events are `storage`'s moved by edits: how they moved.
  let moved: Moved?

  init(_ builder: Builder) {
    storage = Storage(builder: builder)
    moved = nil
  }

  /// The records, as they sit in this list's text.
  var records: Records {
    @inline(__always) get { Records(storage: storage, moved: moved) }
  }

  /// Whether an alias event lies in `range` (moving never changes an event's type).
  func containsAlias(in range: Range<Int>) -> Bool {
    storage.records.withUnsafeBufferPointer { records in records[range].contains { $0.type == .alias } }
  }

  /// Whether two lists are the same events of the same text.
  static func same(_ left: YAMLEventList, _ right: YAMLEventList) -> Bool {
    left.storage === right.storage && left.moved === right.moved
  }

  /// The index of the first event.
  public var startIndex: Int { 0 }
  /// The index past the last event.
  public var endIndex: Int { storage.records.count }

  /// The event at `position`, with its strings.
  public subscript(position: Int) -> YAMLEvent {
    let record = records[position]
    return YAMLEvent(kind: kind(at: position), start: Int(record.start), end: Int(record.end))
  }

  /// The anchor name of the event at `index`; an alias's name.
  func anchor(at index: Int) -> String? {
    guard storage.records[index].hasProperties, let names = storage.properties[index] else { return nil }
    return name(names.anchor)
  }

  /// The explicit tag of the event at `index`.
  func tag(at index: Int) -> String? {
    guard storage.records[index].hasProperties, let names = storage.properties[index] else { return nil }
    return name(names.tag)
  }

  private func name(_ index: Int32) -> String? {
    index < 0 ? nil : storage.names[Int(index)]
  }

  /// The value bytes of the scalar event at `index`.
  func withValueBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let moved, moved.edited.contains(index), let value = moved.values[index] {
      return value.withUnsafeBufferPointer(body)
    }
    // Where the original's text has it: an event that moved kept its bytes (`EventShift.check`).
    let record = storage.records[index]
    if record.link == Record.inSource {
      return storage.source.withUnsafeBufferPointer { buffer in
        body(UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.end)]))
      }
    }
    let link = Int(record.link)
    let range = Int(storage.valueStarts[link])..<Int(storage.valueStarts[link + 1])
    return storage.values.withUnsafeBufferPointer { buffer in
      body(UnsafeBufferPointer(rebasing: buffer[range]))
    }
  }

  /// The value of the scalar event at `index`.
  func value(at index: Int) -> String {
    withValueBytes(at: index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the scalar event at `index` has exactly the value `text`, compared as bytes.
  func valueEquals(at index: Int, _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { wanted in
      withValueBytes(at: index) { value in
        value.count == wanted.count
          && (value.isEmpty || memcmp(value.baseAddress!, wanted.baseAddress!, value.count) == 0)
      }
    }
  }

  /// The scalar style of the scalar event at `index`.
  func style(at index: Int) -> YAMLScalarStyle {
    Self.styles[Int(records[index].flag)]
  }

  /// The index of the event after the node that starts at `index` (past a collection's end).
  func next(after index: Int) -> Int {
    let record = storage.records[index]
    switch record.type {
    case .mappingStart, .sequenceStart: return Int(record.link) + 1
    default: return index + 1
    }
  }

  func kind(at index: Int) -> YAMLEvent.Kind {
    let record = records[index]
    let flag = record.flag != 0
    switch record.type {
    case .streamStart: return .streamStart
    case .streamEnd: return .streamEnd
    case .documentStart: return .documentStart(implicit: flag)
    case .documentEnd: return .documentEnd(implicit: flag)
    case .mappingStart: return .mappingStart(anchor: anchor(at: index), tag: tag(at: index), flow: flag)
    case .mappingEnd: return .mappingEnd
    case .sequenceStart: return .sequenceStart(anchor: anchor(at: index), tag: tag(at: index), flow: flag)
    case .sequenceEnd: return .sequenceEnd
    case .scalar:
      return .scalar(
        anchor: anchor(at: index), tag: tag(at: index), value: value(at: index), style: style(at: index))
    case .alias: return .alias(anchor: anchor(at: index) ?? "")
    }
  }

  /// Whether two events, each read from its own list, are equal as `YAMLEvent.Kind`s are.
  ///
  /// Compares bytes first and builds strings only when bytes differ, where `String`'s equality
  /// (canonical equivalence) still decides, exactly as comparing the kinds would. `l` and `r` are
  /// the events' records, which the caller has already read.
  static func sameKind(
    _ l: Record, _ left: Int, in leftList: YAMLEventList, _ r: Record, _ right: Int,
    in rightList: YAMLEventList
  ) -> Bool {
    guard l.type == r.type else { return false }
    switch l.type {
    case .streamStart, .streamEnd, .mappingEnd, .sequenceEnd:
      return true
    case .documentStart, .documentEnd:
      return l.flag == r.flag
    case .alias:
      return leftList.anchor(at: left) == rightList.anchor(at: right)
    case .mappingStart, .sequenceStart, .scalar:
      guard l.flag == r.flag else { return false }
      if l.hasProperties || r.hasProperties {
        guard leftList.anchor(at: left) == rightList.anchor(at: right),
          leftList.tag(at: left) == rightList.tag(at: right)
        else { return false }
      }
      guard l.type == .scalar else { return true }
      let sameBytes = leftList.withValueBytes(at: left) { a in
        rightList.withValueBytes(at: right) { b in
          a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
        }
      }
      return sameBytes || leftList.value(at: left) == rightList.value(at: right)
    }
  }
}
