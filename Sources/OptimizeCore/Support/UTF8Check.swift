import Foundation

/// Checks bytes for well-formed UTF-8 without building a string.
///
/// Accepts exactly what `String(validating:as: UTF8.self)` accepts: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequence.
enum UTF8Check {
  static func isValid(_ bytes: [UInt8]) -> Bool {
    firstInvalid(bytes) == nil
  }

  /// The offset of the first byte that does not start a well-formed sequence, if any.
  static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer(firstInvalid(in:))
  }

  /// The offset of the first byte of `buffer` that does not start a well-formed sequence, if any;
  /// nothing after the buffer is read.
  static func firstInvalid(in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = buffer.baseAddress else { return nil }
    let count = buffer.count
    var index = 0
    while index < count {
      // Thirty-two, then eight ASCII bytes at a time: the common case for source files.
      while index + 32 <= count {
        let raw = UnsafeRawPointer(base + index)
        let words =
          raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        guard words & 0x8080_8080_8080_8080 == 0 else { break }
        index += 32
      }
      if index == count { break }
      if index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; high = 0x9F
      case 0xF0: length = 4; low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; high = 0x8F
      default: return index
      }
      guard index + length <= count else { return index }
      let second = base[index + 1]
      guard second >= low, second <= high else { return index }
      for offset in 2..<length {
        guard base[index + offset] & 0xC0 == 0x80 else { return index }
      }
      index += length
    }
    return nil
  }

  /// The offset of the first NUL byte, if any, found with memchr.
  static func firstNUL(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }
}
