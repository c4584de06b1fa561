import Foundation

/// Recognises workflow commands that run the Django tests somewhere optimize does not edit, and
/// names that place: npm or gulp scripts, taskipy tasks, tox or nox, a console entry point instead of
/// `manage.py`, a container's entrypoint.
///
/// Each is reported only with evidence (the place's text runs `manage.py test`, or the command is
/// `NAME test` for a declared entry point), so JavaScript tests and the like are left alone.
struct ElsewhereScanner {
  let repository: Repository
  let runner: TestRunner

  /// The uneditable test commands `launch` reaches; `makeCaller` builds what the command hands on,
  /// only for a command that may lead somewhere.
  func places(_ launch: ProgramLaunch, caller makeCaller: () -> CallerFrame) -> [UneditableTest] {
    guard let program = launch.program?.word, launch.python == nil, launch.coverageLauncher.isEmpty else {
      return []
    }
    let tool = program.basename
    let inContainer = Self.runsInContainer(launch)
    guard inContainer || Self.isTaskRunner(tool) || launch.arguments.first?.value == "test" else { return [] }
    let caller = makeCaller()
    let folder = caller.directory ?? ""
    let arguments = launch.arguments.map(\.value)
    if inContainer {
      return container(program: program.value, arguments: arguments, caller: caller)
    }
    switch tool {
    case "npm", "yarn", "pnpm":
      var name = arguments.first { !$0.hasPrefix("-") } ?? "test"
      if ["run", "run-script"].contains(name) {
        name = arguments.dropFirst().first { !$0.hasPrefix("-") } ?? ""
      }
      if name == "t" || name == "tst" { name = "test" }
      return npmScript(name, tool: tool, folder: folder, caller: caller)
    case "gulp":
      return firstLine(
        in: ["gulpfile.js", "gulpfile.mjs", "gulpfile.ts", "gulpfile.babel.js"], folder: folder,
        what: "the gulp task run by \(caller.via)")
    case "task":
      return taskipy(arguments.first ?? "", folder: folder, caller: caller)
    case "tox":
      return firstLine(
        in: ["tox.ini", "setup.cfg", "pyproject.toml"], folder: folder, what: "tox, run by \(caller.via),")
    case "nox":
      return firstLine(in: ["noxfile.py"], folder: folder, what: "the nox session run by \(caller.via)")
    default:
      guard arguments.first == "test", !tool.contains("/"), let declaration = entryPoint(tool, folder: folder)
      else { return [] }
      return [
        UneditableTest(
          location: caller.place,
          reason: "`\(tool)` is a console entry point (declared at \(declaration)), not manage.py; "
            + "optimize does not edit it: add the flags after `test` in \(caller.via)", command: nil)
      ]
    }
  }

  /// Whether a wrapper word runs the program in a container (`docker compose run web …`).
  private static func runsInContainer(_ launch: ProgramLaunch) -> Bool {
    launch.prefix.contains {
      switch $0.value {
      case "docker", "docker-compose", "podman": return true
      default: return false
      }
    }
  }

  /// The tools whose tasks `places` looks up: every other program leads somewhere only as `NAME test`.
  private static func isTaskRunner(_ tool: String) -> Bool {
    switch tool {
    case "npm", "yarn", "pnpm", "gulp", "task", "tox", "nox": return true
    default: return false
    }
  }

  private func npmScript(_ name: String, tool: String, folder: String, caller: CallerFrame)
    -> [UneditableTest]
  {
    let path = join(folder, "package.json")
    guard let source = try? repository.read(path),
      let object = try? JSONSerialization.jsonObject(with: Data(source.bytes)) as? [String: Any],
      let scripts = object["scripts"] as? [String: Any], let command = scripts[name] as? String,
      runsTests(command)
    else { return [] }
    let line = lineIndex(in: source) { $0.contains("\"\(name)\"") && $0.contains("manage.py") } ?? 0
    return [
      UneditableTest(
        location: SourceLocation(path: path, line: line + 1, column: 1),
        reason: "the \(tool) script `\(name)`, run by \(caller.via), runs the tests; optimize does not edit "
          + "package.json", command: command)
    ]
  }

  private func taskipy(_ name: String, folder: String, caller: CallerFrame) -> [UneditableTest] {
    for path in [join(folder, "pyproject.toml"), "pyproject.toml"] {
      guard let source = try? repository.read(path) else { continue }
      var inTasks = false
      for line in source.lineStarts.indices {
        let text = source.lineText(line).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") { inTasks = text == "[tool.taskipy.tasks]" }
        guard inTasks,
          text.hasPrefix(name + " ") || text.hasPrefix(name + "=") || text.hasPrefix("\"\(name)\"")
        else { continue }
        guard let command = quoted(in: text, containing: "manage.py"), runsTests(command) else { return [] }
        return [
          UneditableTest(
            location: SourceLocation(path: path, line: line + 1, column: 1),
            reason:
              "the taskipy task `\(name)`, run by \(caller.via), runs the tests; optimize does not edit "
              + "[tool.taskipy.tasks]", command: command)
        ]
      }
    }
    return []
  }

  private func container(program: String, arguments: [String], caller: CallerFrame) -> [UneditableTest] {
    let words = [program] + arguments
    guard
      words.contains(where: {
        $0 == "test" || $0 == "tests" || $0.hasSuffix("test.sh") || $0.hasSuffix("tests.sh")
      }),
      !words.contains(where: { $0.hasSuffix("pytest") })
    else { return [] }
    let candidates = repository.list(caller.directory ?? "").filter {
      $0.hasPrefix("Dockerfile") || $0.hasPrefix("docker-compose") || $0.hasPrefix("compose.")
        || $0.hasPrefix("entrypoint") || $0.hasPrefix("docker-entrypoint")
    }
    let found = firstLine(in: candidates, folder: caller.directory ?? "", what: "the container's entrypoint")
    let place = found.first?.location ?? caller.place
    return [
      UneditableTest(
        location: place,
        reason: "\(caller.via) runs the tests through the container's entrypoint or image command; "
          + "optimize does not edit it: add the flags where the container runs `manage.py test`",
        command: found.first?.command)
    ]
  }

  /// The first line of the first of `files` that runs the tests.
  private func firstLine(in files: [String], folder: String, what: String) -> [UneditableTest] {
    for name in files {
      let path = join(folder, name)
      guard let source = try? repository.read(path),
        let line = lineIndex(in: source, where: { $0.contains("manage.py") && $0.contains("test") })
      else { continue }
      let text = source.lineText(line)
      let command = quoted(in: text, containing: "manage.py") ?? commandText(text)
      return [
        UneditableTest(
          location: SourceLocation(path: path, line: line + 1, column: 1),
          reason: "\(what) runs the tests here; optimize does not edit \(name)", command: command)
      ]
    }
    return []
  }

  /// Where `name` is declared as a console script, as `file:line`.
  private func entryPoint(_ name: String, folder: String) -> String? {
    for file in ["pyproject.toml", "setup.cfg", "setup.py"] {
      for path in Set([join(folder, file), file]) {
        guard let source = try? repository.read(path),
          let line = lineIndex(
            in: source,
            where: { text in
              let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                .replacingOccurrences(of: "'", with: "")
              return trimmed.hasPrefix(name + " =") || trimmed.hasPrefix(name + "=")
            })
        else { continue }
        return "\(path):\(line + 1)"
      }
    }
    return nil
  }

  private func runsTests(_ command: String) -> Bool {
    guard let script = try? ShellScript.parse(command) else { return false }
    return !script.testInvocations(runner: runner).isEmpty
  }

  private func lineIndex(in source: SourceText, where predicate: (String) -> Bool) -> Int? {
    source.lineStarts.indices.first { predicate(source.lineText($0)) }
  }

  /// The quoted string of `line` that contains `needle`.
  private func quoted(in line: String, containing needle: String) -> String? {
    for quote in ["\"", "'", "`"] {
      let parts = line.components(separatedBy: quote)
      if parts.count >= 3,
        let part = parts.enumerated().first(where: { $0.offset % 2 == 1 && $0.element.contains(needle) })
      {
        return part.element
      }
    }
    return nil
  }

  /// A config line's command: after `=` for `commands = …`, else the trimmed line.
  private func commandText(_ line: String) -> String {
    var text = line.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("commands"), let equals = text.firstIndex(of: "=") {
      text = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
    }
    return text
  }

  private func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : "\(folder)/\(name)"
  }
}
