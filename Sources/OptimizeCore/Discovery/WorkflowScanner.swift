/// What scanning CI found: the test commands it can edit, and the ones that need a person.
struct ScanResult: Sendable {
  /// Every test command found, wherever it lives.
  var steps: [TestStep] = []
  /// Test commands found where optimize does not edit (npm scripts, tox, entry points…).
  var manual: [UneditableTest] = []

  static func += (lhs: inout ScanResult, rhs: ScanResult) {
    lhs.steps += rhs.steps
    lhs.manual += rhs.manual
  }
}

/// What a workflow step hands to each command of its `run:` script.
struct StepFrame: Sendable {
  var file: String
  var job: String
  var stepName: String
  /// The repository-relative folder the script starts in; nil when unknown.
  var directory: String?
  var environment: [String: String]
  var shell: String?
  var laterStepCombines: Bool
  var expressionValues: [String: [String]]
}

/// Finds every CI step that runs the tests: GitHub Actions workflows under `.github/workflows/`
/// (reusable ones included) and composite actions under `.github/actions/*/`, following `make`
/// targets and shell scripts of the repository.
struct WorkflowScanner {
  var repository: Repository
  let runner: TestRunner

  /// The workflow and action files to scan: the user's choice, or every workflow and every
  /// `.github/actions/*/action.yml`.
  func workflowFiles(override: [String]) throws -> [String] {
    if !override.isEmpty { return try override.map { try repository.normalize($0) } }
    let isYAML = { (name: String) in name.hasSuffix(".yml") || name.hasSuffix(".yaml") }
    let folder = ".github/workflows"
    var files = repository.list(folder).filter(isYAML).map { "\(folder)/\($0)" }
    for action in repository.list(".github/actions") {
      let actionFolder = ".github/actions/\(action)"
      guard repository.kind(of: actionFolder) == .folder else { continue }
      files += ["action.yml", "action.yaml"].map { "\(actionFolder)/\($0)" }.filter { repository.isFile($0) }
    }
    return files.filter { repository.kind(of: $0) != .folder }
  }

  /// Every test command reached from one workflow or action file.
  ///
  /// - Throws: `FormatError` for a malformed file, `RepositoryError` for an unreadable one.
  func scan(_ path: String) throws -> ScanResult {
    let source = try repository.read(path)
    let document = try YAMLDocument(source: source)
    guard let root = document.root.map({ resolve($0, in: document) })?.mapping else { return ScanResult() }
    let workflowEnv = environment(root["env"], in: document)
    let workflowDefaults = root["defaults"]?["run"]
    var result = ScanResult()
    if let steps = root["runs"]?["steps"] {
      // A composite action: its steps start in the workspace, like a job's.
      let job = JobFrame(
        key: "", env: workflowEnv, envNode: nil, directory: nil, shell: nil, strategy: nil,
        steps: resolve(steps, in: document).items.map { resolve($0, in: document) })
      result += scan(job, path: path, source: source, document: document)
    }
    guard let jobs = resolve(root["jobs"], in: document)?.mapping else { return result }
    let context = JobScanMemo.Context(
      env: workflowEnv, directory: workflowDefaults?["working-directory"]?.string,
      shell: workflowDefaults?["shell"]?.string, runner: runner)
    let earlier = repository.jobScans.workflow(path, context: context)
    // Jobs are independent: a generated workflow's thousands of them are scanned on every core,
    // each job's nodes made only while it is scanned.
    let entries = jobs.entryIndexes
    let perJob = Parallel.map(Array(entries.indices), minimumPerThread: 200) {
      position -> (ScanResult, JobScanMemo.Job?) in
      let entry = entries[position]
      guard let key = jobs.node(at: entry.key), let node = jobs.node(at: entry.value) else {
        return (ScanResult(), nil)
      }
      let span = Self.span(key: entry.key, value: entry.value, in: document)
      if let span, let earlier, earlier.foundNothing(position, at: span, of: source.bytes, in: repository) {
        return (ScanResult(), earlier.reused(position, at: span))
      }
      var scanner = self
      let log = AccessLog()
      scanner.repository.accessLog = log
      let found = scanner.scan(
        Job(key: key, node: node), workflowEnv: workflowEnv, workflowDefaults: workflowDefaults, path: path,
        document: document)
      guard let span, found.steps.isEmpty, found.manual.isEmpty else { return (found, nil) }
      return (found, JobScanMemo.Job(bytes: span, accesses: log.all, reused: false))
    }
    var remembered: [JobScanMemo.Job?] = []
    remembered.reserveCapacity(perJob.count)
    for (jobResult, job) in perJob {
      result += jobResult
      remembered.append(job)
    }
    repository.jobScans.store(
      path, JobScanMemo.Workflow(source: source.bytes, context: context, jobs: remembered))
    return result
  }

  /// Where a job is in its file, for `JobScanMemo`: from the start of its key's line (so its
  /// indentation counts) to the end of its value; nil for a job that holds an alias.
  private static func span(key: Int, value: Int, in document: YAMLDocument) -> Range<Int>? {
    let events = document.events
    let records = events.records
    let end = events.next(after: value)
    guard !events.containsAlias(in: key..<end) else { return nil }
    let bytes = document.source.bytes
    var start = Int(records[key].start)
    while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    return start..<Int(records[end - 1].end)
  }

  /// A job's key and value nodes.
  private struct Job: Sendable {
    var key: YAMLNode
    var node: YAMLNode
  }

  private func scan(
    _ job: Job, workflowEnv: [String: String], workflowDefaults: YAMLNode?, path: String,
    document: YAMLDocument
  ) -> ScanResult {
    guard let mapping = resolve(job.node, in: document).mapping else { return ScanResult() }
    let defaults = mapping["defaults"]?["run"]
    let frame = JobFrame(
      key: job.key.string ?? "", env: workflowEnv, envNode: mapping["env"],
      directory: defaults?["working-directory"]?.string ?? workflowDefaults?["working-directory"]?.string,
      shell: defaults?["shell"]?.string ?? workflowDefaults?["shell"]?.string,
      strategy: mapping["strategy"],
      steps: resolve(mapping["steps"], in: document)?.items.map { resolve($0, in: document) } ?? [])
    return scan(frame, path: path, source: document.source, document: document)
  }

  /// What a job gives its steps. Its environment (`env` with `envNode`'s variables) and matrix
  /// (from `strategy`) only matter to a step that runs the tests or leads somewhere, which few
  /// do: they are worked out for the first such step (`JobValues`).
  private struct JobFrame {
    var key: String
    var env: [String: String]
    var envNode: YAMLNode?
    var directory: String?
    var shell: String?
    var strategy: YAMLNode?
    var steps: [YAMLNode]
  }

  /// A job's environment, matrix and checkout path, worked out from its frame.
  private struct JobValues {
    var env: [String: String]
    var matrix: [String: [String]]
    var checkoutPath: String?
  }

  private func values(of job: JobFrame, in document: YAMLDocument) -> JobValues {
    let checkoutPath = job.steps.lazy.compactMap { step -> String? in
      guard let uses = step["uses"]?.string, uses.hasPrefix("actions/checkout"),
        step["with"]?["repository"] == nil
      else { return nil }
      return step["with"]?["path"]?.string
    }.first
    return JobValues(
      env: job.env.merging(environment(job.envNode, in: document)) { $1 },
      matrix: matrixValues(job.strategy?["matrix"], in: document), checkoutPath: checkoutPath)
  }

  private func scan(_ job: JobFrame, path: String, source: SourceText, document: YAMLDocument) -> ScanResult {
    var jobValues: JobValues?
    let scripts = job.steps.map { runScript(of: $0, in: document) }
    // Most steps run nothing that may be the tests, lead elsewhere or run coverage: their
    // scripts are read without keeping a command, and only the others are parsed. A script
    // that does not lex is parsed too, so that it fails as before.
    let runner = self.runner
    let quiet = scripts.map { entry -> Bool in
      guard let entry else { return false }
      return (try? ShellScript.anyCommand(in: entry.scalar.value) { Self.matters($0, runner) }) == false
    }
    let parsed = scripts.indices.map { index in
      quiet[index] ? nil : scripts[index].flatMap { try? ShellScript.parse($0.scalar.value) }
    }
    // Once per script: each step asks about the later steps, and each command about its script.
    let coverage = parsed.map { $0?.coverageCommands() ?? [] }
    let combines = coverage.map { $0.contains { $0.subcommand == .combine } }
    var result = ScanResult()
    for (index, stepNode) in job.steps.enumerated() {
      guard let step = stepNode.mapping, let (scalar, alias) = scripts[index], !quiet[index] else { continue }
      guard let shell = parsed[index] else {
        let entryPoint = runner.commandName.split(separator: " ").first.map(String.init) ?? runner.commandName
        if scalar.value.contains(entryPoint) {
          var why = "it does not split into shell words"
          do { try ShellScript.validate(scalar.value) } catch { why = "\(error)" }
          result.manual.append(
            UneditableTest(
              location: location(ofLine: 0, in: scalar, source: source),
              reason: "this run: mentions \(entryPoint) but cannot be read as shell (\(why)); "
                + "fix it, or add the flags to its test command by hand", command: nil))
        }
        continue
      }
      let invocations = shell.testInvocations(runner: runner)
      // Most commands lead nowhere: they are passed over before a place is made for them.
      let leads = shell.commands.filter { command in
        command.launches(where: IndirectionScanner.mayLead)
          && !invocations.contains(where: { $0.range == command.range })
      }
      // Nothing here runs the tests or leads anywhere: the step's frame is not needed.
      guard !invocations.isEmpty || !leads.isEmpty else { continue }
      let later = combines[(index + 1)...].contains(true)
      let values = jobValues ?? self.values(of: job, in: document)
      jobValues = values
      let stepDirectory = step["working-directory"]?.string ?? job.directory
      let frame = StepFrame(
        file: path, job: job.key, stepName: step["name"]?.string ?? "step \(index + 1)",
        directory: baseDirectory(stepDirectory, checkoutPath: values.checkoutPath),
        environment: values.env.merging(environment(step["env"], in: document)) { $1 },
        shell: step["shell"]?.string ?? job.shell, laterStepCombines: later,
        expressionValues: values.matrix)
      let keyColumn =
        invocations.isEmpty
        ? 0 : step.keyNode("run").map { source.location(ofByte: $0.start).column - 1 } ?? 0
      let builder = ContextBuilder(repository: repository)
      for invocation in invocations {
        let location = self.location(of: invocation, in: scalar, source: source)
        result.steps.append(
          TestStep(
            file: path, job: job.key, stepName: frame.stepName,
            place: .yaml(scalar: scalar, keyColumn: keyColumn),
            invocation: invocation, location: location,
            context: builder.context(
              of: invocation, base: frame.directory, env: frame.environment, file: path, line: location.line),
            laterStepCombines: later, shell: frame.shell, via: nil,
            alias: alias.map { source.location(ofByte: $0.start) }, expressionValues: values.matrix))
      }
      let indirections = IndirectionScanner(repository: repository, runner: runner)
      for command in leads {
        result += indirections.scan(command, coverage: coverage[index], frame: frame) {
          self.location(ofLine: command.line, in: scalar, source: source)
        }
      }
    }
    return result
  }

  /// Whether a command with this launch may be a test invocation, lead elsewhere, or be a
  /// coverage command: what `scan` asks of a script's commands, each a necessary condition.
  private static func matters(_ launch: ProgramLaunch?, _ runner: TestRunner) -> Bool {
    runner.mayMatch(launch) || IndirectionScanner.mayLead(launch) || launch?.coverageSubcommand != nil
  }

  /// The `run:` scalar of a step, following an alias to its anchor.
  private func runScript(of step: YAMLNode, in document: YAMLDocument) -> (
    scalar: YAMLScalar, alias: YAMLAlias?
  )? {
    switch step["run"] {
    case .scalar(let scalar)?: return (scalar, nil)
    case .alias(let alias)?:
      guard let scalar = document.anchors[alias.anchor]?.scalar else { return nil }
      return (scalar, alias)
    default: return nil
    }
  }

  private func resolve(_ node: YAMLNode?, in document: YAMLDocument) -> YAMLNode? {
    node.map { resolve($0, in: document) }
  }

  private func resolve(_ node: YAMLNode, in document: YAMLDocument) -> YAMLNode {
    if case .alias(let alias) = node, let target = document.anchors[alias.anchor] { return target }
    return node
  }

  private func environment(_ node: YAMLNode?, in document: YAMLDocument) -> [String: String] {
    var result: [String: String] = [:]
    for (key, value) in resolve(node, in: document)?.mapping?.entries ?? [] {
      if let key = key.string, let value = resolve(value, in: document).string { result[key] = value }
    }
    return result
  }

  /// The values each `${{ matrix.NAME }}` can take, when the matrix lists them literally.
  private func matrixValues(_ node: YAMLNode?, in document: YAMLDocument) -> [String: [String]] {
    guard let matrix = resolve(node, in: document)?.mapping else { return [:] }
    var values: [String: [String]] = [:]
    for (key, value) in matrix.entries {
      guard let name = key.string, name != "include", name != "exclude" else { continue }
      let items = resolve(value, in: document).items.map { resolve($0, in: document).string }
      if !items.isEmpty, items.allSatisfy({ $0 != nil }) {
        values["matrix.\(name)"] = items.compactMap { $0 }
      }
    }
    for entry in resolve(matrix["include"], in: document)?.items ?? [] {
      for (key, value) in resolve(entry, in: document).mapping?.entries ?? [] {
        guard let name = key.string else { continue }
        guard let text = resolve(value, in: document).string else {
          values["matrix.\(name)"] = nil
          continue
        }
        values["matrix.\(name)", default: [""]].append(text)
      }
    }
    return values
  }
}
