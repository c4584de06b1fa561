/// One simple command of a script: its words, where it is, and what surrounds it.
public struct ShellCommand: Sendable, Equatable {
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
  /// How many `( … )` subshells enclose the command.
  public var subshellDepth: Int
  // Words, environment and launch hold a dozen arrays and strings; kept in one shared, immutable
  // box so copying a command (every scan of a script does, many times) retains one reference.
  private let parts: Parts

  /// Leading `NAME=value` words, which set the command's environment.
  public var assignments: [ShellWord] { parts.assignments }
  /// The command name and its arguments, without assignments and redirections.
  public var words: [ShellWord] { parts.words }
  /// Redirections as written, such as `> log` or `2>&1`, each with its target word when it has one.
  public var redirections: [ShellRedirection] { parts.redirections }
  /// The folder the command runs in, from earlier `cd`s.
  public var workingDirectory: WorkingDirectory { parts.workingDirectory }
  /// Variables exported earlier in the script, overridden by this command's assignments.
  public var environment: [String: String] { parts.environment }
  /// The program the words launch, decoded once when the script is parsed: finding test commands,
  /// coverage commands and where other commands lead each ask for it.
  var launch: ProgramLaunch? { parts.launch }

  /// Whether `test` holds for the command's launch, which it reads in place, not copied out (most
  /// commands are asked, and most answer no).
  func launches(where test: (ProgramLaunch?) -> Bool) -> Bool { test(parts.launch) }

  init(
    assignments: [ShellWord], words: [ShellWord], redirections: [ShellRedirection], range: Range<Int>,
    line: Int, logicalLineEnd: Int, separator: CommandSeparator, precedingSeparator: CommandSeparator,
    workingDirectory: WorkingDirectory, environment: [String: String], subshellDepth: Int,
    launch: ProgramLaunch?
  ) {
    self.range = range
    self.line = line
    self.logicalLineEnd = logicalLineEnd
    self.separator = separator
    self.precedingSeparator = precedingSeparator
    self.subshellDepth = subshellDepth
    parts = Parts(
      assignments: assignments, words: words, redirections: redirections,
      workingDirectory: workingDirectory, environment: environment, launch: launch)
  }

  /// The refcounted fields of a command, never changed after the command is built.
  private final class Parts: Sendable, Equatable {
    let assignments: [ShellWord]
    let words: [ShellWord]
    let redirections: [ShellRedirection]
    let workingDirectory: WorkingDirectory
    let environment: [String: String]
    let launch: ProgramLaunch?

    init(
      assignments: [ShellWord], words: [ShellWord], redirections: [ShellRedirection],
      workingDirectory: WorkingDirectory, environment: [String: String], launch: ProgramLaunch?
    ) {
      self.assignments = assignments
      self.words = words
      self.redirections = redirections
      self.workingDirectory = workingDirectory
      self.environment = environment
      self.launch = launch
    }

    static func == (lhs: Parts, rhs: Parts) -> Bool {
      lhs === rhs
        || (lhs.assignments == rhs.assignments && lhs.words == rhs.words
          && lhs.redirections == rhs.redirections
          && lhs.workingDirectory == rhs.workingDirectory && lhs.environment == rhs.environment
          && lhs.launch == rhs.launch)
    }
  }
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
