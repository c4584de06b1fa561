/// Checks that an edited YAML file means exactly what the original meant, apart from the
/// scalars that were meant to change.
public enum YAMLEditVerifier {
  /// Re-parses `after` and compares its event stream with `before.events`, event for event.
  ///
  /// Every event must be equal (kind, anchor, tag, value, style, implicit flags), except the
  /// scalars listed in `expected`: their value must be exactly the expected string and their
  /// style may change (a plain or quoted scalar converted to a literal block, for example).
  ///
  /// - Parameters:
  ///   - before: The document the edits were computed from.
  ///   - after: The edited source.
  ///   - expected: New values, keyed by the scalar's start byte offset in `before`.
  /// - Throws: `FormatError` at the first differing event's place in `after`, or where libyaml
  ///   fails to parse `after`.
  public static func verify(before: YAMLDocument, after: SourceText, expected: [Int: String]) throws {
    // The whole document, not just its events: planning again on the edited bytes reuses it.
    let beforeEvents = before.events
    let afterEvents = try YAMLDocument(source: after).events
    let oldRecords = beforeEvents.records
    let newRecords = afterEvents.records
    var unmatched = Set(expected.keys)
    // Scalars come in source order: a cursor over the expected starts replaces a lookup per event.
    let starts = expected.keys.sorted()
    var cursor = 0
    for index in oldRecords.indices {
      guard index < newRecords.count else {
        throw difference(
          in: after, at: after.bytes.count, expected: describe(beforeEvents[index].kind),
          found: "the end of the event stream")
      }
      let old = oldRecords[index]
      while cursor < starts.count, starts[cursor] < Int(old.start) { cursor += 1 }
      if old.type == .scalar, cursor < starts.count, starts[cursor] == Int(old.start),
        let want = expected[Int(old.start)]
      {
        unmatched.remove(Int(old.start))
        let anchor = beforeEvents.anchor(at: index)
        let tag = beforeEvents.tag(at: index)
        guard newRecords[index].type == .scalar, afterEvents.anchor(at: index) == anchor,
          afterEvents.tag(at: index) == tag, afterEvents.value(at: index) == want
        else {
          let wanted = EventKindText.scalar(anchor: anchor, tag: tag, value: want)
          throw difference(
            in: after, at: Int(newRecords[index].start), expected: wanted,
            found: describe(afterEvents[index].kind))
        }
        continue
      }
      guard YAMLEventList.sameKind(index, in: beforeEvents, index, in: afterEvents) else {
        throw difference(
          in: after, at: Int(newRecords[index].start), expected: describe(beforeEvents[index].kind),
          found: describe(afterEvents[index].kind))
      }
    }
    if newRecords.count > oldRecords.count {
      let extra = afterEvents[oldRecords.count]
      throw difference(
        in: after, at: extra.start, expected: "the end of the event stream",
        found: describe(extra.kind))
    }
    if let missing = unmatched.min() {
      throw difference(
        in: after, at: min(missing, after.bytes.count),
        expected: "a scalar starting at byte \(missing) of the original file",
        found: "no event there")
    }
  }

  private static func difference(
    in source: SourceText, at offset: Int, expected: String, found: String
  ) -> FormatError {
    FormatError(
      in: source, atByte: min(offset, source.bytes.count),
      expected: "the edited YAML to keep \(expected)", found: found,
      fix: "optimize refused to write this edit; change the file by hand")
  }

  private static func describe(_ kind: YAMLEvent.Kind) -> String {
    EventKindText.describe(kind)
  }
}

/// Short human-readable texts for YAML events, used in verification messages.
enum EventKindText {
  static func describe(_ kind: YAMLEvent.Kind) -> String {
    switch kind {
    case .streamStart: return "the stream start"
    case .streamEnd: return "the stream end"
    case .documentStart(let implicit): return implicit ? "an implicit document start" : "a `---`"
    case .documentEnd(let implicit): return implicit ? "an implicit document end" : "a `...`"
    case .mappingStart(let anchor, let tag, let flow):
      return "a \(flow ? "flow" : "block") mapping" + properties(anchor, tag)
    case .mappingEnd: return "the end of a mapping"
    case .sequenceStart(let anchor, let tag, let flow):
      return "a \(flow ? "flow" : "block") sequence" + properties(anchor, tag)
    case .sequenceEnd: return "the end of a sequence"
    case .scalar(let anchor, let tag, let value, let style):
      return "the \(style.rawValue) scalar \(value.debugDescription)" + properties(anchor, tag)
    case .alias(let anchor): return "the alias *\(anchor)"
    }
  }

  static func scalar(anchor: String?, tag: String?, value: String) -> String {
    "the scalar \(value.debugDescription)" + properties(anchor, tag)
  }

  private static func properties(_ anchor: String?, _ tag: String?) -> String {
    var text = ""
    if let anchor { text += " anchored &\(anchor)" }
    if let tag { text += " tagged \(tag)" }
    return text
  }
}
