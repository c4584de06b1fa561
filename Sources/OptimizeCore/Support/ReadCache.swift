import Foundation

/// The files one run has already read, so each is read, checked and line-indexed once.
///
/// Discovery, the planner, the doctor and the verifier each read the same workflow and settings
/// files; on a large repository every read is a copy of many megabytes and a scan for line
/// starts. An entry is reused only while the file on disk has the same device, inode, size,
/// modification and change times (a file optimize rewrites is a new inode), and an overlay entry
/// only for the very same bytes in memory.
final class ReadCache: @unchecked Sendable {
  private let lock = NSLock()
  private var disk: [String: (stamp: FileStamp, source: SourceText)] = [:]
  private var overlay: [String: SourceText] = [:]

  /// The text read from disk at `path` when `stamp` still describes the file.
  func disk(_ path: String, stamp: FileStamp) -> SourceText? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = disk[path], entry.stamp == stamp else { return nil }
    return entry.source
  }

  /// Remembers the text read from disk at `path`.
  func store(_ source: SourceText, stamp: FileStamp) {
    lock.lock()
    defer { lock.unlock() }
    disk[source.path] = (stamp, source)
  }

  /// The text of an overlay entry, indexed once for the same bytes.
  func overlay(_ path: String, bytes: [UInt8]) -> SourceText {
    lock.lock()
    if let cached = overlay[path], cached.bytes.sharesStorage(with: bytes) {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let source = SourceText(path: path, bytes: bytes)
    lock.lock()
    overlay[path] = source
    lock.unlock()
    return source
  }

  /// Keeps `source`, already indexed, as the overlay entry for its path and bytes.
  func keep(overlay source: SourceText) {
    lock.lock()
    defer { lock.unlock() }
    overlay[source.path] = source
  }

  /// The text read from disk at `path` when `bytes` are that very read's bytes.
  func disk(_ path: String, bytes: [UInt8]) -> SourceText? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = disk[path], entry.source.bytes.sharesStorage(with: bytes) else { return nil }
    return entry.source
  }
}

/// What identifies one version of a file on disk.
struct FileStamp: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: timespec
  var changed: timespec

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    modified = info.st_mtim
    changed = info.st_ctim
  }

  static func == (lhs: FileStamp, rhs: FileStamp) -> Bool {
    lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
      && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
      && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
  }
}
