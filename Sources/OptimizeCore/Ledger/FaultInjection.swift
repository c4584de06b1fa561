import Foundation

/// Test hooks that make crashes and write errors reproducible; inert unless their environment
/// variable is set.
///
/// - `OPTIMIZE_CRASH_AFTER=N`: the process ends with `_exit(86)` right after its Nth durable step
///   (a temporary file written, a rename, a removal), as if killed at that moment.
/// - `OPTIMIZE_FAIL_WRITE=N`: the Nth file write fails as if the disk were full (`ENOSPC`).
///
/// The fault-injection tests use them to visit every step of `apply`, `rollback` and `recover`.
public enum FaultInjection {
  /// The exit status of a process ended by `OPTIMIZE_CRASH_AFTER`.
  public static let crashStatus: Int32 = 86

  private static let crashAfter = number("OPTIMIZE_CRASH_AFTER")
  private static let failWrite = number("OPTIMIZE_FAIL_WRITE")

  // A CLI process writes from one thread; the hooks only count, so a plain counter is enough.
  nonisolated(unsafe) private static var steps = 0
  nonisolated(unsafe) private static var writes = 0

  private static func number(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
  }

  /// Marks one durable step; ends the process when `OPTIMIZE_CRASH_AFTER` says so.
  static func step() {
    guard let crashAfter else { return }
    steps += 1
    if steps == crashAfter { _exit(crashStatus) }
  }

  /// Marks the start of one file write; returns the error number to fail it with, if any.
  static func writeError() -> Int32? {
    guard let failWrite else { return nil }
    writes += 1
    return writes == failWrite ? ENOSPC : nil
  }
}
