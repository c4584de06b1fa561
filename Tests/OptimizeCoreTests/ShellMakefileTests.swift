import Testing

@testable import OptimizeCore

/// Makefile reading, Make variable expansion with its way back to the written bytes, and the
/// verification of edited shell lines.
@Suite struct ShellMakefileTests {
  private func makefile(_ text: String) -> Makefile {
    Makefile.parse(SourceText(path: "Makefile", string: text))
  }

  @Test func rulesRecipesPrefixesAndContinuations() {
    let text = """
      # build
      .PHONY: test
      test: lint db
      \t@echo "x"
      # a comment between recipe lines

      \t-@python manage.py test \\
      \t\t--noinput
      lint:
      \truff check .

      """
    let parsed = makefile(text)
    #expect(parsed.rules.map(\.targets) == [[".PHONY"], ["test"], ["lint"]])
    let test = parsed.rule(for: "test")
    #expect(test?.prerequisites == ["lint", "db"])
    #expect(test?.recipe.map(\.prefix) == ["@", "-@"])
    #expect(test?.recipe[1].text == "python manage.py test \\\n\t\t--noinput")
    #expect(test?.recipe[1].line == 6)
    let start = test?.recipe[1].start ?? 0
    #expect(Array(text.utf8)[start..<(start + 6)].elementsEqual("python".utf8))
    #expect(parsed.defaultGoal == "test")
  }

  @Test func variablesAndSpecialLines() {
    let parsed = makefile(
      """
      PYTHON ?= python3
      PYTHON ?= python2
      FLAGS = -v
      FLAGS += 2
      export SETTINGS := site.test
      test: SETTINGS = other
      define BLOCK
      fake: target
      endef
      ifeq ($(CI),true)
      ci:
      \tmake test
      endif

      """)
    #expect(parsed.variables["PYTHON"] == "python3")
    #expect(parsed.variables["FLAGS"] == "-v 2")
    #expect(parsed.variables["SETTINGS"] == "site.test")
    #expect(parsed.rules.map(\.targets) == [["ci"]])
    #expect(parsed.rule(for: "ci")?.recipe.map(\.text) == ["make test"])
  }

  @Test func expansionMapsBackToTheWrittenBytes() {
    let written = "$(PY) ${MANAGE} test $$HOME $(shell date) $(MISSING)"
    let map = OffsetMap.expandingMake(
      written, variables: ["PY": "$(BIN)/python", "BIN": ".venv/bin", "MANAGE": "manage.py"])
    #expect(map.expanded == ".venv/bin/python manage.py test $HOME $(shell date) $(MISSING)")
    let test = map.expanded.utf8.count - " $HOME $(shell date) $(MISSING)".utf8.count
    #expect(map.original(test) == written.utf8.count - " $$HOME $(shell date) $(MISSING)".utf8.count)
    #expect(map.original(0) == 0)
    #expect(map.original(".venv/bin/python".utf8.count) == "$(PY)".utf8.count)
    #expect(map.original(3) == nil)
    #expect(map.original(0..<".venv/bin/python".utf8.count) == 0..<5)
  }

  @Test func selfReferenceDoesNotLoop() {
    let map = OffsetMap.expandingMake("$(A) test", variables: ["A": "$(A) x"])
    #expect(map.expanded == "$(A) x test")
  }

  @Test func makeArguments() {
    let words = ["-C", "backend", "-j4", "--file=ci.mk", "TEST_DB=x", "test", "ci"].enumerated().map {
      ShellWord(text: $0.element, value: $0.element, range: $0.offset..<($0.offset + 1))
    }
    let call = MakeCall(words)
    #expect(call?.directory == "backend")
    #expect(call?.file == "ci.mk")
    #expect(call?.variables == ["TEST_DB": "x"])
    #expect(call?.targets == ["test", "ci"])
  }

  private let before = "test:\n\tpython manage.py test\n\tcoverage report\n"
  private var unit: ShellLinesUnit {
    ShellLinesUnit(
      start: 7, old: "python manage.py test", new: "python manage.py test --keepdb\n\tcoverage combine",
      kind: .makefile)
  }

  @Test func verifierAcceptsTheIntendedLines() throws {
    let after = "test:\n\tpython manage.py test --keepdb\n\tcoverage combine\n\tcoverage report\n"
    try ShellLinesVerifier.verify(
      before: SourceText(path: "Makefile", string: before),
      after: SourceText(path: "Makefile", string: after),
      units: [unit])
  }

  @Test(arguments: [
    // A change outside the edited line.
    "test:\n\tpython manage.py test --keepdb\n\tcoverage combine\n\tcoverage html\n",
    // The edited line no longer lexes.
    "test:\n\tpython manage.py test --keepdb '\n\tcoverage combine\n\tcoverage report\n",
  ])
  func verifierRejects(after: String) {
    var unit = self.unit
    if after.contains("'") { unit.new = "python manage.py test --keepdb '\n\tcoverage combine" }
    #expect(throws: FormatError.self) {
      try ShellLinesVerifier.verify(
        before: SourceText(path: "Makefile", string: before),
        after: SourceText(path: "Makefile", string: after),
        units: [unit])
    }
  }

  @Test func verifierRejectsARecipeLineWithoutItsTab() {
    let after = "test:\n\tpython manage.py test\ncoverage combine:\n\tcoverage report\n"
    let unit = ShellLinesUnit(
      start: 7, old: "python manage.py test", new: "python manage.py test\ncoverage combine:", kind: .makefile
    )
    #expect(throws: FormatError.self) {
      try ShellLinesVerifier.verify(
        before: SourceText(path: "Makefile", string: before),
        after: SourceText(path: "Makefile", string: after),
        units: [unit])
    }
  }
}
