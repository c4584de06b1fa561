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
}

/// The write-ahead journal, `.optimize/journal/`: a transaction's intent, written completely
/// before any file is touched, so a killed run can be finished by the next one.
public struct Journal: Sendable {
  private struct Intent: Codable {
    var operation: String
    var phase: Int
    var files: [Entry]
    var removeSnapshots: [String]
  }

  private struct Entry: Codable {
    var path: String
    var before: String?
    var after: String?
    var mode: Int
  }

  /// The store whose journal this is.
  public let store: LedgerStore

  /// Creates the journal of a store.
  public init(store: LedgerStore) {
    self.store = store
  }

  private var folder: URL { store.folder.appendingPathComponent("journal") }
  private var pendingFolder: URL { store.folder.appendingPathComponent("journal.tmp") }

  /// Whether a transaction was interrupted and waits to be recovered.
  public var isPending: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("intent.json").path)
  }

  /// Runs a transaction: journal, files, ledger, then clears the journal.
  ///
  /// If a write fails, the files already written are restored and the error is rethrown.
  public func commit(
    operation: String, phase: Int, writes: [FileWrite], ledger: Ledger, removeSnapshots: [String] = []
  ) throws {
    try? FileManager.default.removeItem(at: pendingFolder)
    try AtomicFile.makeFolder(pendingFolder)
    var entries: [Entry] = []
    for (index, write) in writes.enumerated() {
      var entry = Entry(path: write.path, before: nil, after: nil, mode: write.mode)
      if let before = write.before {
        entry.before = "\(index).before"
        try AtomicFile.write(before, to: pendingFolder.appendingPathComponent(entry.before!), mode: 0o600)
      }
      if let after = write.after {
        entry.after = "\(index).after"
        try AtomicFile.write(after, to: pendingFolder.appendingPathComponent(entry.after!), mode: 0o600)
      }
      entries.append(entry)
    }
    try AtomicFile.write(
      try LedgerStore.encode(ledger), to: pendingFolder.appendingPathComponent("state.json"), mode: 0o644)
    let intent = Intent(operation: operation, phase: phase, files: entries, removeSnapshots: removeSnapshots)
    try AtomicFile.write(
      Array(try JSONEncoder().encode(intent)), to: pendingFolder.appendingPathComponent("intent.json"),
      mode: 0o644)
    try? FileManager.default.removeItem(at: folder)
    guard rename(pendingFolder.path, folder.path) == 0 else {
      throw WriteError(path: folder.path, errno: errno)
    }
    try finish(intent, rollBackOnFailure: true)
  }

  /// Finishes an interrupted transaction, if any.
  ///
  /// - Returns: a sentence saying what was recovered, or nil when nothing was pending.
  /// - Throws: `JournalError.conflict` when a file holds neither its before nor its after bytes.
  public func recover() throws -> String? {
    if FileManager.default.fileExists(atPath: pendingFolder.path) {
      try? FileManager.default.removeItem(at: pendingFolder)
    }
    guard isPending else { return nil }
    let data = try Data(contentsOf: folder.appendingPathComponent("intent.json"))
    let intent = try JSONDecoder().decode(Intent.self, from: data)
    try finish(intent, rollBackOnFailure: false)
    return "recovered an interrupted \(intent.operation) of phase \(intent.phase): finished writing "
      + "\(intent.files.count) file(s) and the ledger"
  }

  private func blob(_ name: String?) throws -> [UInt8]? {
    guard let name else { return nil }
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  private func finish(_ intent: Intent, rollBackOnFailure: Bool) throws {
    var done: [(Entry, [UInt8]?)] = []
    do {
      for entry in intent.files {
        let url = store.repository.url(entry.path)
        let current = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        let before = try blob(entry.before)
        let after = try blob(entry.after)
        if current == after { continue }
        guard current == before else { throw JournalError.conflict(path: entry.path) }
        if let after {
          try AtomicFile.make(parentOf: url)
          try AtomicFile.write(after, to: url, mode: mode_t(entry.mode))
        } else {
          try AtomicFile.remove(url)
        }
        done.append((entry, before))
      }
      let ledger = try blob("state.json") ?? []
      try AtomicFile.makeFolder(store.folder)
      try AtomicFile.write(ledger, to: store.ledgerURL, mode: 0o644)
    } catch {
      if rollBackOnFailure {
        for (entry, before) in done.reversed() {
          let url = store.repository.url(entry.path)
          if let before {
            try? AtomicFile.write(before, to: url, mode: mode_t(entry.mode))
          } else {
            try? AtomicFile.remove(url)
          }
        }
        try? FileManager.default.removeItem(at: folder)
      }
      throw error
    }
    for snapshot in intent.removeSnapshots {
      try? FileManager.default.removeItem(at: store.folder.appendingPathComponent(snapshot))
    }
    try FileManager.default.removeItem(at: folder)
  }
}

extension AtomicFile {
  /// Creates the folder that will hold `url`.
  static func make(parentOf url: URL) throws {
    try makeFolder(url.deletingLastPathComponent())
  }
}

/// A journal that cannot be finished safely.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
  case conflict(path: String)

  public var description: String {
    switch self {
    case .conflict(let path):
      return "\(path): expected the bytes from before or after the interrupted transaction, found "
        + "other bytes; someone edited it since. Compare it with .optimize/journal/ and remove that "
        + "folder when the file is as you want it"
    }
  }
}
