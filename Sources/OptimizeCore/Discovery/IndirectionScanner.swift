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
    // Most commands lead nowhere (`pip install`, `echo`): they are told apart from the launch alone,
    // before anything else is built; the caller's frame (folder, environment, message) only for
    // those that may.
    guard command.launches(where: Self.mayLead), let launch = command.launch else { return ScanResult() }
    // A local function, not a closure value: nothing is captured (copied) for commands that never
    // call it.
    func makeCaller() -> CallerFrame { caller(of: command, coverage: coverage, frame: frame, at: place()) }
    if launch.python == nil, launch.coverageLauncher.isEmpty, case .executable(let program)? = launch.program
    {
      let name = program.basename
      if name == "make" || name == "gmake", launch.prefix.isEmpty {
        return MakefileScanner(repository: repository, runner: runner).scan(
          arguments: Array(launch.arguments), caller: makeCaller())
      }
      let scripts = ScriptScanner(repository: repository, runner: runner)
      if Self.isShell(name), launch.prefix.isEmpty,
        let index = launch.arguments.firstIndex(where: { !$0.value.hasPrefix("-") })
      {
        let arguments = Array(launch.arguments[(index + 1)...])
        return scripts.scan(launch.arguments[index].value, arguments: arguments, caller: makeCaller())
      }
      if Self.hasSlash(program.value), !program.hasExpansion, launch.prefix.isEmpty {
        return scripts.scan(program.value, arguments: Array(launch.arguments), caller: makeCaller())
      }
    }
    return ScanResult(
      manual: ElsewhereScanner(repository: repository, runner: runner).places(launch, caller: makeCaller))
  }

  /// Whether `scan` may find anything for `launch`: a conservative test of the conditions that
  /// `scan` and `ElsewhereScanner.places` check first, read from the program's bytes.
  static func mayLead(_ launch: ProgramLaunch?) -> Bool {
    // Optional chaining reads the fields in place; binding the launch would copy all of it.
    guard launch?.python == nil, launch?.coverageLauncher.isEmpty == true, let program = launch?.program
    else { return false }
    if launch?.prefix.isEmpty == false || launch?.arguments.first?.value == "test" { return true }
    let named: Bool? = program.word.value.utf8.withContiguousStorageIfAvailable { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return true }
      let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
      if slash != nil, case .executable = program { return true }
      let name = bytes[((slash ?? -1) + 1)...]
      guard name.count <= 8 else { return false }
      return leadingNames.contains(name.reversed().reduce(0) { $0 << 8 | UInt64($1) })
    }
    return named ?? true
  }

  /// The names of the programs `scan` and `ElsewhereScanner.places` follow whatever their arguments,
  /// each packed into an integer (first byte lowest) so a name is compared once, not byte by byte.
  private static let leadingNames: [UInt64] = [
    "make", "gmake", "bash", "sh", "dash", "zsh", "npm", "yarn", "pnpm", "gulp", "task", "tox", "nox",
  ].map { $0.utf8.reversed().reduce(0) { $0 << 8 | UInt64($1) } }

  private static func isShell(_ name: String) -> Bool {
    switch name {
    case "bash", "sh", "dash", "zsh": return true
    default: return false
    }
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
