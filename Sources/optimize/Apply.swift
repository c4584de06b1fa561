import ArgumentParser
import OptimizeCore

extension Optimize {
  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "apply",
      abstract: "Apply every patch of a phase, or none: verified, byte-exact, recorded in .optimize/.")

    @Option(name: .long, help: "The phase to apply.")
    var phase: Int?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Apply exactly this reviewed plan from `plan -o`; refused if stale.", valueName: "plan.json"))
    var plan: String?

    @Flag(name: .long, help: "Plan and verify, print the diff, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "A patch id to leave out; the ledger records the skip (repeatable).")
    var skip: [String] = []

    @Option(name: .long, help: "Seconds to wait for another optimize that holds the repository.")
    var lockTimeout: Double = 5

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func validate() throws {
      try validateReviewedPlan(phase: phase, plan: plan, skip: skip, targets: targets)
    }

    func run() throws {
      let repo = try repository.repository()
      let reviewed = try plan.map(readReviewedPlan)
      let phase = try repository.loader().phase(reviewed?.phase ?? self.phase!)
      let planner =
        reviewed.map { Planner(repository: repo, phase: phase, reviewed: $0) }
        ?? Planner(repository: repo, phase: phase, options: targets.discovery, skip: Set(skip))
      let outcome =
        try reviewed.map {
          try Applier(planner: planner).apply(
            reviewed: $0, path: plan!, dryRun: dryRun, lockTimeout: lockTimeout)
        } ?? Applier(planner: planner).apply(dryRun: dryRun, lockTimeout: lockTimeout)
      if let note = outcome.tookOverLock { print(note.prefix(1).uppercased() + note.dropFirst() + ".") }
      if let recovered = outcome.recovered { print(recovered) }
      if outcome.alreadyApplied {
        print("Phase \(phase.number) is already applied; nothing written. Run `optimize status` to check it.")
        return
      }
      print(PlanReport.diff(outcome.plan), terminator: "")
      print(PlanReport.patches(outcome.plan), terminator: "")
      if dryRun {
        print("Dry run: verified, nothing written.")
        return
      }
      let files = outcome.plan.files.map(\.path)
      if files.isEmpty {
        print("Every patch was already satisfied; recorded phase \(phase.number) in .optimize/state.json.")
      } else {
        print("Applied phase \(phase.number) to \(files.count) file(s), verified.")
      }
      print("Commit: git add \((files + [".optimize"]).joined(separator: " "))")
      print("Undo:   optimize rollback --phase \(phase.number)")
    }
  }
}
