/// Checks that an edited YAML file means exactly what the original meant, apart from the
/// scalars that were meant to change.
public enum YAMLEditVerifier {
  /// Re-parses `after` and compares its event stream with `before.events`, event for event.
  ///
  /// Every event must be equal (kind, anchor, tag, value, style, implicit flags), except the
  /// scalars listed in `expected`: their value must be exactly the expected string and their
  /// style may change (a plain or quoted scalar converted to a literal block, for example).
  /// `after` is streamed: its events are compared as libyaml reads them and none is kept.
  ///
  /// - Parameters:
  ///   - before: The document the edits were computed from.
  ///   - after: The edited source.
  ///   - expected: New values, keyed by the scalar's start byte offset in `before`.
  /// - Throws: `FormatError` at the first differing event's place in `after`, or where libyaml
  ///   fails to parse `after`.
  public static func verify(before: YAMLDocument, after: SourceText, expected: [Int: String]) throws {
    try verify(before: before, after: after, expected: expected, chunk: 4096)
  }

  /// `verify(before:after:expected:)` streaming `chunk` events at a time. Given the `edits` that
  /// made `after`, it also tells whether every event sits where the edits put it: then the edited
  /// file's events can be made from the original's (`YAMLEventList.shifted`).
  ///
  /// With `edits` and `local`, the entry that holds the edits is read first (`LocalEditCheck`);
  /// when that proves the edit, the rest of the file is not read again and the shift it returns
  /// is marked `local`.
  @discardableResult
  static func verify(
    before: YAMLDocument, after: SourceText, expected: [Int: String], edits: [Edit]? = nil,
    local: Bool = true,
    chunk size: Int
  ) throws -> EventShift? {
    if local, let edits,
      let shift = LocalEditCheck(before: before, after: after, expected: expected, edits: edits).proven()
    {
      return shift
    }
    var comparison = Comparison(after: after, expected: expected)
    comparison.shift = edits.map(EventShift.init(edits:))
    let stored = before.events
    try YAMLParser().streamEvents(of: after, chunk: size) { chunk, first in
      for offset in chunk.indices {
        let index = first + offset
        guard index < stored.endIndex else {
          throw comparison.extra(chunk, offset)
        }
        try comparison.compare(stored, index, chunk, offset)
      }
      comparison.seen = first + chunk.count
    }
    try comparison.finish(beforeCount: stored.count, before: stored)
    return comparison.shift.flatMap { $0.holds ? $0 : nil }
  }

  /// The same comparison, the other way round: `after` is parsed and kept (planning again on the
  /// edited bytes reads that document), and `before` is streamed, so the original's events need
  /// not stay in memory beside the edited file's.
  static func verify(
    streaming before: SourceText, after: YAMLDocument, expected: [Int: String], chunk size: Int = 4096
  ) throws {
    var comparison = Comparison(after: after.source, expected: expected)
    let stored = after.events
    var count = 0
    try YAMLParser().streamEvents(of: before, chunk: size) { chunk, first in
      for offset in chunk.indices {
        let index = first + offset
        guard index < stored.endIndex else {
          throw comparison.ended(expecting: chunk[offset].kind)
        }
        try comparison.compare(chunk, offset, stored, index)
      }
      count = first + chunk.count
    }
    comparison.seen = stored.count
    if stored.count > count { throw comparison.extra(stored, count) }
    try comparison.finish(beforeCount: count, before: nil)
  }

  /// The state of one event-by-event comparison.
  struct Comparison {
    let after: SourceText
    let expected: [Int: String]
    /// Expected starts in order: scalars come in source order, so a cursor replaces a lookup.
    let starts: [Int]
    var cursor = 0
    var unmatched: Set<Int>
    /// How many events of `after` were read.
    var seen = 0
    /// Where the events of `after` sit, when the edits that made it are known.
    var shift: EventShift?

    init(after: SourceText, expected: [Int: String]) {
      self.after = after
      self.expected = expected
      starts = expected.keys.sorted()
      unmatched = Set(expected.keys)
    }

    /// Compares event `old` of the original with event `new` of the edited text.
    mutating func compare(
      _ oldList: YAMLEventList, _ old: Int, _ newList: YAMLEventList, _ new: Int
    ) throws {
      let record = oldList.records[old]
      let newRecord = newList.records[new]
      let start = Int(record.start)
      while cursor < starts.count, starts[cursor] < start { cursor += 1 }
      if record.type == .scalar, cursor < starts.count, starts[cursor] == start, let want = expected[start] {
        unmatched.remove(start)
        let anchor = oldList.anchor(at: old)
        let tag = oldList.tag(at: old)
        guard newRecord.type == .scalar, newList.anchor(at: new) == anchor,
          newList.tag(at: new) == tag, newList.value(at: new) == want
        else {
          let wanted = EventKindText.scalar(anchor: anchor, tag: tag, value: want)
          throw difference(
            in: after, at: Int(newList.records[new].start), expected: wanted,
            found: describe(newList[new].kind))
        }
        shift?.replaced[old] = newRecord
        return
      }
      guard YAMLEventList.sameKind(record, old, in: oldList, newRecord, new, in: newList) else {
        throw difference(
          in: after, at: Int(newList.records[new].start), expected: describe(oldList[old].kind),
          found: describe(newList[new].kind))
      }
      shift?.check(record, newRecord)
    }

    /// The edited text has event `index` of `list` where the original had ended.
    func extra(_ list: YAMLEventList, _ index: Int) -> FormatError {
      let event = list[index]
      return difference(
        in: after, at: event.start, expected: "the end of the event stream", found: describe(event.kind))
    }

    /// The edited text ended where the original has an event of `kind`.
    func ended(expecting kind: YAMLEvent.Kind) -> FormatError {
      difference(
        in: after, at: after.bytes.count, expected: describe(kind), found: "the end of the event stream")
    }

    /// Checks what is left once both streams ended.
    func finish(beforeCount: Int, before: YAMLEventList?) throws {
      if let before, seen < beforeCount { throw ended(expecting: before[seen].kind) }
      if let missing = unmatched.min() {
        throw difference(
          in: after, at: min(missing, after.bytes.count),
          expected: "a scalar starting at byte \(missing) of the original file",
          found: "no event there")
      }
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
