import Foundation

/// An advisory lock on `.optimize/lock`, so that only one optimize writes a repository at a time.
///
/// The file holds the holder's pid, host and start time while it runs, and is emptied on
/// release; a lock file that still names a holder when the lock is free was left by a killed run.
/// Owns the open file descriptor; the lock is released when the value is deallocated.
public final class RepositoryLock {
  private let descriptor: Int32

  /// A sentence naming the holder a killed run left in the lock file, when this run took the
  /// lock over; nil otherwise.
  public private(set) var tookOver: String?

  /// Takes the lock, waiting up to `timeout` seconds.
  ///
  /// - Throws: `LockError.held` naming the holder, or `WriteError` when the file can't be made.
  public init(store: LedgerStore, timeout: Double) throws {
    try AtomicFile.makeFolder(store.folder)
    let url = store.folder.appendingPathComponent("lock")
    descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: url.path, errno: errno) }
    let deadline = Date().addingTimeInterval(timeout)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      if Date() >= deadline {
        let holder = Self.holder(descriptor)
        close(descriptor)
        throw LockError.held(
          path: "\(LedgerStore.folderName)/lock", holder: holder.isEmpty ? "another optimize" : holder,
          timeout: timeout)
      }
      usleep(20_000)
    }
    let previous = Self.holder(descriptor)
    tookOver = previous.isEmpty ? nil : "took over the lock a killed run left (\(previous))"
    let host = ProcessInfo.processInfo.hostName
    let info = "pid \(getpid()) on \(host) since \(ISO8601DateFormatter().string(from: Date()))\n"
    ftruncate(descriptor, 0)
    _ = info.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    fsync(descriptor)
  }

  /// Who holds the repository's lock right now, without taking it or writing anything; nil
  /// when no optimize holds it.
  public static func currentHolder(store: LedgerStore) -> String? {
    let path = store.folder.appendingPathComponent("lock").path
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
      flock(descriptor, LOCK_UN)
      return nil
    }
    let holder = Self.holder(descriptor)
    return holder.isEmpty ? "another optimize" : holder
  }

  private static func holder(_ descriptor: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 512)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return "" }
    return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  deinit {
    ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}

/// Another optimize holds the repository.
public enum LockError: Error, Sendable, Equatable, CustomStringConvertible {
  case held(path: String, holder: String, timeout: Double)

  public var description: String {
    switch self {
    case .held(let path, let holder, let timeout):
      let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
      return "\(path): expected to take the lock within \(seconds)s, found it held by \(holder); "
        + "wait for that run to finish, or raise --lock-timeout"
    }
  }
}
