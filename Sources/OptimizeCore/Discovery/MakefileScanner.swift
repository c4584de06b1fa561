/// Finds the test commands behind `make TARGET`: the recipe lines of the target and of its
/// prerequisites, and of the targets it runs with `$(MAKE) other`, one level deep.
struct MakefileScanner {
  let repository: Repository
  let runner: TestRunner

  /// The test steps `make arguments…` reaches, run from `caller`.
  func scan(arguments: [ShellWord], caller: CallerFrame) -> ScanResult {
    guard let call = MakeCall(arguments), let base = caller.directory else { return ScanResult() }
    guard let folder = try? repository.join(base, call.directory ?? "."),
      let path = makefilePath(in: folder, file: call.file), let source = try? repository.read(path)
    else { return ScanResult() }
    let makefile = Makefile.parse(source)
    // Make reads the environment, the Makefile overrides it, the command line overrides both.
    var variables = caller.environment.merging(makefile.variables) { $1 }
    variables.merge(call.variables) { $1 }
    var environment = caller.environment.merging(call.variables) { $1 }
    environment.merge(caller.assignments) { $1 }
    var walk = Walk(
      scanner: self, caller: caller, path: path, source: source, makefile: makefile, folder: folder,
      variables: variables, environment: environment)
    let targets = call.targets.isEmpty ? makefile.defaultGoal.map { [$0] } ?? [] : call.targets
    for target in targets {
      walk.visit(target, depth: 0, laterCombines: false)
    }
    return ScanResult(steps: walk.steps)
  }

  private func makefilePath(in folder: String, file: String?) -> String? {
    if let file { return try? repository.join(folder, file) }
    return ["GNUmakefile", "makefile", "Makefile"].map { folder.isEmpty ? $0 : "\(folder)/\($0)" }
      .first { repository.isFile($0) }
  }

  /// A walk over the targets one `make` builds.
  private struct Walk {
    let scanner: MakefileScanner
    let caller: CallerFrame
    let path: String
    let source: SourceText
    let makefile: Makefile
    let folder: String
    let variables: [String: String]
    let environment: [String: String]
    var visited: Set<String> = []
    var steps: [TestStep] = []

    mutating func visit(_ target: String, depth: Int, laterCombines: Bool) {
      guard visited.insert(target).inserted, let rule = makefile.rule(for: target) else { return }
      let scripts = rule.recipe.map { line -> (OffsetMap, ShellScript?) in
        let map = OffsetMap.expandingMake(line.text, variables: variables)
        return (map, try? ShellScript.parse(map.expanded))
      }
      let combines = scripts.map { $0.1?.coverageCommands().contains { $0.subcommand == .combine } ?? false }
      // Prerequisites run as part of the same `make`, at any depth; `$(MAKE) other` is followed once.
      for prerequisite in rule.prerequisites {
        visit(prerequisite, depth: depth, laterCombines: laterCombines || combines.contains(true))
      }
      for (index, line) in rule.recipe.enumerated() {
        guard let script = scripts[index].1 else { continue }
        let later = laterCombines || combines[(index + 1)...].contains(true)
        let place = CommandPlace.lines(
          start: line.start, text: line.text, kind: .makefile, map: scripts[index].0)
        let invocations = script.testInvocations(runner: scanner.runner)
        for invocation in invocations {
          steps.append(
            caller.step(
              file: path, source: source, place: place, invocation: invocation, base: folder,
              environment: environment, laterCombines: later, repository: scanner.repository))
        }
        guard depth == 0 else { continue }
        for command in script.commands where !invocations.contains(where: { $0.range == command.range }) {
          guard let first = command.words.first, ["make", "gmake"].contains(first.basename),
            let call = MakeCall(Array(command.words.dropFirst())), call.directory == nil, call.file == nil
          else { continue }
          for target in call.targets { visit(target, depth: 1, laterCombines: later) }
        }
      }
    }
  }
}

/// The arguments of a `make` command: folder, file, variables and targets.
struct MakeCall: Sendable, Equatable {
  var directory: String?
  var file: String?
  var variables: [String: String] = [:]
  var targets: [String] = []

  /// Decodes `make`'s arguments; nil when one is an expansion, so the targets are unknown.
  init?(_ words: [ShellWord]) {
    var index = 0
    while index < words.count {
      let word = words[index].value
      index += 1
      if words[index - 1].hasExpansion { return nil }
      let next = index < words.count ? words[index].value : nil
      switch word {
      case "-C", "--directory":
        directory = next
        index += 1
      case "-f", "--file", "--makefile":
        file = next
        index += 1
      case "-o", "-W", "-I", "--old-file", "--what-if", "--include-dir":
        index += 1
      case "-j", "-l", "--jobs", "--load-average":
        if let next, Int(next) != nil { index += 1 }
      default:
        if word.hasPrefix("--directory=") {
          directory = String(word.dropFirst("--directory=".count))
        } else if word.hasPrefix("-C"), word.count > 2 {
          directory = String(word.dropFirst(2))
        } else if word.hasPrefix("--file=") || word.hasPrefix("--makefile=") {
          file = String(word.split(separator: "=", maxSplits: 1)[1])
        } else if word.hasPrefix("-f"), word.count > 2 {
          file = String(word.dropFirst(2))
        } else if word.hasPrefix("-") {
          continue
        } else if let pair = words[index - 1].assignment {
          variables[pair.name] = pair.value
        } else {
          targets.append(word)
        }
      }
    }
  }
}
