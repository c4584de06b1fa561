import Foundation

/// Proves an edit of a large YAML file by parsing only the block-mapping entry that holds it.
///
/// The entry is taken from the first byte of its key's line up to the end of the line that holds
/// the next event after it: the next key at the same indentation (or, for the file's last entry,
/// the end of the file). Three things are checked:
///
/// 1. Every byte outside the edits is the original's (`VerifiedEdits.isApplied`), and no edit
///    touches the key's line or the next key's line.
/// 2. Parsed as a document of its own, the original entry gives exactly the events the whole file
///    gave for it, down to where each one starts and ends. So nothing before the entry (a `%TAG`
///    handle, flow context, a different indentation) changes how its bytes read.
/// 3. Parsed the same way, the edited entry gives the original entry's events, event for event,
///    except the edited scalars' values, each at the place the edits move it to
///    (`YAMLEditVerifier`'s comparison and `EventShift`).
///
/// libyaml reads a file front to back, and what it makes of a line in block context depends on
/// the lines before it only through the indentation of the collections that are open. Before the
/// entry the edited file is the original, byte for byte and event for event. Inside, (2) and (3)
/// show that the edited bytes give the original's tokens with new values, at moved places, under
/// the same indentation, including the next key, the lookahead a block scalar needs to end. After
/// the next key's line the bytes are the original's again, read in the same state. So the whole
/// edited file gives the events that `EventShift` makes from the original's, which is what
/// `YAMLEditVerifier` would have found by reading all of it.
///
/// Anything the check cannot show (an edit on a key's line, an entry in flow context, a next
/// event that is not a sibling key, a difference at all) makes it give up, and the whole edited
/// file is read instead, which also gives the error to report. `apply` always reads the whole
/// edited file again before it writes (`Verifier`).
struct LocalEditCheck {
  let before: YAMLDocument
  let after: SourceText
  let expected: [Int: String]
  /// Sorted by offset.
  let edits: [Edit]

  init(before: YAMLDocument, after: SourceText, expected: [Int: String], edits: [Edit]) {
    self.before = before
    self.after = after
    self.expected = expected
    self.edits = edits.sorted { $0.offset < $1.offset }
  }

  /// A mapping entry: its key and value event indexes.
  private struct Entry {
    var key: Int
    var value: Int
    /// Whether its mapping and every collection around it are in block style.
    var block: Bool
  }

  /// Where an entry is read: `bytes` of the original, its events `window` of the whole file.
  private struct Span {
    var bytes: Range<Int>
    var window: Range<Int>
  }

  /// The edited file's events as the original's moved, when the entry shows it; nil when the
  /// whole edited file has to be read.
  func proven() -> EventShift? {
    let events = before.events
    let source = before.source.bytes
    guard let first = edits.first, let last = edits.last, events.moved == nil,
      let target = expected.keys.min(),
      VerifiedEdits.isApplied(edits, to: source, give: after.bytes),
      let scalar = events.scalarIndex(startingAt: target), let chain = entries(holding: scalar)
    else { return nil }
    for entry in chain.reversed() where entry.block {
      guard let span = span(of: entry, holding: first.offset..<last.oldRange.upperBound) else { continue }
      // The entries further out are larger: reading the whole file is cheaper than two of them.
      guard 2 * span.bytes.count <= source.count + 8192 else { return nil }
      return check(span)
    }
    return nil
  }

  /// The mapping entries that hold event `target`, outermost first.
  private func entries(holding target: Int) -> [Entry]? {
    let records = before.events.storage.records
    guard let ancestors = before.events.ancestors(of: target) else { return nil }
    var block = true
    return ancestors.compactMap { ancestor in
      block = block && records[ancestor.index].flag == 0
      return ancestor.entry.map { Entry(key: $0.key, value: $0.value, block: block) }
    }
  }

  /// Where `entry` is read, when its key starts a line, no edit is on that line, the next event
  /// is a key at the same indentation (or nothing follows), and the edits lie between.
  private func span(of entry: Entry, holding edited: Range<Int>) -> Span? {
    let events = before.events
    let records = events.storage.records
    let bytes = before.source.bytes
    let keyStart = Int(records[entry.key].start)
    guard let lineStart = indentedLineStart(of: keyStart),
      let keyLineEnd = lineEnd(from: keyStart), edited.lowerBound >= keyLineEnd
    else { return nil }
    let after = events.next(after: entry.value)
    var next = after
    while next < records.count, Self.closes(records[next].type) { next += 1 }
    guard next < records.count else { return nil }
    if records[next].type == .streamEnd {
      return edited.upperBound <= bytes.count
        ? Span(bytes: lineStart..<bytes.count, window: entry.key..<after) : nil
    }
    let nextStart = Int(records[next].start)
    guard let nextLineStart = indentedLineStart(of: nextStart),
      nextStart - nextLineStart == keyStart - lineStart, edited.upperBound <= nextLineStart,
      let nextLineEnd = lineEnd(from: nextStart)
    else { return nil }
    return Span(bytes: lineStart..<nextLineEnd, window: entry.key..<(next + 1))
  }

  /// Whether an event of `type` only closes what is open, with no token of its own to read.
  private static func closes(_ type: YAMLEventList.EventType) -> Bool {
    switch type {
    case .mappingEnd, .sequenceEnd, .documentEnd: return true
    default: return false
    }
  }

  /// The start of the line holding `offset`, when only spaces come before it on that line.
  private func indentedLineStart(of offset: Int) -> Int? {
    let bytes = before.source.bytes
    var start = offset
    while start > 0, bytes[start - 1] == UInt8(ascii: " ") { start -= 1 }
    // A byte order mark before the first line is not a space: that line does not qualify.
    return start == 0 || bytes[start - 1] == UInt8(ascii: "\n") ? start : nil
  }

  /// The offset just past the line break that ends the line holding `offset`, or the file's end.
  private func lineEnd(from offset: Int) -> Int? {
    let bytes = before.source.bytes
    guard offset <= bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) -> Int in
      guard offset < buffer.count, let base = buffer.baseAddress,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
      else { return buffer.count }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
    }
  }

  /// Parses the span of the original and of the edited file and compares them (see the type).
  private func check(_ span: Span) -> EventShift? {
    let base = span.bytes.lowerBound
    let delta = edits.reduce(0) { $0 + $1.new.utf8.count - $1.old.utf8.count }
    let path = before.source.path
    let editedRange = base..<(span.bytes.upperBound + delta)
    guard editedRange.upperBound <= after.bytes.count else { return nil }
    let original = SourceText(path: path, bytes: Array(before.source.bytes[span.bytes]))
    let edited = SourceText(path: path, bytes: Array(after.bytes[editedRange]))
    guard let old = try? YAMLParser().events(of: original), let new = try? YAMLParser().events(of: edited),
      matchesWholeFile(old, window: span.window, base: base)
    else { return nil }
    var expectedHere: [Int: String] = [:]
    for (start, value) in expected { expectedHere[start - base] = value }
    var comparison = YAMLEditVerifier.Comparison(after: edited, expected: expectedHere)
    comparison.shift = EventShift(
      edits: edits.map { Edit(offset: $0.offset - base, old: $0.old, new: $0.new) })
    guard old.count == new.count else { return nil }
    do {
      for index in old.indices { try comparison.compare(old, index, new, index) }
      comparison.seen = new.count
      try comparison.finish(beforeCount: old.count, before: old)
    } catch {
      return nil
    }
    guard let local = comparison.shift, local.holds else { return nil }
    // The entry's events are 3... in the span's own stream (after its stream, document and
    // mapping starts) and `window` in the whole file's.
    var shift = EventShift(edits: edits)
    for (index, record) in local.replaced {
      let whole = span.window.lowerBound + index - 3
      guard index >= 3, span.window.contains(whole) else { return nil }
      var moved = record
      moved.start += UInt32(base)
      moved.end += UInt32(base)
      shift.replaced[whole] = moved
    }
    shift.local = true
    return shift
  }

  /// Whether the span's own events, from its first key on, are the whole file's `window` at the
  /// same places.
  private func matchesWholeFile(_ span: YAMLEventList, window: Range<Int>, base: Int) -> Bool {
    let whole = before.events
    let records = whole.storage.records
    let own = span.storage.records
    guard own.count >= 3 + window.count, own[2].type == .mappingStart, own[2].flag == 0 else { return false }
    let offset = UInt32(base)
    for index in window {
      let local = 3 + index - window.lowerBound
      let (wide, narrow) = (records[index], own[local])
      guard wide.start == narrow.start + offset, wide.end == narrow.end + offset,
        YAMLEventList.sameKind(wide, index, in: whole, narrow, local, in: span)
      else { return false }
    }
    return true
  }
}
