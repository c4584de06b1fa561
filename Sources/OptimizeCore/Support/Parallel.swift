import Foundation

/// Runs independent pieces of work on every core, keeping the results in order.
///
/// Used where a large repository has thousands of independent pieces (a workflow's jobs) and a
/// small one has a handful: below `minimumPerThread` items per thread it runs on the calling
/// thread, so a normal repository pays no thread start-up.
enum Parallel {
  /// `transform` applied to each item, in the items' order.
  static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], minimumPerThread: Int, _ transform: @Sendable (Item) -> Result
  ) -> [Result] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard cores > 1, items.count / max(minimumPerThread, 1) > 1 else { return items.map(transform) }
    // Four pieces per core, taken by whichever core is free: a core that starts late or is
    // slowed by another process leaves less of the work waiting on it at the end.
    let chunks = min(cores * 4, items.count / max(minimumPerThread / 4, 1))
    let slots = Slots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
      for index in range { slots.set(index, transform(items[index])) }
    }
    return slots.results()
  }

  /// `transform` applied to each of a few large items, each item its own piece of work (taken
  /// by whichever core is free), in the items' order.
  static func each<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @Sendable (Item) -> Result
  ) -> [Result] {
    guard items.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
      return items.map(transform)
    }
    let slots = Slots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      slots.set(index, transform(items[index]))
    }
    return slots.results()
  }
}

/// Result slots that threads fill at distinct indexes; read once every thread has finished.
private final class Slots<Value>: @unchecked Sendable {
  private let count: Int
  private let values: UnsafeMutablePointer<Value?>

  init(count: Int) {
    self.count = count
    values = .allocate(capacity: count)
    values.initialize(repeating: nil, count: count)
  }

  deinit {
    values.deinitialize(count: count)
    values.deallocate()
  }

  // Each index is written by exactly one thread into memory that never moves, so the writes
  // need no lock; `concurrentPerform` returns only after every one of them.
  func set(_ index: Int, _ value: Value) {
    values[index] = value
  }

  func results() -> [Value] {
    (0..<count).map { values[$0]! }
  }
}

/// Work started at once on a thread of its own, its result taken when it is needed.
///
/// A thread, not a dispatch queue: a queue's worker may be busy with other work, and this work
/// is on the way to a result someone waits for.
public final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  // Written once by the thread before it signals `done`; read only after waiting for that.
  private var value: Value?

  /// Starts `work`.
  public init(_ work: @escaping @Sendable () -> Value) {
    let thread = Thread { [self] in
      value = work()
      done.signal()
    }
    thread.start()
  }

  /// What the work returned, waiting for it to finish.
  public func result() -> Value {
    done.wait()
    defer { done.signal() }
    return value!
  }
}
