/// Why `optimize verify` could not measure anything: exit 1, with what to do next.
public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No CI step runs the tests and no `--command` was given.
  case noTestCommand
  /// The command cannot be run locally as written.
  case unrunnableCommand(String, reason: String)
  /// A program could not be started.
  case cannotStart(String, String)
  /// The interpreter does not import Django.
  case interpreter(String, output: String)
  /// Phase 1 cannot be planned in full here: these patches need a person.
  case manualPatches([String])
  /// `--phase` names a phase verify does not measure.
  case unsupportedPhase(Int)

  public var description: String {
    switch self {
    case .noTestCommand:
      return "expected a CI step that runs `manage.py test`, found none; pass the command with --command"
    case .unrunnableCommand(let command, let reason):
      return "\(command): expected a command verify can run locally, found \(reason); pass one with --command"
    case .cannotStart(let command, let reason):
      return "\(command): expected a program that starts, found \(reason); check --python and PATH"
    case .interpreter(let python, let output):
      return "\(python): expected an interpreter that imports Django, found:\n\(output)\n"
        + "pass the project's virtualenv interpreter with --python"
    case .manualPatches(let places):
      return "expected every Phase 1 patch to be applicable, found some that need a person:\n"
        + places.map { "  \($0)" }.joined(separator: "\n")
        + "\napply them by hand (or run `optimize apply --phase 1 --skip ID`), then run verify again"
    case .unsupportedPhase(let phase):
      return "--phase \(phase): expected 1, found \(phase); verify measures Phase 1 only"
    }
  }
}
