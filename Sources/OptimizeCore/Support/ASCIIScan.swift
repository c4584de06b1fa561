import Foundation

/// Byte scans that stand in for the doctor's regexes and Foundation substring searches.
///
/// An ICU regex costs about a millisecond the first time a process uses one (its Unicode tables)
/// and a compile on every `range(of:options: .regularExpression)`, and Foundation's `range(of:)`
/// bridges to NSString; `plan` runs the doctor every time. On ASCII text `\w`, `\d`, `\s`, case
/// and canonical equivalence are all plain ASCII, so each scan here decides exactly what its
/// regex or search decides; callers hand text with other bytes to the regex or search itself.
enum ASCIIScan {
  /// Whether every byte is below 0x80.
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    // Eight bytes at a time: settings modules and workflows run to megabytes.
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= bytes.count {
        if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
          return false
        }
        index += 8
      }
    }
    while index < bytes.count {
      if bytes[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// `[A-Za-z0-9_]`: ICU's `\w` on ASCII.
  static func isWord(_ byte: UInt8) -> Bool {
    byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  /// ICU's `\s` (White_Space) on ASCII: tab, line feed, vertical tab, form feed, return, space.
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }

  /// `[0-9]`: ICU's `\d` on ASCII.
  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
  }

  /// An ASCII byte in lowercase.
  @inline(__always)
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Whether `needle` (ASCII, lowercase when `ignoringCase`) starts at `offset`.
  static func matches(
    _ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, at offset: Int, ignoringCase: Bool = false
  ) -> Bool {
    matches(bytes, buffer(needle), at: offset, ignoringCase: ignoringCase)
  }

  private static func matches(
    _ bytes: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, at offset: Int,
    ignoringCase: Bool
  ) -> Bool {
    let count = needle.count
    guard offset >= 0, offset + count <= bytes.count, let base = bytes.baseAddress,
      let pattern = needle.baseAddress
    else { return count == 0 && offset >= 0 && offset <= bytes.count }
    if !ignoringCase { return memcmp(base + offset, pattern, count) == 0 }
    for index in 0..<count where lowercased(base[offset + index]) != pattern[index] { return false }
    return true
  }

  private static func buffer(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// The first offset at or after `start` where `needle` starts.
  static func firstOffset(
    of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0,
    ignoringCase: Bool = false
  ) -> Int? {
    firstOffset(of: buffer(needle), in: bytes, from: start, ignoringCase: ignoringCase)
  }

  /// The first offset at or after `start` where the bytes of `needle` start.
  static func firstOffset(
    of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0,
    ignoringCase: Bool = false
  ) -> Int? {
    let count = needle.count
    guard count > 0, start >= 0, start + count <= bytes.count, let base = bytes.baseAddress else {
      return nil
    }
    // memchr for the needle's rarest byte: the needles are rare, the texts up to megabytes long,
    // and a common first letter (the `t` of `tblib`) would stop the scan every few bytes.
    let anchor = rarestIndex(needle)
    let byte = needle[anchor]
    let last = bytes.count - count + anchor
    let find = { (byte: UInt8, from: Int) -> Int? in
      guard from <= last, let found = memchr(base + from, Int32(byte), last - from + 1) else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
    let isLetter = byte >= 0x61 && byte <= 0x7A
    // Both cases of the anchor letter, each found by memchr, taken in order.
    var lower = find(byte, start + anchor)
    var upper = ignoringCase && isLetter ? find(byte & ~0x20, start + anchor) : nil
    while lower != nil || upper != nil {
      let index = min(lower ?? Int.max, upper ?? Int.max)
      if matches(bytes, needle, at: index - anchor, ignoringCase: ignoringCase) { return index - anchor }
      if index == lower { lower = find(byte, index + 1) } else { upper = find(byte & ~0x20, index + 1) }
    }
    return nil
  }

  /// Lowercase letters, most frequent first.
  private static let letterFrequency: [UInt8] = Array("etaoinsrhldcumfpgwybvkxjqz".utf8)

  /// The index of the byte of `needle` least likely in text, by how often letters occur in
  /// English and code; other bytes count as fairly rare.
  private static func rarestIndex(_ needle: UnsafeBufferPointer<UInt8>) -> Int {
    var best = 0
    var bestRank = -1
    for index in needle.indices {
      let rank = letterFrequency.firstIndex(of: lowercased(needle[index])) ?? 18
      if rank > bestRank { (best, bestRank) = (index, rank) }
    }
    return best
  }

  /// Whether `needle` occurs in `bytes`.
  static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, ignoringCase: Bool = false
  )
    -> Bool
  {
    firstOffset(of: needle, in: bytes, ignoringCase: ignoringCase) != nil
  }

  /// Calls `body` with the UTF-8 bytes of `text`, without a copy when the string is native.
  static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
  }
}
