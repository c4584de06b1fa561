/// The layout habits of a Python file, so that inserted code looks like its neighbours.
public struct PythonStyle: Sendable, Equatable {
  /// One level of indentation: four spaces, two spaces, a tab…
  public var indent: String
  /// The quote used for strings: `'` or `"`.
  public var quote: Character
  /// The line ending: `"\n"` or `"\r\n"`.
  public var lineEnding: String

  /// Creates a style.
  public init(indent: String = "    ", quote: Character = "'", lineEnding: String = "\n") {
    self.indent = indent
    self.quote = quote
    self.lineEnding = lineEnding
  }

  /// Detects the style of a module.
  ///
  /// The indentation unit comes from block indents and hanging bracket indents (the most common step,
  /// four spaces when there are none); the quote from the majority of one-line string literals
  /// (single on a tie); the line ending from the file's first line break.
  public init(of module: PythonModule) {
    self.init(lineEnding: module.source.lineEnding)
    let counts = Self.stepCounts(of: module)
    let spaces = counts.spaces.values.reduce(0, +)
    if counts.tabs > spaces {
      indent = "\t"
    } else if let best = counts.spaces.max(by: {
      ($0.value, $0.key == 4 ? 1 : 0, -$0.key) < ($1.value, $1.key == 4 ? 1 : 0, -$1.key)
    }) {
      indent = String(repeating: " ", count: best.key)
    }
    var singles = 0
    var doubles = 0
    let tokens = module.tokens
    for index in tokens.indices where tokens.kind(index) == .string {
      switch Self.quoting(of: index, in: tokens) {
      case .triple: continue
      case .single: singles += 1
      case .double: doubles += 1
      }
    }
    quote = doubles > singles ? "\"" : "'"
  }

  enum Quoting { case single, double, triple }

  /// How a string token is quoted, read from its bytes.
  static func quoting(of index: Int, in tokens: PythonTokens) -> Quoting {
    let bytes = tokens.bytes
    let range = tokens.range(index)
    let isQuote = { (byte: UInt8) in byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") }
    guard let open = range.first(where: { isQuote(bytes[$0]) }) else { return .double }
    let triple =
      open + 2 < range.upperBound && bytes[open + 1] == bytes[open] && bytes[open + 2] == bytes[open]
    let next = open + (triple ? 3 : 1)
    // A combining mark after the quote joins it into another Character; Characters decide then.
    if next < range.upperBound, bytes[next] >= 0x80 {
      let body = tokens.text(index).drop { $0 != "'" && $0 != "\"" }
      if body.hasPrefix("'''") || body.hasPrefix("\"\"\"") { return .triple }
      return body.hasPrefix("'") ? .single : .double
    }
    if triple { return .triple }
    return bytes[open] == UInt8(ascii: "'") ? .single : .double
  }

  /// How often each indentation step occurs: the steps that start with a tab, and the steps of
  /// spaces alone by their width. Other steps (a space then a tab, a form feed) are not counted.
  struct StepCounts: Equatable {
    var tabs = 0
    var spaces: [Int: Int] = [:]

    /// Counts one step, given by its bytes.
    mutating func add<Bytes: Collection<UInt8>>(_ step: Bytes) {
      if step.first == 0x09 {
        tabs += 1
      } else if step.allSatisfy({ $0 == 0x20 }) {
        spaces[step.count, default: 0] += 1
      }
    }
  }

  /// The steps of every INDENT, and of each hanging bracket (a bracket that ends its line)
  /// relative to the line that opens it, counted.
  ///
  /// A large settings module has a hanging bracket in every few lines: each step is counted from
  /// its bytes, not made a String, and lines are found walking forward, as tokens come in order.
  static func stepCounts(of module: PythonModule) -> StepCounts {
    let source = module.source
    let tokens = module.tokens
    var counts = StepCounts()
    var levels = [""]
    var line = 0
    for index in tokens.indices {
      switch tokens.kind(index) {
      case .indent:
        let text = tokens.text(index)
        if let previous = levels.last, text.hasPrefix(previous) {
          counts.add(text.dropFirst(previous.count).utf8)
        }
        levels.append(text)
      case .dedent:
        levels.removeLast()
      case .op where tokens.bracketDepthChange(index) == 1:
        var next = index + 1
        while next < tokens.count, tokens.kind(next) == .comment { next += 1 }
        guard next < tokens.count, tokens.kind(next) == .nl else { continue }
        while next < tokens.count, tokens.kind(next) == .nl || tokens.kind(next) == .comment { next += 1 }
        guard next < tokens.count else { continue }
        let opener = source.lineIndex(ofByte: tokens.start(index), from: line)
        line = source.lineIndex(ofByte: tokens.start(next), from: opener)
        countHangingStep(source, opener: opener, inner: line, into: &counts)
      default:
        break
      }
    }
    return counts
  }

  /// Counts the indentation `inner` adds to `opener`, when it extends it.
  static func countHangingStep(_ source: SourceText, opener: Int, inner: Int, into counts: inout StepCounts) {
    guard let openerSpace = leadingSpaceBytes(source, line: opener),
      let innerSpace = leadingSpaceBytes(source, line: inner)
    else {
      let openerText = leadingSpace(source, line: opener)
      let innerText = leadingSpace(source, line: inner)
      guard innerText.count > openerText.count, innerText.hasPrefix(openerText) else { return }
      counts.add(innerText.dropFirst(openerText.count).utf8)
      return
    }
    let bytes = source.bytes
    guard innerSpace.count > openerSpace.count,
      bytes[innerSpace.prefix(openerSpace.count)].elementsEqual(bytes[openerSpace])
    else { return }
    counts.add(bytes[(innerSpace.lowerBound + openerSpace.count)..<innerSpace.upperBound])
  }

  /// The bytes of a line's leading spaces and tabs; nil when a non-ASCII byte follows them, as
  /// a combining mark would make the last space part of another Character.
  static func leadingSpaceBytes(_ source: SourceText, line: Int) -> Range<Int>? {
    let range = source.lineRange(line)
    let bytes = source.bytes
    var end = range.lowerBound
    while end < range.upperBound, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
    if end < range.upperBound, bytes[end] >= 0x80 { return nil }
    return range.lowerBound..<end
  }

  static func leadingSpace(_ source: SourceText, line: Int) -> String {
    String(source.lineText(line).prefix { $0 == " " || $0 == "\t" })
  }
}
