import ArgumentParser
import Foundation
import OptimizeCore

extension Optimize {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report each phase and patch: applied, satisfied, pending, drifted, skipped or manual.",
      discussion: """
        With --check, the exit code is the verdict: 0 when every applied phase (or the --phase \
        given) is intact, 2 when a phase is pending or partial, 3 when something drifted or a \
        killed run left a journal, 1 on error. Writes nothing.
        """)

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: StatusFormat = .text

    @Flag(name: .long, help: "Exit 0 intact, 2 pending or partial, 3 drifted, 1 error.")
    var check = false

    @Option(name: .long, help: "Only this phase; with --check, require it applied.")
    var phase: Int?

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func run() throws {
      let repo = try repository.repository()
      var phases = try repository.loader().phases()
      if let phase { phases = phases.filter { $0.number == phase } }
      if let phase, phases.isEmpty { _ = try repository.loader().phase(phase) }
      let report = StatusChecker(repository: repo, options: targets.discovery).report(phases: phases)
      switch format {
      case .text: print(StatusRenderer.text(report, color: wantsColor), terminator: "")
      case .markdown: print(StatusRenderer.markdown(report), terminator: "")
      case .json: print(try StatusRenderer.json(report), terminator: "")
      }
      if check {
        let code = report.checkExitCode(phase: phase)
        if code != 0 { throw ExitCode(code) }
      } else if report.ledgerError != nil {
        throw ExitCode.failure
      }
    }
  }
}

enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}
