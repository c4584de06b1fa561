import Foundation

/// The YAML edits whose whole result one run has already verified, event for event.
///
/// The scalar editor verifies each edit it proposes on the whole edited file; when a file's only
/// edit is that one, the verifier's own check would compare the very same bytes with the very
/// same expectations again, a full libyaml pass over the original. A result is recognised by the
/// original's bytes (the same array, or equal ones), the expected values, and the edited bytes
/// being exactly the original with those edits applied (compared piece by piece, so nothing is
/// hashed or copied), so a check is skipped only for exactly the text that passed it.
enum VerifiedEdits {
  private struct Entry {
    var path: String
    var before: [UInt8]
    var expected: [Int: String]
    /// Sorted by offset, without overlaps: they were applied to `before`.
    var edits: [Edit]
    /// Where the edited text's events sit, when they are the original's moved.
    var shift: EventShift?
    /// The edited text the check read, when it was kept for the plan to reuse.
    var after: SourceText?
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var entries: [Entry] = []
  private static let capacity = 4

  /// Records that `edits`, applied to `before`, passed `YAMLEditVerifier`'s check with `expected`,
  /// and keeps `after`, the edited text the check read, for the plan to reuse.
  static func remember(
    before: SourceText, edits: [Edit], expected: [Int: String], shift: EventShift? = nil,
    after: SourceText? = nil
  ) {
    let entry = Entry(
      path: before.path, before: before.bytes, expected: expected,
      edits: edits.sorted { $0.offset < $1.offset }, shift: shift, after: after)
    lock.lock()
    defer { lock.unlock() }
    entries.append(entry)
    if entries.count > capacity { entries.removeFirst() }
  }

  /// Whether `after` already passed the check against `before` with exactly `expected`.
  static func contains(before: SourceText, after: [UInt8], expected: [Int: String]) -> Bool {
    entry(before: before, after: after, expected: expected) != nil
  }

  /// How `after`'s events sit against `before`'s, when `after` passed the check against `before`
  /// with exactly `expected` and the check found them to be the original's moved.
  static func shift(before: SourceText, after: [UInt8], expected: [Int: String]) -> EventShift? {
    entry(before: before, after: after, expected: expected)?.shift
  }

  private static func entry(before: SourceText, after: [UInt8], expected: [Int: String]) -> Entry? {
    lock.lock()
    let candidates = entries.filter {
      $0.path == before.path && $0.expected == expected && $0.before.count == before.bytes.count
    }
    lock.unlock()
    return candidates.last { entry in
      // The kept edited text is these edits applied to the entry's original: the very same bytes
      // need not be compared again.
      same(entry.before[...], before.bytes[...])
        && (entry.after?.bytes.sharesStorage(with: after) == true
          || isApplied(entry.edits, to: before.bytes, give: after))
    }
  }

  /// The edited text a check read and kept, when it is `edits` applied to these very `before`
  /// bytes: planning then builds and indexes each edited file once, not again.
  static func text(applying edits: [Edit], to before: [UInt8], path: String) -> SourceText? {
    let sorted = edits.sorted { $0.offset < $1.offset }
    lock.lock()
    defer { lock.unlock() }
    return entries.last { $0.path == path && $0.before.sharesStorage(with: before) && $0.edits == sorted }?
      .after
  }

  /// Whether `after` is `before` with `edits` (sorted by offset) applied: each kept stretch and
  /// each new text in turn.
  static func isApplied(_ edits: [Edit], to before: [UInt8], give after: [UInt8]) -> Bool {
    var cursor = 0
    var position = 0
    for edit in edits {
      let kept = cursor..<edit.offset
      let new = Array(edit.new.utf8)
      guard edit.offset >= cursor, position + kept.count + new.count <= after.count,
        same(before[kept], after[position..<position + kept.count]),
        same(new[...], after[position + kept.count..<position + kept.count + new.count])
      else { return false }
      position += kept.count + new.count
      cursor = edit.oldRange.upperBound
    }
    return after.count - position == before.count - cursor
      && same(before[cursor...], after[position...])
  }

  private static func same(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Bool {
    left.withUnsafeBufferPointer { a in
      right.withUnsafeBufferPointer { b in
        a.count == b.count
          && (a.baseAddress == b.baseAddress || a.isEmpty
            || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
      }
    }
  }
}
