import ArgumentParser
import OptimizeCore

extension Optimize {
  struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "doctor",
      abstract: "Check whether a phase will work on this repository. Writes nothing.",
      discussion: """
        Each finding has a severity (error, warning, risk, info), file:line, why it matters with the \
        upstream fact, and the fix. Checks: the Django version, Python 3.14 with Django before 6.0, \
        tblib, --keepdb and migrations, --failfast without coverage's sigterm, `| tee` without \
        `shell: bash`, coverage --concurrency on the command line, a custom TEST_RUNNER, tests likely \
        unsafe in parallel, SQLite and PostgreSQL max_connections. Exit codes: 0 when no finding is \
        an error, 1 otherwise (or when the repository cannot be read), 64 bad usage.
        """)

    @Option(name: .long, help: "The phase whose changes to check for.")
    var phase: Int = 1

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: StatusFormat = .text

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var targets: TargetOptions

    func run() throws {
      let repo = try repository.repository()
      let phase = try repository.loader().phase(self.phase)
      let findings = try Doctor(repository: repo, options: targets.discovery, phase: phase).run()
      switch format {
      case .text: print(DoctorReport.text(findings, color: wantsColor), terminator: "")
      case .markdown: print(DoctorReport.markdown(findings), terminator: "")
      case .json: print(try DoctorReport.json(findings), terminator: "")
      }
      let code = OptimizeCore.Doctor.exitCode(findings)
      if code != 0 { throw ExitCode(code) }
    }
  }
}
