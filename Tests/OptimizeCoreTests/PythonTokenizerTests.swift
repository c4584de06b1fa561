import Testing

@testable import OptimizeCore

func tokenize(_ text: String) throws -> [PythonToken] {
  try PythonTokenizer.tokenize(SourceText(path: "settings.py", string: text))
}

func refusal(_ text: String) -> String {
  do {
    _ = try PythonModule(source: SourceText(path: "settings.py", string: text))
    return "accepted"
  } catch {
    return "\(error)"
  }
}

@Suite struct PythonTokenizerTests {
  @Test func nameBytesAreLettersDigitsUnderscoreAndNonASCII() {
    let source = SourceText(path: "settings.py", string: "")
    source.bytes.withUnsafeBufferPointer { bytes in
      let tokenizer = PythonTokenizer(source: source, bytes: bytes)
      for byte in UInt8.min...UInt8.max {
        let scalar = Unicode.Scalar(byte)
        let expected =
          byte >= 0x80 || scalar == "_" || (scalar.properties.isASCIIHexDigit && byte <= 0x39)
          || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        #expect(tokenizer.isNameByte(byte) == expected, "byte \(byte)")
        #expect(tokenizer.isNameByte(byte) == (tokenizer.isNameStart(byte) || tokenizer.isDigit(byte)))
      }
    }
  }

  @Test func tokensCoverTheSourceLosslessly() throws {
    let text = "x = rb'\\'' + f\"{a['k']!r:>{w}}\" \\\n  + Rf'''a\n{b}''' # c\r\nif x:\n\ty = (1,\n 2e-3)\n"
    let tokens = try tokenize(text)
    let strings = tokens.filter { $0.kind == .string }.map(\.text)
    #expect(strings == ["rb'\\''", "f\"{a['k']!r:>{w}}\"", "Rf'''a\n{b}'''"])
    let blocks: [PythonToken.Kind] = tokens.map(\.kind).filter { $0 == .indent || $0 == .dedent }
    #expect(blocks == [.indent, .dedent])
    #expect(tokens.contains { $0.kind == .number && $0.text == "2e-3" })
    var rebuilt = Array(text.utf8)
    for token in tokens.reversed() { rebuilt.replaceSubrange(token.range, with: token.text.utf8) }
    #expect(rebuilt == Array(text.utf8))
    let newlines = tokens.filter { $0.kind == .newline }.map(\.text)
    #expect(newlines == ["\r\n", "\n", "\n"])
  }

  @Test func nestedSameQuotesInFString() throws {
    let tokens = try tokenize("x = f\"{d[\"k\"]:'>10}\"\n")
    #expect(tokens.filter { $0.kind == .string }.map(\.text) == ["f\"{d[\"k\"]:'>10}\""])
  }

  @Test func codingLineAndBOM() throws {
    let text = SourceText(
      path: "s.py", bytes: [0xEF, 0xBB, 0xBF] + Array("# -*- coding: latin-1 -*-\nx = 'caf\u{E9}'\n".utf8))
    #expect(PythonTokenizer.declaredEncoding(text) == "latin-1")
    #expect(try PythonTokenizer.tokenize(text).first?.range == 3..<28)
  }

  @Test func unterminatedTripleQuotedString() {
    #expect(
      refusal("DEBUG = True\nDOC = '''never\nclosed\n") == """
        settings.py:2:7: expected `'''` to close the triple-quoted string that starts here, found the end of the file; \
        close the string, then run optimize again
            DOC = '''never
                  ^
        """)
  }

  @Test func unterminatedString() {
    #expect(
      refusal("A = 'x\nB = 1\n") == """
        settings.py:1:5: expected `'` to close the string that starts here, found the end of line 1; \
        close the string, then run optimize again
            A = 'x
                ^
        """)
  }

  @Test func unbalancedBrackets() {
    #expect(
      refusal("APPS = [\n    'a',\n    ('b',\n") == """
        settings.py:3:5: expected `)` to close this `(`, found the end of the file; close the bracket, then run optimize again
                ('b',
                ^
        """)
    #expect(
      refusal("APPS = [\n    'a',\n)\n") == """
        settings.py:3:1: expected `]` to close the `[` at 1:8, found `)`; make the brackets match, then run optimize again
            )
            ^
        """)
    #expect(
      refusal("X = 1)\n") == """
        settings.py:1:6: expected an opening bracket before this `)`, found none; \
        remove the extra `)` or add its opening bracket, then run optimize again
            X = 1)
                 ^
        """)
  }

  @Test func badDedent() {
    #expect(
      refusal("if DEBUG:\n    A = 1\n  B = 2\n") == """
        settings.py:3:3: expected an indentation of 0 or 4 columns, to match an enclosing block, found 2 columns; \
        re-indent this line to match the block it belongs to, then run optimize again
              B = 2
              ^
        """)
  }

  @Test func unexpectedIndentAndMissingBlock() {
    #expect(
      refusal("A = 1\n    B = 2\n").hasPrefix(
        "settings.py:2:5: expected a statement at the indentation of its block, found an unexpected indent;"))
    #expect(
      refusal("if A:\nB = 2\n").hasPrefix(
        "settings.py:2:1: expected an indented block after the `:` on line 1, found a line that is not indented more;"
      ))
  }

  @Test(arguments: [
    ("A = 1\u{0}\n", "settings.py:1:6: expected Python source text, found a NUL byte;"),
    (
      "if A:\n        B = 1\n\tC = 2\n",
      "settings.py:3:2: expected indentation that means the same whatever the tab width"
    ),
    ("A = $\n", "settings.py:1:5: expected a Python token, found `$`;"),
    (
      "A = 1 \\ 2\n",
      "settings.py:1:7: expected a line break right after the line-continuation backslash, found ` `;"
    ),
    ("A = 1\rB = 2\n", "settings.py:1:6: expected LF or CRLF line breaks, found a lone CR;"),
  ])
  func otherRefusals(text: String, prefix: String) {
    let message = refusal(text)
    #expect(message.hasPrefix(prefix), "\(message)")
  }

  @Test func invalidUTF8IsRefused() {
    let source = SourceText(path: "s.py", bytes: Array("A = '".utf8) + [0xE9] + Array("'\n".utf8))
    #expect(throws: FormatError.self) { try PythonTokenizer.tokenize(source) }
  }

  @Test func planRefusesWhatDoesNotTokenize() {
    #expect(throws: FormatError.self) { try planBlock("X = '''open\n") }
  }
}
