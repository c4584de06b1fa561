import Foundation

/// The bytes of one text file, with the facts every editor needs: line starts, line ending and BOM.
///
/// All offsets are byte offsets into `bytes`, which includes the BOM when there is one.
public struct SourceText: Sendable, Equatable {
  /// The path the text was read from, relative to the repository, used in messages.
  public let path: String
  /// The exact bytes of the file.
  public let bytes: [UInt8]
  /// Byte offset of the first byte of each line; the first entry is 0.
  public let lineStarts: LineStarts

  /// Creates a source text and indexes its lines.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts: [UInt32] = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    // memchr: every file is indexed, and large ones more than once per run.
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var cursor = base
      let end = base + buffer.count
      while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
        let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
        starts.append(UInt32(truncatingIfNeeded: newline - base + 1))
        cursor = newline + 1
      }
    }
    self.lineStarts = LineStarts(starts)
  }

  /// Creates a source text from a string.
  public init(path: String, string: String) {
    self.init(path: path, bytes: Array(string.utf8))
  }

  /// Whether the file starts with a UTF-8 byte order mark.
  public var hasBOM: Bool {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
  }

  /// The number of bytes taken by the BOM: 3 or 0.
  public var bomLength: Int { hasBOM ? 3 : 0 }

  /// The file's line ending: `"\r\n"` when its first line break is CRLF, otherwise `"\n"`.
  public var lineEnding: String {
    guard lineStarts.count > 1 else { return "\n" }
    let firstBreak = lineStarts[1] - 1
    return firstBreak > 0 && bytes[firstBreak - 1] == 0x0D ? "\r\n" : "\n"
  }

  /// Whether the last byte of a non-empty file is a line feed.
  public var endsWithNewline: Bool { bytes.last == 0x0A }

  /// The text as a string (without the BOM).
  public var string: String {
    String(decoding: bytes[bomLength...], as: UTF8.self)
  }

  /// The 0-based index of the line that holds `offset`.
  public func lineIndex(ofByte offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// `lineIndex(ofByte:)` for a caller that asks in increasing order: walks forward from line
  /// `hint` when the offset is at or after that line's start, instead of searching every line.
  func lineIndex(ofByte offset: Int, from hint: Int) -> Int {
    guard hint >= 0, hint < lineStarts.count, lineStarts[hint] <= offset else {
      return lineIndex(ofByte: offset)
    }
    var line = hint
    while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset { line += 1 }
    return line
  }

  /// The 1-based line and column (in characters) of a byte offset.
  public func location(ofByte offset: Int) -> SourceLocation {
    let line = lineIndex(ofByte: offset)
    var start = lineStarts[line]
    if line == 0 { start = min(bomLength, offset) }
    let end = min(offset, bytes.count)
    // Characters are bytes on an ASCII line prefix; only other text needs grapheme counting.
    let isASCII = bytes.withUnsafeBufferPointer { buffer in
      start >= end || !buffer[start..<end].contains { $0 >= 0x80 }
    }
    let column =
      isASCII ? max(end - start, 0) : String(decoding: bytes[start..<end], as: UTF8.self).count
    return SourceLocation(path: path, line: line + 1, column: column + 1)
  }

  /// The byte range of a 0-based line, without its line break.
  public func lineRange(_ line: Int) -> Range<Int> {
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
    if end > start, bytes[end - 1] == 0x0A { end -= 1 }
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return start..<end
  }

  /// The text of a 0-based line, without its line break.
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineRange(line)], as: UTF8.self)
  }

  /// The text of a byte range.
  public func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}

/// The byte offsets where a text's lines start, four bytes per line.
///
/// A large workflow has millions of lines; its line index is kept for the original and the
/// edited text, so its size counts. Files are far below 4 GiB (optimize refuses larger ones).
public struct LineStarts: RandomAccessCollection, Sendable, Equatable {
  private let starts: [UInt32]

  init(_ starts: [UInt32]) {
    self.starts = starts
  }

  /// The index of the first line.
  public var startIndex: Int { 0 }
  /// The number of lines.
  public var endIndex: Int { starts.count }

  /// The byte offset where line `index` starts.
  public subscript(index: Int) -> Int { Int(starts[index]) }
}

/// A place in a file, 1-based, as printed in `path:line:col` messages.
public struct SourceLocation: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The repository-relative path.
  public var path: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, counted in characters.
  public var column: Int

  /// Creates a location.
  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:col`.
  public var description: String { "\(path):\(line):\(column)" }
}
