import Foundation

extension DoctorContext {
  /// In-memory SQLite is fine; PostgreSQL's `max_connections` must fit every worker's connections.
  func databaseFindings() -> [Finding] {
    var findings: [Finding] = []
    for (_, module) in settings {
      guard let module,
        let engine = module.stringTokens(
          holding: "django.db.backends.sqlite3",
          where: {
            PythonStringLiteral.value(of: $0) == "django.db.backends.sqlite3"
          }
        ).first
      else { continue }
      findings.append(
        Finding(
          check: "sqlite", severity: .info, location: module.source.location(ofByte: engine.range.lowerBound),
          message: "SQLite test database: fine with parallel tests",
          why: "Django's SQLite test database lives in memory (unless TEST NAME names a file), and each "
            + "parallel worker gets its own copy of it, so workers share nothing; `--keepdb` has nothing "
            + "to keep and cannot go stale",
          fix: ""))
    }
    var seen: Set<String> = []
    for step in discovery.testSteps {
      guard let job = workflowJob(of: step) else { continue }
      for service in job.services
      where service.image.contains("postgres") || service.image.contains("postgis") {
        guard let limit = Self.maxConnections(service), seen.insert("\(service.location)").inserted else {
          continue
        }
        let (workers, how) = self.workers(of: step)
        let aliases = max(1, databaseAliases())
        let needed = (workers + 1) * aliases
        let arithmetic =
          "\(workers) worker(s) + the main process, × \(aliases) database connection(s) = \(needed)"
        findings.append(
          Finding(
            check: "postgres-connections", severity: needed > limit ? .error : .info,
            location: service.location,
            message: needed > limit
              ? "PostgreSQL allows \(limit) connections, the parallel tests need \(needed)"
              : "PostgreSQL allows \(limit) connections, enough for the parallel tests (\(needed))",
            why: "each parallel worker opens its own connection to each database alias (\(how)): "
              + "\(arithmetic); past `max_connections` PostgreSQL refuses them and the run fails",
            fix: needed > limit
              ? "raise max_connections to at least \(needed) in the service, or use `--parallel \(max(1, limit / aliases - 1))`"
              : ""))
      }
    }
    return findings
  }

  /// `max_connections` when the service makes it visible: in `options` or a known env variable.
  static func maxConnections(_ service: WorkflowJob.Service) -> Int? {
    for name in ["POSTGRES_MAX_CONNECTIONS", "POSTGRESQL_MAX_CONNECTIONS"] {
      if let value = service.environment[name].flatMap({ Int($0) }) { return value }
    }
    // Bytes first: compiling the regex costs more than the rest of `plan` on a small repository.
    return DoctorPatterns.maxConnections(service.options)
  }

  /// How many workers the test command will start, and why.
  func workers(of step: TestStep) -> (Int, String) {
    let words = step.invocation.arguments.map(\.value)
    for (index, word) in words.enumerated() {
      var value: String?
      if word.hasPrefix("--parallel=") { value = String(word.dropFirst("--parallel=".count)) }
      if word == "--parallel", index + 1 < words.count, Int(words[index + 1]) != nil {
        value = words[index + 1]
      }
      if let value, let number = Int(value), number > 0 { return (number, "`--parallel \(number)`") }
    }
    let parallel = words.contains { $0.hasPrefix("--parallel") } || phaseAdds("--parallel=auto")
    guard parallel else { return (1, "no `--parallel`") }
    return (4, "`--parallel auto` starts one per core, 4 on GitHub's standard Linux runners")
  }

  /// The number of database aliases in the settings (`ENGINE` keys), 0 when unknown.
  func databaseAliases() -> Int {
    settings.compactMap(\.module).map { module in
      module.stringTokens(holding: "ENGINE") { PythonStringLiteral.value(of: $0) == "ENGINE" }.count
    }.max() ?? 0
  }
}
