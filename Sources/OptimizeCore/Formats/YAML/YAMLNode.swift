/// A node of a parsed YAML document, with the byte range it takes in the source.
///
/// Mappings and sequences are views into the document's event list: their children are made
/// when asked for, so a large document costs its events and no tree.
public enum YAMLNode: Sendable, Equatable {
  case scalar(YAMLScalar)
  case mapping(YAMLMapping)
  case sequence(YAMLSequence)
  case alias(YAMLAlias)

  /// The node whose first event is `index` of `events`; nil for an event that starts no node.
  init?(_ events: YAMLEventList, _ index: Int) {
    guard index < events.endIndex else { return nil }
    let record = events.records[index]
    let start = Int(record.start)
    let end = Int(record.end)
    switch record.type {
    case .scalar:
      self = .scalar(
        YAMLScalar(
          value: events.value(at: index), style: events.style(at: index), anchor: events.anchor(at: index),
          tag: events.tag(at: index), start: start, end: end))
    case .alias: self = .alias(YAMLAlias(anchor: events.anchor(at: index) ?? "", start: start, end: end))
    case .mappingStart: self = .mapping(YAMLMapping(events: events, index: index))
    case .sequenceStart: self = .sequence(YAMLSequence(events: events, index: index))
    default: return nil
    }
  }

  /// Byte offset where the node starts (its anchor or tag, if any, come first).
  public var start: Int {
    switch self {
    case .scalar(let scalar): return scalar.start
    case .mapping(let mapping): return mapping.start
    case .sequence(let sequence): return sequence.start
    case .alias(let alias): return alias.start
    }
  }

  /// The scalar, when the node is one.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = self { return scalar }
    return nil
  }

  /// The scalar's value, when the node is a scalar.
  public var string: String? { scalar?.value }

  /// The mapping, when the node is one.
  public var mapping: YAMLMapping? {
    if case .mapping(let mapping) = self { return mapping }
    return nil
  }

  /// The items of a sequence, or an empty array.
  public var items: [YAMLNode] {
    if case .sequence(let sequence) = self { return sequence.items }
    return []
  }

  /// The value of `key` when the node is a mapping.
  public subscript(key: String) -> YAMLNode? {
    mapping?[key]
  }
}

/// A scalar node.
public struct YAMLScalar: Sendable, Equatable {
  /// The value, with line breaks as LF.
  public var value: String
  /// How the scalar is written.
  public var style: YAMLScalarStyle
  /// Its anchor name, when it has one.
  public var anchor: String?
  /// Its explicit tag, when it has one.
  public var tag: String?
  /// Byte offset of the scalar's first byte (the indicator for block scalars, the quote for
  /// quoted ones).
  public var start: Int
  /// Byte offset just past the scalar. For block scalars this is column 0 of the next less
  /// indented line, so the range includes trailing blank lines.
  public var end: Int
}

/// A mapping node: a view into its document's events. Keys keep their order.
public struct YAMLMapping: Sendable, Equatable {
  let events: YAMLEventList
  let index: Int

  /// The key and value pairs in source order.
  public var entries: [(key: YAMLNode, value: YAMLNode)] {
    var result: [(key: YAMLNode, value: YAMLNode)] = []
    forEachEntry { key, value in
      if let keyNode = YAMLNode(events, key), let valueNode = YAMLNode(events, value) {
        result.append((keyNode, valueNode))
      }
      return true
    }
    return result
  }

  /// The event indexes of each key and value, for walking a large mapping without making its
  /// nodes all at once (`node(at:)` makes one).
  var entryIndexes: [(key: Int, value: Int)] {
    var result: [(key: Int, value: Int)] = []
    forEachEntry { key, value in
      result.append((key, value))
      return true
    }
    return result
  }

  /// The node that starts at event `index` of this mapping's document.
  func node(at index: Int) -> YAMLNode? {
    YAMLNode(events, index)
  }

  /// Whether the mapping is written in flow style (`{a: b}`).
  public var isFlow: Bool { events.records[index].flag != 0 }
  /// Its anchor name, when it has one.
  public var anchor: String? { events.anchor(at: index) }
  /// Byte offset of the mapping's start.
  public var start: Int { Int(events.records[index].start) }
  /// Byte offset just past the mapping.
  public var end: Int { Int(events.records[Int(events.records[index].link)].end) }

  /// The value of the first entry whose key is the scalar `key`.
  public subscript(key: String) -> YAMLNode? {
    entry(key).flatMap { YAMLNode(events, $0.value) }
  }

  /// The key node of the first entry whose key is the scalar `key`.
  public func keyNode(_ key: String) -> YAMLNode? {
    entry(key).flatMap { YAMLNode(events, $0.key) }
  }

  private func entry(_ key: String) -> (key: Int, value: Int)? {
    var found: (key: Int, value: Int)?
    forEachEntry { keyIndex, valueIndex in
      guard events.records[keyIndex].type == .scalar, events.valueEquals(at: keyIndex, key) else {
        return true
      }
      found = (keyIndex, valueIndex)
      return false
    }
    return found
  }

  /// Calls `body` with the event indexes of each key and value until it returns false.
  private func forEachEntry(_ body: (Int, Int) -> Bool) {
    let end = Int(events.records[index].link)
    var key = index + 1
    while key < end {
      let value = events.next(after: key)
      guard value < end, body(key, value) else { return }
      key = events.next(after: value)
    }
  }

  public static func == (lhs: YAMLMapping, rhs: YAMLMapping) -> Bool {
    YAMLEventList.same(lhs.events, rhs.events) && lhs.index == rhs.index
  }
}

/// A sequence node: a view into its document's events.
public struct YAMLSequence: Sendable, Equatable {
  let events: YAMLEventList
  let index: Int

  /// The items in source order.
  public var items: [YAMLNode] {
    var result: [YAMLNode] = []
    let end = Int(events.records[index].link)
    var item = index + 1
    while item < end {
      if let node = YAMLNode(events, item) { result.append(node) }
      item = events.next(after: item)
    }
    return result
  }

  /// Whether the sequence is written in flow style (`[a, b]`).
  public var isFlow: Bool { events.records[index].flag != 0 }
  /// Its anchor name, when it has one.
  public var anchor: String? { events.anchor(at: index) }
  /// Byte offset of the sequence's start.
  public var start: Int { Int(events.records[index].start) }
  /// Byte offset just past the sequence.
  public var end: Int { Int(events.records[Int(events.records[index].link)].end) }

  public static func == (lhs: YAMLSequence, rhs: YAMLSequence) -> Bool {
    YAMLEventList.same(lhs.events, rhs.events) && lhs.index == rhs.index
  }
}

/// An alias node (`*name`).
public struct YAMLAlias: Sendable, Equatable {
  /// The anchor it refers to.
  public var anchor: String
  /// Byte offset of the `*`.
  public var start: Int
  /// Byte offset just past the alias.
  public var end: Int
}
