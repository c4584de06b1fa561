import Testing

@testable import OptimizeCore

/// `PythonStyle` counts indentation steps from their bytes and finds lines walking forward. The
/// oracle here is the way it read them before: every step made a `String`, every line found by
/// a search of all lines. Both must count the same steps in every module.
@Suite struct PythonStyleStepsTests {
  /// Lines of modules, each read with every line ending and indentation below.
  static let bodies = [
    "A = {\n    'x': 1,\n}\n",
    "A = [  # items\n\n  # first\n  1,\n]\n",
    "if A:\n\tB = (\n\t\t1,\n\t)\n",
    "if A:\n  B = {\n      'k': [\n        2,\n      ],\n  }\n",
    "def f():\n    return g(\n        1)\n",
    "A = f(1,\n      2)\nB = {\n\t'x': 1}\n",
    "X = (\n\u{301}  1)\n",
    "X = (\n \u{301}1)\n",
    "if A:\n   \u{0C}B = [\n   \u{0C}    1]\n",
    "A = {\n \t 'x': 1,\n}\n",
    "class C:\n    X = [\n    1]\n    Y = (\n        2,\n    )\n",
    "S = '''\n    text'''\nT = [\n  'é',\n]\n",
    "A = [\n    1,\n]  # done\n" + String(repeating: "B = {\n  'x': (\n    1),\n}\n", count: 3),
  ]

  /// The steps as `PythonStyle` read them before it counted bytes.
  static func oracleSteps(of module: PythonModule) -> [String] {
    let source = module.source
    let tokens = module.tokens
    var steps: [String] = []
    var levels = [""]
    for index in tokens.indices {
      switch tokens.kind(index) {
      case .indent:
        let text = tokens.text(index)
        if let previous = levels.last, text.hasPrefix(previous) {
          steps.append(String(text.dropFirst(previous.count)))
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
        let openerText = PythonStyle.leadingSpace(source, line: source.lineIndex(ofByte: tokens.start(index)))
        let innerText = PythonStyle.leadingSpace(source, line: source.lineIndex(ofByte: tokens.start(next)))
        guard innerText.count > openerText.count, innerText.hasPrefix(openerText) else { continue }
        steps.append(String(innerText.dropFirst(openerText.count)))
      default:
        break
      }
    }
    return steps
  }

  static func oracleCounts(of module: PythonModule) -> PythonStyle.StepCounts {
    var counts = PythonStyle.StepCounts()
    for step in oracleSteps(of: module) {
      if step.utf8.first == 0x09 {
        counts.tabs += 1
      } else if step.utf8.allSatisfy({ $0 == 0x20 }) {
        counts.spaces[step.utf8.count, default: 0] += 1
      }
    }
    return counts
  }

  @Test func countsWhatTheStringsCounted() throws {
    var compared = 0
    var counted = 0
    for body in Self.bodies {
      for lineEnding in ["\n", "\r\n"] {
        for prefix in ["", "\u{FEFF}", "import os\n", "if X:\n    pass\n"] {
          let text = (prefix + body).replacingOccurrences(of: "\n", with: lineEnding)
          guard let module = try? PythonModule(source: SourceText(path: "s.py", string: text)) else {
            continue
          }
          let counts = PythonStyle.stepCounts(of: module)
          #expect(counts == Self.oracleCounts(of: module), "\(text.debugDescription)")
          compared += 1
          counted += counts.tabs + counts.spaces.values.reduce(0, +)
        }
      }
    }
    // Most of the modules read, and most of them hold steps: the comparison is not empty.
    #expect(compared >= Self.bodies.count * 6)
    #expect(counted >= compared)
  }

  @Test func findsLinesWalkingForwardAsTheSearchFindsThem() {
    let source = SourceText(path: "s.py", string: "a\n\nbc\r\nd\n\n")
    var hint = 0
    for offset in 0...source.bytes.count {
      let line = source.lineIndex(ofByte: offset, from: hint)
      #expect(line == source.lineIndex(ofByte: offset))
      hint = line
      // A hint after the offset's line falls back to the search.
      #expect(source.lineIndex(ofByte: offset, from: source.lineStarts.count - 1) == line)
    }
  }
}
