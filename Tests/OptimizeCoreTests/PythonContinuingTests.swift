import Testing

@testable import OptimizeCore

/// `plan` tokenizes an edited settings module from where its original text ends, keeping the
/// original's tokens, and scans its statements on from where the original's scan stood. For every
/// original and every text added after it, that must give the tokens, the statements and the
/// errors that reading the whole edited text gives.
@Suite struct PythonContinuingTests {
  static let originals = [
    "x = 1\n", "if DEBUG:\n    A = 1\n", "class C:\n\tdef f(self):\n\t\treturn 1\n",
    "X = 1\n# trailing comment\n", "X = 1\n\n\n   \n", "X = 1\r\n", "\u{FEFF}X = 1\n", "X = 1",
    "X = 1 + \\\n  2\n", "S = '''a\nb'''\n", "if a:\n    pass\nelif b:\n    pass\n",
    "try:\n  x = 1\nexcept E:\n  y = 2\n", "# -*- coding: utf-8 -*-\n", "X = [\n  1,\n]\n",
    "def f():\n    return (\n        1\n    )\n", "\n", "X = 1\n\u{0C}\n",
    "if a:\n    if b:\n        c = 1\n",
    "if a:\n    b = 1\n    # comment inside\n", "X = 1  # note\n", "if a:\n        b = 1\n\n",
    "if a: b = 1\n", "class C:\n    def f(self): return 1\n", "x = 1; y = 2\n",
    "if a:\n    pass\nelse:\n    if b: c = 1\n",
  ]

  static let additions = [
    "Y = 2\n",
    "\n# BEGIN optimize\nimport sys\n\nif 'test' in sys.argv:\n    PASSWORD_HASHERS = [\n        'x',\n    ]\n# END\n",
    "    B = 2\n", "else:\n    Z = 3\n", "  bad = 1\n", "Y = (\n", "Y = 'unterminated\n", "\tT = 1\n", "",
    "Z = 1", "        deeper = 1\n", "# only a comment", "\r\nY = 1\r\n", "x = 1 \\\n", "    \n",
    "elif c:\n  d = 1\n",
    "def g():\n\treturn 2\n", "if x:\n", "Y = \"\"\"\nopen\n",
  ]

  @Test func continuingGivesWhatReadingTheWholeTextGives() throws {
    var continued = 0
    var failed = 0
    for (number, original) in Self.originals.enumerated() {
      let before = SourceText(path: "continuing/\(number).py", string: original)
      guard let module = try? PythonModule(uncached: before) else {
        Issue.record("the original \(original.debugDescription) should parse")
        continue
      }
      for addition in Self.additions {
        let after = SourceText(path: before.path, string: original + addition)
        let context = "\(original.debugDescription) + \(addition.debugDescription)"
        let whole = Result { try PythonModule(uncached: after) }
        let wholeTokens = Result { try PythonTokenizer.tokens(of: after) }
        switch Result(catching: { try PythonTokenizer.tokens(of: after, continuing: module.tokens) }) {
        case .success(nil):
          // Not continued, and the whole text is read: only when the original does not end with a
          // line break after all its tokens.
          #expect(!original.hasSuffix("\n"), "\(context)")
        case .success(let tokens?):
          continued += 1
          #expect(tokens == (try? wholeTokens.get()), "\(context)")
        case .failure(let error):
          continued += 1
          #expect("\(error)" == "\(wholeTokens)".dropFirst("failure(".count).dropLast(), "\(context)")
        }
        switch (whole, Result(catching: { try PythonModule(source: after, continuing: module) })) {
        case (.success(let expected), .success(let derived)):
          #expect(derived == expected, "\(context)")
        case (.failure(let expected), .failure(let error)):
          failed += 1
          #expect("\(error)" == "\(expected)", "\(context)")
        case (let expected, let derived):
          Issue.record("\(context): reading the whole text gave \(expected), continuing \(derived)")
        }
      }
    }
    // Both outcomes happen often enough for the comparison to mean something.
    #expect(continued >= 300 && failed >= 60, "continued \(continued), failed \(failed)")
  }
}
