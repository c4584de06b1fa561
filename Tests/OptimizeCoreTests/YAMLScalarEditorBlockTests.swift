import Testing

@testable import OptimizeCore

@Suite struct YAMLScalarEditorBlockTests {
  @Test func literalWithCommentsAndBlankLines() throws {
    let before = """
      jobs:
        test:
          steps:
            - name: Test
              run: |
                # set up
                pip install -r requirements.txt

                coverage run manage.py test
                coverage report
            - run: echo done

      """
    let after = """
      jobs:
        test:
          steps:
            - name: Test
              run: |
                # set up
                pip install -r requirements.txt

                coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                coverage combine
                coverage report
            - run: echo done

      """
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func literalStripAtEndOfFileWithoutNewline() throws {
    let before = "steps:\n  - run: |-\n      coverage run manage.py test"
    let after =
      "steps:\n  - run: |-\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func literalKeepWithTrailingBlankLines() throws {
    let before = "steps:\n  - run: |+\n      coverage run manage.py test\n\n\n  - run: next\n"
    let after =
      "steps:\n  - run: |+\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine\n\n\n  - run: next\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func literalNewLineAtTheEndOfTheValue() throws {
    let before = "steps:\n  - run: |\n      coverage run manage.py test\n\n  - run: next\n"
    let after =
      "steps:\n  - run: |\n      coverage run manage.py test\n      coverage combine\n\n  - run: next\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end("coverage combine\n")]) == after)
  }

  @Test func literalTwoSpacesBeforeIndicatorTabsAndTrailingSpaces() throws {
    let before = "steps:\n  - run:  |\n      coverage run manage.py test  \n      echo \"a\tb\"\n"
    let after =
      "steps:\n  - run:  |\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine  \n      echo \"a\tb\"\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func literalWithIndentationIndicator() throws {
    let before = "steps:\n  - run: |2\n        coverage run manage.py test\n      echo\n"
    let after =
      "steps:\n  - run: |2\n        coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine\n      echo\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func literalCRLFAndBOM() throws {
    let text = "steps:\r\n  - run: |\r\n      coverage run manage.py test\r\n      coverage report\r\n"
    let expected =
      "steps:\r\n  - run: |\r\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\r\n"
      + "      coverage combine\r\n      coverage report\r\n"
    let after = try YAMLEditHarness.edit(
      bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), scalarContaining: "manage", YAMLEditHarness.phaseOne)
    #expect(after == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
  }

  @Test func foldedCommandOverTwoLines() throws {
    let before = "steps:\n  - run: >\n      coverage run\n      manage.py test\n    name: t\n"
    let after =
      "steps:\n  - run: >\n      coverage run --parallel-mode\n      manage.py test --parallel=auto --keepdb\n\n"
      + "      coverage combine\n    name: t\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func foldedWithCommentFallsBackToLiteral() throws {
    let before =
      "steps:\n  - run: > # runs the suite\n      coverage run\n      manage.py test\n    name: t\n"
    let after =
      "steps:\n  - run: | # runs the suite\n      coverage run --parallel-mode manage.py test\n"
      + "      coverage combine\n    name: t\n"
    let spots: [Spot] = [.after("coverage run", " --parallel-mode"), .end("coverage combine\n")]
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == after)
  }

  @Test func foldedMoreIndentedLinesKeepTheirBreaks() throws {
    let before = "steps:\n  - run: >-\n      coverage run\n        manage.py test\n      echo\n"
    let after =
      "steps:\n  - run: >-\n      coverage run --parallel-mode\n        manage.py test --parallel=auto --keepdb\n"
      + "      echo\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOneFlags) == after)
  }

  @Test func nonASCIIInsideALiteralBlock() throws {
    let before = "steps:\n  - run: |\n      echo 日本 é\n      coverage run manage.py test # 日本\n"
    let after =
      "steps:\n  - run: |\n      echo 日本 é\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine # 日本\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func textAfterTheLastBreakWithoutItsOwnLineIsRefused() throws {
    let yaml = "steps:\n  - run: |\n      coverage run manage.py test\n"
    let document = try YAMLDocument(source: SourceText(path: "ci.yml", string: yaml))
    let scalar = try #require(YAMLEditHarness.findScalar(containing: "manage", in: document))
    let insertion = ValueInsertion(offset: scalar.value.utf8.count, text: "coverage combine")
    let error = try #require(throws: FormatError.self) {
      try ScalarEditor.edits(for: scalar, in: document, insertions: [insertion], keyColumn: 4)
    }
    #expect(error.location == SourceLocation(path: "ci.yml", line: 2, column: 10))
    #expect(error.fix.hasPrefix("manual: change it by hand"))
    #expect(error.description.contains("needs a new line of its own"))
  }
}
