import ArgumentParser
import OptimizeCore

extension Optimize {
  struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Show the exact diff a phase would make, and a line per patch. Writes nothing.")

    @Option(name: .long, help: "The phase to plan.")
    var phase: Int

    @Option(
      name: .long, help: "Output format: text (diff and patch lines) or markdown (for a PR description).")
    var format: PlanFormat = .text

    @Option(name: .long, help: "A patch id not to apply (repeatable).")
    var skip: [String] = []

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func run() throws {
      let repo = try repository.repository()
      let phase = try repository.loader().phase(self.phase)
      let planner = Planner(repository: repo, phase: phase, options: targets.discovery, skip: Set(skip))
      let plan = try planner.plan()
      // python3's second opinion costs a process start; apply asks it before writing.
      var verifier = Verifier(planner: planner)
      verifier.asksPython = false
      try verifier.verify(plan)
      switch format {
      case .markdown:
        print(PlanReport.markdown(plan), terminator: "")
      case .text:
        print(PlanReport.diff(plan), terminator: "")
        print(PlanReport.patches(plan), terminator: "")
        if plan.isEmpty { print("Nothing to change.") }
      }
      if Journal(store: LedgerStore(repository: repo)).isPending {
        printError("warning: a killed run left .optimize/journal; run `optimize recover`")
      }
    }
  }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
  case text, markdown
}
