import Testing

@testable import OptimizeCore

@Suite struct ShellCommandEditorTests {
  private static let parallelMode = FlagRule(add: "--parallel-mode", presentIf: ["-p", "--parallel-mode"])
  private static let testFlags = [
    FlagRule(add: "--parallel=auto", presentIf: ["--parallel"]),
    FlagRule(add: "--keepdb", presentIf: ["--keepdb"]),
  ]

  /// Applies the flag insertions and a missing combine to every Django invocation in `script`.
  private func phaseOne(_ script: String) throws -> String {
    let parsed = try ShellScript.parse(script)
    var insertions: [ScriptInsertion] = []
    for invocation in parsed.testInvocations(runner: .django) {
      insertions += CommandEditor.insertions(
        for: invocation, coverageFlag: Self.parallelMode, testFlags: Self.testFlags)
      if case .missing(let combine) = CommandEditor.combineStep(after: invocation, in: parsed) {
        insertions.append(combine)
      }
    }
    let result = insertions.applied(to: script)
    try ShellScript.validate(result)
    return result
  }

  @Test(arguments: [
    (
      "coverage run manage.py test",
      "coverage run --parallel-mode manage.py test --parallel=auto --keepdb\ncoverage combine"
    ),
    (
      "python manage.py test --parallel 4 --keepdb",
      "python manage.py test --parallel 4 --keepdb"
    ),
    (
      "./manage.py test apps -v 2 --noinput --exclude-tag=slow",
      "./manage.py test --parallel=auto --keepdb apps -v 2 --noinput --exclude-tag=slow"
    ),
    (
      "coverage run -p manage.py test --parallel=auto\ncoverage combine\ncoverage xml\n",
      "coverage run -p manage.py test --keepdb --parallel=auto\ncoverage combine\ncoverage xml\n"
    ),
    (
      "python -W error -m coverage run manage.py test --keepdb\npython -m coverage report",
      "python -W error -m coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
        + "python -m coverage combine\npython -m coverage report"
    ),
    (
      "uv run coverage run --rcfile=ci.cfg manage.py test && uv run coverage report",
      "uv run coverage run --parallel-mode --rcfile=ci.cfg manage.py test --parallel=auto --keepdb && "
        + "uv run coverage combine --rcfile=ci.cfg && uv run coverage report"
    ),
    (
      "cd apps/api && poetry run coverage run manage.py test | tee test.log\npoetry run coverage html\n",
      "cd apps/api && poetry run coverage run --parallel-mode manage.py test --parallel=auto --keepdb | tee test.log\n"
        + "poetry run coverage combine\npoetry run coverage html\n"
    ),
    (
      "COVERAGE_FILE=.cov coverage run manage.py test",
      "COVERAGE_FILE=.cov coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
        + "COVERAGE_FILE=.cov coverage combine"
    ),
  ])
  func editsOneLineScripts(before: String, after: String) throws {
    #expect(try phaseOne(before) == after)
  }

  @Test func editsAWholeWorkflowScript() throws {
    let before = """
      # Tests for the café app ☕️🎉
      set -euo pipefail
      cd apps/api
      export DJANGO_SETTINGS_MODULE=config.settings.test
      if [ "${{ matrix.python }}" = "3.12" ]; then
        echo "newest python"
      fi
      cat <<EOF > .env
      coverage run manage.py test
      EOF
      coverage run \\
        --source=. --omit='*/migrations/*' \\
        manage.py test \\
        -v 2 --noinput --exclude-tag=slow | tee test.log  # keep output
      coverage report -m
      coverage xml

      """
    let after = """
      # Tests for the café app ☕️🎉
      set -euo pipefail
      cd apps/api
      export DJANGO_SETTINGS_MODULE=config.settings.test
      if [ "${{ matrix.python }}" = "3.12" ]; then
        echo "newest python"
      fi
      cat <<EOF > .env
      coverage run manage.py test
      EOF
      coverage run --parallel-mode \\
        --source=. --omit='*/migrations/*' \\
        manage.py test --parallel=auto --keepdb \\
        -v 2 --noinput --exclude-tag=slow | tee test.log  # keep output
      coverage combine
      coverage report -m
      coverage xml

      """
    #expect(try phaseOne(before) == after)
  }

  @Test func keepsIndentationInsideBlocks() throws {
    let before = """
      if [ -n "$CI" ]; then
        \tpython -m coverage run manage.py test --keepdb
      fi
      python -m coverage report
      """
    let after = """
      if [ -n "$CI" ]; then
        \tpython -m coverage run --parallel-mode manage.py test --parallel=auto --keepdb
        \tpython -m coverage combine
      fi
      python -m coverage report
      """
    #expect(try phaseOne(before) == after)
  }

  @Test func placesCombineAfterAHeredocOnTheSameLine() throws {
    let before = "coverage run manage.py test --keepdb --parallel && cat <<EOF\nbody\nEOF\ncoverage report\n"
    let after =
      "coverage run --parallel-mode manage.py test --keepdb --parallel && cat <<EOF\nbody\nEOF\n"
      + "coverage combine\ncoverage report\n"
    #expect(try phaseOne(before) == after)
  }

  @Test func keepsCRLFLineBreaks() throws {
    let before = "coverage run -p manage.py test --parallel --keepdb\r\ncoverage report\r\n"
    #expect(
      try phaseOne(before)
        == "coverage run -p manage.py test --parallel --keepdb\r\ncoverage combine\r\ncoverage report\r\n")
  }

  @Test func flagsInAnExpressionAreUnknown() throws {
    let script = "python manage.py test ${{ matrix.test-flags }} --keepdb"
    let invocation = try #require(try ShellScript.parse(script).testInvocations(runner: .django).first)
    let presence = CommandEditor.presence(of: Self.testFlags, in: invocation)
    #expect(presence[0] == .unknown(invocation.arguments[0]))
    #expect(presence[1] == .present(invocation.arguments[1]))
    #expect(
      CommandEditor.insertions(for: invocation, coverageFlag: Self.parallelMode, testFlags: Self.testFlags)
        .isEmpty)
  }

  @Test(arguments: [
    ("--parallel", true), ("--parallel=4", true), ("--parallel=auto", true), ("--parallel-mode", false),
    ("--parallelism", false), ("'--parallel'", true), ("--parallel=$N", true), ("--settings=$S", false),
  ])
  func recognisesFlagSpellings(argument: String, present: Bool) throws {
    let invocation = try #require(
      try ShellScript.parse("python manage.py test \(argument)").testInvocations(runner: .django).first)
    let presence = Self.testFlags[0].presence(in: invocation.arguments)
    #expect(presence == (present ? .present(invocation.arguments[0]) : .absent))
  }

  @Test func shellVariableArgumentsAreUnknown() throws {
    let words = try #require(try ShellScript.parse("x $TEST_ARGS").commands.first).words
    #expect(Self.testFlags[1].presence(in: Array(words.dropFirst())) == .unknown(words[1]))
  }

  @Test func combineAlreadyPresentOrNotNeeded() throws {
    let script =
      "coverage run manage.py test\necho ok\ncoverage combine\ncoverage report\npython manage.py test\n"
    let parsed = try ShellScript.parse(script)
    let invocations = parsed.testInvocations(runner: .django)
    guard case .present(let combine) = CommandEditor.combineStep(after: invocations[0], in: parsed) else {
      Issue.record("expected a present combine")
      return
    }
    #expect(combine.line == 2 && combine.subcommand == .combine)
    #expect(CommandEditor.combineStep(after: invocations[1], in: parsed) == .notNeeded)
  }

  @Test func reportBeforeCombineNeedsANewCombine() throws {
    let script = "coverage run -p manage.py test\ncoverage report\ncoverage combine\n"
    let parsed = try ShellScript.parse(script)
    let invocation = try #require(parsed.testInvocations(runner: .django).first)
    #expect(
      CommandEditor.combineStep(after: invocation, in: parsed)
        == .missing(ScriptInsertion(offset: 30, text: "\ncoverage combine")))
  }

  @Test func reportAfterOrOnTheSameLineIsManual() throws {
    let script = "coverage run manage.py test || coverage report"
    let parsed = try ShellScript.parse(script)
    let invocation = try #require(parsed.testInvocations(runner: .django).first)
    #expect(
      CommandEditor.combineStep(after: invocation, in: parsed)
        == .manual("the report on line 1 follows the tests after `||` on the same line"))
  }

  @Test func combineAfterASubshellIsManual() throws {
    let script = "(cd apps/api && coverage run manage.py test)\ncoverage report\n"
    let parsed = try ShellScript.parse(script)
    let invocation = try #require(parsed.testInvocations(runner: .django).first)
    #expect(invocation.workingDirectory == .relative("apps/api"))
    #expect(
      CommandEditor.combineStep(after: invocation, in: parsed)
        == .manual(
          "the tests on line 1 run in a `( … )` subshell that ends on the same line; "
            + "add `coverage combine` after it, in the folder the tests ran in"))
    let multiLine = "(\n  cd api\n  coverage run manage.py test\n)\n"
    #expect(
      try phaseOne(multiLine)
        == "(\n  cd api\n  coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
        + "  coverage combine\n)\n")
  }

  @Test func listsCoverageCommands() throws {
    let script =
      "coverage erase; python -m coverage combine --append\nuv run coverage xml -o c.xml && coverage html"
    let commands = try ShellScript.parse(script).coverageCommands()
    #expect(commands.map(\.subcommand) == [.erase, .combine, .xml, .html])
    #expect(commands.map(\.line) == [0, 0, 1, 1])
    #expect(commands[2].prefix == ["uv", "run"] && commands[2].options.map(\.value) == ["-o", "c.xml"])
    #expect(commands[3].precedingSeparator == .and)
  }

  @Test func aBareFlagNeverPrecedesATestLabel() throws {
    // Before Django 4.0 the plan writes a bare `--parallel`, whose optional value would be the label.
    let bare = [FlagRule(add: "--parallel", presentIf: ["--parallel"])]
    for (script, expected) in [
      ("python manage.py test apps/ --keepdb", "python manage.py test apps/ --keepdb --parallel"),
      ("python manage.py test --keepdb apps/", "python manage.py test --parallel --keepdb apps/"),
      ("python manage.py test", "python manage.py test --parallel"),
    ] {
      let invocation = try #require(try ShellScript.parse(script).testInvocations(runner: .django).first)
      let insertions = CommandEditor.insertions(for: invocation, coverageFlag: nil, testFlags: bare)
      #expect(insertions.applied(to: script) == expected)
    }
  }
}
