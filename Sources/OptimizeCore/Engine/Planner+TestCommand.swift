extension Planner {
  /// Plans the test-command patch on every CI step that runs the tests.
  func planTestCommand(
    _ patch: Patch, spec: TestCommandSpec, discovery: Discovery, into builder: inout PlanBuilder
  ) throws -> PatchResult {
    var result = PatchResult(id: patch.id, kind: patch.kind.name, state: .satisfied, reason: "")
    guard !discovery.testSteps.isEmpty || !discovery.uneditableTests.isEmpty else {
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
    for test in discovery.uneditableTests {
      result.state = .manual
      var message = test.reason
      if let command = test.command, let script = try? ShellScript.parse(command) {
        let insertions = script.testInvocations(runner: spec.runner).flatMap { invocation in
          // Shown as if expansions (`"$@"`, `{posargs}`) held none of the flags.
          var shown = invocation
          shown.arguments.removeAll { $0.hasExpansion }
          return CommandEditor.insertions(
            for: shown, coverageFlag: invocation.coverage == nil ? nil : spec.coverageFlag, testFlags: flags)
        }
        message += "; change `\(command)` to:\n\(indent(insertions.applied(to: command)))"
      } else {
        message += ": \(flags.map(\.add).joined(separator: " "))"
      }
      result.places.append(PatchPlace(test.location, message))
    }
    var pendingFiles: [String] = []
    let byFile = Dictionary(grouping: discovery.testSteps, by: \.file)
    for file in byFile.keys.sorted() {
      let source = try repository.read(file)
      let byStart = Dictionary(grouping: byFile[file]!, by: \.place.start)
      var unitPlans: [(steps: [TestStep], plan: UnitPlan)] = []
      for start in byStart.keys.sorted() {
        let steps = byStart[start]!
        var plan = unitPlan(steps, spec: spec, flags: flags)
        result.notes += plan.notes
        if case .yaml(let scalar, _) = steps[0].place, let anchor = scalar.anchor, !plan.isEmpty,
          let problem = try anchorProblem(anchor, steps: steps, source: source)
        {
          plan.problems.append(problem)
        }
        unitPlans.append((steps, plan))
      }
      let written = try write(unitPlans, source: source, patch: patch.id, into: &builder, result: &result)
      if written { pendingFiles.append(file) }
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

  /// Writes the units of one file: YAML scalars through the scalar editor, shell lines directly.
  /// Returns whether the file gets edits.
  private func write(
    _ units: [(steps: [TestStep], plan: UnitPlan)], source: SourceText, patch: String,
    into builder: inout PlanBuilder, result: inout PatchResult
  ) throws -> Bool {
    var fileEdits: [Edit] = []
    var expected: [Int: String] = [:]
    var lineUnits: [ShellLinesUnit] = []
    var document: YAMLDocument?
    for (steps, plan) in units {
      let first = steps[0]
      var plan = plan
      if plan.isEmpty && plan.problems.isEmpty {
        for step in steps {
          result.places.append(PatchPlace(step.location, "already runs \(describe(step))"))
        }
        continue
      }
      var edits: [Edit] = []
      var newText = ""
      switch first.place {
      case .yaml(let scalar, _):
        newText = plan.insertions.applied(to: scalar.value)
        if plan.problems.isEmpty {
          do {
            if document == nil { document = try YAMLDocument(source: source) }
            let keyColumn =
              steps.first { $0.alias == nil }.map { step -> Int? in
                if case .yaml(_, let column) = step.place { return column }
                return nil
              } ?? nil
            edits = try ScalarEditor.edits(
              for: scalar, in: document!,
              insertions: plan.insertions.map { ValueInsertion(offset: $0.offset, text: $0.text) },
              keyColumn: keyColumn)
            expected[scalar.start] = newText
          } catch let error as FormatError {
            plan.problems.append(error.expected == "" ? error.description : error.found)
          }
        }
      case .lines:
        let lines = shellLineEdits(plan, place: first.place, source: source)
        newText = lines.newText
        plan.problems += lines.problems
        if plan.problems.isEmpty {
          edits = lines.edits
          lineUnits += lines.units
        }
      }
      if let problem = plan.problems.first {
        result.state = .manual
        result.places.append(
          PatchPlace(first.location, "\(problem); the new command is:\n\(indent(newText))"))
        continue
      }
      fileEdits += edits
      for step in steps {
        if plan.unchanged.contains(step.invocation.range.lowerBound) {
          result.places.append(PatchPlace(step.location, "already runs \(describe(step))"))
          continue
        }
        var reached =
          step.via.map { "reached from \($0)" }
          ?? (step.job.isEmpty ? "composite action, \(step.stepName)" : "job \(step.job), \(step.stepName)")
        if let alias = step.alias { reached += " (through the alias at line \(alias.line))" }
        result.places.append(PatchPlace(step.location, reached))
      }
    }
    guard !fileEdits.isEmpty else { return false }
    let check: FileCheck = lineUnits.isEmpty ? .yaml(expected: expected) : .shellLines(units: lineUnits)
    builder.add(fileEdits, patch: patch, to: source, check: check)
    return true
  }

  /// Why an anchored `run:` value cannot be edited at its anchor: the anchor is not itself a test
  /// step's `run:`, or an alias of it is used elsewhere.
  private func anchorProblem(_ anchor: String, steps: [TestStep], source: SourceText) throws -> String? {
    let document = try YAMLDocument(source: source)
    let used = Set(steps.compactMap(\.alias).map(\.line))
    let events = document.events
    for (index, record) in events.records.enumerated() where record.type == .alias {
      guard events.anchor(at: index) == anchor else { continue }
      let location = source.location(ofByte: Int(record.start))
      if !used.contains(location.line) {
        return "the run: value is the anchor &\(anchor), which \(location) also uses outside a test step's "
          + "run:; edit it by hand or give that place its own value"
      }
    }
    if steps.allSatisfy({ $0.alias != nil }), let start = steps.first?.place.start {
      return
        "the run: value is the alias *\(anchor), whose anchor &\(anchor) at \(source.location(ofByte: start)) "
        + "is not a test step's run:; edit it by hand or give the step its own value"
    }
    return nil
  }

  func describe(_ step: TestStep) -> String {
    step.invocation.arguments.map(\.text).filter { $0.hasPrefix("--parallel") || $0 == "--keepdb" }
      .joined(separator: " ")
  }

  func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
      .joined(separator: "\n")
  }
}
