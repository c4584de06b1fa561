extension Planner {
  /// Plans the test-command patch on every CI step that runs the tests.
  func planTestCommand(
    _ patch: Patch, spec: TestCommandSpec, discovery: Discovery, into builder: inout PlanBuilder
  ) throws -> PatchResult {
    var result = PatchResult(id: patch.id, kind: patch.kind.name, state: .satisfied, reason: "")
    guard !discovery.testSteps.isEmpty else {
      result.state = .manual
      result.reason = "no CI step runs the tests with \(spec.runner.commandName)"
      result.places.append(
        PatchPlace(
          SourceLocation(path: ".github/workflows", line: 1, column: 1),
          "no workflow step runs `\(spec.runner.commandName)`; add the flags to the command your CI runs: "
            + spec.testFlags.map(\.rule.add).joined(separator: " ")))
      return result
    }
    let flags = spec.testFlags.map { $0.rule(forDjango: discovery.djangoVersion?.version) }
    if let version = discovery.djangoVersion {
      result.notes.append("Django \(version.version) pinned at \(version.source)")
    } else {
      result.notes.append(
        "Django version unknown (no pin found); using \(flags.map(\.add).joined(separator: " "))")
    }
    var pendingFiles: [String] = []
    let byFile = Dictionary(grouping: discovery.testSteps, by: \.file)
    for file in byFile.keys.sorted() {
      let source = try repository.read(file)
      let document = try YAMLDocument(source: source)
      let byScalar = Dictionary(grouping: byFile[file]!, by: \.scalar.start)
      var fileEdits: [Edit] = []
      var expected: [Int: String] = [:]
      for start in byScalar.keys.sorted() {
        let steps = byScalar[start]!
        var insertions: [ScriptInsertion] = []
        var manual: [String] = []
        for step in steps {
          let (stepInsertions, notes, problem) = self.insertions(for: step, spec: spec, flags: flags)
          result.notes += notes.map { "\(step.location): \($0)" }
          if let problem { manual.append(problem) }
          insertions += stepInsertions
        }
        let scalar = steps[0].scalar
        let newValue = insertions.applied(to: scalar.value)
        if let reason = manual.first ?? (insertions.isEmpty ? nil : steps.compactMap(\.manualReason).first) {
          result.state = .manual
          result.places.append(
            PatchPlace(steps[0].location, "\(reason); the new command is:\n\(indent(newValue))"))
          continue
        }
        for step in steps where insertions.isEmpty {
          result.places.append(PatchPlace(step.location, "already runs \(describe(step.invocation, flags))"))
        }
        guard !insertions.isEmpty else { continue }
        do {
          let edits = try ScalarEditor.edits(
            for: scalar, in: document,
            insertions: insertions.map { ValueInsertion(offset: $0.offset, text: $0.text) },
            keyColumn: steps[0].keyColumn)
          fileEdits += edits
          expected[scalar.start] = newValue
          for step in steps {
            result.places.append(PatchPlace(step.location, "job \(step.job), \(step.stepName)"))
          }
        } catch let error as FormatError {
          result.state = .manual
          result.places.append(
            PatchPlace(
              steps[0].location,
              "\(error.expected == "" ? error.description : error.found); change it to:\n\(indent(newValue))")
          )
        }
      }
      if !fileEdits.isEmpty {
        builder.add(fileEdits, patch: patch.id, to: source, check: .yaml(expected: expected))
        pendingFiles.append(file)
      }
    }
    if result.state == .manual {
      result.reason = "a test command cannot be edited safely; change it by hand as shown"
    } else if !pendingFiles.isEmpty {
      result.state = .pending
      result.reason = "parallel tests in \(pendingFiles.joined(separator: ", "))"
    } else {
      result.reason = "every CI test command already runs in parallel"
    }
    return result
  }

  /// The value insertions one invocation needs, remarks for the reviewer, and a reason to do it
  /// by hand instead.
  private func insertions(for step: TestStep, spec: TestCommandSpec, flags: [FlagRule])
    -> ([ScriptInsertion], [String], String?)
  {
    let invocation = step.invocation
    var notes: [String] = []
    var problem: String?
    var insertions = CommandEditor.insertions(
      for: invocation, coverageFlag: invocation.coverage == nil ? nil : spec.coverageFlag,
      testFlags: flags)
    for case .unknown(let word) in CommandEditor.presence(of: flags, in: invocation) {
      problem = "`\(word.text)` is expanded at run time and may already set these flags"
    }
    if let concurrency = invocation.coverage?.commandLineConcurrency {
      problem =
        "coverage run --concurrency=\(concurrency) is on the command line, where parallel workers "
        + "never see it; move it to the coverage config and remove it here"
    }
    if let pipe = invocation.pipedTo, step.shell != "bash" {
      notes.append(
        "`| \(pipe.joined(separator: " "))` without `shell: bash` runs without pipefail, "
          + "so test failures are hidden; add `shell: bash` to the step")
    }
    if spec.combine != nil, !step.laterStepCombines, let script = try? ShellScript.parse(step.scalar.value) {
      switch CommandEditor.combineStep(after: invocation, in: script) {
      case .missing(let insertion): insertions.append(insertion)
      case .manual(let reason): problem = "coverage combine cannot be placed: \(reason)"
      case .present, .notNeeded: break
      }
    }
    return (insertions, notes, problem)
  }

  private func describe(_ invocation: TestInvocation, _ flags: [FlagRule]) -> String {
    flags.map(\.add).joined(separator: " ")
  }

  private func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
      .joined(separator: "\n")
  }
}
