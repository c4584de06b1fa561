/// A coverage.py subcommand.
public enum CoverageSubcommand: String, Sendable, Equatable, Codable {
  case run, combine, report, xml, html, json, lcov, erase, annotate, debug

  /// Whether the subcommand reads the collected data to produce a report.
  public var isReport: Bool {
    [.report, .xml, .html, .json, .lcov, .annotate].contains(self)
  }
}

/// A `coverage SUBCOMMAND` or `python -m coverage SUBCOMMAND` command in a script.
public struct CoverageCommand: Sendable, Equatable {
  /// The subcommand.
  public var subcommand: CoverageSubcommand
  /// The whole simple command.
  public var range: Range<Int>
  /// The 0-based line where it starts.
  public var line: Int
  /// The operator before the command.
  public var precedingSeparator: CommandSeparator
  /// The wrapper words before coverage (`["uv", "run"]`).
  public var prefix: [String]
  /// The words after the subcommand.
  public var options: [ShellWord]
}

extension ShellScript {
  /// Every coverage.py command in the script, in order, `coverage run` included.
  public func coverageCommands() -> [CoverageCommand] {
    commands.compactMap { command in
      guard command.launches(where: { $0?.coverageSubcommand != nil }), let launch = command.launch,
        let word = launch.coverageSubcommand,
        let subcommand = CoverageSubcommand(rawValue: word.value)
      else { return nil }
      return CoverageCommand(
        subcommand: subcommand, range: command.range, line: command.line,
        precedingSeparator: command.precedingSeparator, prefix: launch.prefix.map(\.value),
        options: launch.coverageOptions)
    }
  }
}
