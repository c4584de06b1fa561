extension DoctorContext {
  /// `| tee` without `shell: bash`, `--concurrency` on the command line, `--failfast` without `sigterm`.
  func commandFindings() -> [Finding] {
    var findings: [Finding] = []
    for step in discovery.testSteps {
      let invocation = step.invocation
      if let pipe = invocation.pipedTo, step.shell != "bash" {
        findings.append(
          Finding(
            check: "tee-without-bash", severity: .error, location: step.location,
            message:
              "`| \(pipe.joined(separator: " "))` without `shell: bash`: failing tests leave the step green",
            why:
              "without `shell: bash`, GitHub Actions runs the script with `bash -e {0}`, where pipefail is "
              + "off, so the pipeline's status is that of `\(pipe.first ?? "tee")`, not of the tests",
            fix:
              "add `shell: bash` to the step \"\(step.stepName)\" (it runs `bash --noprofile --norc -eo pipefail {0}`)"
          ))
      }
      if let concurrency = invocation.coverage?.commandLineConcurrency {
        findings.append(
          Finding(
            check: "coverage-concurrency-flag", severity: .error, location: step.location,
            message: "`coverage run --concurrency=\(concurrency)` on the command line",
            why: "parallel workers are new processes that read coverage's config file, never the command "
              + "line; coverage.py also refuses `multiprocessing` as a command-line concurrency",
            fix:
              "move it to `concurrency = \(concurrency),multiprocessing` in the [run] section of the coverage "
              + "config and remove it from the command"))
      }
      if invocation.arguments.contains(where: { $0.value == "--failfast" }), invocation.coverage != nil,
        let config = coverageConfig(of: step), config.sigterm != true
      {
        findings.append(
          Finding(
            check: "failfast-sigterm", severity: .warning, location: step.location,
            message: "`--failfast` under coverage without `sigterm = true` in \(config.path)",
            why: "on the first failure Django terminates the parallel workers with SIGTERM, and coverage.py "
              + "only saves a terminated process's data when `sigterm = true` is set",
            fix: "add `sigterm = true` to the [run] section of \(config.path)"))
      }
    }
    return findings
  }

  /// Kept clones are not migrated again (Django ticket 26822).
  func keepdbFindings() -> [Finding] {
    guard let migrations = firstMigration() else { return [] }
    var findings: [Finding] = []
    for step in discovery.testSteps {
      let present = step.invocation.arguments.contains { $0.value == "--keepdb" }
      guard present || phaseAdds("--keepdb") else { continue }
      let job = workflowJob(of: step)
      let selfHosted = job?.selfHosted ?? false
      let how = present ? "runs with `--keepdb`" : "gets `--keepdb` from the plan"
      findings.append(
        Finding(
          check: "keepdb-migrations", severity: selfHosted ? .warning : .info, location: step.location,
          message: selfHosted
            ? "the test command \(how) on a self-hosted runner, where the test databases may outlive a run"
            : "the test command \(how); safe here, because every run starts with a fresh database",
          why: "with `--keepdb` Django reuses the test database and its `test_<db>_N` clones and does not "
            + "migrate the clones again, so they go stale after a new migration (Django ticket 26822); "
            + "this project has migrations (\(migrations))",
          fix: selfHosted
            ? "drop `--keepdb` in CI, or drop the test databases whenever a migration is added"
            : "nothing needed in CI, where `--keepdb` saves only the final teardown: drop it there if you "
              + "prefer; locally, run once without `--keepdb` after adding a migration"))
    }
    return findings
  }

  /// The first migration file under the Django roots, or nil.
  func firstMigration() -> String? {
    var queue = djangoRoots.map { ($0, 0) }
    let skipped: Set<String> = [
      ".git", "node_modules", ".venv", "venv", "env", ".tox", "site-packages", ".optimize",
    ]
    while !queue.isEmpty {
      let (folder, depth) = queue.removeFirst()
      for name in repository.list(folder) where !skipped.contains(name) {
        let path = folder.isEmpty ? name : "\(folder)/\(name)"
        guard repository.kind(of: path) == .folder else { continue }
        if name == "migrations",
          let file = repository.list(path).first(where: { $0.hasSuffix(".py") && $0 != "__init__.py" })
        {
          return "\(path)/\(file)"
        }
        if depth < 5 { queue.append((path, depth + 1)) }
      }
    }
    return nil
  }

  /// The coverage config a test step's coverage reads, with its `sigterm`.
  func coverageConfig(of step: TestStep) -> (path: String, sigterm: Bool?)? {
    guard let folder = step.context.workingDirectory else { return nil }
    let target = CoverageLocator(repository: repository).target(in: folder, rcfile: step.context.rcfile)
    guard let source = try? repository.read(target.path) else { return (target.path, nil) }
    switch target.format {
    case .ini(let section):
      return (target.path, (try? CoverageConfigEditor.facts(source: source, section: section))?.sigterm)
    case .pyproject:
      return (target.path, (try? PyprojectCoverageEditor.facts(source: source))?.sigterm)
    case .create:
      return (target.path, nil)
    }
  }
}
