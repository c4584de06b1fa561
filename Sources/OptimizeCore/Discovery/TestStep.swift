/// One place in CI that runs the tests: the shell text that holds a test invocation (a workflow
/// `run:` value, a Makefile recipe line or a script), with everything the other patches need.
public struct TestStep: Sendable {
  /// The file that holds the command, repository-relative (workflow, action, Makefile, script).
  public var file: String
  /// The job id (empty for a composite action).
  public var job: String
  /// The step's `name:`, or its index.
  public var stepName: String
  /// Where the shell text lives in `file`.
  public var place: CommandPlace
  /// The test invocation inside the shell text.
  public var invocation: TestInvocation
  /// Where the invocation is in the file.
  public var location: SourceLocation
  /// The command's context, handed to the settings and coverage patches.
  public var context: TestContext
  /// Whether a `coverage combine` already runs after this command outside its own shell text: a
  /// later step of the job, a later recipe line, or later in the step that ran `make` or the script.
  public var laterStepCombines: Bool
  /// The step's `shell:`, if set.
  public var shell: String?
  /// The workflow step that reaches a command in a Makefile or script (`ci.yml:12: make test`).
  public var via: String?
  /// Set when the `run:` value is an alias (`*name`): where the alias is.
  public var alias: SourceLocation?
  /// Values a `${{ matrix.NAME }}` expression can take in this step's job, by expression text.
  public var expressionValues: [String: [String]]
}

/// A test command found where optimize does not edit: an npm script, a taskipy task, tox, a console
/// entry point, a container's entrypoint.
public struct UneditableTest: Sendable, Equatable {
  /// Where the command is (or, when it cannot be found, the workflow command that reaches it).
  public var location: SourceLocation
  /// What is there and why it is not edited.
  public var reason: String
  /// The shell text that runs the tests there, when known, so the plan can show its new text.
  public var command: String?
}

/// The shell text that holds a test command, and how an edit of it is written to its file.
public enum CommandPlace: Sendable, Equatable {
  /// A workflow or action `run:` scalar; `keyColumn` is the column of the `run:` key, for turning a
  /// one-line value into a block.
  case yaml(scalar: YAMLScalar, keyColumn: Int)
  /// Shell lines of a Makefile recipe or a script, copied verbatim from the file: the script's
  /// offset 0 is the file's byte `start`. `map` is set when Make variables were expanded.
  case lines(start: Int, text: String, kind: ShellFileKind, map: OffsetMap?)

  /// The byte offset in the file where the shell text starts: a key for grouping steps.
  public var start: Int {
    switch self {
    case .yaml(let scalar, _): return scalar.start
    case .lines(let start, _, _, _): return start
    }
  }

  /// The shell text as the shell sees it (Make variables expanded).
  public var script: String {
    switch self {
    case .yaml(let scalar, _): return scalar.value
    case .lines(_, let text, _, let map): return map?.expanded ?? text
    }
  }
}

/// The kind of file whose lines are shell.
public enum ShellFileKind: String, Sendable, Equatable, Codable {
  /// A Makefile: each recipe line, with its `\` continuations, runs in its own shell.
  case makefile
  /// A shell script file: one shell.
  case script
}

/// What a test command runs in: the one API through which discovery of the CI command informs
/// the settings and coverage patches.
public struct TestContext: Sendable, Equatable {
  /// The repository-relative folder the command runs in, or nil when it cannot be known.
  public var workingDirectory: String?
  /// The folder Python puts first on `sys.path` (the folder of `manage.py`).
  public var pythonRoot: String?
  /// The settings module, with where it was chosen (e.g. `--settings on file:line`).
  public var settingsModule: (module: String, source: String)?
  /// `--rcfile` or `COVERAGE_RCFILE`, relative to the working folder.
  public var rcfile: (path: String, source: String)?
  /// The environment the command sees from `env:` blocks, `VAR=x make`, Make and shell assignments.
  public var environment: [String: String]
  /// Whether the tests run under `coverage run`.
  public var runsCoverage: Bool

  public static func == (lhs: TestContext, rhs: TestContext) -> Bool {
    lhs.workingDirectory == rhs.workingDirectory && lhs.pythonRoot == rhs.pythonRoot
      && lhs.settingsModule?.module == rhs.settingsModule?.module
      && lhs.rcfile?.path == rhs.rcfile?.path && lhs.environment == rhs.environment
      && lhs.runsCoverage == rhs.runsCoverage
  }
}
