import Foundation

/// The team's repository as optimize sees it: safe reads of text files by repository-relative path.
///
/// Every path is checked to stay inside the repository, every file to be a regular, small,
/// valid UTF-8 text file. An overlay lets the engine plan again on edited bytes in memory.
public struct Repository: Sendable {
  /// The repository's root folder, with symlinks resolved.
  public let root: URL
  /// Files whose bytes are replaced in memory (or removed, with `nil`), for verification.
  public var overlay: [String: [UInt8]?] = [:]

  /// The default limit on the size of a file optimize reads: 20 MiB.
  public static let defaultMaximumFileSize = 20 * 1024 * 1024
  /// Files larger than this many bytes are refused (`--max-file-mib` raises it).
  public var maximumFileSize = Repository.defaultMaximumFileSize
  /// Files this run has read, shared by the copies of this value (an overlay copy included).
  let readCache = ReadCache()
  /// Jobs whose scan found nothing, shared like `readCache`, for planning again.
  let jobScans = JobScanMemo()
  /// While set, every question asked of the file system is written down with its answer.
  var accessLog: AccessLog?

  /// Opens the repository at `root`.
  ///
  /// - Throws: `RepositoryError.notAFolder` when `root` is missing or not a folder.
  public init(root: URL) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) else {
      throw RepositoryError.notAFolder(path: root.path)
    }
    guard isFolder.boolValue else { throw RepositoryError.isAFile(path: root.path) }
    self.root = root.resolvingSymlinksInPath().standardizedFileURL
    rootPath = self.root.path
  }

  // The root's path, joined by hand: `URL.appendingPathComponent` costs more than the `lstat` it
  // is for, and a plan stats and reads a few hundred paths.
  private let rootPath: String

  /// The file-system path of a repository-relative path: what `url(path).path` spells.
  private func systemPath(_ path: String) -> String {
    var relative = Substring(path)
    while relative.hasSuffix("/") { relative = relative.dropLast() }
    if relative.isEmpty { return rootPath }
    return rootPath.hasSuffix("/") ? rootPath + relative : rootPath + "/" + relative
  }

  /// The repository that holds `folder`: the nearest ancestor with `.git`, else `folder` itself.
  public static func locate(from folder: URL) throws -> Repository {
    var candidate = folder.standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
        return try Repository(root: candidate)
      }
      let parent = candidate.deletingLastPathComponent()
      if parent.path == candidate.path { return try Repository(root: folder) }
      candidate = parent
    }
  }

  /// The absolute URL of a repository-relative path.
  public func url(_ path: String) -> URL {
    path.isEmpty ? root : root.appendingPathComponent(path)
  }

  /// Normalises a relative path (`a/./b/../c` → `a/c`).
  ///
  /// - Throws: `RepositoryError.outside` when it is absolute or climbs out of the repository.
  public func normalize(_ path: String) throws -> String {
    if path.hasPrefix("/") {
      let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
      guard path.hasPrefix(rootPath) else { throw RepositoryError.outside(path: path) }
      return try normalize(String(path.dropFirst(rootPath.count)))
    }
    if Self.isNormal(path) { return path }
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".", "": continue
      case "..":
        guard !parts.isEmpty else { throw RepositoryError.outside(path: path) }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  /// Whether `normalize` would return `path` as it is: no empty, `.` or `..` component between its
  /// bytes' slashes. (A slash that a combining mark joins into one Character is no separator for
  /// `split`, but then neither side of it is empty, `.` or `..`.)
  private static func isNormal(_ path: String) -> Bool {
    var componentLength = 0
    var dots = 0
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") {
        if componentLength == 0 || componentLength == dots { return false }
        componentLength = 0
        dots = 0
      } else {
        componentLength += 1
        // Components of dots alone (`.`, `..`, also `...`) take the long way.
        if byte == UInt8(ascii: "."), dots == componentLength - 1 { dots += 1 }
      }
    }
    return componentLength > 0 && componentLength != dots || path.isEmpty
  }

  /// Joins a folder and a relative path, normalised.
  public func join(_ folder: String, _ path: String) throws -> String {
    if path.hasPrefix("/") { return try normalize(path) }
    return try normalize(folder.isEmpty ? path : folder + "/" + path)
  }

  /// What is at a path, without following a final symlink.
  public func kind(of path: String) -> FileKind {
    let kind = kindUnlogged(path)
    accessLog?.note(.kind(path, kind))
    return kind
  }

  private func kindUnlogged(_ path: String) -> FileKind {
    if let entry = overlay[path] { return entry == nil ? .missing : .file }
    var info = stat()
    guard lstat(systemPath(path), &info) == 0 else { return .missing }
    return Self.kind(info)
  }

  private static func kind(_ info: stat) -> FileKind {
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .folder
    case S_IFLNK: return .symlink
    default: return .special
    }
  }

  /// Whether a regular file exists at `path`.
  public func isFile(_ path: String) -> Bool { kind(of: path) == .file }

  /// Follows a symlink at `path` that stays inside the repository.
  ///
  /// - Throws: `RepositoryError.outside` when its target leaves the repository.
  public func resolveSymlink(_ path: String) throws -> String {
    guard kindUnlogged(path) == .symlink else {
      accessLog?.note(.symlink(path, .success(path)))
      return path
    }
    let resolved = url(path).resolvingSymlinksInPath().standardizedFileURL.path
    do {
      let normalized = try normalize(resolved)
      accessLog?.note(.symlink(path, .success(normalized)))
      return normalized
    } catch {
      accessLog?.note(.symlink(path, .failure(RepositoryAccess.cast(error))))
      throw error
    }
  }

  /// Reads a text file for editing.
  ///
  /// - Throws: `RepositoryError` when the file is missing, not a regular file, a symlink, too
  ///   large, not UTF-8 or holds NUL bytes.
  public func read(_ path: String) throws -> SourceText {
    guard let accessLog else { return try readUnlogged(path) }
    do {
      let text = try readUnlogged(path)
      accessLog.note(.read(path, .success(text.bytes)))
      return text
    } catch {
      accessLog.note(.read(path, .failure(RepositoryAccess.cast(error))))
      throw error
    }
  }

  private func readUnlogged(_ path: String) throws -> SourceText {
    let path = try normalize(path)
    if let entry = overlay[path] {
      guard let bytes = entry else { throw RepositoryError.missing(path: path) }
      return readCache.overlay(path, bytes: bytes)
    }
    let file = systemPath(path)
    var info = stat()
    let kind = lstat(file, &info) == 0 ? Self.kind(info) : .missing
    switch kind {
    case .missing: throw RepositoryError.missing(path: path)
    case .symlink:
      let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: url(path).path)) ?? "?"
      if (try? resolveSymlink(path)) == nil {
        throw RepositoryError.symlinkOutside(path: path, destination: destination)
      }
      throw RepositoryError.symlink(path: path)
    case .folder, .special: throw RepositoryError.notARegularFile(path: path)
    case .file: break
    }
    let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { throw RepositoryError.unreadable(path: path) }
    defer { close(descriptor) }
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      throw RepositoryError.notARegularFile(path: path)
    }
    let stamp = FileStamp(info)
    if let cached = readCache.disk(path, stamp: stamp) { return cached }
    let size = Int(info.st_size)
    if size > maximumFileSize {
      throw RepositoryError.tooLarge(path: path, size: size, limit: maximumFileSize)
    }
    guard let bytes = Self.readAll(descriptor, expected: size, limit: maximumFileSize) else {
      throw RepositoryError.unreadable(path: path)
    }
    if bytes.count > maximumFileSize {
      throw RepositoryError.tooLarge(path: path, size: bytes.count, limit: maximumFileSize)
    }
    let nul = bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
    if let nul {
      throw RepositoryError.binary(path: path, offset: nul)
    }
    guard UTF8Check.isValid(bytes) else {
      throw RepositoryError.notUTF8(path: path)
    }
    let source = SourceText(path: path, bytes: bytes)
    readCache.store(source, stamp: stamp)
    return source
  }

  /// Every byte of an open file, read straight into one array (stopping once past `limit`);
  /// nil on a read error.
  private static func readAll(_ descriptor: Int32, expected: Int, limit: Int) -> [UInt8]? {
    var bytes: [UInt8] = []
    var room = expected + 1
    while true {
      var failed = false
      let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
        count = 0
        while count < buffer.count {
          let got = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
          if got < 0, errno == EINTR { continue }
          if got < 0 { failed = true }
          if got <= 0 { break }
          count += got
        }
      }
      if failed { return nil }
      if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
      // A short read is the end of the file; a full one means the file grew while being read.
      if chunk.count < room || bytes.count > limit { return bytes }
      room = max(bytes.count, 4096)
    }
  }

  /// Whether git ignores `path` (a local file that may hold secrets); false outside a git
  /// repository or without git.
  public func isIgnoredByGit(_ path: String) -> Bool {
    let ignored = isIgnoredByGitUnlogged(path)
    accessLog?.note(.ignoredByGit(path, ignored))
    return ignored
  }

  private func isIgnoredByGitUnlogged(_ path: String) -> Bool {
    // Outside a git work tree there is nothing to ask, and no process to start.
    var folder = root.path
    while !FileManager.default.fileExists(atPath: folder + "/.git") {
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder || parent.isEmpty { return false }
      folder = parent
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root.path, "check-ignore", "-q", "--", path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return false
    }
    process.waitUntilExit()
    return process.terminationReason == .exit && process.terminationStatus == 0
  }

  /// Names in a folder, sorted, or an empty list.
  public func list(_ folder: String) -> [String] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: systemPath(folder))) ?? []).sorted()
    accessLog?.note(.list(folder, names))
    return names
  }
}
