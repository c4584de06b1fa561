import Testing

@testable import OptimizeCore

/// The lexer and builder tell operators, wrappers and reserved words apart by their bytes and length
/// before comparing names: these cover each name, and names that share its first bytes or length.
@Suite struct ShellByteChecksTests {
  @Test func readsEveryRedirectionOperator() throws {
    let script = "a <<<x <>y <&3 <z >>o >|p >&2 >q &>>r &>s 3<u 12>>v 2>&1"
    let command = try #require(try ShellScript.parse(script).commands.first)
    #expect(
      command.redirections.map(\.op) == [
        "<<<", "<>", "<&", "<", ">>", ">|", ">&", ">", "&>>", "&>", "3<", "12>>", "2>&",
      ])
    #expect(command.words.map(\.value) == ["a"])
  }

  @Test func readsHeredocsWithAndWithoutTabs() throws {
    let script = "cat <<-EOF\n\tbody\n\tEOF\ncat 2<<END >x\nEOF\nEND\necho done"
    let parsed = try ShellScript.parse(script)
    #expect(parsed.commands.map { $0.words.map(\.value) } == [["cat"], ["cat"], ["echo", "done"]])
    #expect(parsed.commands[1].redirections.map(\.op) == ["2<<", ">"])
  }

  @Test func skipsEachWrapperAndNoLookAlike() throws {
    let wrapped = [
      "time python a.py", "nice python a.py", "nohup python a.py", "exec python a.py",
      "timeout -s KILL 10 python a.py", "env A=1 python a.py", "uv run python a.py",
      "poetry run python a.py", "pipenv run python a.py", "pdm run python a.py",
      "docker compose run web python a.py", "docker-compose exec web python a.py",
      "docker run img python a.py",
    ]
    for script in wrapped {
      let launch = try #require(try ShellScript.parse(script).commands.first?.launch, "\(script)")
      #expect(!launch.prefix.isEmpty && launch.program?.word.value == "a.py", "\(script)")
    }
    for script in ["timer a.py", "pip a.py", "echo a.py", "nicer a.py", "uvx a.py", "dockerd a.py"] {
      let launch = try #require(try ShellScript.parse(script).commands.first?.launch, "\(script)")
      #expect(launch.prefix.isEmpty && launch.program?.word.value == String(script.prefix { $0 != " " }))
    }
  }

  @Test func skipsReservedWordsOnly() throws {
    let script = """
      if a; then b; elif c; then d; else e; fi
      while f; do g; done; until h; do i; done
      for x in 1 2; do j; done; select y in 1; do k; done
      case $z in l) m;; esac
      { n; }; ! o; function p() { q; }
      iff; fin; done2; elses; thenx; esac1; functions
      """
    let names = try ShellScript.parse(script).commands.map { $0.words.first?.value ?? "" }
    #expect(
      names == [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "m", "n", "o", "q",
        "iff", "fin", "done2", "elses", "thenx", "esac1", "functions",
      ])
  }

  @Test func followsCdAndExportButNotLookAlikes() throws {
    let script = "cd app\nce x\nexport A=1\nexpert B=2\npushd sub\nunset A\nuname\npopd\nls"
    let commands = try ShellScript.parse(script).commands
    #expect(
      commands[1].workingDirectory == commands[0].workingDirectory.changed(by: commands[0].words[1], line: 0))
    #expect(commands[3].environment == ["A": "1"])
    #expect(commands[6].environment.isEmpty)
    #expect(commands[8].workingDirectory != commands[6].workingDirectory)
  }
}
