/// Finds our edits in a file that changed after apply, by their exact bytes and the lines around
/// them, so that rollback can reverse only our hunks and status can tell applied from drifted.
struct HunkLocator {
  /// How many lines above and below a hunk may be added to tell apart identical hunks (e.g. the
  /// same test step in two jobs).
  static let maximumExtraLines = 3

  /// A hunk: the after-file line span holding our new bytes, and where our bytes sit in it.
  struct Hunk {
    var patch: String
    var inverse: Edit
    var context: [UInt8]
    var offsetInContext: Int
    /// The lines above the span, nearest first, and below it, nearest first.
    var above: [[UInt8]] = []
    var below: [[UInt8]] = []
  }

  /// The hunks of a ledger file, computed from its snapshot (the before bytes) and its edits.
  static func hunks(of file: LedgerFile, before: [UInt8]) throws -> (after: [UInt8], hunks: [Hunk]) {
    let after = try file.edits.map(\.edit).applied(to: before, path: file.path)
    let text = SourceText(path: file.path, bytes: after)
    let starts = text.lineStarts
    func line(_ index: Int) -> [UInt8] {
      Array(after[starts[index]..<(index + 1 < starts.count ? starts[index + 1] : after.count)])
    }
    let hunks = file.edits.map { edit -> Hunk in
      let inverse = edit.inverse
      let startLine = text.lineIndex(ofByte: inverse.offset)
      let endOffset = inverse.offset + inverse.old.utf8.count
      let endLine = text.lineIndex(ofByte: max(inverse.offset, endOffset - 1))
      let start = starts[startLine]
      let end = endLine + 1 < starts.count ? starts[endLine + 1] : after.count
      let aboveLines = (max(0, startLine - maximumExtraLines)..<startLine).reversed().map(line)
      let belowLines = (endLine + 1..<min(starts.count, endLine + 1 + maximumExtraLines)).map(line)
        .filter { !$0.isEmpty }
      return Hunk(
        patch: edit.patch, inverse: inverse, context: Array(after[start..<max(end, endOffset)]),
        offsetInContext: inverse.offset - start, above: aboveLines, below: belowLines)
    }
    return (after, hunks)
  }

  /// Where each hunk's bytes are in `current`: the offset of the inverse edit, or nil when the
  /// hunk is not there.
  ///
  /// A hunk is found by its lines, widened by the lines around it until it is there exactly once.
  /// Identical hunks that no context tells apart (the same step in two identical jobs) are
  /// matched in order, when they are there exactly as many times as we wrote them.
  static func locate(_ hunks: [Hunk], in current: [UInt8]) -> [Int?] {
    var found = hunks.map { unique($0, in: current) }
    for index in hunks.indices where found[index] == nil {
      let twins = hunks.indices.filter {
        hunks[$0].context == hunks[index].context && hunks[$0].offsetInContext == hunks[index].offsetInContext
      }
      guard twins.count > 1 else { continue }
      let places = occurrences(of: hunks[index].context, in: current, limit: twins.count + 1)
      guard places.count == twins.count else { continue }
      let ordered = twins.sorted { hunks[$0].inverse.offset < hunks[$1].inverse.offset }
      for (twin, place) in zip(ordered, places) { found[twin] = place + hunks[twin].offsetInContext }
    }
    return found
  }

  private static func unique(_ hunk: Hunk, in current: [UInt8]) -> Int? {
    for extra in 0...maximumExtraLines {
      guard extra <= hunk.above.count || extra <= hunk.below.count else { return nil }
      let above = hunk.above.prefix(extra).reversed().flatMap { $0 }
      let needle = above + hunk.context + hunk.below.prefix(extra).flatMap { $0 }
      let matches = occurrences(of: needle, in: current, limit: 2)
      if matches.count == 1 { return matches[0] + above.count + hunk.offsetInContext }
      if matches.isEmpty { return nil }
    }
    return nil
  }

  private static func occurrences(of needle: [UInt8], in haystack: [UInt8], limit: Int) -> [Int] {
    guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
    var found: [Int] = []
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
        found.append(index)
        if found.count == limit { break }
      }
      index += 1
    }
    return found
  }
}
