import Foundation

/// What `apply` did.
public struct ApplyOutcome: Sendable {
  /// The verified plan.
  public var plan: Plan
  /// True when the ledger already had the phase: nothing was written.
  public var alreadyApplied: Bool
  /// Whether files were written (false for a dry run).
  public var wrote: Bool
  /// A sentence on an interrupted transaction that was finished first, if any.
  public var recovered: String?
  /// A sentence on a lock that a killed run left and this run took over, if any.
  public var tookOverLock: String?
}

/// Applies a phase: plan, verify in memory, journal, write atomically, record in the ledger.
public struct Applier: Sendable {
  /// The planner for the phase.
  public var planner: Planner

  /// Creates an applier.
  public init(planner: Planner) {
    self.planner = planner
  }

  /// Applies every patch of the phase, or none.
  ///
  /// - Parameters:
  ///   - dryRun: plan and verify, but write nothing.
  ///   - check: runs on each plan before verification; throwing refuses the phase (a reviewed
  ///     plan uses it to refuse a repository that changed since the plan was made).
  /// - Throws: `ApplyError` when a patch blocks the phase or a required phase is missing;
  ///   `VerificationError`, `WriteError`, `LedgerError` and discovery errors otherwise.
  public func apply(dryRun: Bool, lockTimeout: Double = 5, check: (Plan) throws -> Void = { _ in })
    throws -> ApplyOutcome
  {
    let store = LedgerStore(repository: planner.repository)
    let journal = Journal(store: store)
    var outcome = ApplyOutcome(
      plan: Plan(phase: planner.phase, patches: [], files: []), alreadyApplied: false, wrote: false)
    // Refusals come before the lock, so that a refused run writes no byte, not even the lock file.
    var planned: Ledger?
    if dryRun || !journal.isPending {
      planned = try store.read()
      do {
        guard let plan = try verifiedPlan(ledger: planned!, check: check) else {
          outcome.alreadyApplied = true
          return outcome
        }
        outcome.plan = plan
      } catch {
        // Another run may have written while this one planned without the lock, and a plan that
        // read a file before that write and again after it refuses what is fine. When another
        // run is writing or has written, plan again under the lock (below); otherwise refuse.
        guard !dryRun, journal.isPending || (try? store.read()) != planned else { throw error }
        planned = nil
      }
      if dryRun { return outcome }
    }
    let lock = try RepositoryLock(store: store, timeout: lockTimeout)
    outcome.tookOverLock = lock.tookOver
    outcome.recovered = try journal.recover()
    var ledger = try store.read()
    // Another run may have written while this one waited for the lock: plan again if so.
    if planned != ledger || !planUnchanged(outcome.plan) {
      guard let plan = try verifiedPlan(ledger: ledger, check: check) else {
        outcome.alreadyApplied = true
        return outcome
      }
      outcome.plan = plan
    }
    let plan = outcome.plan
    let phase = planner.phase
    var files: [LedgerFile] = []
    var writes: [FileWrite] = []
    var snapshots: [SideFile] = []
    for change in plan.files {
      let url = planner.repository.url(change.path)
      var info = stat()
      let mode = change.created ? 0o644 : (stat(url.path, &info) == 0 ? Int(info.st_mode & 0o7777) : 0o644)
      var snapshot: String?
      if !change.created {
        let path = store.snapshotPath(phase: phase.number, file: change.path)
        snapshots.append(SideFile(path: path, bytes: change.before, mode: mode & 0o666))
        snapshot = path
      }
      let edits = change.edits.map(\.edit)
      let inverses = edits.inverses
      let sorted = change.edits.sorted { $0.edit.offset < $1.edit.offset }
      files.append(
        LedgerFile(
          path: change.path, created: change.created, mode: mode, sha256Before: sha256Hex(change.before),
          sha256After: sha256Hex(change.after), snapshot: snapshot,
          edits: zip(sorted, inverses).map { tagged, inverse in
            LedgerEdit(
              patch: tagged.patch, offset: tagged.edit.offset, old: tagged.edit.old, new: tagged.edit.new,
              inverse: inverse)
          }))
      writes.append(
        FileWrite(
          path: change.path, before: change.created ? nil : change.before, after: change.after, mode: mode))
    }
    ledger.toolVersion = toolVersion
    ledger.phases.append(
      LedgerPhase(
        phase: phase.number, phaseFile: phase.file, phaseDigest: phase.digest, toolVersion: toolVersion,
        appliedAt: ISO8601DateFormatter().string(from: Date()),
        patches: plan.patches.map { result in
          LedgerPatch(
            id: result.id, kind: result.kind, state: result.state == .pending ? .applied : result.state,
            reason: result.reason, places: result.places.map { "\($0.location)" })
        },
        files: files))
    try Journal(store: store).commit(
      operation: "apply", phase: phase.number, writes: writes, sideFiles: snapshots, ledger: ledger)
    outcome.wrote = true
    withExtendedLifetime(lock) {}
    return outcome
  }

  /// Plans and verifies the phase; nil when the ledger already has it.
  private func verifiedPlan(ledger: Ledger, check: (Plan) throws -> Void) throws -> Plan? {
    let phase = planner.phase
    if ledger.phase(phase.number) != nil { return nil }
    let missing = phase.requires.filter { ledger.phase($0) == nil }
    if !missing.isEmpty { throw ApplyError.requiresPhases(phase.number, missing: missing) }
    let plan = try planner.plan()
    try check(plan)
    if !plan.blocking.isEmpty { throw ApplyError.blocked(plan.blocking) }
    try Verifier(planner: planner).verify(plan)
    let store = LedgerStore(repository: planner.repository)
    for change in plan.files {
      try checkWritable(change, url: planner.repository.url(change.path))
      if !change.created {
        try store.checkSnapshotFree(
          store.snapshotPath(phase: phase.number, file: change.path), bytes: change.before)
      }
    }
    return plan
  }

  /// Whether every file of a plan still holds the bytes it was planned from.
  private func planUnchanged(_ plan: Plan) -> Bool {
    plan.files.allSatisfy { change in
      let current = FileManager.default.contents(atPath: planner.repository.url(change.path).path)
      return change.created ? current == nil : current.map { [UInt8]($0) } == change.before
    }
  }

  /// Refuses early, before anything is written, when a target or its folder is read-only.
  private func checkWritable(_ change: FileChange, url: URL) throws {
    var folder = url.deletingLastPathComponent()
    // A created file's folders may not exist yet: the nearest existing one must be writable.
    while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
      folder.deleteLastPathComponent()
    }
    if access(folder.path, W_OK) != 0 { throw WriteError(path: change.path, errno: errno) }
    if !change.created, access(url.path, W_OK) != 0 { throw WriteError(path: change.path, errno: EACCES) }
  }
}

/// A phase that cannot be applied as a whole.
public enum ApplyError: Error, Sendable, Equatable, CustomStringConvertible {
  case blocked([PatchResult])
  case requiresPhases(Int, missing: [Int])

  public var description: String {
    switch self {
    case .blocked(let patches):
      var text =
        "expected every patch to be applicable, found \(patches.count) that must be done by "
        + "hand; nothing was written. Change these by hand, or apply the rest with --skip:"
      for patch in patches {
        text += "\n  \(patch.id): \(patch.reason)"
        for place in patch.places { text += "\n    \(place.location): \(place.message)" }
        text += "\n    (to apply the other patches: --skip \(patch.id))"
      }
      return text
    case .requiresPhases(let phase, let missing):
      let list = missing.map(String.init).joined(separator: ", ")
      return "expected phase \(list) applied first, found it missing; phases stack, so run "
        + "`optimize apply --phase \(missing[0])` before phase \(phase)"
    }
  }
}
