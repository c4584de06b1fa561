/// Finds the test commands inside a shell script of the repository that a workflow step runs
/// (`./scripts/test.sh`, `bash scripts/ci.sh`, `./dev ci test_general`).
struct ScriptScanner {
  let repository: Repository
  let runner: TestRunner

  /// The test steps of the script at `path` (as written in the command), run from `caller` with
  /// `arguments`, which are what `"$@"` and `$*` hold inside it.
  func scan(_ path: String, arguments: [ShellWord], caller: CallerFrame) -> ScanResult {
    guard let base = caller.directory, let file = try? repository.join(base, path), repository.isFile(file),
      let source = try? repository.read(file), Self.isShell(source)
    else { return ScanResult() }
    let text = String(decoding: source.bytes, as: UTF8.self)
    guard let script = try? ShellScript.parse(text) else {
      return ScanResult(manual: [
        UneditableTest(
          location: SourceLocation(path: file, line: 1, column: 1),
          reason: "\(caller.via) runs this script, which optimize cannot split into shell words; "
            + "check it for `manage.py test` and add the flags by hand", command: nil)
      ])
    }
    let place = CommandPlace.lines(start: 0, text: text, kind: .script, map: nil)
    let environment = caller.environment.merging(caller.assignments) { $1 }
    let passed = [arguments.map(\.text).joined(separator: " ")]
    let values = ["$@": passed, "$*": passed]
    return ScanResult(
      steps: script.testInvocations(runner: runner).map { invocation in
        caller.step(
          file: file, source: source, place: place, invocation: invocation, base: base,
          environment: environment, laterCombines: false, repository: repository, expressionValues: values)
      })
  }

  /// Whether the file is a shell script: a `sh`-family shebang, or a `.sh` name without a shebang.
  static func isShell(_ source: SourceText) -> Bool {
    let first = source.lineText(0)
    guard first.hasPrefix("#!") else { return source.path.hasSuffix(".sh") }
    let interpreter = first.dropFirst(2).split(separator: " ").map(String.init)
    let name = interpreter.first?.split(separator: "/").last.map(String.init) ?? ""
    let program = name == "env" ? interpreter.dropFirst().first { !$0.hasPrefix("-") } ?? "" : name
    return ["sh", "bash", "dash", "zsh", "ksh"].contains(program)
  }
}
