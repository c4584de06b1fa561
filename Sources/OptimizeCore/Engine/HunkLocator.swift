/// Finds our edits in a file that changed after apply, by their exact bytes and the lines around
/// them, so that rollback can reverse only our hunks and status can tell applied from drifted.
struct HunkLocator {
  /// A hunk: the after-file line span holding our new bytes, and where our bytes sit in it.
  struct Hunk {
    var patch: String
    var inverse: Edit
    var context: [UInt8]
    var offsetInContext: Int
  }

  /// The hunks of a ledger file, computed from its snapshot (the before bytes) and its edits.
  static func hunks(of file: LedgerFile, before: [UInt8]) throws -> (after: [UInt8], hunks: [Hunk]) {
    let after = try file.edits.map(\.edit).applied(to: before, path: file.path)
    let text = SourceText(path: file.path, bytes: after)
    let hunks = file.edits.map { edit -> Hunk in
      let inverse = edit.inverse
      let startLine = text.lineIndex(ofByte: inverse.offset)
      let endOffset = inverse.offset + inverse.old.utf8.count
      let endLine = text.lineIndex(ofByte: max(inverse.offset, endOffset - 1))
      let start = text.lineStarts[startLine]
      let end = endLine + 1 < text.lineStarts.count ? text.lineStarts[endLine + 1] : after.count
      return Hunk(
        patch: edit.patch, inverse: inverse, context: Array(after[start..<max(end, endOffset)]),
        offsetInContext: inverse.offset - start)
    }
    return (after, hunks)
  }

  /// Where each hunk's bytes are in `current`: the offset of the inverse edit, or nil when the
  /// hunk is not there exactly once.
  static func locate(_ hunks: [Hunk], in current: [UInt8]) -> [Int?] {
    hunks.map { hunk in
      let matches = occurrences(of: hunk.context, in: current, limit: 2)
      guard matches.count == 1 else { return nil }
      return matches[0] + hunk.offsetInContext
    }
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
