import Foundation
import Testing

@testable import OptimizeCore

/// The verifier's checks and its second plan ask for the same parses from two threads: one
/// parse must serve both, and a failed parse must not be remembered.
@Suite struct ParseCacheTests {
  /// Counts calls from several threads.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() {
      lock.lock()
      value += 1
      lock.unlock()
    }
    var count: Int {
      lock.lock()
      defer { lock.unlock() }
      return value
    }
  }

  struct Failure: Error {}

  @Test func twoThreadsAskingForOneTextParseItOnce() {
    let cache = ParseCache<String>(capacity: 2)
    let source = SourceText(path: "a.py", string: "X = 1\n")
    let parses = Counter()
    let results = Counter()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      let document = cache.document(for: source) {
        parses.increment()
        Thread.sleep(forTimeInterval: 0.05)
        return "parsed"
      }
      if document == "parsed" { results.increment() }
    }
    #expect(parses.count == 1)
    #expect(results.count == 4)
  }

  @Test func aFailedParseIsTriedAgain() {
    let cache = ParseCache<String>(capacity: 2)
    let source = SourceText(path: "a.py", string: "X = (\n")
    let parses = Counter()
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      _ = try? cache.document(for: source) { () throws -> String in
        parses.increment()
        Thread.sleep(forTimeInterval: 0.02)
        throw Failure()
      }
    }
    #expect(parses.count == 2)
  }
}
