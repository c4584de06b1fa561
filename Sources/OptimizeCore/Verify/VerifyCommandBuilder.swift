import Foundation

/// Turns the CI step's test invocation (or `--command`) into the argument vectors verify runs
/// locally, for the baseline and the optimized files, and says what it had to leave out.
struct VerifyCommandBuilder {
  let options: VerifyOptions
  let django: DjangoVersion?
  let spec: TestCommandSpec?
  /// What was left out of the command, each as a sentence.
  var stripped: [String] = []

  struct Pair {
    var baseline: [String]
    var optimized: [String]
    var directory: String
    var pythonRoot: String?
    var environment: [String: String]
    var usesCoverage: Bool
    var origin: String
  }

  init(options: VerifyOptions, django: DjangoVersion?, spec: TestCommandSpec?) {
    self.options = options
    self.django = django
    self.spec = spec
  }

  mutating func commands(baseline: Discovery, optimized: Discovery) throws -> Pair {
    let step = baseline.testSteps.first { $0.context.workingDirectory != nil } ?? baseline.testSteps.first
    if let command = options.command {
      let script: ShellScript
      do { script = try ShellScript.parse(command) } catch {
        throw VerifyError.unrunnableCommand(command, reason: "a line the shell cannot read (\(error))")
      }
      guard let invocation = script.testInvocations(runner: spec?.runner ?? .django).first else {
        throw VerifyError.unrunnableCommand(command, reason: "no `manage.py test` in it")
      }
      var directory = step?.context.workingDirectory ?? baseline.djangoRoots.first ?? ""
      switch invocation.workingDirectory {
      case .unchanged: break
      case .relative(let path): directory = directory.isEmpty ? path : "\(directory)/\(path)"
      case .absolute(let path), .unknown(let path):
        throw VerifyError.unrunnableCommand(command, reason: "a working folder verify cannot copy (\(path))")
      }
      let environment = (step?.context.environment ?? [:]).merging(invocation.environment) { $1 }
      let base = try arguments(of: invocation, environment: environment, command: command)
      let fast = try arguments(
        of: invocation, environment: environment, command: command, addingPhaseFlags: true)
      let root = invocation.managePy.map { path in
        (directory.isEmpty ? path : "\(directory)/\(path)").split(separator: "/").dropLast().joined(
          separator: "/")
      }
      return Pair(
        baseline: base, optimized: fast, directory: directory, pythonRoot: root, environment: environment,
        usesCoverage: invocation.coverage != nil, origin: "--command")
    }
    guard let step else { throw VerifyError.noTestCommand }
    let text = step.location.description
    guard let directory = step.context.workingDirectory else {
      throw VerifyError.unrunnableCommand(text, reason: "a working folder that depends on the shell's state")
    }
    let twin =
      optimized.testSteps.first { $0.file == step.file && $0.job == step.job && $0.stepName == step.stepName }
      ?? step
    let environment = step.context.environment
    return Pair(
      baseline: try arguments(of: step.invocation, environment: environment, command: text),
      optimized: try arguments(of: twin.invocation, environment: twin.context.environment, command: text),
      directory: directory, pythonRoot: step.context.pythonRoot, environment: environment,
      usesCoverage: step.invocation.coverage != nil,
      origin: "\(text) (job \(step.job), step \"\(step.stepName)\")")
  }

  private mutating func arguments(
    of invocation: TestInvocation, environment: [String: String], command: String,
    addingPhaseFlags: Bool = false
  ) throws -> [String] {
    let note = !addingPhaseFlags && stripped.isEmpty
    if note, !invocation.prefix.isEmpty {
      stripped.append(
        "`\(invocation.prefix.joined(separator: " "))` (CI's wrapper): the command runs here directly")
    }
    if note, let pipe = invocation.pipedTo {
      stripped.append("the pipe into `\(pipe.joined(separator: " "))`: verify reads the output itself")
    }
    let python = interpreter(written: invocation.python?.value, note: note)
    var coverageOptions = invocation.coverage?.options ?? []
    var testArguments = invocation.arguments
    if addingPhaseFlags, let spec {
      if invocation.coverage != nil, let rule = spec.coverageFlag,
        rule.presence(in: coverageOptions) == .absent
      {
        coverageOptions.append(ShellWord(text: rule.add, value: rule.add, range: 0..<0))
      }
      for flag in spec.testFlags {
        let rule = flag.rule(forDjango: django)
        if rule.presence(in: testArguments) == .absent {
          testArguments.append(ShellWord(text: rule.add, value: rule.add, range: 0..<0))
        }
      }
    }
    var result = [python]
    if invocation.coverage != nil {
      result +=
        ["-m", "coverage", "run"] + (try coverageOptions.map { try expand($0, environment, command) })
    }
    result += invocation.managePy.map { [$0] } ?? ["-m", "manage"]
    result += ["test"] + (try testArguments.map { try expand($0, environment, command) })
    return result
  }

  /// The interpreter: `--python`, else the command's own if it exists here, else `python3`.
  private mutating func interpreter(written: String?, note: Bool) -> String {
    if let python = options.python { return python }
    let name = written ?? "python"
    if name.contains("/") || Self.onPath(name, environment: options.environment) { return name }
    if note { stripped.append("`\(name)` is not on PATH here: ran with `python3`; pass --python to choose") }
    return "python3"
  }

  static func onPath(_ name: String, environment: [String: String]) -> Bool {
    (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
  }

  /// A word's value with `$NAME` and `${NAME}` expanded from the environment.
  private func expand(_ word: ShellWord, _ environment: [String: String], _ command: String) throws -> String
  {
    if word.hasExpression {
      throw VerifyError.unrunnableCommand(command, reason: "the expression \(word.text), known only in CI")
    }
    guard word.hasExpansion else { return word.value }
    let all = options.environment.merging(environment) { $1 }
    var result = ""
    var rest = Substring(word.value)
    while let dollar = rest.firstIndex(of: "$") {
      result += rest[..<dollar]
      rest = rest[rest.index(after: dollar)...]
      let braced = rest.first == "{"
      if braced { rest = rest.dropFirst() }
      let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
      guard !name.isEmpty, !braced || rest.dropFirst(name.count).first == "}" else {
        throw VerifyError.unrunnableCommand(command, reason: "the expansion \(word.text)")
      }
      result += all[String(name)] ?? ""
      rest = rest.dropFirst(name.count + (braced ? 1 : 0))
    }
    return result + rest
  }
}
