import ArgumentParser
import Foundation
import OptimizeCore

extension Optimize {
  struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract:
        "Show the exact diff a phase would make, and a line per patch. Writes nothing in the repository.",
      discussion: """
        The preflight findings of `optimize doctor` follow the patches. With -o plan.json, the plan \
        is also written to that file: each file's SHA-256 before and after, the edits, the tool \
        version and the phase file's digest. `optimize apply --plan plan.json` applies exactly that.
        """)

    @Option(name: .long, help: "The phase to plan.")
    var phase: Int

    @Option(
      name: .long, help: "Output format: text (diff and patch lines) or markdown (for a PR description).")
    var format: PlanFormat = .text

    @Option(name: .long, help: "A patch id not to apply (repeatable).")
    var skip: [String] = []

    @Option(
      name: [.customShort("o"), .long],
      help: ArgumentHelp(
        "Also write the plan as JSON to this file, for `apply --plan`.", valueName: "plan.json"))
    var output: String?

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func run() throws {
      let repo = try repository.repository()
      let phase = try repository.loader().phase(self.phase)
      let planner = Planner(repository: repo, phase: phase, options: targets.discovery, skip: Set(skip))
      let discovered = try planner.discover()
      // The doctor's checks read only what discovery found: they run on another core while the
      // patches are planned and verified.
      let options = targets.discovery
      let doctor = Background {
        (try? Doctor(repository: repo, options: options, phase: phase, discovery: discovered).run()) ?? []
      }
      defer { _ = doctor.result() }
      let plan = try planner.plan(discovered: discovered)
      try Verifier(planner: planner, external: false).verify(plan)
      let findings = doctor.result()
      ParseCaches.release()
      switch format {
      case .markdown:
        print(PlanReport.markdown(plan, findings: findings), terminator: "")
      case .text:
        print(PlanReport.diff(plan), terminator: "")
        print(PlanReport.patches(plan), terminator: "")
        if plan.isEmpty { print("Nothing to change.") }
        print(PlanReport.findings(findings), terminator: "")
      }
      if let output {
        let reviewed = ReviewedPlan(
          plan: plan, skip: Set(skip), options: targets.discovery, findings: findings)
        let url = URL(fileURLWithPath: output)
        do {
          try Data(try reviewed.encoded()).write(to: url, options: .atomic)
        } catch {
          throw OutputError(path: output, reason: error.localizedDescription)
        }
        printError("Wrote the plan to \(output); apply exactly it with `optimize apply --plan \(output)`.")
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

/// Reads `plan.json` for `apply --plan`.
func readReviewedPlan(_ path: String) throws -> ReviewedPlan {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw ReviewedPlanError.unreadable(path: path)
  }
  return try ReviewedPlan.decode([UInt8](data), path: path)
}

/// `apply` takes either `--phase N` or `--plan plan.json`, and a plan brings its own skips and targets.
func validateReviewedPlan(phase: Int?, plan: String?, skip: [String], targets: TargetOptions) throws {
  if (phase == nil) == (plan == nil) { throw ValidationError("Give either --phase N or --plan plan.json.") }
  let overrides = targets.settingsFile != nil || targets.coverageConfig != nil || !targets.workflow.isEmpty
  if plan != nil, !skip.isEmpty || overrides {
    throw ValidationError(
      "--plan applies the plan's own skips and targets; drop --skip and the target flags.")
  }
}

/// A file outside the repository that optimize was asked to write and could not.
struct OutputError: Error, CustomStringConvertible {
  var path: String
  var reason: String

  var description: String {
    "\(path): expected a file optimize can write, found that writing failed (\(reason)); check the folder exists "
      + "and is writable. Nothing was written in the repository"
  }
}
