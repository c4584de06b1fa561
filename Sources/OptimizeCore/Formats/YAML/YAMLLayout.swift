/// Where a scalar sits in its document: inside flow collections or not, and how deeply the
/// enclosing block collection is indented.
struct ScalarContext: Sendable, Equatable {
  /// Whether the scalar is inside a flow mapping or sequence.
  var inFlow: Bool
  /// The column of the enclosing block collection, as libyaml's `parser->indent`; -1 at the top.
  var parentIndent: Int
  /// The column of the mapping key whose value the scalar is, when it is one.
  var keyColumn: Int?
}

/// Facts about a YAML document's layout that editors need to write new lines that fit.
enum YAMLLayout {
  /// Finds the scalar event that starts at `start` and describes its surroundings.
  static func context(ofScalarAt start: Int, in document: YAMLDocument) -> ScalarContext? {
    // Straight to the scalar and down to it through its ancestors: a large workflow has
    // millions of events, and walking all of them is a pass of its own.
    let events = document.events
    guard let index = events.scalarIndex(startingAt: start), let ancestors = events.ancestors(of: index)
    else {
      return walkingContext(ofScalarAt: start, in: document)
    }
    let records = events.records
    let column = { (event: Int) in YAMLBytes.column(of: Int(records[event].start), in: document.source) }
    let parent = ancestors.last { records[$0.index].flag == 0 }
    let isValue = ancestors.last?.entry?.value == index
    // The scalar or alias event before the value: the key's, or the last one inside a complex key.
    let previous =
      isValue ? (0..<index).reversed().first { [.scalar, .alias].contains(records[$0].type) } : nil
    return ScalarContext(
      inFlow: ancestors.contains { records[$0.index].flag != 0 },
      parentIndent: parent.map { column($0.index) } ?? -1,
      keyColumn: isValue ? (previous.map(column) ?? YAMLBytes.column(of: 0, in: document.source)) : nil)
  }

  /// `context(ofScalarAt:in:)` found by walking every event from the first.
  static func walkingContext(ofScalarAt start: Int, in document: YAMLDocument) -> ScalarContext? {
    // Each open collection: (is flow, column, is mapping, items seen).
    var stack: [(flow: Bool, column: Int, mapping: Bool, count: Int)] = []
    var previousStart = 0
    // Records, not `YAMLEvent`s: building every scalar's string would cost a copy of the file.
    for event in document.events.records {
      let eventStart = Int(event.start)
      switch event.type {
      case .mappingStart, .sequenceStart:
        if !stack.isEmpty { stack[stack.count - 1].count += 1 }
        stack.append(
          (
            event.flag != 0, YAMLBytes.column(of: eventStart, in: document.source),
            event.type == .mappingStart, 0
          ))
      case .mappingEnd, .sequenceEnd:
        stack.removeLast()
      case .scalar, .alias:
        if event.type == .scalar, eventStart == start {
          let parent = stack.last { !$0.flow }
          let isValue = stack.last.map { $0.mapping && $0.count % 2 == 1 } ?? false
          return ScalarContext(
            inFlow: stack.contains { $0.flow }, parentIndent: parent?.column ?? -1,
            keyColumn: isValue ? YAMLBytes.column(of: previousStart, in: document.source) : nil)
        }
        if !stack.isEmpty { stack[stack.count - 1].count += 1 }
        previousStart = eventStart
      default:
        break
      }
    }
    return nil
  }

  /// The document's indentation unit: the most common step between a block mapping and a
  /// block collection nested under one of its keys; 2 when the document shows none.
  static func indentUnit(of document: YAMLDocument) -> Int {
    var counts: [Int: Int] = [:]
    var stack: [(flow: Bool, column: Int, mapping: Bool)] = []
    for event in document.events.records {
      switch event.type {
      case .mappingStart, .sequenceStart:
        let flow = event.flag != 0
        let column = YAMLBytes.column(of: Int(event.start), in: document.source)
        if !flow, let parent = stack.last, parent.mapping, !parent.flow, column > parent.column {
          counts[column - parent.column, default: 0] += 1
        }
        stack.append((flow, column, event.type == .mappingStart))
      case .mappingEnd, .sequenceEnd:
        stack.removeLast()
      default:
        break
      }
    }
    let best = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 2
    return (1...8).contains(best) ? best : 2
  }
}
