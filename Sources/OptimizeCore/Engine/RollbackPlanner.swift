import Foundation

/// What rollback does to one file.
public struct RollbackAction: Sendable, Equatable {
  /// How the file is restored.
  public enum Kind: Sendable, Equatable {
    /// Unchanged since apply: the snapshot's bytes come back.
    case restore
    /// Changed elsewhere since apply: only our hunks are reversed.
    case reverseHunks
    /// Created by apply and unchanged: it is deleted.
    case delete
    /// Deleted since apply: left alone (recreated with `--force`).
    case missing
    /// Our hunk was changed: refused (or, with `--force`, rescued then restored).
    case drifted
  }

  /// The file.
  public var path: String
  /// What happens.
  public var kind: Kind
  /// The bytes written, or nil to delete the file or leave it alone.
  public var after: [UInt8]?
  /// For drifted files: the original, applied and current text of each differing hunk.
  public var conflict: String? = nil
  /// The bytes the file held when the rollback was planned (nil: absent); the journal checks
  /// them again before writing.
  public var current: [UInt8]? = nil
}

/// The rollback of one phase.
public struct RollbackPlan: Sendable {
  /// The phase rolled back.
  public var phase: Int
  /// One action per file the phase wrote.
  public var actions: [RollbackAction]

  /// Files that block the rollback without `--force`.
  public var drifted: [RollbackAction] { actions.filter { $0.kind == .drifted } }
}

/// Computes and performs rollbacks that undo exactly our edits and nothing the team wrote since.
public struct Rollback: Sendable {
  /// The repository.
  public var repository: Repository

  /// Creates a rollback for `repository`.
  public init(repository: Repository) {
    self.repository = repository
  }

  /// Plans the rollback of `phase` (by default the latest applied one).
  ///
  /// - Throws: `RollbackError` when nothing is applied or a later phase stacks on `phase`.
  public func plan(phase requested: Int?, ledger: Ledger) throws -> RollbackPlan {
    guard let latest = ledger.phases.last else { throw RollbackError.nothingApplied }
    let number = requested ?? latest.phase
    guard let entry = ledger.phase(number) else {
      throw RollbackError.notApplied(number, applied: ledger.phases.map(\.phase))
    }
    let later = ledger.phases.map(\.phase).filter { $0 > number }
    if !later.isEmpty { throw RollbackError.laterPhases(number, later: later) }
    let store = LedgerStore(repository: repository)
    var actions: [RollbackAction] = []
    for file in entry.files {
      let before = try store.snapshot(of: file)
      var action = try action(for: file, before: before)
      action.current = FileManager.default.contents(atPath: repository.url(file.path).path).map {
        [UInt8]($0)
      }
      actions.append(action)
    }
    return RollbackPlan(phase: number, actions: actions)
  }

  private func action(for file: LedgerFile, before: [UInt8]) throws -> RollbackAction {
    guard let data = FileManager.default.contents(atPath: repository.url(file.path).path) else {
      return RollbackAction(path: file.path, kind: .missing, after: file.created ? nil : before)
    }
    let current = [UInt8](data)
    if sha256Hex(current) == file.sha256After {
      return RollbackAction(
        path: file.path, kind: file.created ? .delete : .restore, after: file.created ? nil : before)
    }
    let (applied, hunks) = try HunkLocator.hunks(of: file, before: before)
    let found = HunkLocator.locate(hunks, in: current)
    if found.allSatisfy({ $0 != nil }) {
      let edits = zip(hunks, found).map { hunk, offset in
        Edit(offset: offset!, old: hunk.inverse.old, new: hunk.inverse.new)
      }
      if let result = try? edits.applied(to: current, path: file.path) {
        return RollbackAction(path: file.path, kind: .reverseHunks, after: result)
      }
    }
    var conflict = ""
    let appliedText = SourceText(path: file.path, bytes: applied)
    for (hunk, offset) in zip(hunks, found) where offset == nil {
      let location = appliedText.location(ofByte: hunk.inverse.offset)
      conflict += "  at \(file.path):\(location.line) (line as applied), patch \(hunk.patch):\n"
      conflict += "    original: \(quote(hunk.inverse.new))\n"
      conflict += "    applied:  \(quote(hunk.inverse.old))\n"
      conflict += "    current:  \(quote(currentLines(near: location.line, in: current)))\n"
    }
    return RollbackAction(path: file.path, kind: .drifted, after: before, conflict: conflict)
  }

  private func currentLines(near line: Int, in current: [UInt8]) -> String {
    let text = SourceText(path: "", bytes: current)
    guard line - 1 < text.lineStarts.count else { return "(the file is shorter now)" }
    return text.lineText(line - 1)
  }

  private func quote(_ text: String) -> String {
    text.isEmpty ? "(nothing)" : text.debugDescription
  }

  /// Performs a rollback plan: journal, writes, ledger without the phase, snapshots removed.
  ///
  /// - Parameter force: rescue drifted files to `.optimize/rescued/` and restore their snapshot,
  ///   and recreate deleted files.
  /// - Returns: the paths of rescued copies.
  /// - Throws: `RollbackError.drifted` without `force` when a hunk was changed.
  public func perform(_ plan: RollbackPlan, ledger: Ledger, force: Bool) throws -> [String] {
    if !force, !plan.drifted.isEmpty { throw RollbackError.drifted(plan.drifted) }
    let store = LedgerStore(repository: repository)
    var rescued: [String] = []
    var rescues: [SideFile] = []
    var writes: [FileWrite] = []
    let entry = ledger.phase(plan.phase)!
    let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
    for action in plan.actions {
      let file = entry.files.first { $0.path == action.path }!
      switch action.kind {
      case .missing where !force: continue
      case .drifted:
        let rescue = "rescued/\(stamp)/\(action.path)"
        rescues.append(SideFile(path: rescue, bytes: action.current ?? [], mode: file.mode & 0o666))
        rescued.append("\(LedgerStore.folderName)/\(rescue)")
      default: break
      }
      writes.append(
        FileWrite(path: action.path, before: action.current, after: action.after, mode: file.mode))
    }
    var newLedger = ledger
    newLedger.phases.removeAll { $0.phase == plan.phase }
    let privateSnapshots = entry.files.compactMap(\.snapshot).filter { $0.hasPrefix("/") }
    try Journal(store: store).commit(
      operation: "rollback", phase: plan.phase, writes: writes, sideFiles: rescues, ledger: newLedger,
      removeSnapshots: ["snapshots/phase-\(plan.phase)"] + privateSnapshots)
    return rescued
  }
}

/// A rollback that cannot be done as asked: nothing is written.
public enum RollbackError: Error, Sendable, Equatable, CustomStringConvertible {
  case nothingApplied
  case notApplied(Int, applied: [Int])
  case laterPhases(Int, later: [Int])
  case drifted([RollbackAction])

  public var description: String {
    switch self {
    case .nothingApplied:
      return
        "\(LedgerStore.folderName)/state.json: expected an applied phase, found none; nothing to roll back"
    case .notApplied(let phase, let applied):
      return
        "expected phase \(phase) to be applied, found \(applied.isEmpty ? "none" : "only phase \(applied.map(String.init).joined(separator: ", "))"); nothing to roll back"
    case .laterPhases(let phase, let later):
      return "expected phase \(phase) to be the latest applied, found phase "
        + "\(later.map(String.init).joined(separator: ", ")) on top of it; phases stack, so roll back "
        + "phase \(later.last!) first (`optimize rollback --phase \(later.last!)`)"
    case .drifted(let actions):
      var text =
        "expected our edits to be intact, found \(actions.count) file(s) where they were changed "
        + "since apply; nothing was written."
      for action in actions { text += "\n\(action.path):\n\(action.conflict ?? "")" }
      text +=
        "Options: put the applied lines back and run rollback again; or run `optimize rollback "
        + "--force`, which saves each current file under .optimize/rescued/ and restores the original."
      return text
    }
  }
}
