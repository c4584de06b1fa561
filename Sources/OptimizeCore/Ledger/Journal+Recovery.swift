import Foundation

extension Journal {
  /// Finishes or undoes an interrupted transaction, if any.
  ///
  /// A transaction that was writing is finished (its files and ledger written); one that had
  /// failed and was being undone is undone. Temporary files a killed write left are removed.
  ///
  /// - Returns: a sentence saying what was recovered, or nil when nothing was pending.
  /// - Throws: `JournalError.conflict` when a file holds neither its before nor its after bytes.
  public func recover() throws -> String? {
    try AtomicFile.removeTree(pendingFolder)
    guard isPending else {
      // A journal whose intent is gone was being removed when the run was killed.
      try AtomicFile.removeTree(folder)
      return nil
    }
    let intentURL = folder.appendingPathComponent("intent.json")
    guard let data = FileManager.default.contents(atPath: intentURL.path),
      let intent = try? JSONDecoder().decode(Intent.self, from: data)
    else { throw JournalError.unreadable(path: "\(LedgerStore.folderName)/journal/intent.json") }
    let what = "an interrupted \(intent.operation) of phase \(intent.phase)"
    if FileManager.default.fileExists(atPath: abortMarker.path) {
      let restored = try abort(intent, recovering: true)
      return "recovered \(what): it had failed, so \(restored) file(s) got their bytes from before back"
    }
    do {
      try finish(intent, recovering: true)
    } catch let error as JournalError {
      throw error
    } catch {
      try abort(intent, recovering: true)
      throw error
    }
    return "recovered \(what): finished writing \(intent.files.count) file(s) and the ledger"
  }

  private func blob(_ name: String?) throws -> [UInt8]? {
    guard let name else { return nil }
    let url = folder.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw JournalError.unreadable(path: "\(LedgerStore.folderName)/journal/\(name)")
    }
    return [UInt8](data)
  }

  private func current(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: store.repository.url(path).path).map { [UInt8]($0) }
  }

  func sideURL(_ path: String) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : store.folder.appendingPathComponent(path)
  }

  /// Writes side files, files and ledger; a file already holding its after bytes is left alone.
  func finish(_ intent: Intent, recovering: Bool = false) throws {
    var pending: [(Entry, [UInt8]?)] = []
    var conflicts: [String] = []
    for entry in intent.files {
      let now = current(entry.path)
      let after = try blob(entry.after)
      if now == after { continue }
      if now != (try blob(entry.before)) { conflicts.append(entry.path) }
      pending.append((entry, after))
    }
    if !conflicts.isEmpty { throw JournalError.conflict(paths: conflicts, recovering: recovering) }
    for side in intent.sideFiles ?? [] {
      let url = sideURL(side.path)
      let bytes = try blob(side.blob) ?? []
      if FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) == bytes { continue }
      try AtomicFile.make(parentOf: url, private: side.path.hasPrefix("/"))
      try AtomicFile.write(bytes, to: url, mode: mode_t(side.mode))
    }
    for (entry, after) in pending {
      let url = store.repository.url(entry.path)
      if let after {
        try AtomicFile.make(parentOf: url)
        try AtomicFile.write(after, to: url, mode: mode_t(entry.mode))
      } else {
        try AtomicFile.remove(url)
      }
    }
    try AtomicFile.write(try blob("state.json") ?? [], to: store.ledgerURL, mode: 0o644)
    // Committed: what follows only tidies up, and is repeated by recovery if killed.
    for snapshot in intent.removeSnapshots {
      try AtomicFile.removeTree(sideURL(snapshot))
    }
    try cleanUp(intent)
  }

  /// Gives every file its bytes from before back and removes this transaction's side files.
  ///
  /// - Returns: how many files were restored.
  @discardableResult
  func abort(_ intent: Intent, recovering: Bool = false) throws -> Int {
    if !FileManager.default.fileExists(atPath: abortMarker.path) {
      try AtomicFile.write([], to: abortMarker, mode: 0o600)
    }
    var restored = 0
    var conflicts: [String] = []
    for entry in intent.files.reversed() {
      let now = current(entry.path)
      let before = try blob(entry.before)
      if now == before { continue }
      guard now == (try blob(entry.after)) else {
        conflicts.append(entry.path)
        continue
      }
      let url = store.repository.url(entry.path)
      if let before {
        try AtomicFile.write(before, to: url, mode: mode_t(entry.mode))
      } else {
        try AtomicFile.remove(url)
      }
      restored += 1
    }
    if !conflicts.isEmpty { throw JournalError.conflict(paths: conflicts, recovering: true) }
    for side in intent.sideFiles ?? [] {
      let url = sideURL(side.path)
      if FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) == (try blob(side.blob)) {
        try AtomicFile.remove(url)
      }
    }
    try cleanUp(intent)
    return restored
  }

  private func cleanUp(_ intent: Intent) throws {
    for entry in intent.files { AtomicFile.removeLeftovers(near: store.repository.url(entry.path)) }
    for side in intent.sideFiles ?? [] { AtomicFile.removeLeftovers(near: sideURL(side.path)) }
    AtomicFile.removeLeftovers(near: store.ledgerURL)
    try discard()
  }
}
