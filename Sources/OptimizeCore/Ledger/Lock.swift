import Foundation

/// An advisory lock on `.optimize/lock`, so that only one optimize writes a repository at a time.
///
/// Owns the open file descriptor; the lock is released when the value is deallocated.
public final class RepositoryLock {
  private let descriptor: Int32

  /// Takes the lock, waiting up to `timeout` seconds.
  ///
  /// - Throws: `LockError.held` naming the holder, or `WriteError` when the file can't be made.
  public init(store: LedgerStore, timeout: Double) throws {
    try AtomicFile.makeFolder(store.folder)
    let url = store.folder.appendingPathComponent("lock")
    descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: url.path, errno: errno) }
    let deadline = Date().addingTimeInterval(timeout)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      if Date() >= deadline {
        let holder =
          (try? String(contentsOf: url, encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
        close(descriptor)
        throw LockError.held(path: "\(LedgerStore.folderName)/lock", holder: holder, timeout: timeout)
      }
      usleep(50_000)
    }
    let host = ProcessInfo.processInfo.hostName
    let info = "pid \(getpid()) on \(host) since \(ISO8601DateFormatter().string(from: Date()))\n"
    ftruncate(descriptor, 0)
    _ = info.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  deinit {
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
      return "\(path): expected to take the lock within \(timeout)s, found it held by \(holder); "
        + "wait for that run to finish, or raise --lock-timeout"
    }
  }
}
