import ArgumentParser
import OptimizeCore

extension Optimize {
  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rollback",
      abstract: "Undo exactly optimize's edits of a phase, keeping everything written since.",
      discussion: """
        A file unchanged since apply gets its original bytes back. A file changed elsewhere keeps \
        those changes: only our hunks are reversed. If our own hunk was changed, rollback refuses \
        and writes nothing, unless --force, which first saves the current file under \
        .optimize/rescued/.
        """)

    @Option(name: .long, help: "The phase to roll back; defaults to the latest applied.")
    var phase: Int?

    @Flag(name: .long, help: "Show what would be restored, and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Roll back drifted files too, after saving them under .optimize/rescued/.")
    var force = false

    @Option(name: .long, help: "Seconds to wait for another optimize that holds the repository.")
    var lockTimeout: Double = 5

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
      let repo = try repository.repository()
      let store = LedgerStore(repository: repo)
      let journal = Journal(store: store)
      let rollback = OptimizeCore.Rollback(repository: repo)
      // Refusals come before the lock, so that a refused rollback writes no byte.
      var ledger: Ledger?
      var plan: RollbackPlan?
      if dryRun || !journal.isPending {
        ledger = try store.read()
        plan = try rollback.plan(phase: phase, ledger: ledger!)
        if !force, !plan!.drifted.isEmpty {
          describe(plan!)
          throw OptimizeCore.RollbackError.drifted(plan!.drifted)
        }
      }
      if dryRun, let plan {
        describe(plan)
        print("Dry run: nothing written.")
        return
      }
      let lock = try RepositoryLock(store: store, timeout: lockTimeout)
      if let note = lock.tookOver { print(note.prefix(1).uppercased() + note.dropFirst() + ".") }
      if let recovered = try journal.recover() { print(recovered) }
      let current = try store.read()
      // Another run may have written while this one waited for the lock: plan again if so.
      if current != ledger || plan == nil {
        plan = try rollback.plan(phase: phase, ledger: current)
      }
      describe(plan!)
      let rescued = try rollback.perform(plan!, ledger: current, force: force)
      for path in rescued { print("Saved the current file to \(path)") }
      print("Rolled back phase \(plan!.phase).")
      withExtendedLifetime(lock) {}
    }

    private func describe(_ plan: RollbackPlan) {
      for action in plan.actions {
        let what: String
        switch action.kind {
        case .restore: what = "restore the original bytes"
        case .reverseHunks: what = "reverse our edits, keep the changes made since"
        case .delete: what = "delete (optimize created it)"
        case .missing:
          what = force ? "recreate from the snapshot (--force)" : "deleted since apply; left alone"
        case .drifted: what = force ? "our edits changed; save a copy, then restore" : "our edits changed"
        }
        print("  \(action.path): \(what)")
      }
    }
  }
}
