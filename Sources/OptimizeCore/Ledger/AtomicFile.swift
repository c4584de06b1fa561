import Foundation

/// Writes files the only safe way: a temporary file in the same folder, fsync, rename, fsync of
/// the folder; the file's mode and owner are kept.
public enum AtomicFile {
  /// The marker in the names of temporary files, `.NAME.optimize-PID.tmp`, so that recovery can
  /// remove those a killed run left behind.
  static let temporaryMarker = ".optimize-"

  /// Replaces (or creates) `url` with `bytes`.
  ///
  /// - Parameters:
  ///   - mode: the permission bits; by default those of the file being replaced, else 0644.
  /// - Throws: `WriteError` naming the file and the system's reason.
  public static func write(_ bytes: [UInt8], to url: URL, mode: mode_t? = nil) throws {
    if let injected = FaultInjection.writeError() { throw WriteError(path: url.path, errno: injected) }
    let folder = url.deletingLastPathComponent()
    var existing = stat()
    let exists = lstat(url.path, &existing) == 0
    if exists, existing.st_mode & S_IFMT != S_IFREG { throw WriteError(path: url.path, errno: EISDIR) }
    let keptMode = mode ?? (exists ? existing.st_mode & 0o7777 : 0o644)
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent)\(temporaryMarker)\(getpid()).tmp")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else { throw WriteError(path: url.path, errno: errno) }
    var failure: Int32 = 0
    bytes.withUnsafeBytes { buffer in
      var written = 0
      while written < buffer.count {
        let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if result < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        written += result
      }
    }
    // Keep the owner when replacing a file; only root may give a file away, so a failure is fine.
    if exists { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
    if failure == 0, fchmod(descriptor, keptMode) != 0 { failure = errno }
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    if close(descriptor) != 0, failure == 0 { failure = errno }
    guard failure == 0 else {
      unlink(temporary.path)
      throw WriteError(path: url.path, errno: failure)
    }
    FaultInjection.step()
    guard rename(temporary.path, url.path) == 0 else {
      let renameErrno = errno
      unlink(temporary.path)
      throw WriteError(path: url.path, errno: renameErrno)
    }
    syncFolder(folder)
    FaultInjection.step()
  }

  /// Removes a file and syncs its folder.
  public static func remove(_ url: URL) throws {
    guard unlink(url.path) == 0 || errno == ENOENT else { throw WriteError(path: url.path, errno: errno) }
    syncFolder(url.deletingLastPathComponent())
    FaultInjection.step()
  }

  /// Removes a folder and everything in it, if it exists.
  static func removeTree(_ url: URL) throws {
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    do {
      try FileManager.default.removeItem(at: url)
    } catch {
      throw WriteError(path: url.path, errno: EACCES)
    }
    syncFolder(url.deletingLastPathComponent())
    FaultInjection.step()
  }

  /// Renames `source` to `target` and syncs the folder.
  static func move(_ source: URL, to target: URL) throws {
    guard rename(source.path, target.path) == 0 else { throw WriteError(path: target.path, errno: errno) }
    syncFolder(target.deletingLastPathComponent())
    FaultInjection.step()
  }

  /// Creates a folder and its parents.
  ///
  /// - Parameter private: create the missing folders readable by the owner only.
  public static func makeFolder(_ url: URL, private: Bool = false) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return }
    do {
      try FileManager.default.createDirectory(
        at: url, withIntermediateDirectories: true,
        attributes: `private` ? [.posixPermissions: 0o700] : nil)
    } catch {
      let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
      throw WriteError(path: url.path, errno: Int32(underlying?.code ?? Int(EACCES)))
    }
  }

  /// Creates the folder that will hold `url`.
  static func make(parentOf url: URL, private: Bool = false) throws {
    try makeFolder(url.deletingLastPathComponent(), private: `private`)
  }

  /// Removes the temporary files a killed write left next to `url`.
  static func removeLeftovers(near url: URL) {
    let folder = url.deletingLastPathComponent()
    let prefix = ".\(url.lastPathComponent)\(temporaryMarker)"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      unlink(folder.appendingPathComponent(name).path)
    }
  }

  private static func syncFolder(_ folder: URL) {
    let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}

/// A file that could not be written.
public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file.
  public var path: String
  /// The system error number.
  public var errno: Int32

  /// Creates an error for `path`.
  public init(path: String, errno: Int32) {
    self.path = path
    self.errno = errno
  }

  public var description: String {
    let reason = String(cString: strerror(errno))
    return "\(path): expected to write the file, found \(reason.lowercased()); "
      + "check permissions and free space, then run the command again"
  }
}

extension WriteError {
  /// The same error naming its file relative to `root`, when the file lies inside it.
  func relative(to root: URL) -> WriteError {
    let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
    guard path.hasPrefix(prefix) else { return self }
    return WriteError(path: String(path.dropFirst(prefix.count)), errno: errno)
  }
}

/// `error`, with a `WriteError`'s file made relative to `root`.
func relativeWriteError(_ error: any Error, to root: URL) -> any Error {
  (error as? WriteError)?.relative(to: root) ?? error
}
