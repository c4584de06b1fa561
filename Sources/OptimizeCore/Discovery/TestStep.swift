/// One place in CI that runs the tests: a `run:` scalar of a workflow step and the test
/// invocation inside it, with everything the other patches need to know about it.
public struct TestStep: Sendable {
  /// The workflow or action file, repository-relative.
  public var file: String
  /// The job id (empty for a composite action).
  public var job: String
  /// The step's `name:`, or its index.
  public var stepName: String
  /// The `run:` value.
  public var scalar: YAMLScalar
  /// The 0-based column of the `run:` key, for turning a one-line value into a block.
  public var keyColumn: Int
  /// The test invocation inside the value.
  public var invocation: TestInvocation
  /// Where the invocation is in the file.
  public var location: SourceLocation
  /// The command's context, handed to the settings and coverage patches.
  public var context: TestContext
  /// Whether a later step of the same job already runs `coverage combine`.
  public var laterStepCombines: Bool
  /// The step's `shell:`, if set.
  public var shell: String?
  /// Set when the scalar cannot be edited in place (an alias), with the reason.
  public var manualReason: String?
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
  /// The environment the command sees from `env:` blocks and shell assignments.
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
