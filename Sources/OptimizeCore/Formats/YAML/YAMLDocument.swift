/// A YAML file parsed losslessly enough to edit: its event stream and the node tree of its
/// first document, every node carrying byte offsets into the source.
public struct YAMLDocument: Sendable {
  /// The source the document was parsed from.
  public let source: SourceText
  /// The full libyaml event stream, used to verify edits.
  public let events: [YAMLEvent]
  /// The root node of the first document, or `nil` for an empty stream.
  public let root: YAMLNode?
  /// Anchored nodes by anchor name.
  public let anchors: [String: YAMLNode]

  /// Parses `source`.
  ///
  /// - Throws: `FormatError` at the place libyaml reports a syntax error.
  public init(source: SourceText) throws {
    self = try documentCache.document(for: source) { try YAMLDocument(parsing: source) }
  }

  private init(parsing source: SourceText) throws {
    self.source = source
    let events = try YAMLParser().events(of: source)
    self.events = events
    var builder = TreeBuilder(events: events)
    self.root = builder.firstDocument()
    self.anchors = builder.anchors
  }

  /// Reads the libyaml event stream of `source` without building a tree.
  public static func events(of source: SourceText) throws -> [YAMLEvent] {
    try YAMLParser().events(of: source)
  }
}

// The original and the edited text of a workflow, each parsed once per run.
private let documentCache = ParseCache<YAMLDocument>(capacity: 2)

private struct TreeBuilder {
  let events: [YAMLEvent]
  var index = 0
  var anchors: [String: YAMLNode] = [:]

  init(events: [YAMLEvent]) {
    self.events = events
  }

  mutating func firstDocument() -> YAMLNode? {
    while index < events.count {
      if case .documentStart = events[index].kind {
        index += 1
        return node()
      }
      index += 1
    }
    return nil
  }

  private mutating func remember(_ anchor: String?, _ node: YAMLNode) -> YAMLNode {
    if let anchor { anchors[anchor] = node }
    return node
  }

  mutating func node() -> YAMLNode? {
    guard index < events.count else { return nil }
    let event = events[index]
    index += 1
    switch event.kind {
    case .scalar(let anchor, let tag, let value, let style):
      let scalar = YAMLScalar(
        value: value, style: style, anchor: anchor, tag: tag, start: event.start, end: event.end)
      return remember(anchor, .scalar(scalar))
    case .alias(let anchor):
      return .alias(YAMLAlias(anchor: anchor, start: event.start, end: event.end))
    case .mappingStart(let anchor, _, let flow):
      var entries: [(key: YAMLNode, value: YAMLNode)] = []
      while index < events.count, events[index].kind != .mappingEnd {
        guard let key = node(), let value = node() else { break }
        entries.append((key, value))
      }
      let end = index < events.count ? events[index].end : event.end
      index += 1
      let mapping = YAMLMapping(
        entries: entries, isFlow: flow, anchor: anchor, start: event.start, end: end)
      return remember(anchor, .mapping(mapping))
    case .sequenceStart(let anchor, _, let flow):
      var items: [YAMLNode] = []
      while index < events.count, events[index].kind != .sequenceEnd {
        guard let item = node() else { break }
        items.append(item)
      }
      let end = index < events.count ? events[index].end : event.end
      index += 1
      let sequence = YAMLSequence(
        items: items, isFlow: flow, anchor: anchor, start: event.start, end: end)
      return remember(anchor, .sequence(sequence))
    default:
      return nil
    }
  }
}
