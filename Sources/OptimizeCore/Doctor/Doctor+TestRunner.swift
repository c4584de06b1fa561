extension DoctorContext {
  /// A custom `TEST_RUNNER` must be a `DiscoverRunner` that leaves `run_tests` and
  /// `get_test_runner_kwargs` alone, or `--parallel` may not apply. Read statically, never imported.
  func testRunnerFindings() -> [Finding] {
    var findings: [Finding] = []
    for (target, module) in settings {
      guard let module,
        let assignment = module.assignments(to: "TEST_RUNNER").last(where: { $0.kind == .assign }),
        let value = module.tokens(of: module.statements[assignment.statement]).last(where: {
          $0.kind == .string
        })
        .flatMap({ PythonStringLiteral.value(of: $0.text) }),
        value != "django.test.runner.DiscoverRunner", let dot = value.lastIndex(of: ".")
      else { continue }
      let runnerModule = String(value[..<dot])
      let className = String(value[value.index(after: dot)...])
      let root = settingsRoots[target.path] ?? ""
      let why =
        "`manage.py test --parallel` is handled by DiscoverRunner: its get_test_runner_kwargs and "
        + "run_tests build the parallel suite, so a runner that is not a DiscoverRunner, or replaces "
        + "those methods, may run every test in one process"
      guard let file = SettingsLocator(repository: repository).file(ofModule: runnerModule, under: root),
        let source = try? repository.read(file), let runner = try? PythonModule(source: source)
      else {
        findings.append(
          Finding(
            check: "test-runner", severity: .warning, location: assignment.location,
            message: "TEST_RUNNER \(value) is not in the repository, so optimize cannot read it",
            why: why, fix: "check that \(className) subclasses django.test.runner.DiscoverRunner"))
        continue
      }
      var visited: Set<String> = []
      let analysis = analyse(className, in: runner, root: root, visited: &visited)
      switch analysis.subclasses {
      case false?:
        findings.append(
          Finding(
            check: "test-runner", severity: .error,
            location: analysis.location ?? DoctorContext.start(of: file),
            message: "TEST_RUNNER \(className) does not subclass DiscoverRunner",
            why: why, fix: "derive \(className) from django.test.runner.DiscoverRunner, or drop `--parallel`")
        )
      case nil:
        findings.append(
          Finding(
            check: "test-runner", severity: .warning,
            location: analysis.location ?? DoctorContext.start(of: file),
            message: "TEST_RUNNER \(className): optimize cannot tell whether it subclasses DiscoverRunner",
            why: why, fix: "check that \(className) subclasses django.test.runner.DiscoverRunner"))
      case true?:
        if analysis.overrides.isEmpty {
          findings.append(
            Finding(
              check: "test-runner", severity: .info,
              location: analysis.location ?? DoctorContext.start(of: file),
              message:
                "TEST_RUNNER \(className) subclasses DiscoverRunner and keeps run_tests: `--parallel` applies",
              why: why))
        }
      }
      // A runner that is no DiscoverRunner already gets an error; its methods add nothing.
      for (method, location) in analysis.subclasses == false ? [] : analysis.overrides {
        findings.append(
          Finding(
            check: "test-runner", severity: .warning, location: location,
            message: "TEST_RUNNER \(className) overrides \(method)",
            why: why,
            fix: "make sure \(method) calls super() and keeps the `parallel` option, then check the "
              + "log says \"Using N test processes\""))
      }
    }
    return findings
  }

  private struct RunnerAnalysis {
    var subclasses: Bool?
    var location: SourceLocation?
    var overrides: [(String, SourceLocation)] = []
  }

  /// Follows a class's bases through the repository's files.
  private func analyse(_ name: String, in module: PythonModule, root: String, visited: inout Set<String>)
    -> RunnerAnalysis
  {
    guard visited.insert("\(module.source.path):\(name)").inserted,
      let index = module.statements.indices.first(where: { index in
        let statement = module.statements[index]
        let words = module.tokens(of: statement)
        return statement.kind == .header(keyword: "class") && words.count > 1 && words[1].isName(name)
      })
    else { return RunnerAnalysis(subclasses: nil) }
    let header = module.statements[index]
    var result = RunnerAnalysis(subclasses: false, location: module.location(of: header))
    for statement in module.statements where statement.enclosing.last == index {
      let words = module.tokens(of: statement).filter { !$0.isName("async") }
      guard statement.kind == .header(keyword: "def") || statement.kind == .header(keyword: "async"),
        words.count > 1, ["run_tests", "get_test_runner_kwargs"].contains(words[1].text)
      else { continue }
      result.overrides.append((words[1].text, module.location(of: statement)))
    }
    var verdicts: [Bool?] = []
    for base in Self.bases(module.tokens(of: header)) {
      if base.last == "DiscoverRunner" {
        verdicts.append(true)
        continue
      }
      let bound = base.first!
      if base.count == 1,
        module.statements.contains(where: {
          $0.kind == .header(keyword: "class")
            && module.tokens(of: $0).dropFirst().first?.isName(bound) == true
        })
      {
        let inner = analyse(bound, in: module, root: root, visited: &visited)
        result.overrides += inner.overrides
        verdicts.append(inner.subclasses)
        continue
      }
      let source = module.statements.lazy.compactMap { statement -> String? in
        if case .fromImport(let from, let names) = statement.kind, names.contains(bound) { return from }
        return nil
      }.first
      guard let source else {
        verdicts.append(bound == "object" ? false : nil)
        continue
      }
      if source == "django.test.runner" {
        verdicts.append(true)
      } else if let file = SettingsLocator(repository: repository).file(ofModule: source, under: root),
        let text = try? repository.read(file), let other = try? PythonModule(source: text)
      {
        let inner = analyse(base.count == 1 ? bound : base.last!, in: other, root: root, visited: &visited)
        result.overrides += inner.overrides
        verdicts.append(inner.subclasses)
      } else {
        verdicts.append(source.hasPrefix("django.") ? false : nil)
      }
    }
    if verdicts.contains(true) {
      result.subclasses = true
    } else if verdicts.contains(where: { $0 == nil }) {
      result.subclasses = nil
    }
    return result
  }

  /// The dotted base names of a `class Name(A, b.C, metaclass=M):` header.
  private static func bases(_ words: [PythonToken]) -> [[String]] {
    guard let open = words.firstIndex(where: { $0.isOp("(") }) else { return [] }
    var result: [[String]] = []
    var current: [String] = []
    var depth = 0
    var keyword = false
    for word in words[(open + 1)...] {
      if word.isOp("(") || word.isOp("[") { depth += 1 }
      if word.isOp(")") || word.isOp("]") {
        if depth == 0 { break }
        depth -= 1
      }
      guard depth == 0 else { continue }
      if word.isOp(",") {
        if !current.isEmpty, !keyword { result.append(current) }
        current = []
        keyword = false
      } else if word.isOp("=") {
        keyword = true
      } else if word.kind == .name {
        current.append(word.text)
      }
    }
    if !current.isEmpty, !keyword { result.append(current) }
    return result
  }
}
