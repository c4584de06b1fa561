/// The program a project runs its tests with. Each case knows how to recognise its own command.
///
/// Add `pytest` here (program `pytest`/`-m pytest`, flags `-n auto`, `--reuse-db`): nothing else in
/// `Formats/Shell` looks at `manage.py`.
public enum TestRunner: String, Sendable, Codable, CaseIterable {
  /// Django's `manage.py test`.
  case django

  /// The runner's options whose value is the next word (`--settings X`): that word is a value,
  /// never a flag, even when it is expanded at run time.
  var optionsTakingValues: Set<String> {
    switch self {
    case .django:
      return [
        "--settings", "--testrunner", "-v", "--verbosity", "--tag", "--exclude-tag", "-k", "-p",
        "--pattern", "-t", "--top-level-directory", "--pythonpath", "--durations",
      ]
    }
  }

  /// The runner's options whose value is optional (`--parallel [N]`): written bare, they take
  /// the next word as their value unless it starts with `-`.
  var optionsWithOptionalValue: Set<String> {
    switch self {
    case .django: return ["--parallel"]
    }
  }

  /// The command as people say it, for messages (`manage.py test`).
  public var commandName: String {
    switch self {
    case .django: return "manage.py test"
    }
  }

  /// What a runner recognised in a launched program.
  struct Match: Sendable, Equatable {
    /// The entry point as written (`./manage.py`), nil when it is a module (`-m manage`).
    var entryPoint: String?
    /// The word after which test flags go (`test` for Django).
    var commandWord: ShellWord
    /// The words after `commandWord`.
    var arguments: [ShellWord]
    /// The settings module the command names, if any.
    var settings: String?
  }

  /// Recognises this runner's test command in a decoded launch.
  func match(_ launch: ProgramLaunch) -> Match? {
    switch self {
    case .django: return Self.matchDjango(launch)
    }
  }

  /// A cheap necessary condition of `match`, read in place: most commands fail it.
  func mayMatch(_ launch: ProgramLaunch?) -> Bool {
    switch self {
    case .django: return launch?.arguments.first?.value == "test"
    }
  }

  private static func matchDjango(_ launch: ProgramLaunch) -> Match? {
    guard let program = launch.program else { return nil }
    let entryPoint: String?
    switch program {
    case .script(let word), .executable(let word):
      guard word.basename == "manage.py" else { return nil }
      entryPoint = word.value
    case .module(let word):
      guard word.value == "manage" else { return nil }
      entryPoint = nil
    }
    guard let subcommand = launch.arguments.first, subcommand.value == "test" else { return nil }
    let arguments = Array(launch.arguments.dropFirst())
    return Match(
      entryPoint: entryPoint, commandWord: subcommand, arguments: arguments,
      settings: optionValue("--settings", in: arguments))
  }

  /// The value of `--name=value` or `--name value` among `arguments`.
  static func optionValue(_ name: String, in arguments: [ShellWord]) -> String? {
    for (index, word) in arguments.enumerated() {
      if word.value.hasPrefix(name + "=") { return String(word.value.dropFirst(name.count + 1)) }
      if word.value == name, index + 1 < arguments.count { return arguments[index + 1].value }
    }
    return nil
  }
}
