/// Splits a shell script into words, operators and line breaks, skipping comments and here-documents.
///
/// Written here because no Swift package lexes POSIX shell with byte ranges; it covers what CI
/// scripts use: quotes, escapes, continuations, `$(…)`, backticks, `${…}`, `${{ … }}` and heredocs.
struct ShellLexer {
  let bytes: [UInt8]
  var position = 0
  private var tokens: [ShellToken] = []
  // When `feedsBuilder`, tokens go straight to the builder and no token list is kept. Not an
  // optional: every token asked for its tag and was moved through it.
  private var builder: CommandBuilder
  private let feedsBuilder: Bool
  private var pendingHeredocs: [(delimiter: String, stripsTabs: Bool)] = []
  /// The value buffer of the last quoted word, kept for the next one so each does not allocate one.
  var spareValue: [UInt8] = []

  /// Creates a lexer over the UTF-8 bytes of a script.
  init(_ text: String) {
    bytes = Array(text.utf8)
    builder = CommandBuilder(lineStarts: [], textEnd: 0)
    feedsBuilder = false
  }

  /// The commands of a script's bytes, which start lines at `lineStarts` and end at `textEnd`
  /// (before a last `\r`): a `CommandBuilder` consumes each token as it is read.
  ///
  /// - Throws: `ShellError`, as `tokens(of:)` does.
  static func commands(of bytes: [UInt8], lineStarts: [Int], textEnd: Int) throws -> [ShellCommand] {
    // The builder is made in the lexer and finished there: passed in and handed back, it was copied.
    var lexer = ShellLexer(bytes: bytes, builder: CommandBuilder(lineStarts: lineStarts, textEnd: textEnd))
    try lexer.run()
    lexer.builder.finishScript()
    return lexer.builder.commands
  }

  /// Whether the launch of a simple command of the script's bytes passes `test`, read as
  /// `commands(of:lineStarts:textEnd:)` reads them; stops at the first that does.
  ///
  /// - Throws: `ShellError`, as `tokens(of:)` does, for a construct before that command.
  static func anyCommand(of bytes: [UInt8], launches test: @escaping (ProgramLaunch?) -> Bool) throws -> Bool
  {
    var lexer = ShellLexer(bytes: bytes, builder: CommandBuilder(probe: test))
    try lexer.run()
    lexer.builder.finishScript()
    return lexer.builder.probed
  }

  private init(bytes: [UInt8], builder: CommandBuilder) {
    self.bytes = bytes
    self.builder = builder
    feedsBuilder = true
  }

  private mutating func emit(_ token: ShellToken) {
    if feedsBuilder {
      builder.consume(token)
    } else {
      tokens.append(token)
    }
  }

  /// All tokens of the script.
  static func tokens(of text: String) throws -> [ShellToken] {
    var lexer = ShellLexer(text)
    try lexer.run()
    return lexer.tokens
  }

  /// The text of the script's bytes in `range`, read in place: a slice of the array retained and
  /// released it for every word.
  func string(_ range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }

  func byte(_ offset: Int) -> UInt8? {
    offset < bytes.count ? bytes[offset] : nil
  }

  func starts(with literal: String, at offset: Int) -> Bool {
    // Compared in place: this runs for every operator candidate at every word.
    var index = offset
    for literalByte in literal.utf8 {
      guard index < bytes.count, bytes[index] == literalByte else { return false }
      index += 1
    }
    return true
  }

  /// The length of a backslash-newline continuation at `offset`, or 0.
  func continuationLength(at offset: Int) -> Int {
    guard byte(offset) == .backslash else { return 0 }
    if byte(offset + 1) == .newline { return 2 }
    if byte(offset + 1) == .carriageReturn, byte(offset + 2) == .newline { return 3 }
    return 0
  }

  private mutating func run() throws {
    while let current = byte(position), !builder.probed {
      let continuation = continuationLength(at: position)
      if continuation > 0 {
        position += continuation
      } else if current == .space || current == .tab || current == .carriageReturn {
        position += 1
      } else if current == .newline {
        lexNewline()
      } else if current == .hash {
        while let next = byte(position), next != .newline { position += 1 }
      } else if let redirection = redirectionOperator(at: position) {
        let range = position..<(position + redirection.utf8.count)
        emit(.redirection(redirection, range))
        position = range.upperBound
        // A here-document's operator is `<<` or `<<-` after its digits: read in the script's bytes.
        var opStart = range.lowerBound
        while bytes[opStart] >= 0x30 && bytes[opStart] <= 0x39 { opStart += 1 }
        let opLength = range.upperBound - opStart
        if opLength == 2 || opLength == 3, bytes[opStart] == .less, bytes[opStart + 1] == .less,
          opLength == 2 || bytes[opStart + 2] == UInt8(ascii: "-")
        {
          try lexHeredocDelimiter(stripsTabs: opLength == 3, operatorStart: range.lowerBound)
        }
      } else if let separator = separatorOperator(at: position) {
        let range = position..<(position + separator.length)
        emit(.separator(separator.kind, range))
        position = range.upperBound
      } else if feedsBuilder {
        // Straight to the builder, which takes the word over: no token, no copy of its strings.
        builder.consume(word: try lexWord())
      } else {
        tokens.append(.word(try lexWord()))
      }
    }
  }

  private mutating func lexNewline() {
    let offset = position
    let lineEnd = offset > 0 && bytes[offset - 1] == .carriageReturn ? offset - 1 : offset
    position += 1
    var heredocEnd: Int?
    for heredoc in pendingHeredocs {
      heredocEnd = skipHeredocBody(heredoc.delimiter, stripsTabs: heredoc.stripsTabs)
    }
    pendingHeredocs.removeAll()
    emit(.newline(offset: offset, lineEnd: lineEnd, heredocEnd: heredocEnd))
  }

  /// Skips body lines up to and including the delimiter line; returns the end of that line.
  private mutating func skipHeredocBody(_ delimiter: String, stripsTabs: Bool) -> Int {
    while position < bytes.count {
      let lineStart = position
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != .newline { lineEnd += 1 }
      var contentEnd = lineEnd
      if contentEnd > lineStart, bytes[contentEnd - 1] == .carriageReturn { contentEnd -= 1 }
      var contentStart = lineStart
      while stripsTabs, contentStart < contentEnd, bytes[contentStart] == .tab { contentStart += 1 }
      position = min(lineEnd + 1, bytes.count)
      if String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self) == delimiter {
        return contentEnd
      }
    }
    // bash accepts a body that runs to the end of the script, with a warning.
    return bytes.count
  }

  private mutating func lexHeredocDelimiter(stripsTabs: Bool, operatorStart: Int) throws {
    while byte(position) == .space || byte(position) == .tab { position += 1 }
    guard let next = byte(position), !Self.isWordBreak(next) else {
      throw ShellError.missingHeredocDelimiter(offset: operatorStart)
    }
    let word = try lexWord()
    emit(.word(word))
    pendingHeredocs.append((word.value, stripsTabs))
  }

  /// Whether a byte ends an unquoted word: a blank, a line break or an operator's first byte.
  @inline(__always)
  static func isWordBreak(_ byte: UInt8) -> Bool {
    // A switch, not a Set: this runs for every byte of every word.
    switch byte {
    case .space, .tab, .newline, .carriageReturn, .semicolon, .ampersand, .pipe, .openParenthesis,
      .closeParenthesis, .less, .greater:
      return true
    default:
      return false
    }
  }

  /// The redirection operator at `offset`, its file-descriptor digits included: the longest of `<<<`,
  /// `<<-`, `<<`, `<>`, `<&`, `<`, `>>`, `>|`, `>&`, `>` after them, or `&>>`/`&>` without digits.
  private func redirectionOperator(at offset: Int) -> String? {
    var start = offset
    while let digit = byte(start), digit >= 0x30, digit <= 0x39 { start += 1 }
    guard let first = byte(start), first == .less || first == .greater || first == .ampersand else {
      return nil
    }
    // Bytes compared, not each candidate in turn: every word and operator starts here.
    let second = byte(start + 1)
    if first == .ampersand {
      guard start == offset, second == .greater else { return nil }
      return byte(start + 2) == .greater ? "&>>" : "&>"
    }
    let candidate: String
    if first == .less {
      switch second {
      case .less:
        let third = byte(start + 2)
        candidate = third == .less ? "<<<" : third == UInt8(ascii: "-") ? "<<-" : "<<"
      case .greater: candidate = "<>"
      case .ampersand: candidate = "<&"
      default: candidate = "<"
      }
    } else {
      switch second {
      case .greater: candidate = ">>"
      case .pipe: candidate = ">|"
      case .ampersand: candidate = ">&"
      default: candidate = ">"
      }
    }
    return start == offset ? candidate : String(decoding: bytes[offset..<start], as: UTF8.self) + candidate
  }

  /// The control operator at `offset` and its length: the longest of `&&`, `||`, `;;&`, `;;`, `;&`,
  /// `;`, `|&`, `|`, `&`, `(` and `)` that is there.
  private func separatorOperator(at offset: Int) -> (kind: CommandSeparator, length: Int)? {
    guard let first = byte(offset) else { return nil }
    let second = byte(offset + 1)
    switch first {
    case .ampersand: return second == .ampersand ? (.and, 2) : (.background, 1)
    case .pipe:
      if second == .pipe { return (.or, 2) }
      return second == .ampersand ? (.pipeAll, 2) : (.pipe, 1)
    case .semicolon:
      if second == .semicolon { return (.caseBranchEnd, byte(offset + 2) == .ampersand ? 3 : 2) }
      return second == .ampersand ? (.caseBranchEnd, 2) : (.semicolon, 1)
    case .openParenthesis: return (.openParenthesis, 1)
    case .closeParenthesis: return (.closeParenthesis, 1)
    default: return nil
    }
  }
}

extension UInt8 {
  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let doubleQuote: UInt8 = 0x22
  static let hash: UInt8 = 0x23
  static let dollar: UInt8 = 0x24
  static let ampersand: UInt8 = 0x26
  static let singleQuote: UInt8 = 0x27
  static let openParenthesis: UInt8 = 0x28
  static let closeParenthesis: UInt8 = 0x29
  static let semicolon: UInt8 = 0x3B
  static let less: UInt8 = 0x3C
  static let greater: UInt8 = 0x3E
  static let backslash: UInt8 = 0x5C
  static let backtick: UInt8 = 0x60
  static let openBrace: UInt8 = 0x7B
  static let pipe: UInt8 = 0x7C
  static let closeBrace: UInt8 = 0x7D
}
