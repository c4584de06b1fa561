import Testing

@testable import OptimizeCore

@Suite struct YAMLScalarEditorQuotedTests {
  @Test func singleQuotedDoublesQuotes() throws {
    let before = "steps:\n  - run: 'coverage run manage.py test -k ''slow'''\n    name: t\n"
    let spots = YAMLEditHarness.phaseOneFlags + [.end(" -e 'a'")]
    let after =
      "steps:\n  - run: 'coverage run --parallel-mode manage.py test --parallel=auto --keepdb -k ''slow'' -e ''a'''\n"
      + "    name: t\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func singleQuotedWithNewLineBecomesLiteral() throws {
    let before = "steps:\n  - run: 'coverage run manage.py test -k ''slow''' # q\n"
    let after =
      "steps:\n  - run: |- # q\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb -k 'slow'\n"
      + "      coverage combine\n"
    let spots: [Spot] = [
      .after("coverage run", " --parallel-mode"), .after("manage.py test", " --parallel=auto --keepdb"),
      .end("\ncoverage combine"),
    ]
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func singleQuotedOverTwoLines() throws {
    let before = "steps:\n  - run: 'coverage run\n      manage.py test'\n"
    let after =
      "steps:\n  - run: 'coverage run --parallel-mode\n      manage.py test --parallel=auto --keepdb'\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOneFlags) == after)
  }

  @Test func doubleQuotedEscapes() throws {
    let before = #"steps:\n  - run: "coverage run manage.py test --pattern=\"t_*.py\" C:\\x\té"\n"#
      .replacingEscapedNewlines()
    let spots = YAMLEditHarness.phaseOneFlags + [.end(#" --note="a\b""#)]
    let after =
      #"steps:\n  - run: "coverage run --parallel-mode manage.py test --parallel=auto --keepdb --pattern=\"t_*.py\" C:\\x\té --note=\"a\\b\""\n"#
      .replacingEscapedNewlines()
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func doubleQuotedWithNewLineBecomesLiteral() throws {
    let before = #"steps:\n  - run: "coverage run manage.py test \"a b\""\n    name: t\n"#
      .replacingEscapedNewlines()
    let after = """
      steps:
        - run: |-
            coverage run --parallel-mode manage.py test --parallel=auto --keepdb "a b"
            coverage combine
          name: t

      """
    let spots = YAMLEditHarness.phaseOneFlags + [.end("\ncoverage combine")]
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func doubleQuotedEscapedLineBreak() throws {
    let before = "steps:\n  - run: \"coverage run \\\n      manage.py test\"\n"
    let after =
      "steps:\n  - run: \"coverage run --parallel-mode \\\n      manage.py test --parallel=auto --keepdb\"\n"
    let spots: [Spot] = [
      .after("coverage run", " --parallel-mode"), .after("manage.py test", " --parallel=auto --keepdb"),
    ]
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func flowMappingStaysOnOneLine() throws {
    let before = "steps:\n  - { name: t, run: \"python manage.py test\" }\n  - { run: coverage report }\n"
    let flags =
      "steps:\n  - { name: t, run: \"python manage.py test --keepdb\" }\n  - { run: coverage report }\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end(" --keepdb")]) == flags)
    let line =
      "steps:\n  - { name: t, run: \"python manage.py test\\ncoverage combine\" }\n  - { run: coverage report }\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end("\ncoverage combine")]) == line)
  }

  @Test func plainInFlowMappingBecomesDoubleQuoted() throws {
    let before = "steps:\n  - { name: t, run: python manage.py test }\n"
    let line = "steps:\n  - { name: t, run: \"python manage.py test\\ncoverage combine\" }\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end("\ncoverage combine")]) == line)
    let comma = "steps:\n  - { name: t, run: \"python manage.py test --tags=a,b\" }\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end(" --tags=a,b")]) == comma)
  }

  @Test func offsetInsideACharacterIsRefused() throws {
    let document = try YAMLDocument(source: SourceText(path: "ci.yml", string: "run: \"é\"\n"))
    let scalar = try #require(YAMLEditHarness.findScalar(containing: "é", in: document))
    #expect(throws: FormatError.self) {
      try ScalarEditor.edits(
        for: scalar, in: document, insertions: [ValueInsertion(offset: 1, text: "x")], keyColumn: 0)
    }
  }
}

extension String {
  /// Turns the two characters `\n` into a line feed, for raw-string fixtures full of backslashes.
  func replacingEscapedNewlines() -> String {
    var result = ""
    var index = startIndex
    while index < endIndex {
      let next = self.index(after: index)
      if self[index] == "\\", next < endIndex, self[next] == "n",
        index == startIndex || self[self.index(before: index)] != "\\"
      {
        result.append("\n")
        index = self.index(after: next)
      } else {
        result.append(self[index])
        index = next
      }
    }
    return result
  }
}
