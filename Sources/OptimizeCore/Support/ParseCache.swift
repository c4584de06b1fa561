import Foundation

/// The most recent parses of one kind of document, keyed by path and exact bytes.
///
/// One run asks for the same parse many times: discovery reads a workflow, the planner reads it
/// again, the verifier re-reads the original and the edited bytes, and planning again on the
/// edited bytes reads those once more. Parsing is pure, so a document whose path and bytes are
/// equal to an earlier one's is that same document; keeping the last few makes each distinct
/// text parse once. A class, because the cache is shared state behind a lock; it holds at most
/// `capacity` documents so memory stays bounded by what one run needs at a time.
final class ParseCache<Document: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let capacity: Int
  private var entries: [(path: String, bytes: [UInt8], document: Document)] = []
  /// Texts being parsed right now, so that a second thread asking for one waits for it instead
  /// of parsing it again (the verifier's checks and its second plan ask for the same texts).
  private var parsing: [(path: String, bytes: [UInt8])] = []

  /// Creates a cache that keeps the last `capacity` documents.
  init(capacity: Int) {
    self.capacity = capacity
    ParseCaches.register { [weak self] in self?.removeAll() }
  }

  /// Drops every cached document.
  func removeAll() {
    condition.lock()
    defer { condition.unlock() }
    entries.removeAll()
  }

  /// The document parsed from `source`, from the cache or by calling `parse`.
  ///
  /// Errors are not cached: a text that fails to parse fails again, the same way, next time.
  func document(for source: SourceText, parse: () throws -> Document) rethrows -> Document {
    let isSource = { (path: String, bytes: [UInt8]) in path == source.path && Self.equal(bytes, source.bytes)
    }
    condition.lock()
    while true {
      if let hit = entries.last(where: { isSource($0.path, $0.bytes) })?.document {
        condition.unlock()
        return hit
      }
      guard parsing.contains(where: { isSource($0.path, $0.bytes) }) else { break }
      condition.wait()
    }
    parsing.append((source.path, source.bytes))
    condition.unlock()
    defer {
      condition.lock()
      parsing.removeAll { isSource($0.path, $0.bytes) }
      condition.broadcast()
      condition.unlock()
    }
    let document = try parse()
    condition.lock()
    entries.append((source.path, source.bytes, document))
    if entries.count > capacity { entries.removeFirst() }
    condition.unlock()
    return document
  }

  /// The document parsed from `source` when it is cached; never parses.
  func cached(_ source: SourceText) -> Document? {
    condition.lock()
    defer { condition.unlock() }
    return entries.last { $0.path == source.path && Self.equal($0.bytes, source.bytes) }?.document
  }

  /// Keeps `document` as the parse of `source`, which it must be.
  func store(_ document: Document, for source: SourceText) {
    condition.lock()
    defer { condition.unlock() }
    entries.removeAll { $0.path == source.path && Self.equal($0.bytes, source.bytes) }
    entries.append((source.path, source.bytes, document))
    if entries.count > capacity { entries.removeFirst() }
  }

  /// Drops the document parsed from `source`, if it is cached.
  func forget(_ source: SourceText) {
    condition.lock()
    defer { condition.unlock() }
    entries.removeAll { $0.path == source.path && Self.equal($0.bytes, source.bytes) }
  }

  // memcmp rather than `==`, which compares element by element when the arrays are two copies.
  private static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    guard left.count == right.count else { return false }
    if left.isEmpty { return true }
    return left.withUnsafeBufferPointer { a in
      right.withUnsafeBufferPointer { b in
        a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
      }
    }
  }
}

/// Every parse cache of the process, so a command that is done parsing can let all of them go.
public enum ParseCaches {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var clearers: [() -> Void] = []

  static func register(_ clear: @escaping () -> Void) {
    lock.lock()
    defer { lock.unlock() }
    clearers.append(clear)
  }

  /// Drops every cached parse. A plan that is made and verified needs none of them; dropping
  /// them before rendering its diff keeps a large workflow's events out of the peak.
  public static func release() {
    lock.lock()
    let all = clearers
    lock.unlock()
    for clear in all { clear() }
  }
}
