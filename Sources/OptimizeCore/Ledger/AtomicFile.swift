import Foundation

/// Writes files the only safe way: a temporary file in the same folder, fsync, rename, fsync of
/// the folder; the file's mode is kept.
public enum AtomicFile {
  /// Replaces (or creates) `url` with `bytes`.
  ///
  /// - Parameters:
  ///   - mode: the permission bits; by default those of the file being replaced, else 0644.
  /// - Throws: `WriteError` naming the file and the system's reason.
  public static func write(_ bytes: [UInt8], to url: URL, mode: mode_t? = nil) throws {
    let folder = url.deletingLastPathComponent()
    var existing = stat()
    let keptMode = mode ?? (stat(url.path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).optimize-\(getpid()).tmp")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, keptMode)
    guard descriptor >= 0 else { throw WriteError(path: url.path, errno: errno) }
    var ok = bytes.withUnsafeBytes { buffer -> Bool in
      var written = 0
      while written < buffer.count {
        let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if result < 0 { return false }
        written += result
      }
      return true
    }
    let writeErrno = errno
    ok = ok && fchmod(descriptor, keptMode) == 0 && fsync(descriptor) == 0
    let syncErrno = errno
    close(descriptor)
    guard ok else {
      unlink(temporary.path)
      throw WriteError(path: url.path, errno: writeErrno != 0 ? writeErrno : syncErrno)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let renameErrno = errno
      unlink(temporary.path)
      throw WriteError(path: url.path, errno: renameErrno)
    }
    syncFolder(folder)
  }

  /// Removes a file and syncs its folder.
  public static func remove(_ url: URL) throws {
    guard unlink(url.path) == 0 || errno == ENOENT else { throw WriteError(path: url.path, errno: errno) }
    syncFolder(url.deletingLastPathComponent())
  }

  /// Creates a folder and its parents.
  public static func makeFolder(_ url: URL) throws {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: url.path, errno: EACCES)
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

  public var description: String {
    let reason = String(cString: strerror(errno))
    return "\(path): expected to write the file, found \(reason.lowercased()); "
      + "check permissions and free space, then run the command again"
  }
}
