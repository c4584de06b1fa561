/// Follows a workflow command that is not itself a test command to where the tests may really run:
/// a Makefile target, a shell script of the repository, or a place optimize does not edit.
struct IndirectionScanner {
  let repository: Repository
  let runner: TestRunner

  /// What `command` of a step's script reaches; `coverage` is that script's
  /// `coverageCommands()`, and `at` gives the command's place in the workflow (worked out only
  /// for a command that leads somewhere).
  func scan(
    _ command: ShellCommand, coverage: [CoverageCommand], frame: StepFrame, at place: () -> SourceLocation
  ) -> ScanResult {
    guard let launch = command.launch else { return ScanResult() }
    // Most commands lead nowhere (`pip install`, `echo`); the caller's frame (folder, environment,
    // message) is only built for those that may.
    // A local function, not a closure value: nothing is captured (copied) for commands that never
    // call it.
    func makeCaller() -> CallerFrame { caller(of: command, coverage: coverage, frame: frame, at: place()) }
    if launch.python == nil, launch.coverageLauncher.isEmpty, case .executable(let program)? = launch.program
    {
      let name = program.basename
      if name == "make" || name == "gmake", launch.prefix.isEmpty {
        return MakefileScanner(repository: repository, runner: runner).scan(
          arguments: launch.arguments, caller: makeCaller())
      }
      let scripts = ScriptScanner(repository: repository, runner: runner)
      if ["bash", "sh", "dash", "zsh"].contains(name), launch.prefix.isEmpty,
        let index = launch.arguments.firstIndex(where: { !$0.value.hasPrefix("-") })
      {
        let arguments = Array(launch.arguments[(index + 1)...])
        return scripts.scan(launch.arguments[index].value, arguments: arguments, caller: makeCaller())
      }
      if Self.hasSlash(program.value), !program.hasExpansion, launch.prefix.isEmpty {
        return scripts.scan(program.value, arguments: launch.arguments, caller: makeCaller())
      }
    }
    return ScanResult(
      manual: ElsewhereScanner(repository: repository, runner: runner).places(launch, caller: makeCaller))
  }

  /// What `command` hands on to a Makefile, a script or an uneditable place.
  private func caller(
    of command: ShellCommand, coverage: [CoverageCommand], frame: StepFrame, at place: SourceLocation
  ) -> CallerFrame {
    let builder = ContextBuilder(repository: repository)
    var caller = CallerFrame(
      step: frame, directory: builder.folder(frame.directory, after: command.workingDirectory),
      environment: frame.environment.merging(command.environment) { $1 },
      laterCombines: frame.laterStepCombines
        || coverage.contains {
          $0.subcommand == .combine && $0.range.lowerBound >= command.range.upperBound
        },
      via: "\(place.path):\(place.line): \(command.words.map(\.text).joined(separator: " "))", place: place)
    for word in command.assignments {
      if let pair = word.assignment { caller.assignments[pair.name] = pair.value }
    }
    return caller
  }

  /// `value.contains("/")`, by bytes when the value is ASCII.
  static func hasSlash(_ value: String) -> Bool {
    guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return value.contains("/") }
    return value.utf8.contains(UInt8(ascii: "/"))
  }
}

/// What the workflow command that leads into a Makefile or script hands on.
struct CallerFrame: Sendable {
  /// The workflow step.
  var step: StepFrame
  /// The folder the command runs in; nil when unknown.
  var directory: String?
  /// The environment it runs with.
  var environment: [String: String]
  /// Whether a `coverage combine` runs after it.
  var laterCombines: Bool
  /// `file:line: command` of the workflow command, for messages.
  var via: String
  /// Where the command is in the workflow.
  var place: SourceLocation
  /// `NAME=value` written before the command (`TEST_DB=x make test`).
  var assignments: [String: String] = [:]

  /// The test step for `invocation` found in `file` at `place`.
  func step(
    file: String, source: SourceText, place: CommandPlace, invocation: TestInvocation, base: String?,
    environment: [String: String], laterCombines: Bool, repository: Repository,
    expressionValues: [String: [String]] = [:]
  ) -> TestStep {
    var mapped = invocation.range.lowerBound
    if case .lines(_, _, _, let map?) = place { mapped = map.original(mapped) ?? 0 }
    let location = source.location(ofByte: place.start + mapped)
    return TestStep(
      file: file, job: step.job, stepName: step.stepName, place: place, invocation: invocation,
      location: location,
      context: ContextBuilder(repository: repository).context(
        of: invocation, base: base, env: environment, file: file, line: location.line, envFile: step.file),
      laterStepCombines: laterCombines || self.laterCombines, shell: nil, via: via, alias: nil,
      expressionValues: expressionValues)
  }
}
