/// A node of a parsed YAML document, with the byte range it takes in the source.
public indirect enum YAMLNode: Sendable, Equatable {
  case scalar(YAMLScalar)
  case mapping(YAMLMapping)
  case sequence(YAMLSequence)
  case alias(YAMLAlias)

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

/// A mapping node. Keys keep their order.
public struct YAMLMapping: Sendable, Equatable {
  /// The key and value pairs in source order.
  public var entries: [(key: YAMLNode, value: YAMLNode)]
  /// Whether the mapping is written in flow style (`{a: b}`).
  public var isFlow: Bool
  /// Its anchor name, when it has one.
  public var anchor: String?
  /// Byte offset of the mapping's start.
  public var start: Int
  /// Byte offset just past the mapping.
  public var end: Int

  /// The value of the first entry whose key is the scalar `key`.
  public subscript(key: String) -> YAMLNode? {
    entries.first { $0.key.string == key }?.value
  }

  /// The key node of the first entry whose key is the scalar `key`.
  public func keyNode(_ key: String) -> YAMLNode? {
    entries.first { $0.key.string == key }?.key
  }

  public static func == (lhs: YAMLMapping, rhs: YAMLMapping) -> Bool {
    lhs.start == rhs.start && lhs.end == rhs.end && lhs.isFlow == rhs.isFlow
      && lhs.anchor == rhs.anchor && lhs.entries.count == rhs.entries.count
      && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

/// A sequence node.
public struct YAMLSequence: Sendable, Equatable {
  /// The items in source order.
  public var items: [YAMLNode]
  /// Whether the sequence is written in flow style (`[a, b]`).
  public var isFlow: Bool
  /// Its anchor name, when it has one.
  public var anchor: String?
  /// Byte offset of the sequence's start.
  public var start: Int
  /// Byte offset just past the sequence.
  public var end: Int
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
