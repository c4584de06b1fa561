import Foundation
import Testing

@testable import OptimizeCore

func verifyBlock(_ before: String, _ after: String, unconditional: Bool = false) -> String {
  do {
    try SettingsBlockEditor.verify(
      before: SourceText(path: "settings.py", string: before),
      after: SourceText(path: "settings.py", string: after),
      block: phaseOneBlock, unconditional: unconditional)
    return "verified"
  } catch {
    return "\(error)"
  }
}

@Suite struct SettingsBlockVerifyTests {
  let before = "import sys\nDEBUG = True\n"
  var good: String {
    before + "\n# BEGIN optimize phase-1\nif 'test' in sys.argv or 'pytest' in sys.modules:\n"
      + "    PASSWORD_HASHERS = [\n        \(md5),\n    ]\n# END optimize phase-1\n"
  }

  @Test func acceptsTheBlock() {
    #expect(verifyBlock(before, good) == "verified")
  }

  @Test func refusesAChangedOriginalByte() {
    let changed = good.replacingOccurrences(of: "DEBUG = True", with: "DEBUG = Fals")
    #expect(
      verifyBlock(before, changed).hasPrefix(
        "settings.py:2:9: expected the original bytes unchanged, found a change;"))
  }

  @Test func refusesAnotherGuardOrValueOrExtraStatement() {
    let guardChanged = good.replacingOccurrences(of: "'pytest'", with: "'unittest'")
    #expect(
      verifyBlock(before, guardChanged).hasPrefix(
        "settings.py:5:1: expected statement 1 of the block, found `if"))
    let valueChanged = good.replacingOccurrences(of: "MD5", with: "SHA1")
    #expect(verifyBlock(before, valueChanged).hasPrefix("settings.py:6:5: expected statement 2 of the block"))
    let extra = good + "X = 1\n"
    #expect(
      verifyBlock(before, extra).hasPrefix(
        "settings.py:10:1: expected the end of the block, found another statement;"))
    #expect(
      verifyBlock(before, before + "\n# BEGIN optimize phase-1\n").hasPrefix(
        "settings.py:5:1: expected the block's statements, found the end of the file"))
  }

  @Test func missingImportIsCaught() {
    let noSys = "DEBUG = True\n"
    let after = good.replacingOccurrences(of: before, with: noSys)
    #expect(
      verifyBlock(noSys, after).hasPrefix("settings.py:4:1: expected statement 1 of the block, found `if"))
  }

  @Test func python3HasTheLastWord() throws {
    try #require(PythonSyntaxCheck.python3 != nil, "python3 is not on PATH")
    // Our tokenizer accepts this; only a real parser refuses it.
    let broken = "import sys\nDEBUG = = True\n"
    let after = broken + good.dropFirst(before.count)
    #expect(
      verifyBlock(broken, after) == """
        settings.py:2:9: expected Python that `ast.parse` accepts, found python3's error "invalid syntax"; \
        fix the syntax error, then run optimize again
            DEBUG = = True
                    ^
        """)
  }
}

@Suite struct PythonStyleTests {
  @Test(arguments: [
    ("", "    ", "'"),
    ("A = [\n  'x',\n]\n", "  ", "'"),
    ("if A:\n\tB = \"x\"\n", "\t", "\""),
    ("if A:\n        B = 1\n", "        ", "'"),
    ("\"\"\"Doc.\"\"\"\nA = 'x'\n", "    ", "'"),
    ("A = \"x\"\nB = 'y'\n", "    ", "'"),
    ("A = (1,\n     2)\n", "    ", "'"),
  ])
  func detects(text: String, indent: String, quote: Character) throws {
    let style = PythonStyle(of: try PythonModule(source: SourceText(path: "s.py", string: text)))
    #expect(style.indent == indent)
    #expect(style.quote == quote)
  }

  @Test func requotesOnlyPlainStrings() throws {
    #expect(
      try SettingsBlockEditor.requote("'a' in b or f'x' == r'\\d' or 'it\\'s'", quote: "\"")
        == "\"a\" in b or f'x' == r'\\d' or \"it's\"")
  }
}
