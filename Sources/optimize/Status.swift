import ArgumentParser
import Foundation
import OptimizeCore

extension Optimize {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Report each phase and patch: applied, satisfied, pending, drifted, skipped or manual.",
      discussion: """
        With --check, the exit code is the verdict: 0 when every applied phase (or the --phase \
        given) is intact, 2 when a phase is pending or partial, 3 when something drifted or a \
        killed run left a journal, 1 on error. In GitHub Actions (GITHUB_ACTIONS=true), --check \
        also prints ::error annotations for drifted patches and ::warning ones for manual patches, \
        and appends the Markdown report to $GITHUB_STEP_SUMMARY. Text is coloured on a terminal, \
        plain when NO_COLOR is set; CLICOLOR_FORCE=1 forces colour. Writes nothing in the repository.
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
        let environment = ProcessInfo.processInfo.environment
        if environment["GITHUB_ACTIONS"] == "true" {
          print(StatusRenderer.githubAnnotations(report, required: phase), terminator: "")
          if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try appendStepSummary(StatusRenderer.markdown(report), to: summary)
          }
        }
        let code = report.checkExitCode(phase: phase)
        if code != 0 { throw ExitCode(code) }
      } else if report.ledgerError != nil {
        throw ExitCode.failure
      }
    }
  }
}

/// Appends to the GitHub Actions job summary file.
func appendStepSummary(_ markdown: String, to path: String) throws {
  guard let handle = FileHandle(forWritingAtPath: path) ?? createFile(path) else {
    throw OutputError(path: path, reason: "cannot open $GITHUB_STEP_SUMMARY for appending")
  }
  defer { try? handle.close() }
  try handle.seekToEnd()
  try handle.write(contentsOf: Data(markdown.utf8))
}

private func createFile(_ path: String) -> FileHandle? {
  _ = FileManager.default.createFile(atPath: path, contents: nil)
  return FileHandle(forWritingAtPath: path)
}

enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}
