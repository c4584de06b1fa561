/// Groups tokens into simple commands, skipping reserved words, and tracks `cd` and `export`.
struct CommandBuilder {
  private enum FrameKind { case subshell, group, conditional, caseBlock }
  private struct Frame {
    var kind: FrameKind
    var directory: WorkingDirectory
    var exports: [String: String]
  }
  private enum Skip { case none, forHeader, caseHeader, casePattern }

  private let lineStarts: [Int]
  private let textEnd: Int
  /// When set, commands are not kept: each one's launch is only tested with it (`ShellScript.anyCommand`).
  private let probe: ((ProgramLaunch?) -> Bool)?
  /// Whether a command's launch passed `probe`.
  private(set) var probed = false
  private(set) var commands: [ShellCommand] = []
  /// The first command whose logical line has not ended yet.
  private var openLine = 0
  private var assignments: [ShellWord] = []
  private var words: [ShellWord] = []
  private var redirections: [ShellRedirection] = []
  private var range: Range<Int>?
  private var pendingRedirection: (op: String, range: Range<Int>)?
  private var preceding = CommandSeparator.newline
  private var directory = WorkingDirectory.unchanged
  private var exports: [String: String] = [:]
  private var frames: [Frame] = []
  private var skip = Skip.none

  /// Creates a builder for a script with these line starts whose text ends (before a last `\r`)
  /// at `textEnd`.
  init(lineStarts: [Int], textEnd: Int) {
    self.lineStarts = lineStarts
    self.textEnd = textEnd
    probe = nil
    // Most lines hold one command: one buffer, not a new one at the 1st, 2nd, 3rd and 5th command.
    commands.reserveCapacity(lineStarts.count)
  }

  /// Creates a builder that keeps no command and tests each one's launch with `probe`.
  init(probe: @escaping (ProgramLaunch?) -> Bool) {
    lineStarts = []
    textEnd = 0
    self.probe = probe
  }

  mutating func consume(_ token: ShellToken) {
    switch token {
    case .word(let word):
      consume(word: word)
    case .redirection(let op, let opRange):
      flushRedirection()
      pendingRedirection = (op, opRange)
      extend(opRange)
    case .separator(let separator, _):
      flushRedirection()
      consume(separator)
    case .newline(_, let lineEnd, let heredocEnd):
      flushRedirection()
      if skip == .forHeader { skip = .none }
      finish(.newline)
      // Every command so far ends before this line break: their logical line ends here.
      endLines(at: heredocEnd ?? lineEnd)
    }
  }

  mutating func finishScript() {
    flushRedirection()
    finish(.end)
    endLines(at: textEnd)
  }

  private mutating func endLines(at end: Int) {
    for index in openLine..<commands.count { commands[index].logicalLineEnd = end }
    openLine = commands.count
  }

  /// Takes a word straight from the lexer, which gives it up: it is moved into the command, not copied.
  mutating func consume(word: consuming ShellWord) {
    let wordRange = word.range
    if let pending = pendingRedirection {
      let whole = pending.range.lowerBound..<wordRange.upperBound
      redirections.append(ShellRedirection(op: pending.op, target: word, range: whole))
      pendingRedirection = nil
      extend(whole)
      return
    }
    switch skip {
    case .forHeader: return
    case .caseHeader:
      if word.isUnquoted("in") { skip = .casePattern }
      return
    case .casePattern:
      if word.isUnquoted("esac") {
        skip = .none
        closeFrame(line: line(of: wordRange.lowerBound))
      }
      return
    case .none: break
    }
    if words.isEmpty && assignments.isEmpty && redirections.isEmpty && handleReservedWord(word) {
      return
    }
    extend(wordRange)
    if words.isEmpty, word.assignment != nil {
      assignments.append(word)
    } else {
      // Room for a usual command at once, not a new buffer at its 1st, 2nd, 3rd and 5th word.
      if words.isEmpty { words.reserveCapacity(8) }
      words.append(word)
    }
  }

  /// Returns whether `word` was a reserved word in command position.
  private mutating func handleReservedWord(_ word: ShellWord) -> Bool {
    guard Self.mayBeReserved(word.text) else { return false }
    switch word.text {
    case "if", "while", "until": openFrame(.conditional)
    case "for", "select":
      openFrame(.conditional)
      skip = .forHeader
    case "case":
      openFrame(.caseBlock)
      skip = .caseHeader
    case "{": openFrame(.group)
    case "fi", "done", "esac", "}": closeFrame(line: line(of: word.range.lowerBound))
    case "then", "else", "elif", "do", "!", "function": break
    default: return false
    }
    return true
  }

  /// Whether `text` has the length and first two bytes of a reserved word. Every command's first
  /// word is asked; most have neither, and are then not compared with each reserved word.
  private static func mayBeReserved(_ text: String) -> Bool {
    var bytes = text.utf8.makeIterator()
    guard let first = bytes.next() else { return false }
    let second = bytes.next() ?? 0
    func starts(_ head: StaticString) -> Bool {
      first == head.utf8Start[0] && second == head.utf8Start[1]
    }
    switch text.utf8.count {
    case 1: return first == UInt8(ascii: "{") || first == UInt8(ascii: "}") || first == UInt8(ascii: "!")
    case 2: return starts("if") || starts("fi") || starts("do")
    case 3: return starts("fo")  // for
    case 4: return starts("ca") || starts("do") || starts("es") || starts("th") || starts("el")
    case 5: return starts("wh") || starts("un")  // while, until
    case 6: return starts("se")  // select
    case 8: return starts("fu")  // function
    default: return false
    }
  }

  private mutating func consume(_ separator: CommandSeparator) {
    if skip == .casePattern {
      if separator == .closeParenthesis { skip = .none }
      return
    }
    if skip == .forHeader, separator == .semicolon { skip = .none }
    if separator == .openParenthesis {
      // `name()` defines a function: its name is not a command.
      words.removeAll()
      assignments.removeAll()
      range = nil
    }
    finish(separator)
    switch separator {
    case .openParenthesis: openFrame(.subshell)
    case .closeParenthesis:
      if frames.last?.kind == .subshell { closeFrame(line: 0) }
    case .caseBranchEnd:
      if frames.last?.kind == .caseBlock { skip = .casePattern }
    default: break
    }
  }

  private mutating func flushRedirection() {
    guard let pending = pendingRedirection else { return }
    redirections.append(ShellRedirection(op: pending.op, target: nil, range: pending.range))
    pendingRedirection = nil
  }

  private mutating func extend(_ other: Range<Int>) {
    guard let current = range else {
      range = other
      return
    }
    range = min(current.lowerBound, other.lowerBound)..<max(current.upperBound, other.upperBound)
  }

  private mutating func openFrame(_ kind: FrameKind) {
    frames.append(Frame(kind: kind, directory: directory, exports: exports))
  }

  private mutating func closeFrame(line: Int) {
    guard let frame = frames.popLast() else { return }
    switch frame.kind {
    case .subshell:
      directory = frame.directory
      exports = frame.exports
    case .conditional, .caseBlock:
      if directory != frame.directory {
        directory = .unknown("a `cd` inside a conditional or loop that ends on line \(line + 1)")
      }
    case .group: break
    }
  }

  private mutating func finish(_ separator: CommandSeparator) {
    if let probe {
      // The words decide the launch; where the command runs and what it sets do not.
      if range != nil, !(words.isEmpty && assignments.isEmpty), probe(ProgramLaunch.decode(words)) {
        probed = true
      }
      assignments.removeAll(keepingCapacity: true)
      words.removeAll(keepingCapacity: true)
      redirections.removeAll(keepingCapacity: true)
      range = nil
      preceding = separator
      return
    }
    defer {
      assignments = []
      words = []
      redirections = []
      range = nil
      preceding = separator
    }
    guard let range, !(words.isEmpty && assignments.isEmpty) else { return }
    var environment = exports
    for assignment in assignments {
      if let pair = assignment.assignment { environment[pair.name] = pair.value }
    }
    let command = ShellCommand(
      assignments: assignments, words: words, redirections: redirections, range: range,
      line: line(of: range.lowerBound), logicalLineEnd: range.upperBound, separator: separator,
      precedingSeparator: preceding, workingDirectory: directory, environment: environment,
      subshellDepth: frames.reduce(0) { $0 + ($1.kind == .subshell ? 1 : 0) },
      launch: ProgramLaunch.decode(words))
    commands.append(command)
    applyEffects(of: command)
  }

  /// Follows `cd`, `pushd`, `popd`, `export` and `unset` run in the script's own shell.
  private mutating func applyEffects(of command: ShellCommand) {
    guard let name = command.words.first?.value, Self.mayHaveEffects(name),
      command.assignments.isEmpty || name == "export",
      !command.separator.isPipe, command.separator != .background, !command.precedingSeparator.isPipe
    else { return }
    let arguments = command.words.dropFirst()
    switch name {
    case "cd", "pushd":
      let target = arguments.first { !["-L", "-P", "-e", "-@", "--"].contains($0.text) }
      directory = directory.changed(by: target, line: command.line)
    case "popd":
      directory = .unknown("`popd` on line \(command.line + 1) depends on the shell's state")
    case "export":
      for word in arguments {
        if let pair = word.assignment { exports[pair.name] = pair.value }
      }
    case "unset":
      for word in arguments { exports[word.value] = nil }
    default: break
    }
  }

  /// Whether `name` has the length and first byte of `cd`, `pushd`, `popd`, `export` or `unset`:
  /// most commands' names do not, and are then not compared with each.
  private static func mayHaveEffects(_ name: String) -> Bool {
    let first = name.utf8.first
    switch name.utf8.count {
    case 2: return first == UInt8(ascii: "c")
    case 4: return first == UInt8(ascii: "p")
    case 5: return first == UInt8(ascii: "p") || first == UInt8(ascii: "u")
    case 6: return first == UInt8(ascii: "e")
    default: return false
    }
  }

  private func line(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }
}
