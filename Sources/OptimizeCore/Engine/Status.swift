import Foundation

/// The state of a whole phase.
public enum PhaseState: String, Sendable, Equatable, Codable {
  /// Applied, and every patch is intact.
  case applied
  /// Not applied, but every patch is already satisfied by the team's own changes.
  case satisfied
  /// Not applied.
  case pending
  /// Applied, but some patch was changed since.
  case drifted
}

/// The status of one phase, as `status` reports it.
public struct PhaseStatus: Sendable, Equatable, Codable {
  public var phase: Int
  public var title: String
  public var state: PhaseState
  /// When it was applied, and by which tool version (nil when not applied).
  public var appliedAt: String?
  public var appliedBy: String?
  public var patches: [PatchResult]
}

/// What `status` reports; its JSON is the stable schema documented in the README.
public struct StatusReport: Sendable, Equatable, Codable {
  /// The JSON schema's version.
  public var schemaVersion: Int
  public var toolVersion: String
  /// Set when a killed run left a journal: run `optimize recover`.
  public var interruptedTransaction: Bool
  /// When a journal is pending because a run is still writing, who holds the lock (omitted
  /// otherwise): the transaction is in progress, not interrupted.
  public var transactionHeldBy: String?
  /// Set when the ledger cannot be read.
  public var ledgerError: String?
  public var phases: [PhaseStatus]

  /// The exit code of `status --check`: 0 intact, 2 pending or partial, 3 drifted or interrupted.
  public func checkExitCode(phase: Int?) -> Int32 {
    if interruptedTransaction { return 3 }
    if ledgerError != nil { return 1 }
    // Without --phase: the applied phases, or every phase when none is applied yet (a phase
    // wholly satisfied by the team's own changes is intact too).
    let applied = phases.filter { $0.appliedAt != nil }
    let considered =
      phase.map { number in phases.filter { $0.phase == number } } ?? (applied.isEmpty ? phases : applied)
    if considered.isEmpty { return 2 }
    if considered.contains(where: { $0.state == .drifted }) { return 3 }
    if considered.contains(where: { $0.state == .pending }) { return 2 }
    return 0
  }
}

/// Computes each phase's and patch's state from the ledger and the files.
public struct StatusChecker: Sendable {
  /// The repository.
  public var repository: Repository
  /// Discovery overrides, used when planning phases that are not applied.
  public var options: DiscoveryOptions

  /// Creates a checker.
  public init(repository: Repository, options: DiscoveryOptions = DiscoveryOptions()) {
    self.repository = repository
    self.options = options
  }

  /// The report for `phases`. Reads only; never writes.
  public func report(phases: [Phase]) -> StatusReport {
    let store = LedgerStore(repository: repository)
    var report = StatusReport(
      schemaVersion: 1, toolVersion: toolVersion, interruptedTransaction: Journal(store: store).isPending,
      transactionHeldBy: nil, ledgerError: nil, phases: [])
    if report.interruptedTransaction { report.transactionHeldBy = RepositoryLock.currentHolder(store: store) }
    let ledger: Ledger
    do {
      ledger = try store.read()
    } catch {
      report.ledgerError = "\(error)"
      return report
    }
    for phase in phases {
      report.phases.append(status(of: phase, entry: ledger.phase(phase.number), store: store))
    }
    return report
  }

  private func status(of phase: Phase, entry: LedgerPhase?, store: LedgerStore) -> PhaseStatus {
    let planned: Plan?
    let planError: String?
    do {
      planned = try Planner(repository: repository, phase: phase, options: options).plan()
      planError = nil
    } catch {
      planned = nil
      planError = "\(error)"
    }
    guard let entry else {
      let patches =
        planned?.patches
        ?? phase.patches.map {
          PatchResult(id: $0.id, kind: $0.kind.name, state: .manual, reason: planError ?? "cannot plan")
        }
      let state: PhaseState = patches.allSatisfy { $0.state == .satisfied } ? .satisfied : .pending
      return PhaseStatus(
        phase: phase.number, title: phase.title, state: state, appliedAt: nil, appliedBy: nil,
        patches: patches)
    }
    var patches: [PatchResult] = []
    for recorded in entry.patches {
      var result = PatchResult(
        id: recorded.id, kind: recorded.kind, state: recorded.state, reason: recorded.reason)
      switch recorded.state {
      case .applied:
        result = check(recorded, entry: entry, store: store)
      case .satisfied:
        if let now = planned?.patches.first(where: { $0.id == recorded.id }), now.state != .satisfied {
          result.state = .drifted
          result.reason = "was satisfied by the repository's own settings when applied, but no longer is"
          result.places = now.places
        } else {
          result.places = planned?.patches.first { $0.id == recorded.id }?.places ?? []
        }
      default: break
      }
      patches.append(result)
    }
    let state: PhaseState = patches.contains { $0.state == .drifted } ? .drifted : .applied
    return PhaseStatus(
      phase: phase.number, title: phase.title, state: state, appliedAt: entry.appliedAt,
      appliedBy: entry.toolVersion, patches: patches)
  }

  /// Whether an applied patch's bytes are still in every file it edited.
  private func check(_ recorded: LedgerPatch, entry: LedgerPhase, store: LedgerStore) -> PatchResult {
    var result = PatchResult(id: recorded.id, kind: recorded.kind, state: .applied, reason: recorded.reason)
    for file in entry.files where file.edits.contains(where: { $0.patch == recorded.id }) {
      guard let data = FileManager.default.contents(atPath: repository.url(file.path).path) else {
        result.state = .drifted
        result.places.append(
          PatchPlace(SourceLocation(path: file.path, line: 1, column: 1), "deleted since apply"))
        continue
      }
      let current = [UInt8](data)
      let text = SourceText(path: file.path, bytes: current)
      do {
        let before = try store.snapshot(of: file)
        let (after, hunks) = try HunkLocator.hunks(of: file, before: before)
        let mine = hunks.filter { $0.patch == recorded.id }
        // An unchanged file has every hunk where we put it, even when its text repeats elsewhere.
        let found =
          sha256Hex(current) == file.sha256After
          ? mine.map { Optional($0.inverse.offset) } : HunkLocator.locate(mine, in: current)
        for (hunk, offset) in zip(mine, found) {
          if let offset {
            result.places.append(PatchPlace(text.location(ofByte: offset), "our edit is in place"))
          } else {
            result.state = .drifted
            let lines = String(decoding: hunk.context, as: UTF8.self).split(separator: "\n")
            let line = String(lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "")
            // The line our edit had when applied: the best guess of where to look now.
            result.places.append(
              PatchPlace(
                SourceText(path: file.path, bytes: after).location(ofByte: hunk.inverse.offset),
                "our edit \(line.trimmingCharacters(in: .whitespaces).debugDescription) was changed since apply"
              ))
          }
        }
        if sha256Hex(current) != file.sha256After, result.state == .applied {
          result.notes.append("\(file.path) changed elsewhere since apply; our edits are intact")
        }
      } catch {
        result.state = .drifted
        result.places.append(PatchPlace(SourceLocation(path: file.path, line: 1, column: 1), "\(error)"))
      }
    }
    result.reason = result.state == .drifted ? "changed since apply" : recorded.reason
    return result
  }
}
