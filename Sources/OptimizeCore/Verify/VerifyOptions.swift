/// What the user asked `optimize verify` for.
public struct VerifyOptions: Sendable {
  /// The phase to measure (only 1 today).
  public var phase: Int
  /// Runs per mode.
  public var runs: Int
  /// The interpreter to run the tests with; nil for the CI command's own (`python`, else `python3`).
  public var python: String?
  /// A test command to run instead of the CI step's.
  public var command: String?
  /// Test labels appended to the command.
  public var labels: [String]
  /// Seconds before one run is stopped.
  public var timeout: Double
  /// The least time saved on the median, in percent, for the speed-up criterion.
  public var targetPercent: Double
  /// The caller's environment: the base of every run's, and the source of unset secrets.
  public var environment: [String: String]
  /// `--env NAME=VALUE`: values that win over the workflow's.
  public var overrides: [String: String]
  /// Discovery overrides.
  public var discovery: DiscoveryOptions

  /// Creates options with the documented defaults.
  public init(
    phase: Int = 1, runs: Int = 3, python: String? = nil, command: String? = nil, labels: [String] = [],
    timeout: Double = 1800, targetPercent: Double = 50, environment: [String: String] = [:],
    overrides: [String: String] = [:], discovery: DiscoveryOptions = DiscoveryOptions()
  ) {
    self.phase = phase
    self.runs = runs
    self.python = python
    self.command = command
    self.labels = labels
    self.timeout = timeout
    self.targetPercent = targetPercent
    self.environment = environment
    self.overrides = overrides
    self.discovery = discovery
  }
}

/// Where each environment variable of the runs came from.
public struct EnvironmentSources: Sendable, Equatable, Codable {
  /// Set from the workflow's `env:` (names only: values may be private).
  public var fromWorkflow: [String] = []
  /// `${{ … }}` values (secrets and other expressions) that the caller's environment supplied.
  public var suppliedByCaller: [String] = []
  /// `${{ … }}` values nobody supplied: left unset, never invented.
  public var unset: [String] = []
  /// Set with `--env`.
  public var overridden: [String] = []

  /// Creates empty sources.
  public init() {}
}

/// One mode's exact command and files, ready to run.
public struct SuiteCommand: Sendable, Equatable, Codable {
  /// The argument vector; the first is the interpreter.
  public var arguments: [String]
  /// Whether it runs under `coverage run`.
  public var usesCoverage: Bool

  /// The command as one shell-quoted line.
  public var display: String { arguments.map(Self.quoted).joined(separator: " ") }

  static func quoted(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
