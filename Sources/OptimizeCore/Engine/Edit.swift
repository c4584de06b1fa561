import Foundation

/// One computed change to a file: the bytes at `offset` that were `old` become `new`.
///
/// Edits are only ever computed from a lossless parse of the file, never typed by hand.
public struct Edit: Sendable, Equatable, Codable, Hashable {
  /// Byte offset in the file before the edit.
  public var offset: Int
  /// The exact bytes replaced (empty for an insertion).
  public var old: String
  /// The exact bytes written instead (empty for a deletion).
  public var new: String

  /// Creates an edit.
  public init(offset: Int, old: String, new: String) {
    self.offset = offset
    self.old = old
    self.new = new
  }

  /// Creates an insertion.
  public static func insert(_ text: String, at offset: Int) -> Edit {
    Edit(offset: offset, old: "", new: text)
  }

  /// The byte range this edit replaces in the file before it.
  public var oldRange: Range<Int> { offset..<(offset + old.utf8.count) }
}

extension Array where Element == Edit {
  /// Applies non-overlapping edits to `bytes`.
  ///
  /// - Throws: `EditError` when two edits overlap or an edit's `old` bytes are not in place.
  public func applied(to bytes: [UInt8], path: String) throws -> [UInt8] {
    let sorted = self.sorted { $0.offset < $1.offset }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + sorted.reduce(0) { $0 + $1.new.utf8.count })
    var cursor = 0
    for edit in sorted {
      let range = edit.oldRange
      guard range.lowerBound >= cursor, range.upperBound <= bytes.count else {
        throw EditError.overlapping(path: path, offset: edit.offset)
      }
      guard bytes[range].elementsEqual(edit.old.utf8) else {
        throw EditError.notInPlace(path: path, offset: edit.offset, expected: edit.old)
      }
      result.append(contentsOf: bytes[cursor..<range.lowerBound])
      result.append(contentsOf: edit.new.utf8)
      cursor = range.upperBound
    }
    result.append(contentsOf: bytes[cursor...])
    return result
  }

  /// The inverse edits: applied to the result of these edits, they give back the original bytes.
  public var inverses: [Edit] {
    var shift = 0
    return self.sorted { $0.offset < $1.offset }.map { edit in
      let inverse = Edit(offset: edit.offset + shift, old: edit.new, new: edit.old)
      shift += edit.new.utf8.count - edit.old.utf8.count
      return inverse
    }
  }
}

/// A set of edits that cannot be applied to the bytes they were computed for.
public enum EditError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Two edits overlap, or one lies outside the file.
  case overlapping(path: String, offset: Int)
  /// The bytes an edit replaces are not what it expects.
  case notInPlace(path: String, offset: Int, expected: String)

  public var description: String {
    switch self {
    case .overlapping(let path, let offset):
      return "\(path): expected non-overlapping edits, found two that meet at byte \(offset); "
        + "this is a bug in optimize, please report it with the file"
    case .notInPlace(let path, let offset, let expected):
      return "\(path): expected \(expected.debugDescription) at byte \(offset), found other bytes; "
        + "the file changed while optimize ran, run the command again"
    }
  }
}
