/// One simple command of a script: its words, where it is, and what surrounds it.
public struct ShellCommand: Sendable, Equatable {
  /// Leading `NAME=value` words, which set the command's environment.
  public var assignments: [ShellWord]
  /// The command name and its arguments, without assignments and redirections.
  public var words: [ShellWord]
  /// Redirections as written, such as `> log` or `2>&1`, each with its target word when it has one.
  public var redirections: [ShellRedirection]
  /// The bytes of the whole command, assignments and redirections included.
  public var range: Range<Int>
  /// The 0-based line where the command starts.
  public var line: Int
  /// The offset just before the line break that ends the command's logical line: after
  /// continuations, the rest of the line (`| tee log`, `&& echo ok`, a comment) and any heredoc body.
  public var logicalLineEnd: Int
  /// The operator right after the command.
  public var separator: CommandSeparator
  /// The operator right before the command (`.newline` at the start of the script).
  public var precedingSeparator: CommandSeparator
  /// The folder the command runs in, from earlier `cd`s.
  public var workingDirectory: WorkingDirectory
  /// Variables exported earlier in the script, overridden by this command's assignments.
  public var environment: [String: String]
  /// How many `( … )` subshells enclose the command.
  public var subshellDepth: Int
  /// The program the words launch, decoded once when the script is parsed: finding test commands,
  /// coverage commands and where other commands lead each ask for it.
  var launch: ProgramLaunch?
}

/// A redirection such as `> log`, `2>&1` or `<<EOF`.
public struct ShellRedirection: Sendable, Equatable {
  /// The operator as written, file descriptor included (`2>&`, `>>`, `<<-`).
  public var op: String
  /// The word after the operator.
  public var target: ShellWord?
  /// The bytes of the operator and its target.
  public var range: Range<Int>
}
