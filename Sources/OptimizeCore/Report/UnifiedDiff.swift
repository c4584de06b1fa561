/// Renders a file change as a unified diff, computed from its edits (no diff algorithm needed:
/// we know exactly which lines each edit touches).
public enum UnifiedDiff {
  /// The diff of one file change, with `context` lines around each hunk.
  public static func render(_ change: FileChange, context: Int = 3) -> String {
    render(change, context: context, texts: nil)
  }

  /// The diff, taking the texts from `texts` when the run already indexed their lines.
  static func render(_ change: FileChange, context: Int = 3, texts: ReadCache?) -> String {
    let before =
      texts?.disk(change.path, bytes: change.before) ?? SourceText(path: change.path, bytes: change.before)
    let after =
      texts?.overlay(change.path, bytes: change.after) ?? SourceText(path: change.path, bytes: change.after)
    let edits = change.edits.map { wholeLines($0.edit, in: change.before) }.sorted { $0.offset < $1.offset }
    let inverses = edits.inverses
    var regions: [(before: Range<Int>, after: Range<Int>)] = []
    for (edit, inverse) in zip(edits, inverses) {
      let region = (lines(of: edit, in: before), lines(of: inverse, in: after))
      if let last = regions.last, region.0.lowerBound <= last.before.upperBound {
        regions[regions.count - 1] = (
          last.before.lowerBound..<max(last.before.upperBound, region.0.upperBound),
          last.after.lowerBound..<max(last.after.upperBound, region.1.upperBound)
        )
      } else {
        regions.append(region)
      }
    }
    let beforeCount = lineCount(before)
    let afterCount = lineCount(after)
    var output = "--- \(change.created ? "/dev/null" : "a/\(change.path)")\n+++ b/\(change.path)\n"
    var index = 0
    while index < regions.count {
      var group = [regions[index]]
      while index + 1 < regions.count,
        regions[index + 1].before.lowerBound - group.last!.before.upperBound <= 2 * context
      {
        index += 1
        group.append(regions[index])
      }
      index += 1
      let beforeStart = max(0, group[0].before.lowerBound - context)
      let afterStart = max(0, group[0].after.lowerBound - context)
      let beforeEnd = min(beforeCount, group.last!.before.upperBound + context)
      let afterEnd = min(afterCount, group.last!.after.upperBound + context)
      output += "@@ -\(range(beforeStart, beforeEnd)) +\(range(afterStart, afterEnd)) @@\n"
      var cursor = beforeStart
      for region in group {
        for line in cursor..<region.before.lowerBound { output += " " + show(before, line) }
        for line in region.before { output += "-" + show(before, line) }
        for line in region.after { output += "+" + show(after, line) }
        cursor = region.before.upperBound
      }
      for line in cursor..<beforeEnd { output += " " + show(before, line) }
    }
    return output
  }

  /// An insertion of "\nNEW" just before a line break is the same bytes as "NEW\n" just after
  /// it; the second shows as added lines, not as a changed line that did not change.
  private static func wholeLines(_ edit: Edit, in bytes: [UInt8]) -> Edit {
    guard edit.old.isEmpty else { return edit }
    for lineBreak in ["\r\n", "\n"] {
      let breakBytes = Array(lineBreak.utf8)
      let end = edit.offset + breakBytes.count
      guard edit.new.utf8.starts(with: breakBytes), end <= bytes.count,
        bytes[edit.offset..<end].elementsEqual(breakBytes)
      else { continue }
      let rest = String(decoding: edit.new.utf8.dropFirst(breakBytes.count), as: UTF8.self)
      return Edit(offset: end, old: "", new: rest + lineBreak)
    }
    return edit
  }

  /// The lines an edit replaces, as a half-open range of 0-based line indexes.
  private static func lines(of edit: Edit, in text: SourceText) -> Range<Int> {
    guard !text.bytes.isEmpty else { return 0..<0 }
    let start = text.lineIndex(ofByte: edit.offset)
    let length = edit.old.utf8.count
    let atLineStart = text.lineStarts[start] == edit.offset
    if length == 0 {
      // A pure insertion of whole lines sits between lines; any other touches its line.
      return atLineStart && edit.new.utf8.last == 0x0A ? start..<start : start..<(start + 1)
    }
    let end = text.lineIndex(ofByte: edit.offset + length - 1)
    return start..<(end + 1)
  }

  private static func lineCount(_ text: SourceText) -> Int {
    text.bytes.isEmpty ? 0 : (text.endsWithNewline ? text.lineStarts.count - 1 : text.lineStarts.count)
  }

  private static func range(_ start: Int, _ end: Int) -> String {
    let count = end - start
    return count == 1 ? "\(start + 1)" : "\(count == 0 ? start : start + 1),\(count)"
  }

  private static func show(_ text: SourceText, _ line: Int) -> String {
    var shown = text.lineText(line)
    if line == 0, text.hasBOM { shown = String(shown.dropFirst()) }
    let last =
      line == text.lineStarts.count - 1 || (line == text.lineStarts.count - 2 && text.endsWithNewline)
    if last, !text.endsWithNewline { return shown + "\n\\ No newline at end of file\n" }
    return shown + "\n"
  }
}
