import Testing

@testable import OptimizeCore

@Suite struct PythonTokensTests {
  @Test func operatorSwitchMatchesTheListLongestFirst() {
    let alphabet =
      Array(Set(PythonTokenizer.operators.joined().utf8)) + [UInt8(ascii: "a"), UInt8(ascii: "!")]
    var inputs: [[UInt8]] = alphabet.map { [$0] }
    for _ in 0..<2 {
      inputs += inputs.flatMap { prefix in alphabet.map { prefix + [$0] } }.filter { $0.count <= 3 }
    }
    for input in Set(inputs) {
      let expected = PythonTokenizer.operators.map { Array($0.utf8) }.first { input.starts(with: $0) }?.count
      let source = SourceText(path: "o.py", bytes: input)
      let found = source.bytes.withUnsafeBufferPointer {
        PythonTokenizer(source: source, bytes: $0).operatorLength(at: 0)
      }
      #expect(found == expected, "\(String(decoding: input, as: UTF8.self))")
    }
  }

  @Test func statementTokensSkipCommentsAndLineBreaksInsideBrackets() throws {
    let module = try PythonModule(
      source: SourceText(path: "s.py", string: "# top\nX = [  # one\n  'a',\n\n  2]\nY = 1\n"))
    #expect(module.statements.count == 2)
    #expect(module.tokens(of: module.statements[0]).map(\.text) == ["X", "=", "[", "'a'", ",", "2", "]"])
    #expect(module.tokens(of: module.statements[1]).map(\.text) == ["Y", "=", "1"])
    #expect(module.tokens[0] == PythonToken(kind: .comment, range: 0..<5, text: "# top"))
    #expect(module.tokens[0] != PythonToken(kind: .comment, range: 0..<5, text: "# tip"))
    #expect(module.tokens[1].isTrivia && module.tokens[1].text == "\n")
    #expect(module.tokens[2].isName("X") && !module.tokens[2].isName("Y") && module.tokens[3].isOp("="))
  }

  @Test(
    arguments: [
      ("'a'", "a"), ("'it\\'s\\n'", "it's\n"), ("r'\\d'", "\\d"), ("U'''x'''", "x"),
      ("'caf\u{E9}'", "caf\u{E9}"),
      ("'e\u{301}\\t'", "e\u{301}\t"), ("'\\x41'", nil), ("b'x'", nil), ("F'x'", nil), ("'a\\'", nil),
      ("'''\r\n'", nil), ("'\u{301}a'", nil), ("\"\"\"a\r\nb\"\"\"", "a\r\nb"),
    ] as [(String, String?)])
  func stringValues(token: String, value: String?) {
    #expect(PythonStringLiteral.value(of: token) == value, "\(token.debugDescription)")
  }

  @Test func stringTokensAskOnlyTokensThatCouldMatch() throws {
    let text = "A = 'Redis://x'\nB = \"caf\u{E9}\"\nC = 'nothing'\nD = 'REDIS'\n"
    let module = try PythonModule(source: SourceText(path: "s.py", string: text))
    var asked: [String] = []
    let found = module.stringTokens(holding: "redis", ignoringCase: true) {
      asked.append($0)
      return $0.lowercased().contains("redis")
    }
    #expect(found.map(\.text) == ["'Redis://x'", "'REDIS'"])
    #expect(asked == ["'Redis://x'", "\"caf\u{E9}\"", "'REDIS'"])
    #expect(
      module.stringTokens(holding: "REDIS") { $0.contains("REDIS") }.map(\.range) == [module.tokens[14].range]
    )
  }
}
