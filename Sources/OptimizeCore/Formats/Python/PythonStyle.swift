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
    var tabs = 0
    var steps: [Int: Int] = [:]
    for step in Self.indentSteps(of: module) {
      if step.hasPrefix("\t") {
        tabs += 1
      } else if step.allSatisfy({ $0 == " " }) {
        steps[step.count, default: 0] += 1
      }
    }
    let spaces = steps.values.reduce(0, +)
    if tabs > spaces {
      indent = "\t"
    } else if let best = steps.max(by: {
      ($0.value, $0.key == 4 ? 1 : 0, -$0.key) < ($1.value, $1.key == 4 ? 1 : 0, -$1.key)
    }) {
      indent = String(repeating: " ", count: best.key)
    }
    var singles = 0
    var doubles = 0
    for token in module.tokens where token.kind == .string {
      let body = token.text.drop { $0 != "'" && $0 != "\"" }
      if body.hasPrefix("'''") || body.hasPrefix("\"\"\"") { continue }
      if body.hasPrefix("'") { singles += 1 } else { doubles += 1 }
    }
    quote = doubles > singles ? "\"" : "'"
  }

  /// The text added by each indentation step: every INDENT, and each hanging bracket
  /// (a bracket that ends its line) relative to the line that opens it.
  static func indentSteps(of module: PythonModule) -> [String] {
    let source = module.source
    let tokens = module.tokens
    var steps: [String] = []
    var levels = [""]
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .indent:
        let text = token.text
        if let previous = levels.last, text.hasPrefix(previous) {
          steps.append(String(text.dropFirst(previous.count)))
        }
        levels.append(text)
      case .dedent:
        levels.removeLast()
      case .op where ["(", "[", "{"].contains(token.text):
        var next = index + 1
        while next < tokens.count, tokens[next].kind == .comment { next += 1 }
        guard next < tokens.count, tokens[next].kind == .nl else { continue }
        while next < tokens.count, tokens[next].kind == .nl || tokens[next].kind == .comment { next += 1 }
        guard next < tokens.count else { continue }
        let opener = leadingSpace(source, line: source.lineIndex(ofByte: token.range.lowerBound))
        let inner = leadingSpace(source, line: source.lineIndex(ofByte: tokens[next].range.lowerBound))
        if inner.count > opener.count, inner.hasPrefix(opener) {
          steps.append(String(inner.dropFirst(opener.count)))
        }
      default:
        break
      }
    }
    return steps
  }

  static func leadingSpace(_ source: SourceText, line: Int) -> String {
    String(source.lineText(line).prefix { $0 == " " || $0 == "\t" })
  }
}
