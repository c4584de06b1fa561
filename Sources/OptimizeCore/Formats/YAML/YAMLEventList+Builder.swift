import Foundation

extension YAMLEventList {
  /// Collects records while libyaml parses, linking each collection start to its end.
  struct Builder: Sendable {
    let source: [UInt8]
    var records: [Record] = []
    var values: [UInt8] = []
    var valueStarts: [UInt32] = []
    var properties: [Int: (anchor: Int32, tag: Int32)] = [:]
    var names: [String] = []
    private var nameIndex: [String: Int32] = [:]
    /// The collections started and not yet ended, outermost first.
    private(set) var open: [Int] = []

    /// Starts a list for `source`, reserving room for about `expectedEvents` events.
    init(source: [UInt8], expectedEvents: Int) {
      self.source = source
      records.reserveCapacity(expectedEvents)
    }

    /// Appends an event at byte offsets `start..<end`; `value` is a scalar's bytes.
    mutating func append(
      _ type: EventType, flag: UInt8 = 0, anchor: String? = nil, tag: String? = nil, start: Int, end: Int,
      value: UnsafeBufferPointer<UInt8>? = nil
    ) {
      let index = records.count
      var link: UInt32 = 0
      switch type {
      case .mappingStart, .sequenceStart:
        open.append(index)
      case .mappingEnd, .sequenceEnd:
        if let opened = open.popLast() { records[opened].link = UInt32(index) }
      case .scalar:
        link = store(value, start: start, end: end)
      default:
        break
      }
      let hasProperties = anchor != nil || tag != nil
      if hasProperties { properties[index] = (intern(anchor), intern(tag)) }
      records.append(
        Record(
          start: UInt32(start), end: UInt32(end), link: link, type: type, flag: flag,
          hasProperties: hasProperties
        ))
    }

    /// Where a scalar's value is kept: nowhere when it is its source bytes, else in `values`.
    private mutating func store(_ value: UnsafeBufferPointer<UInt8>?, start: Int, end: Int) -> UInt32 {
      let value = value ?? UnsafeBufferPointer(start: nil, count: 0)
      let inSource =
        value.count == end - start
        && source.withUnsafeBufferPointer { bytes in
          value.isEmpty || memcmp(bytes.baseAddress! + start, value.baseAddress!, value.count) == 0
        }
      if inSource { return Record.inSource }
      valueStarts.append(UInt32(values.count))
      values.append(contentsOf: value)
      return UInt32(valueStarts.count - 1)
    }

    mutating func intern(_ name: String?) -> Int32 {
      guard let name else { return -1 }
      if let index = nameIndex[name] { return index }
      let index = Int32(names.count)
      names.append(name)
      nameIndex[name] = index
      return index
    }
  }
}
