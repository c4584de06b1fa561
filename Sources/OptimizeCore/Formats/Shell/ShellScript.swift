/// A shell script split into simple commands, with each command's place, folder and environment.
///
/// The text is a decoded GitHub Actions `run:` value, a Makefile recipe or a script file. All offsets
/// are UTF-8 byte offsets into `text`.
public struct ShellScript: Sendable, Equatable {
  /// The script as given.
  public let text: String
  /// Every simple command, in order, including those inside `if`, loops, `{ }` and `( )`.
  public let commands: [ShellCommand]
  /// Byte offset of the first byte of each line.
  let lineStarts: [Int]

  /// Splits `text` into commands.
  ///
  /// - Throws: `ShellError` for an unterminated quote, `$(`, `${`, `${{` or backtick.
  public static func parse(_ text: String) throws -> ShellScript {
    let bytes = Array(text.utf8)
    var lineStarts = [0]
    for index in bytes.indices where bytes[index] == .newline { lineStarts.append(index + 1) }
    let textEnd = bytes.last == .carriageReturn ? bytes.count - 1 : bytes.count
    let commands = try ShellLexer.commands(of: bytes, lineStarts: lineStarts, textEnd: textEnd)
    return ShellScript(text: text, commands: commands, lineStarts: lineStarts)
  }

  /// Whether the launch of a simple command of `text` passes `test`, the commands read as `parse`
  /// reads them but none kept: asking this first is cheaper than parsing a script whose
  /// commands are then all passed over.
  ///
  /// - Throws: `ShellError`, as `parse` does, for a construct before the first such command.
  static func anyCommand(in text: String, launches test: @escaping (ProgramLaunch?) -> Bool) throws -> Bool {
    try ShellLexer.anyCommand(of: Array(text.utf8), launches: test)
  }

  /// Checks that `text` lexes: quotes, substitutions and expressions are all closed.
  ///
  /// - Throws: `ShellError` at the first unterminated construct.
  public static func validate(_ text: String) throws {
    _ = try ShellLexer.tokens(of: text)
  }

  /// The spaces and tabs that start the 0-based `line`.
  public func indentation(ofLine line: Int) -> String {
    let bytes = text.utf8.dropFirst(lineStarts[line])
    return String(decoding: bytes.prefix { $0 == .space || $0 == .tab }, as: UTF8.self)
  }

  /// Whether a `)` closing a subshell lies between two offsets, so a line added after it leaves the
  /// subshell's folder.
  func closesSubshell(between start: Int, and end: Int) -> Bool {
    guard let tokens = try? ShellLexer.tokens(of: text) else { return true }
    return tokens.contains { token in
      guard case .separator(.closeParenthesis, let range) = token else { return false }
      return range.lowerBound >= start && range.lowerBound < end
    }
  }

  /// The simple command that follows `command` in a pipeline, if its output is piped.
  func pipeTarget(of command: ShellCommand) -> ShellCommand? {
    guard command.separator.isPipe, let index = commands.firstIndex(of: command),
      index + 1 < commands.count
    else { return nil }
    return commands[index + 1]
  }
}
