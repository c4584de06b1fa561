import Foundation

/// One file a transaction writes: its bytes before and after (nil: absent).
public struct FileWrite: Sendable, Equatable {
  /// Repository-relative path.
  public var path: String
  /// The bytes before, or nil when the file does not exist.
  public var before: [UInt8]?
  /// The bytes after, or nil to delete the file.
  public var after: [UInt8]?
  /// Permission bits to write with.
  public var mode: Int

  /// Creates a file write.
  public init(path: String, before: [UInt8]?, after: [UInt8]?, mode: Int) {
    self.path = path
    self.before = before
    self.after = after
    self.mode = mode
  }
}

/// A file a transaction keeps beside the repository's files: a snapshot or a rescued copy.
public struct SideFile: Sendable, Equatable {
  /// Relative to `.optimize/`, or an absolute path outside the repository.
  public var path: String
  /// Its bytes.
  public var bytes: [UInt8]
  /// Permission bits.
  public var mode: Int

  /// Creates a side file.
  public init(path: String, bytes: [UInt8], mode: Int) {
    self.path = path
    self.bytes = bytes
    self.mode = mode
  }
}

/// The write-ahead journal, `.optimize/journal/`: a transaction's intent and every byte it needs,
/// written completely (in `journal.tmp/`, then renamed) before any file is touched, so that a
/// killed run can be finished by the next one.
///
/// A transaction writes its side files (snapshots, rescued copies), then the repository's files,
/// then the ledger; only then is it done. When a write fails, the journal is marked `aborted` and
/// every file gets its bytes from before back; a killed abort is finished the same way.
public struct Journal: Sendable {
  struct Intent: Codable {
    var operation: String
    var phase: Int
    var files: [Entry]
    var sideFiles: [SideEntry]?
    var removeSnapshots: [String]
  }

  struct Entry: Codable {
    var path: String
    var before: String?
    var after: String?
    var mode: Int
  }

  struct SideEntry: Codable {
    var path: String
    var blob: String
    var mode: Int
  }

  /// The store whose journal this is.
  public let store: LedgerStore

  /// Creates the journal of a store.
  public init(store: LedgerStore) {
    self.store = store
  }

  var folder: URL { store.folder.appendingPathComponent("journal") }
  var pendingFolder: URL { store.folder.appendingPathComponent("journal.tmp") }
  var abortMarker: URL { folder.appendingPathComponent("aborted") }

  /// Whether a transaction was interrupted and waits to be recovered.
  public var isPending: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("intent.json").path)
  }

  /// Runs a transaction: journal, side files, files, ledger, then clears the journal.
  ///
  /// - Throws: `JournalError.conflict` when a file changed since it was planned (nothing is
  ///   written); otherwise the write error, after every file got its bytes from before back.
  public func commit(
    operation: String, phase: Int, writes: [FileWrite], sideFiles: [SideFile] = [], ledger: Ledger,
    removeSnapshots: [String] = []
  ) throws {
    let intent: Intent
    do {
      intent = try writePending(
        operation: operation, phase: phase, writes: writes, sideFiles: sideFiles, ledger: ledger,
        removeSnapshots: removeSnapshots)
      if !isPending { try AtomicFile.removeTree(folder) }
      try AtomicFile.move(pendingFolder, to: folder)
    } catch {
      try? AtomicFile.removeTree(pendingFolder)
      throw relativeWriteError(error, to: store.repository.root)
    }
    do {
      try finish(intent)
    } catch let error as JournalError {
      // Checked before the first write: nothing to undo.
      try discard()
      throw error
    } catch {
      try abort(intent)
      throw relativeWriteError(error, to: store.repository.root)
    }
  }

  /// Removes the journal: its intent first, in one step, so a half-removed journal is never
  /// trusted again.
  func discard() throws {
    try AtomicFile.remove(folder.appendingPathComponent("intent.json"))
    try AtomicFile.removeTree(folder)
  }

  private func writePending(
    operation: String, phase: Int, writes: [FileWrite], sideFiles: [SideFile], ledger: Ledger,
    removeSnapshots: [String]
  ) throws -> Intent {
    try AtomicFile.removeTree(pendingFolder)
    try AtomicFile.makeFolder(pendingFolder)
    func blob(_ name: String, _ bytes: [UInt8]) throws -> String {
      try AtomicFile.write(bytes, to: pendingFolder.appendingPathComponent(name), mode: 0o600)
      return name
    }
    var entries: [Entry] = []
    for (index, write) in writes.enumerated() {
      entries.append(
        Entry(
          path: write.path, before: try write.before.map { try blob("\(index).before", $0) },
          after: try write.after.map { try blob("\(index).after", $0) }, mode: write.mode))
    }
    var sides: [SideEntry] = []
    for (index, side) in sideFiles.enumerated() {
      sides.append(SideEntry(path: side.path, blob: try blob("\(index).side", side.bytes), mode: side.mode))
    }
    _ = try blob("state.json", try LedgerStore.encode(ledger))
    let intent = Intent(
      operation: operation, phase: phase, files: entries, sideFiles: sides, removeSnapshots: removeSnapshots)
    _ = try blob("intent.json", Array(try JSONEncoder().encode(intent)))
    return intent
  }
}

/// A journal that cannot be finished or undone safely.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Files that hold neither the bytes from before nor those from after the transaction.
  case conflict(paths: [String], recovering: Bool)
  /// The journal's intent cannot be read.
  case unreadable(path: String)

  public var description: String {
    switch self {
    case .conflict(let paths, let recovering):
      let list = paths.joined(separator: ", ")
      if recovering {
        return "\(list): expected the bytes from before or after the interrupted transaction, found "
          + "other bytes; someone edited it since. Nothing was written. Compare it with "
          + ".optimize/journal/ and remove that folder when the file is as you want it"
      }
      return "\(list): expected the bytes optimize planned from, found other bytes; the file changed "
        + "while optimize ran. Nothing was written; run the command again"
    case .unreadable(let path):
      return "\(path): expected a transaction's intent, found one optimize cannot read; nothing was "
        + "written. Check the repository's files, then remove .optimize/journal/"
    }
  }
}
