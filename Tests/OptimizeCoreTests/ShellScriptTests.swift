import Testing

@testable import OptimizeCore

@Suite struct ShellScriptTests {
  private func commandWords(_ script: String) throws -> [[String]] {
    try ShellScript.parse(script).commands.map { $0.words.map(\.value) }
  }

  @Test func splitsWordsWithQuotesAndEscapes() throws {
    let script = #"echo 'a b' "c \"d\" \$e \\ f" g\ h x"y"'z' $(date +%s) `pwd` ${HOME}/x"#
    let command = try #require(try ShellScript.parse(script).commands.first)
    #expect(
      command.words.map(\.value) == [
        "echo", "a b", #"c "d" $e \ f"#, "g h", "xyz", "$(date +%s)", "`pwd`", "${HOME}/x",
      ])
    #expect(command.words[2].text == #""c \"d\" \$e \\ f""#)
    #expect(command.words[5].hasExpansion && !command.words[2].hasExpansion)
    #expect(command.words[7].literalPrefix == "")
  }

  @Test func wordRangesAreUTF8ByteOffsets() throws {
    let script = "echo 'é🎉' && python manage.py test"
    let commands = try ShellScript.parse(script).commands
    let test = try #require(commands.last?.words.last)
    #expect(test.range == 34..<38)
    #expect(Array(script.utf8)[test.range].elementsEqual("test".utf8))
    #expect(commands[0].words[1].range == 5..<13)
  }

  @Test func githubExpressionIsOneWordEvenWithSpacesAndQuotes() throws {
    let script = "python${{ matrix.python }} -c ${{ format('{0} x', matrix.os) }} 'a${{ x == 'y' }}b'\n"
    let words = try #require(try ShellScript.parse(script).commands.first).words
    #expect(
      words.map(\.text) == [
        "python${{ matrix.python }}", "-c", "${{ format('{0} x', matrix.os) }}", "'a${{ x == 'y' }}b'",
      ])
    #expect(words.allSatisfy { $0.hasExpression } == false)
    #expect(words[2].hasExpression && words[2].literalPrefix.isEmpty)
    #expect(words[3].value == "a${{ x == 'y' }}b" && words[3].literalPrefix == "a")
  }

  @Test func continuationsJoinLinesIntoOneCommand() throws {
    let script = "coverage run \\\n  --source=. \\\n  manage.py test\necho done\n"
    let parsed = try ShellScript.parse(script)
    #expect(
      parsed.commands.map { $0.words.map(\.value) } == [
        ["coverage", "run", "--source=.", "manage.py", "test"], ["echo", "done"],
      ])
    #expect(parsed.commands[0].line == 0 && parsed.commands[1].line == 3)
    #expect(parsed.commands[0].logicalLineEnd == script.utf8.count - "\necho done\n".utf8.count)
  }

  @Test func splitsAtOperatorsAndKeepsThem() throws {
    let script = "a && b || c; d | tee log & e |& f\ng"
    let commands = try ShellScript.parse(script).commands
    #expect(commands.map { $0.words.first?.value } == ["a", "b", "c", "d", "tee", "e", "f", "g"])
    #expect(
      commands.map(\.separator) == [.and, .or, .semicolon, .pipe, .background, .pipeAll, .newline, .end])
    #expect(commands[4].precedingSeparator == .pipe)
  }

  @Test func skipsCommentsAndReservedWords() throws {
    let script = """
      # python manage.py test
      set -euo pipefail  # strict
      if [ -f x ]; then
        echo a#b
      elif true; then echo c; else echo d; fi
      for i in 1 2; do echo $i; done
      while read -r line; do :; done < file
      case "$x" in
        a|b) echo ab ;;
        (c) echo c ;;
      esac
      { echo g; }
      ( echo h )
      ! false
      """
    #expect(
      try commandWords(script) == [
        ["set", "-euo", "pipefail"], ["[", "-f", "x", "]"], ["echo", "a#b"], ["true"], ["echo", "c"],
        ["echo", "d"], ["echo", "$i"], ["read", "-r", "line"], [":"], ["echo", "ab"], ["echo", "c"],
        ["echo", "g"], ["echo", "h"], ["false"],
      ])
  }

  @Test func heredocBodiesAreNotCommands() throws {
    let script = """
      cat <<EOF > settings.py
      python manage.py test
      EOF
      cat <<-'END'
      \tcoverage run manage.py test
      \tEND
      echo after
      """
    let parsed = try ShellScript.parse(script)
    #expect(parsed.commands.map { $0.words.map(\.value) } == [["cat"], ["cat"], ["echo", "after"]])
    #expect(parsed.commands[0].redirections.map(\.op) == ["<<", ">"])
    let firstHeredocEnd =
      script.utf8.count - "\ncat <<-'END'\n\tcoverage run manage.py test\n\tEND\necho after".utf8.count
    #expect(parsed.commands[0].logicalLineEnd == firstHeredocEnd)
  }

  @Test func hereStringsAndANSIQuotesAreWords() throws {
    let script = "grep -q x <<< \"$v\"\necho $'it\\'s' done\npython manage.py test\n"
    let commands = try ShellScript.parse(script).commands
    #expect(
      commands.map { $0.words.map(\.value) } == [
        ["grep", "-q", "x"], ["echo", "it\\'s", "done"], ["python", "manage.py", "test"],
      ])
    #expect(commands[0].redirections.map(\.op) == ["<<<"])
  }

  @Test func redirectionsAreNotArguments() throws {
    let command = try #require(try ShellScript.parse("python manage.py test 2>&1 >> out.log").commands.first)
    #expect(command.words.map(\.value) == ["python", "manage.py", "test"])
    #expect(command.redirections.map { $0.op + ($0.target?.value ?? "") } == ["2>&1", ">>out.log"])
    #expect(command.range == 0..<37)
  }

  @Test func assignmentsAndExportsFormTheEnvironment() throws {
    let script = """
      export DJANGO_SETTINGS_MODULE=app.settings.ci A="x y"
      B=1 C='2' python -V
      unset A
      echo
      """
    let commands = try ShellScript.parse(script).commands
    #expect(commands[1].assignments.map(\.text) == ["B=1", "C='2'"])
    #expect(commands[1].words.map(\.value) == ["python", "-V"])
    #expect(
      commands[1].environment == [
        "DJANGO_SETTINGS_MODULE": "app.settings.ci", "A": "x y", "B": "1", "C": "2",
      ])
    #expect(commands[3].environment == ["DJANGO_SETTINGS_MODULE": "app.settings.ci"])
  }

  @Test(arguments: [
    ("cd apps && cd api\nx", WorkingDirectory.relative("apps/api")),
    ("cd ./apps/\ncd api/../web\nx", .relative("apps/web")),
    ("cd apps\ncd ..\nx", .unchanged),
    ("cd /srv/app\ncd api\nx", .absolute("/srv/app/api")),
    ("cd\nx", .unknown("`cd` without a folder on line 1 goes home")),
    ("cd -\nx", .unknown("`cd -` on line 1 depends on the shell's state")),
    ("cd $APP_DIR\nx", .unknown("`cd $APP_DIR` on line 1 depends on an expansion")),
    ("cd \"${{ inputs.dir }}\"\nx", .unknown("`cd \"${{ inputs.dir }}\"` on line 1 depends on an expansion")),
    ("(cd apps && make)\nx", .unchanged),
    ("if true; then cd apps; fi\nx", .unknown("a `cd` inside a conditional or loop that ends on line 1")),
    ("{ cd apps; }\nx", .relative("apps")),
    ("cd apps | cat\nx", .unchanged),
    ("cd 'my apps' || exit 1\nx", .relative("my apps")),
  ])
  func tracksWorkingDirectory(script: String, expected: WorkingDirectory) throws {
    let last = try #require(try ShellScript.parse(script).commands.last)
    #expect(last.words.map(\.value) == ["x"])
    #expect(last.workingDirectory == expected)
  }

  @Test func sameLineCdAppliesToTheCommandAfterIt() throws {
    let commands = try ShellScript.parse("cd apps/api && python manage.py test").commands
    #expect(commands[0].workingDirectory == .unchanged)
    #expect(commands[1].workingDirectory == .relative("apps/api"))
  }

  @Test(arguments: [
    ("echo 'abc", ShellError.unterminatedSingleQuote(offset: 5)),
    ("echo ok\necho \"abc", .unterminatedDoubleQuote(offset: 13)),
    ("x=$(date", .unterminatedCommandSubstitution(offset: 2)),
    ("echo `pwd", .unterminatedBacktick(offset: 5)),
    ("echo ${HOME", .unterminatedParameterExpansion(offset: 5)),
    ("echo ${{ matrix.x }", .unterminatedExpression(offset: 5)),
    ("cat <<", .missingHeredocDelimiter(offset: 4)),
    ("echo \"$(echo ')\"", .unterminatedSingleQuote(offset: 13)),
  ])
  func rejectsUnterminatedConstructs(script: String, error: ShellError) {
    #expect(throws: error) { try ShellScript.parse(script) }
    #expect(throws: error) { try ShellScript.validate(script) }
  }

  @Test func errorTextSaysWhatToDo() {
    #expect(
      ShellError.unterminatedDoubleQuote(offset: 13).description
        == "byte 13: expected a closing `\"`, found the end of the script; "
        + "close it in the script (the shell would reject it too), then run optimize again")
  }

  @Test func validateAcceptsNestedConstructs() throws {
    try ShellScript.validate("echo \"$(echo \"inner ) (\" `date`)\" ${X:-$(pwd)} $((1 + (2)))\n")
  }
}
