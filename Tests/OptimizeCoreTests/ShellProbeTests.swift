import Testing

@testable import OptimizeCore

/// `ShellScript.anyCommand` reads a script without keeping its commands; the workflow scanner
/// parses a script only when it says one of them matters. It must agree with the parsed commands.
@Suite struct ShellProbeTests {
  private static let handWritten = [
    "python manage.py test", "coverage run manage.py test\ncoverage combine", "make test",
    "./scripts/ci.sh --fast", "bash ci.sh", "uv run python manage.py test --parallel",
    "docker compose run --rm web python manage.py test", "A=1 B=2", "A=1 python -c 'print(1)'",
    "echo 'python manage.py test'", "cat <<EOF\npython manage.py test\nEOF\necho done",
    "if true; then\n  cd app\nfi\npython manage.py test", "(cd app && make test)",
    "f() { python manage.py test; }", "echo \"unterminated", "echo $(python manage.py test",
    "python manage.py test\necho \"unterminated", "python -m coverage combine", "tox -e py312",
    "py\"thon\" manage.py te\\\nst", "case $x in a) make test;; esac", "echo ${{ matrix.cmd }}",
  ]

  /// Fragments that random scripts are made of: commands that matter and do not, quotes, operators,
  /// reserved words, heredocs, continuations and constructs left open.
  private static let fragments = [
    "python", "python3", "-m", "coverage", "run", "combine", "manage.py", "test", "manage", "make",
    "./x.sh", "bash", "echo", "pip", "install", "A=1", "env", "uv", "docker", "compose", "exec", "web",
    "'q t'", "\"d $X\"", "$(", ")", "(", "|", "&&", "||", ";", "\n", "<<EOF", "EOF", "#c", "\\\n",
    "if", "then", "fi", "for", "in", "do", "done", "{", "}", "`", "${{ x }}", "-c", ">", "2>&1", "f()",
  ]

  private static let tests: [(name: String, test: @Sendable (ProgramLaunch?) -> Bool)] = [
    (
      "what the workflow scanner asks",
      { launch in
        TestRunner.django.mayMatch(launch) || IndirectionScanner.mayLead(launch)
          || launch?.coverageSubcommand != nil
      }
    ),
    ("a program", { $0?.program != nil }),
    ("no launch", { $0 == nil }),
    ("python", { $0?.python != nil }),
    ("nothing", { _ in false }),
  ]

  @Test func agreesWithTheParsedCommands() {
    var seed: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    let random = (0..<1_500).map { _ in
      (0...next(14)).map { _ in Self.fragments[next(Self.fragments.count)] }.joined(separator: " ")
    }
    var outcomes: [String: Int] = [:]
    for script in Self.handWritten + random {
      let parsed = try? ShellScript.parse(script)
      for (name, test) in Self.tests {
        let found = parsed?.commands.contains { test($0.launch) }
        switch Result(catching: { try ShellScript.anyCommand(in: script, launches: test) }) {
        case .failure:
          #expect(parsed == nil, "\(name): \(script.debugDescription) fails to lex only when probed")
          outcomes["throws", default: 0] += 1
        case .success(false):
          #expect(found == false, "\(name): \(script.debugDescription)")
          outcomes["no", default: 0] += 1
        case .success(true):
          // The probe stops at the first command that passes: a later unclosed quote fails only the parse.
          #expect(found != false, "\(name): \(script.debugDescription)")
          outcomes[found == nil ? "yes, then fails" : "yes", default: 0] += 1
        }
      }
    }
    // Every outcome happens often enough for the comparison to mean something.
    for outcome in ["throws", "no", "yes", "yes, then fails"] {
      #expect(outcomes[outcome, default: 0] >= 20, "\(outcome): \(outcomes)")
    }
  }
}
