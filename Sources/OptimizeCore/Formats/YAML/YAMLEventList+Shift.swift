import Foundation

/// What a streamed verification proved about an edited file's events, so that the edited file's
/// event list can be made from the original's instead of being parsed again.
///
/// While `YAMLEditVerifier` compares each event libyaml reads from the edited bytes with the
/// original's, it also checks where the event is: every event that was not meant to change must
/// sit exactly where the original's sits once the edits before it are counted in, and a scalar
/// whose value is its own source bytes must lie clear of every edit. When all events pass, the
/// edited file's list is the original's with positions moved and the edited scalars' records
/// replaced by the ones libyaml reported: exactly what parsing the edited bytes gives.
struct EventShift: Sendable {
  /// An edit as byte counts, so that placing an event costs a few comparisons.
  private struct Splice: Sendable {
    var old: Range<Int>
    var delta: Int
  }

  /// The edits, sorted by offset.
  private let splices: [Splice]
  /// The records libyaml reported for the edited scalars, by the original's event index.
  var replaced: [Int: YAMLEventList.Record] = [:]
  /// Whether every event so far sat where the edits put it.
  var holds = true
  /// Whether this was proven by reading only the entry that holds the edits (`LocalEditCheck`),
  /// not the whole edited file.
  var local = false

  init(edits: [Edit]) {
    splices = edits.sorted { $0.offset < $1.offset }.map {
      Splice(old: $0.oldRange, delta: $0.new.utf8.count - $0.old.utf8.count)
    }
  }

  /// Where the byte at `offset` of the original is in the edited text: moved by every edit that
  /// ends at or before it (an insertion exactly at `offset` counts as after it).
  func shifted(_ offset: UInt32) -> UInt32 {
    let offset = Int(offset)
    var moved = offset
    for splice in splices {
      guard splice.old.upperBound <= offset, splice.old.lowerBound < offset || !splice.old.isEmpty else {
        break
      }
      moved += splice.delta
    }
    return UInt32(clamping: moved)
  }

  /// Whether an edit changes bytes inside `start..<end`.
  func touches(_ start: UInt32, _ end: UInt32) -> Bool {
    let range = Int(start)..<Int(end)
    return splices.contains { splice in
      splice.old.isEmpty
        ? range.lowerBound < splice.old.lowerBound && splice.old.lowerBound < range.upperBound
        : splice.old.overlaps(range)
    }
  }

  /// Checks that `new`, read from the edited text, sits where the original's `old` does.
  mutating func check(_ old: YAMLEventList.Record, _ new: YAMLEventList.Record) {
    guard holds else { return }
    let inSource = old.type == .scalar && old.link == YAMLEventList.Record.inSource
    holds =
      new.start == shifted(old.start) && new.end == shifted(old.end)
      && !(inSource && touches(old.start, old.end))
  }
}

extension YAMLEventList {
  /// How the events of an edited text sit against the original's: `EventShift` moves every
  /// offset, and the edited scalars have the records and values libyaml reported.
  final class Moved: Sendable {
    let shift: EventShift
    /// The new values of the edited scalars, by event index.
    let values: [Int: [UInt8]]
    /// The indexes of the edited scalars, first to last: most events lie outside, and this
    /// tells so without hashing.
    let edited: Range<Int>

    init(shift: EventShift, values: [Int: [UInt8]]) {
      self.shift = shift
      self.values = values
      let indexes = shift.replaced.keys
      edited = (indexes.min() ?? 0)..<((indexes.max() ?? -1) + 1)
    }
  }

  /// The records of a list as they sit in its text: the stored ones, moved for an edited text.
  struct Records: RandomAccessCollection {
    let storage: Storage
    let moved: Moved?

    var startIndex: Int { 0 }
    var endIndex: Int { storage.records.count }

    @inline(__always)
    subscript(position: Int) -> Record {
      var record = storage.records[position]
      guard let moved else { return record }
      if moved.edited.contains(position), let replaced = moved.shift.replaced[position] {
        record.start = replaced.start
        record.end = replaced.end
        record.flag = replaced.flag
        return record
      }
      record.start = moved.shift.shifted(record.start)
      record.end = moved.shift.shifted(record.end)
      return record
    }
  }

  /// The events of the edited text `shift` describes, made from these events without a copy:
  /// they share this list's storage and move each record as it is read.
  ///
  /// - Parameter expected: The new value of each replaced scalar, by its start in the original.
  func shifted(by shift: EventShift, expected: [Int: String]) -> YAMLEventList {
    var values: [Int: [UInt8]] = [:]
    for index in shift.replaced.keys {
      values[index] = Array((expected[Int(storage.records[index].start)] ?? "").utf8)
    }
    return YAMLEventList(storage: storage, moved: Moved(shift: shift, values: values))
  }

  private init(storage: Storage, moved: Moved) {
    self.storage = storage
    self.moved = moved
  }
}
