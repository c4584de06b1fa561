/// The preflight: will a phase work on this repository? Reads only; never writes.
///
/// Every check reads what discovery found (the CI test steps, the settings modules, the coverage
/// configs) and the files around them, and says what it found with severity, place, the
/// upstream fact behind it and the fix.
public struct Doctor: Sendable {
  /// The repository.
  public var repository: Repository
  /// Discovery overrides from the command line.
  public var options: DiscoveryOptions
  /// The phase whose changes are anticipated (its test flags), if any.
  public var phase: Phase?
  /// Discovery already run on this repository with these options (by the planner), if any.
  public var discovery: (runner: TestRunner, found: Discovery)?

  /// Creates a doctor; `discovery` is reused when it was run for the runner the doctor needs.
  public init(
    repository: Repository, options: DiscoveryOptions = DiscoveryOptions(), phase: Phase? = nil,
    discovery: (runner: TestRunner, found: Discovery)? = nil
  ) {
    self.repository = repository
    self.options = options
    self.phase = phase
    self.discovery = discovery
  }

  /// Every finding, most severe first, then by place.
  ///
  /// - Throws: discovery errors (a malformed workflow, a path outside the repository).
  public func run() throws -> [Finding] {
    let context = try DoctorContext(
      repository: repository, options: options, phase: phase, discovery: discovery)
    var findings: [Finding] = []
    findings += context.djangoVersionFindings()
    findings += context.pythonStartMethodFindings()
    findings += context.tblibFindings()
    findings += context.commandFindings()
    findings += context.keepdbFindings()
    findings += context.testRunnerFindings()
    findings += context.databaseFindings()
    findings += context.parallelSafetyFindings()
    return findings.enumerated().sorted { left, right in
      if left.element.severity != right.element.severity {
        return left.element.severity < right.element.severity
      }
      return left.offset < right.offset
    }.map(\.element)
  }

  /// The exit code of `doctor`: 1 when any finding is an error, else 0.
  public static func exitCode(_ findings: [Finding]) -> Int32 {
    findings.contains { $0.severity == .error } ? 1 : 0
  }
}

/// What every check reads: discovery's results and the files they name, read once.
struct DoctorContext {
  let repository: Repository
  let discovery: Discovery
  /// The test-command spec of the phase, when it has one.
  let spec: TestCommandSpec?
  /// Each settings module the tests load, parsed; nil when it does not parse.
  let settings: [(target: SettingsTarget, module: PythonModule?)]
  /// The Python root of each settings module: the folder its dotted name is relative to.
  let settingsRoots: [String: String]
  /// Each workflow file with a test step, read once: several checks look at its jobs and lines.
  let workflows: [String: SourceText]
  /// The job of each test step, by `WorkflowJob.key(of:)`; nil for a composite action or bad YAML.
  let jobs: [String: WorkflowJob?]

  init(
    repository: Repository, options: DiscoveryOptions, phase: Phase?,
    discovery given: (runner: TestRunner, found: Discovery)? = nil
  ) throws {
    self.repository = repository
    var spec: TestCommandSpec?
    for patch in phase?.patches ?? [] {
      if case .testCommand(let found) = patch.kind { spec = found }
    }
    self.spec = spec
    let runner = spec?.runner ?? .django
    if let given, given.runner == runner {
      discovery = given.found
    } else {
      discovery = try Discovery.run(in: repository, runner: runner, options: options)
    }
    settings = discovery.settingsTargets.map { target in
      (target, (try? repository.read(target.path)).flatMap { try? PythonModule(source: $0) })
    }
    var roots: [String: String] = [:]
    for target in discovery.settingsTargets {
      var parts = target.path.split(separator: "/").map(String.init)
      let depth = target.module.split(separator: ".").count + (target.path.hasSuffix("/__init__.py") ? 1 : 0)
      parts.removeLast(min(depth, parts.count))
      roots[target.path] = parts.joined(separator: "/")
    }
    settingsRoots = roots
    var workflows: [String: SourceText] = [:]
    var jobs: [String: WorkflowJob?] = [:]
    for step in discovery.testSteps where !jobs.keys.contains(WorkflowJob.key(of: step)) {
      if !workflows.keys.contains(step.file), let source = try? repository.read(step.file) {
        workflows[step.file] = source
      }
      jobs[WorkflowJob.key(of: step)] = .some(workflows[step.file].flatMap { Self.job(of: step, in: $0) })
    }
    self.workflows = workflows
    self.jobs = jobs
  }

  /// Whether the phase adds `flag` to the test command (unless it is already there).
  func phaseAdds(_ flag: String) -> Bool {
    spec?.testFlags.contains { $0.rule.add == flag || $0.olderAdd == flag } ?? false
  }

  /// The folders to look for Django apps and tests in.
  var djangoRoots: [String] {
    discovery.djangoRoots.isEmpty ? [""] : discovery.djangoRoots
  }

  /// The first line of a file, for findings about a whole file.
  static func start(of path: String) -> SourceLocation {
    SourceLocation(path: path, line: 1, column: 1)
  }
}
