/// A YAML file parsed losslessly enough to edit: its event stream and the nodes of its first
/// document, every node carrying byte offsets into the source.
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
    self.init(source: source, events: try YAMLParser().events(of: source))
  }

  private init(source: SourceText, events: YAMLEventList) {
    self.source = source
    self.events = events
    let records = events.records
    let first = records.firstIndex { $0.type == .documentStart }
    self.root = first.flatMap { YAMLNode(events, $0 + 1) }
    let documentEnd = first.map { events.next(after: $0 + 1) } ?? 0
    // In event order, so a redefined anchor means its last definition, as for the aliases after it.
    var anchors: [String: YAMLNode] = [:]
    for index in events.storage.properties.keys.sorted()
    where index < documentEnd && records[index].type != .alias {
      if let name = events.anchor(at: index), let node = YAMLNode(events, index) { anchors[name] = node }
    }
    self.anchors = anchors
  }

  /// The document of `edited`, made from the cached parse of `original` without reading
  /// `edited` again, when the scalar editor's check proved (`shift`) that its events are the
  /// original's moved; nil when the original's parse is no longer cached.
  static func derive(
    _ edited: SourceText, from original: SourceText, by shift: EventShift, expected: [Int: String]
  )
    -> YAMLDocument?
  {
    // An original made this way is parsed again instead: its moves would have to be composed.
    guard let document = documentCache.cached(original), document.events.moved == nil else { return nil }
    let events = document.events.shifted(by: shift, expected: expected)
    let derived = YAMLDocument(source: edited, events: events)
    documentCache.store(derived, for: edited)
    return derived
  }

  /// Drops the cached document parsed from `source`, so that its events are freed once no one
  /// else holds them (the verifier does this for an original it is about to stream instead).
  static func forget(_ source: SourceText) {
    documentCache.forget(source)
  }
}

// The original and the edited text of a workflow, each parsed once per run.
private let documentCache = ParseCache<YAMLDocument>(capacity: 2)
