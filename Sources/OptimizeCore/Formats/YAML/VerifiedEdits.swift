import Crypto
import Foundation

/// The YAML edits whose whole result one run has already verified, event for event.
///
/// The scalar editor verifies each edit it proposes on the whole edited file; when a file's only
/// edit is that one, the verifier's own check would compare the very same bytes with the very
/// same expectations again, a full libyaml pass over the original. A result is recognised by the
/// original's bytes (the same array, or equal ones), the expected values and the SHA-256 of the
/// edited bytes, so a check is skipped only for exactly the text that passed it.
enum VerifiedEdits {
  private struct Entry {
    var path: String
    var before: [UInt8]
    var expected: [Int: String]
    var afterDigest: SHA256.Digest
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var entries: [Entry] = []
  private static let capacity = 4

  /// Records that `after` passed `YAMLEditVerifier`'s check against `before` with `expected`.
  static func remember(before: SourceText, after: [UInt8], expected: [Int: String]) {
    let entry = Entry(
      path: before.path, before: before.bytes, expected: expected, afterDigest: SHA256.hash(data: after))
    lock.lock()
    defer { lock.unlock() }
    entries.append(entry)
    if entries.count > capacity { entries.removeFirst() }
  }

  /// Whether `after` already passed the check against `before` with exactly `expected`.
  static func contains(before: SourceText, after: [UInt8], expected: [Int: String]) -> Bool {
    lock.lock()
    let candidates = entries.filter {
      $0.path == before.path && $0.expected == expected && $0.before.count == before.bytes.count
    }
    lock.unlock()
    guard !candidates.isEmpty else { return false }
    let digest = SHA256.hash(data: after)
    return candidates.contains { $0.afterDigest == digest && same($0.before, before.bytes) }
  }

  private static func same(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    left.withUnsafeBufferPointer { a in
      right.withUnsafeBufferPointer { b in
        a.count == b.count
          && (a.baseAddress == b.baseAddress || a.isEmpty
            || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
      }
    }
  }
}
