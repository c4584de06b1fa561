/// How a scalar is written in the source.
public enum YAMLScalarStyle: String, Sendable, Equatable, Codable {
  case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One libyaml parse event, with its byte range in the source.
public struct YAMLEvent: Sendable, Equatable {
  /// What the event is.
  public enum Kind: Sendable, Equatable {
    case streamStart, streamEnd
    case documentStart(implicit: Bool)
    case documentEnd(implicit: Bool)
    case mappingStart(anchor: String?, tag: String?, flow: Bool)
    case mappingEnd
    case sequenceStart(anchor: String?, tag: String?, flow: Bool)
    case sequenceEnd
    case scalar(anchor: String?, tag: String?, value: String, style: YAMLScalarStyle)
    case alias(anchor: String)
  }

  /// What the event is.
  public var kind: Kind
  /// Byte offset of the event's start mark.
  public var start: Int
  /// Byte offset of the event's end mark.
  public var end: Int

  /// Creates an event.
  public init(kind: Kind, start: Int, end: Int) {
    self.kind = kind
    self.start = start
    self.end = end
  }

  /// The scalar's value, when the event is a scalar.
  public var scalarValue: String? {
    if case .scalar(_, _, let value, _) = kind { return value }
    return nil
  }
}
