/// Computes a phase's plan for a repository: discovery, then each patch kind's edits.
///
/// Planning reads and never writes. It is pure over the repository's bytes (and its overlay),
/// so the verifier can plan again on the edited bytes in memory.
public struct Planner: Sendable {
  /// The repository.
  public var repository: Repository
  /// The phase.
  public var phase: Phase
  /// Discovery overrides from the command line.
  public var options: DiscoveryOptions
  /// Patch ids the user skips.
  public var skip: Set<String>

  /// Creates a planner.
  public init(
    repository: Repository, phase: Phase, options: DiscoveryOptions = DiscoveryOptions(),
    skip: Set<String> = []
  ) {
    self.repository = repository
    self.phase = phase
    self.options = options
    self.skip = skip
  }

  /// Discovers targets and plans every patch.
  ///
  /// - Throws: `PlanError.unknownSkip` for a `--skip` that names no patch; discovery errors.
  public func plan() throws -> Plan {
    try plan(discovered: discover())
  }

  /// The phase's test runner and what discovery finds for it: the first half of `plan()`, for a
  /// caller that starts other work (the doctor's checks) from it.
  ///
  /// - Throws: `PlanError.unknownSkip` for a `--skip` that names no patch; discovery errors.
  public func discover() throws -> (runner: TestRunner, found: Discovery) {
    let unknown = skip.subtracting(phase.patches.map(\.id))
    if !unknown.isEmpty {
      throw PlanError.unknownSkip(unknown.sorted(), known: phase.patches.map(\.id))
    }
    let runner =
      phase.patches.lazy.compactMap { patch -> TestRunner? in
        if case .testCommand(let spec) = patch.kind { return spec.runner }
        return nil
      }.first ?? .django
    return (runner, try Discovery.run(in: repository, runner: runner, options: options))
  }

  /// Plans every patch from what `discover()` found.
  ///
  /// - Throws: errors reading or parsing the targets.
  public func plan(discovered: (runner: TestRunner, found: Discovery)) throws -> Plan {
    let (runner, discovery) = discovered
    let outcomes = Parallel.each(phase.patches) { patch -> Result<(PatchResult, PlanBuilder), Error> in
      Result { try plan(patch, discovery: discovery) }
    }
    var builder = PlanBuilder(repository: repository)
    var results: [PatchResult] = []
    for outcome in outcomes {
      let (result, patchBuilder) = try outcome.get()
      results.append(result)
      builder.join(patchBuilder)
    }
    var result = Plan(
      phase: phase, patches: results, files: try builder.files(), discovery: (runner, discovery))
    result.texts = repository.readCache
    return result
  }

  /// One patch's result and edits.
  private func plan(_ patch: Patch, discovery: Discovery) throws -> (PatchResult, PlanBuilder) {
    var builder = PlanBuilder(repository: repository)
    if skip.contains(patch.id) {
      let skipped = PatchResult(
        id: patch.id, kind: patch.kind.name, state: .skipped, reason: "skipped with --skip")
      return (skipped, builder)
    }
    let result: PatchResult
    switch patch.kind {
    case .coverageConfig(let wants):
      result = try planCoverage(patch, wants: wants, discovery: discovery, into: &builder)
    case .settingsBlock(let block):
      result = try planSettings(patch, block: block, discovery: discovery, into: &builder)
    case .testCommand(let spec):
      result = try planTestCommand(patch, spec: spec, discovery: discovery, into: &builder)
    }
    return (result, builder)
  }
}

/// Collects edits per file while patches are planned.
struct PlanBuilder {
  let repository: Repository
  private var changes: [String: FileChange] = [:]

  init(repository: Repository) {
    self.repository = repository
  }

  /// Adds a patch's edits to a file, with the check that verifies them.
  mutating func add(
    _ edits: [Edit], patch: String, to source: SourceText, created: Bool = false, check: FileCheck
  ) {
    var change =
      changes[source.path]
      ?? FileChange(
        path: source.path, created: created, before: source.bytes, after: [], edits: [], checks: [])
    change.edits += edits.map { PatchEdit(patch: patch, edit: $0) }
    change.checks.append(check)
    changes[source.path] = change
  }

  /// Adds the edits and checks `other` collected, after this builder's own, as if `other`'s
  /// patch had been planned into this builder.
  mutating func join(_ other: PlanBuilder) {
    for (path, change) in other.changes {
      guard var mine = changes[path] else {
        changes[path] = change
        continue
      }
      mine.edits += change.edits
      mine.checks += change.checks
      changes[path] = mine
    }
  }

  /// The file changes with their resulting bytes.
  func files() throws -> [FileChange] {
    try changes.values.sorted { $0.path < $1.path }.map { change in
      var change = change
      let edits = change.edits.map(\.edit)
      if let text = VerifiedEdits.text(applying: edits, to: change.before, path: change.path) {
        // The scalar editor's check built and indexed these bytes: the verifier and the diff
        // find them, indexed, in the read cache.
        change.after = text.bytes
        repository.readCache.keep(overlay: text)
      } else {
        change.after = try edits.applied(to: change.before, path: change.path)
      }
      return change
    }
  }
}

/// A plan that cannot be made as asked.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownSkip([String], known: [String])

  public var description: String {
    switch self {
    case .unknownSkip(let ids, let known):
      return "--skip: expected a patch id (\(known.joined(separator: ", "))), found "
        + "\(ids.joined(separator: ", ")); run `optimize phases` to list the patches"
    }
  }
}
