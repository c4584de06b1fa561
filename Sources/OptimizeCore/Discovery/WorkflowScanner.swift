/// Finds every CI step that runs the tests: GitHub Actions workflows under `.github/workflows/`.
struct WorkflowScanner {
  let repository: Repository
  let runner: TestRunner

  /// The workflow files to scan: the user's choice, or every `*.yml`/`*.yaml` in the folder.
  func workflowFiles(override: [String]) throws -> [String] {
    if !override.isEmpty { return try override.map { try repository.normalize($0) } }
    let folder = ".github/workflows"
    return repository.list(folder).filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
      .map { "\(folder)/\($0)" }
      .filter { repository.kind(of: $0) != .folder }
  }

  /// Every test step of one workflow file.
  ///
  /// - Throws: `FormatError` for a malformed workflow, `RepositoryError` for an unreadable one.
  func scan(_ path: String) throws -> [TestStep] {
    let source = try repository.read(path)
    let document = try YAMLDocument(source: source)
    guard let root = document.root?.mapping else { return [] }
    let workflowEnv = environment(root["env"])
    let workflowDirectory = root["defaults"]?["run"]?["working-directory"]?.string
    var steps: [TestStep] = []
    for (jobKey, jobNode) in root["jobs"]?.mapping?.entries ?? [] {
      guard let job = jobNode.mapping else { continue }
      let jobEnv = workflowEnv.merging(environment(job["env"])) { $1 }
      let jobDirectory = job["defaults"]?["run"]?["working-directory"]?.string ?? workflowDirectory
      let stepNodes = job["steps"]?.items ?? []
      let checkoutPath = stepNodes.lazy.compactMap { step -> String? in
        guard let uses = step["uses"]?.string, uses.hasPrefix("actions/checkout"),
          step["with"]?["repository"] == nil
        else { return nil }
        return step["with"]?["path"]?.string
      }.first
      let scripts = stepNodes.map { script(of: $0, in: document) }
      for (index, stepNode) in stepNodes.enumerated() {
        guard let step = stepNode.mapping, let (scalar, alias) = scripts[index] else { continue }
        guard let shell = try? ShellScript.parse(scalar.value) else { continue }
        let stepEnv = jobEnv.merging(environment(step["env"])) { $1 }
        let directory = step["working-directory"]?.string ?? jobDirectory
        let later = scripts[(index + 1)...].contains { entry in
          guard let entry, let script = try? ShellScript.parse(entry.scalar.value) else { return false }
          return script.coverageCommands().contains { $0.subcommand == .combine }
        }
        let keyColumn = step.keyNode("run").map { source.location(ofByte: $0.start).column - 1 } ?? 0
        for invocation in shell.testInvocations(runner: runner) {
          let context = self.context(
            of: invocation, stepDirectory: directory, checkoutPath: checkoutPath, env: stepEnv,
            file: path, source: source, scalar: scalar)
          steps.append(
            TestStep(
              file: path, job: jobKey.string ?? "", stepName: step["name"]?.string ?? "step \(index + 1)",
              scalar: scalar, keyColumn: keyColumn, invocation: invocation,
              location: location(of: invocation, in: scalar, source: source), context: context,
              laterStepCombines: later,
              shell: step["shell"]?.string ?? job["defaults"]?["run"]?["shell"]?
                .string ?? root["defaults"]?["run"]?["shell"]?.string,
              manualReason: alias.map {
                "the run: value is the alias *\($0); edit the anchor &\($0) by hand or remove the alias"
              }))
        }
      }
    }
    return steps
  }

  /// The `run:` scalar of a step, following an alias to its anchor (reported as manual).
  private func script(of step: YAMLNode, in document: YAMLDocument) -> (scalar: YAMLScalar, alias: String?)? {
    switch step["run"] {
    case .scalar(let scalar)?: return (scalar, nil)
    case .alias(let alias)?:
      guard let scalar = document.anchors[alias.anchor]?.scalar else { return nil }
      return (scalar, alias.anchor)
    default: return nil
    }
  }

  private func environment(_ node: YAMLNode?) -> [String: String] {
    var result: [String: String] = [:]
    for (key, value) in node?.mapping?.entries ?? [] {
      if let key = key.string, let value = value.string { result[key] = value }
    }
    return result
  }

  /// The line of the invocation inside the file.
  private func location(of invocation: TestInvocation, in scalar: YAMLScalar, source: SourceText)
    -> SourceLocation
  {
    var location = source.location(ofByte: scalar.start)
    if scalar.style == .literal || scalar.style == .folded {
      location.line += 1 + invocation.line
      location.column = 1
      let lineIndex = location.line - 1
      if lineIndex < source.lineStarts.count {
        let text = source.lineText(lineIndex)
        location.column = text.prefix { $0 == " " || $0 == "\t" }.count + 1
      }
    }
    return location
  }

  private func context(
    of invocation: TestInvocation, stepDirectory: String?, checkoutPath: String?,
    env: [String: String], file: String, source: SourceText, scalar: YAMLScalar
  ) -> TestContext {
    let environment = env.merging(invocation.environment) { $1 }
    var directory: String? = ""
    if let stepDirectory {
      directory = workspaceRelative(stepDirectory, checkoutPath: checkoutPath)
    } else if let checkoutPath, !checkoutPath.isEmpty {
      // Without a working-directory, run steps start in the workspace, above the checkout.
      directory = workspaceRelative(".", checkoutPath: checkoutPath)
    }
    switch invocation.workingDirectory {
    case .unchanged: break
    case .relative(let path):
      directory = directory.flatMap { try? repository.join($0, path) }
    case .absolute, .unknown: directory = nil
    }
    var pythonRoot = directory
    if let managePy = invocation.managePy, let folder = directory {
      let script = (try? repository.join(folder, managePy)) ?? managePy
      let resolved = (try? repository.resolveSymlink(script)) ?? script
      pythonRoot = resolved.split(separator: "/").dropLast().joined(separator: "/")
    }
    let line = location(of: invocation, in: scalar, source: source).line
    var settings: (String, String)?
    if let module = invocation.settings {
      settings = (module, "--settings on \(file):\(line)")
    } else if let module = environment["DJANGO_SETTINGS_MODULE"] {
      settings = (module, "DJANGO_SETTINGS_MODULE in \(file)")
    }
    var rcfile: (String, String)?
    if let path = invocation.coverage?.rcfile {
      rcfile = (path, "--rcfile on \(file):\(line)")
    } else if let path = environment["COVERAGE_RCFILE"] {
      rcfile = (path, "COVERAGE_RCFILE in \(file)")
    }
    return TestContext(
      workingDirectory: directory, pythonRoot: pythonRoot, settingsModule: settings, rcfile: rcfile,
      environment: environment, runsCoverage: invocation.coverage != nil)
  }

  /// A workspace-relative folder made repository-relative, given checkout's `path:`.
  private func workspaceRelative(_ folder: String, checkoutPath: String?) -> String? {
    if folder.contains("${{") { return nil }
    var folder = folder
    for prefix in ["${{ github.workspace }}/", "$GITHUB_WORKSPACE/", "./"] where folder.hasPrefix(prefix) {
      folder.removeFirst(prefix.count)
    }
    guard let checkoutPath, !checkoutPath.isEmpty else { return try? repository.normalize(folder) }
    let checkout = (try? repository.normalize(checkoutPath)) ?? checkoutPath
    let normalized = (try? repository.normalize(folder)) ?? folder
    if normalized == checkout { return "" }
    guard normalized.hasPrefix(checkout + "/") else { return nil }
    return String(normalized.dropFirst(checkout.count + 1))
  }
}
