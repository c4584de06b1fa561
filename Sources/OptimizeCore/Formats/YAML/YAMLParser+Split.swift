internal import CYAML
import Foundation

/// A large file read by libyaml on two cores: this thread from the start, another from a line in
/// the middle, to the end, as a document of its own; the two event lists are then joined.
///
/// Why the joined events are the whole file's. libyaml reads a line in block context depending
/// on what came before only through the block collections that are open and their indentation.
/// The second part starts at a line indented `indent` spaces, and every line after it that is not
/// blank is indented at least as much, and no byte there is a line break other than `\n` and
/// `\r\n`: read on its own, that part is one block mapping at that column, and in the whole file
/// it is the rest of a block mapping at that column that nothing less indented closes before the
/// end. The first thread reads on until the first event of the second part, and the join takes
/// place only when that event is a key at that column in a block mapping whose keys are at that
/// column, with only block collections open; when the second part, read alone, starts with that
/// same key; and when no `%` directive (a `%TAG` would resolve tags differently) comes before.
/// Then the whole file's events from there to its end are the second part's, and at the end the
/// collections still open close where the second part's mapping closes. Otherwise the first
/// thread reads on to the end, as it would have alone, and the second part's events are dropped.
extension YAMLParser {
  /// Files from this size are read in two parts: below it, libyaml's pass takes less than the
  /// few milliseconds a second thread's start and the join would save.
  static let splitThreshold = 256 * 1024

  /// Where a file's last part may be read as a document of its own.
  struct Split: Sendable, Equatable {
    /// The offset of the line that starts the part.
    var start: Int
    /// That line's indentation in spaces, the least of every line after it that is not blank.
    var indent: Int
  }

  /// The first line at or after byte `near` (the middle of the file when nil) that can start the
  /// last part, with its indentation; nil when none can.
  static func split(of source: SourceText, near: Int? = nil) -> Split? {
    let bytes = source.bytes
    let lines = source.lineStarts
    let from = near ?? bytes.count / 2
    guard from > 0, from < bytes.count else { return nil }
    var line = source.lineIndex(ofByte: from)
    if lines[line] < from { line += 1 }
    guard line < lines.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Split? in
      var least = Int.max
      var first: Int?
      for index in line..<lines.count {
        let start = lines[index]
        var cursor = start
        while cursor < buffer.count, buffer[cursor] == UInt8(ascii: " ") { cursor += 1 }
        let indent = cursor - start
        while cursor < buffer.count,
          buffer[cursor] == UInt8(ascii: " ") || buffer[cursor] == UInt8(ascii: "\t")
        {
          cursor += 1
        }
        guard cursor < buffer.count, buffer[cursor] != .newline, buffer[cursor] != .carriageReturn else {
          continue  // blank
        }
        if indent == 0 {
          // Something at the top level: only a line after it can start the part.
          least = Int.max
          first = nil
          continue
        }
        let keyLike = cursor == start + indent && startsKey(buffer[cursor])
        if indent < least {
          least = indent
          first = keyLike ? start : nil
        } else if indent == least, first == nil, keyLike {
          first = start
        }
      }
      guard let first, hasOnlyLineFeedBreaks(buffer, from: first),
        !hasDirective(buffer, before: first, bom: source.bomLength)
      else { return nil }
      return Split(start: first, indent: least)
    }
  }

  /// Whether a plain key may start with `byte`: not an indicator, a quote or a tab.
  private static func startsKey(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"),
      UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "\t"):
      return false
    default:
      return true
    }
  }

  /// Whether every line break from `start` on is `\n` or `\r\n`: libyaml also breaks lines at a
  /// lone `\r`, NEL, LS and PS, which would start lines whose indentation was not looked at.
  private static func hasOnlyLineFeedBreaks(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    let count = buffer.count
    // Each lead byte found by memchr: a byte loop over megabytes would cost more than the rest.
    func each(_ lead: UInt8, _ isBreak: (Int) -> Bool) -> Bool {
      var from = start
      while from < count, let found = memchr(base + from, Int32(lead), count - from) {
        let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        if isBreak(index) { return false }
        from = index + 1
      }
      return true
    }
    func byte(_ index: Int) -> UInt8 { index < count ? base[index] : 0 }
    return each(.carriageReturn) { byte($0 + 1) != .newline }
      && each(0xC2) { byte($0 + 1) == 0x85 }
      && each(0xE2) { byte($0 + 1) == 0x80 && (byte($0 + 2) == 0xA8 || byte($0 + 2) == 0xA9) }
  }

  /// Whether a line before `end` starts with `%`, a directive.
  private static func hasDirective(_ buffer: UnsafeBufferPointer<UInt8>, before end: Int, bom: Int) -> Bool {
    if end > bom, buffer[bom] == UInt8(ascii: "%") { return true }
    guard let found = ASCIIScan.firstOffset(of: "\n%", in: UnsafeBufferPointer(rebasing: buffer[..<end]))
    else {
      return false
    }
    return found + 1 < end
  }

  /// The events of `source`, read in two parts at once when they join (`joined`), else as one.
  /// The other thread looks for the split (`split(of:near:)`) while this one starts reading:
  /// that search reads every line of the second half.
  ///
  /// - Throws: `FormatError` at the place libyaml reports.
  func events(of source: SourceText, splittingNear near: Int?) throws -> (
    events: YAMLEventList, split: Split?, joined: Bool
  ) {
    try Self.checkSize(of: source)
    let decision = SplitDecision()
    let reading = Background { YAMLParser.readTail(of: source, near: near, deciding: decision) }
    // The other thread reads `source` too: it is waited for however this one ends.
    defer { _ = reading.result() }
    var builder = YAMLEventList.Builder(source: source.bytes, expectedEvents: source.lineStarts.count * 2 + 8)
    var map = CodePointMap(source: source)
    return try source.bytes.withUnsafeBufferPointer { buffer in
      setInput(buffer)
      // The split is at or after `from`: this thread learns where before it gets there, waiting
      // for the other if need be (its search reads lines, far faster than libyaml reads them).
      let from = near ?? source.bytes.count / 2
      var stop: Int?
      let ended = try read(source, map: &map) { event, start, end in
        Self.append(event, start: start, end: end, to: &builder)
        guard start >= from else { return true }
        if stop == nil { stop = decision.split()?.start ?? Int.max }
        let type = event.pointee.type
        return start < stop! || type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT
      }
      let split = decision.split()
      var tail = reading.result()
      guard !ended else { return (YAMLEventList(builder), split, false) }
      let joined = tail.map { other in split.map { builder.join(other, at: $0) } ?? false } ?? false
      tail = nil
      if !joined {
        _ = try read(source, map: &map) { event, start, end in
          Self.append(event, start: start, end: end, to: &builder)
          return true
        }
      }
      return (YAMLEventList(builder), split, joined)
    }
  }

  /// Finds the split of `source` near `near`, says where it starts, and reads from there to the
  /// end as a stream of its own, events at their offsets in `source`; nil when there is no split
  /// or libyaml refuses that part alone.
  private static func readTail(of source: SourceText, near: Int?, deciding decision: SplitDecision)
    -> YAMLEventList.Builder?
  {
    let split = split(of: source, near: near)
    decision.decided(split)
    guard let split else { return nil }
    let parser = YAMLParser()
    let lines = source.lineStarts.count - source.lineIndex(ofByte: split.start)
    var builder = YAMLEventList.Builder(source: source.bytes, expectedEvents: lines * 2 + 8)
    var map = CodePointMap(source: source, from: split.start)
    let ended = try? source.bytes.withUnsafeBufferPointer { buffer in
      parser.setInput(UnsafeBufferPointer(rebasing: buffer[split.start...]))
      return try parser.read(source, map: &map) { event, start, end in
        append(event, start: start, end: end, to: &builder)
        return true
      }
    }
    return ended == true ? builder : nil
  }
}

/// Where the second part starts, said by the thread that looks for it to the one that reads
/// the first part, which must know before it gets there.
private final class SplitDecision: @unchecked Sendable {
  private let said = DispatchSemaphore(value: 0)
  // Written once before `said` is signalled; read only after waiting for it.
  private var value: YAMLParser.Split?

  /// Says where the second part starts, or that there is none (nil).
  func decided(_ split: YAMLParser.Split?) {
    value = split
    said.signal()
  }

  /// Where the second part starts, waiting until it has been said; nil when nowhere.
  func split() -> YAMLParser.Split? {
    said.wait()
    defer { said.signal() }
    return value
  }
}

extension YAMLEventList.Builder {
  /// Appends the events `tail` read from `split.start` to the end of the file, this builder having
  /// stopped after its first event at or past that line; false, with nothing changed, when the two
  /// do not provably join (see `YAMLParser`'s split).
  mutating func join(_ tail: Self, at split: YAMLParser.Split) -> Bool {
    let other = tail.records
    let key = records.count - 1
    let column = split.start + split.indent
    guard other.count >= 7, key >= 0, let parent = open.last,
      other[0].type == .streamStart, other[1].type == .documentStart, other[1].flag == 1,
      other[2].type == .mappingStart, other[2].flag == 0, !other[2].hasProperties, other[2].start == column,
      other[other.count - 1].type == .streamEnd, other[other.count - 2].type == .documentEnd,
      other[other.count - 3].type == .mappingEnd, Int(other[2].link) == other.count - 3,
      records[key].type == .scalar, records[key].start == column, sameEvent(key, as: 3, in: tail),
      records[parent].type == .mappingStart,
      Int(records[parent].start) - lineStart(of: Int(records[parent].start)) == split.indent,
      open.allSatisfy({ records[$0].flag == 0 }), isKey(key, of: parent)
    else { return false }
    append(tail, 4..<(other.count - 3), at: records.count)
    let close = other[other.count - 3]
    for opened in open.reversed() {
      append(
        records[opened].type == .mappingStart ? .mappingEnd : .sequenceEnd, start: Int(close.start),
        end: Int(close.end))
    }
    for index in (other.count - 2)..<other.count {
      append(
        other[index].type, flag: other[index].flag, start: Int(other[index].start), end: Int(other[index].end)
      )
    }
    return true
  }

  /// The offset of the line that holds `offset`.
  private func lineStart(of offset: Int) -> Int {
    var start = offset
    while start > 0, source[start - 1] != .newline { start -= 1 }
    return start
  }

  /// Whether the event at `index` is a key of the mapping that starts at `mapping`: an even number
  /// of nodes come between them.
  private func isKey(_ index: Int, of mapping: Int) -> Bool {
    var cursor = mapping + 1
    var nodes = 0
    while cursor < index {
      let record = records[cursor]
      cursor =
        record.type == .mappingStart || record.type == .sequenceStart ? Int(record.link) + 1 : cursor + 1
      nodes += 1
    }
    return cursor == index && nodes % 2 == 0
  }

  /// Whether this list's event at `index` and `other`'s at `otherIndex` are the same event of the
  /// same bytes: offsets, type, style, anchor, tag and value.
  private func sameEvent(_ index: Int, as otherIndex: Int, in other: Self) -> Bool {
    let mine = records[index]
    let theirs = other.records[otherIndex]
    guard mine.start == theirs.start, mine.end == theirs.end, mine.type == theirs.type,
      mine.flag == theirs.flag, mine.hasProperties == theirs.hasProperties,
      (mine.link == YAMLEventList.Record.inSource) == (theirs.link == YAMLEventList.Record.inSource)
    else { return false }
    if mine.hasProperties {
      guard let names = properties[index], let otherNames = other.properties[otherIndex],
        name(names.anchor) == other.name(otherNames.anchor), name(names.tag) == other.name(otherNames.tag)
      else { return false }
    }
    return mine.link == YAMLEventList.Record.inSource
      || value(Int(mine.link)) == other.value(Int(theirs.link))
  }

  private func name(_ index: Int32) -> String? { index < 0 ? nil : names[Int(index)] }

  /// The bytes of stored value `index`.
  private func value(_ index: Int) -> ArraySlice<UInt8> {
    let end = index + 1 < valueStarts.count ? Int(valueStarts[index + 1]) : values.count
    return values[Int(valueStarts[index])..<end]
  }

  /// Appends `other`'s events `range`, whose collections all end inside it, as events `first…` of
  /// this list: links, stored values, anchors and tags carried over.
  private mutating func append(_ other: Self, _ range: Range<Int>, at first: Int) {
    let shift = first - range.lowerBound
    let stored = other.records[..<range.lowerBound].lazy.filter {
      $0.type == .scalar && $0.link != YAMLEventList.Record.inSource
    }
    .count
    let valueShift = valueStarts.count - stored
    if stored < other.valueStarts.count {
      let byteShift = values.count - Int(other.valueStarts[stored])
      let added = other.values[Int(other.valueStarts[stored])...]
      values.reserveCapacity(values.count + added.count)
      values.append(contentsOf: added)
      valueStarts.append(contentsOf: other.valueStarts[stored...].map { UInt32(Int($0) + byteShift) })
    }
    // Copied at once, then the links mended in place: a large file's second half has hundreds
    // of thousands of events.
    let base = records.count
    records.append(contentsOf: other.records[range])
    records.withUnsafeMutableBufferPointer { appended in
      for index in base..<appended.count {
        switch appended[index].type {
        case .mappingStart, .sequenceStart:
          appended[index].link = UInt32(Int(appended[index].link) + shift)
        case .scalar where appended[index].link != YAMLEventList.Record.inSource:
          appended[index].link = UInt32(Int(appended[index].link) + valueShift)
        default: break
        }
      }
    }
    for (index, names) in other.properties.sorted(by: { $0.key < $1.key }) where range.contains(index) {
      properties[index + shift] = (intern(other.name(names.anchor)), intern(other.name(names.tag)))
    }
  }
}
