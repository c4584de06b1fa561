/// A YAML file parsed losslessly enough to edit: its event stream and the node tree of its
/// first document, every node carrying byte offsets into the source.
public struct YAMLDocument: Sendable {
  /// The source the document was parsed from.
  public let source: SourceText
  /// The full libyaml event stream, used to verify edits.
  public let events: YAMLEventList
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
    Array(try YAMLParser().events(of: source))
  }
}

// The original and the edited text of a workflow, each parsed once per run.
private let documentCache = ParseCache<YAMLDocument>(capacity: 2)

private struct TreeBuilder {
  let events: YAMLEventList
  var index = 0
  var anchors: [String: YAMLNode] = [:]

  init(events: YAMLEventList) {
    self.events = events
  }

  mutating func firstDocument() -> YAMLNode? {
    while index < events.records.count {
      if events.records[index].type == .documentStart {
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

  // Reads records, not `YAMLEvent`s, so each scalar's string is built once, for its node.
  mutating func node() -> YAMLNode? {
    let records = events.records
    guard index < records.count else { return nil }
    let event = records[index]
    index += 1
    let anchor = events.name(event.anchor)
    switch event.type {
    case .scalar:
      let scalar = YAMLScalar(
        value: events.value(event), style: YAMLEventList.styles[Int(event.flag)], anchor: anchor,
        tag: events.name(event.tag), start: event.start, end: event.end)
      return remember(anchor, .scalar(scalar))
    case .alias:
      return .alias(YAMLAlias(anchor: anchor ?? "", start: event.start, end: event.end))
    case .mappingStart:
      var entries: [(key: YAMLNode, value: YAMLNode)] = []
      while index < records.count, records[index].type != .mappingEnd {
        guard let key = node(), let value = node() else { break }
        entries.append((key, value))
      }
      let end = index < records.count ? records[index].end : event.end
      index += 1
      let mapping = YAMLMapping(
        entries: entries, isFlow: event.flag != 0, anchor: anchor, start: event.start, end: end)
      return remember(anchor, .mapping(mapping))
    case .sequenceStart:
      var items: [YAMLNode] = []
      while index < records.count, records[index].type != .sequenceEnd {
        guard let item = node() else { break }
        items.append(item)
      }
      let end = index < records.count ? records[index].end : event.end
      index += 1
      let sequence = YAMLSequence(
        items: items, isFlow: event.flag != 0, anchor: anchor, start: event.start, end: end)
      return remember(anchor, .sequence(sequence))
    default:
      return nil
    }
  }
}
