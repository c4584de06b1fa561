import Foundation

/// Everything verify needs before the first run: the two versions of the files, the two
/// commands, where they run and with which environment. Computed in memory; the user's tree is
/// only read.
public struct SuiteSetup: Sendable {
  /// The repository-relative folder copied for each mode (the Django root, or above it).
  public var copyRoot: String
  /// The folder the command runs in, relative to `copyRoot`.
  public var workingDirectory: String
  /// Files that differ from the current tree in the baseline copy (nil: absent).
  public var baselineFiles: [String: [UInt8]?]
  /// Files that differ from the current tree in the optimized copy.
  public var optimizedFiles: [String: [UInt8]?]
  /// The baseline command, before verify's own flags.
  public var baseline: [String]
  /// The optimized command, before verify's own flags.
  public var optimized: [String]
  /// Whether the commands run under coverage.
  public var usesCoverage: Bool
  /// The variables from the workflow and `--env`, applied over the caller's environment.
  public var environment: [String: String]
  /// Where those variables came from.
  public var sources: EnvironmentSources
  /// Where the command came from: `file:line:col (job, step)` or `--command`.
  public var origin: String
  /// What was left out of the CI command to run it here, each as a sentence.
  public var stripped: [String]
  /// Patches that were already satisfied before Phase 1: their gain is in both modes.
  public var satisfied: [PatchResult]
  /// Whether Phase 1 is applied in the tree (baseline from the snapshots).
  public var phaseApplied: Bool
  /// The Django version the repository pins, if known.
  public var djangoVersion: DjangoVersion?

  /// Prepares verify of `phase` in `repository`.
  ///
  /// - Throws: `VerifyError`, discovery, ledger and planning errors.
  public static func prepare(repository: Repository, phase: Phase, options: VerifyOptions) throws
    -> SuiteSetup
  {
    let ledger = try LedgerStore(repository: repository).read()
    var baselineFiles: [String: [UInt8]?] = [:]
    var optimizedFiles: [String: [UInt8]?] = [:]
    var satisfied: [PatchResult] = []
    let applied = ledger.phase(phase.number)
    if let applied {
      let store = LedgerStore(repository: repository)
      for file in applied.files {
        baselineFiles[file.path] = file.created ? nil : try store.snapshot(of: file)
      }
      satisfied = applied.patches.filter { $0.state == .satisfied }.map {
        PatchResult(id: $0.id, kind: $0.kind, state: .satisfied, reason: $0.reason)
      }
    } else {
      let planner = Planner(repository: repository, phase: phase, options: options.discovery)
      let plan = try planner.plan()
      // With --command, verify adds the phase's flags itself: a CI step it cannot edit is no obstacle.
      let blocking = plan.blocking.filter { options.command == nil || $0.kind != "test-command" }
      if !blocking.isEmpty {
        if options.command == nil,
          try Discovery.run(in: repository, options: options.discovery).testSteps.isEmpty
        {
          throw VerifyError.noTestCommand
        }
        throw VerifyError.manualPatches(
          blocking.map { "\($0.id): \($0.reason)" + ($0.places.first.map { " (\($0.location))" } ?? "") }
        )
      }
      try Verifier(planner: planner).verify(plan)
      for file in plan.files { optimizedFiles[file.path] = file.after }
      satisfied = plan.patches.filter { $0.state == .satisfied }
    }
    var baselineRepository = repository
    baselineRepository.overlay = baselineFiles
    var optimizedRepository = repository
    optimizedRepository.overlay = optimizedFiles
    let spec = phase.patches.lazy.compactMap { patch -> TestCommandSpec? in
      if case .testCommand(let spec) = patch.kind { return spec }
      return nil
    }.first
    let runner = spec?.runner ?? .django
    let baseDiscovery = try Discovery.run(in: baselineRepository, runner: runner, options: options.discovery)
    let optDiscovery = try Discovery.run(in: optimizedRepository, runner: runner, options: options.discovery)
    var builder = VerifyCommandBuilder(
      options: options, django: baseDiscovery.djangoVersion?.version, spec: spec)
    let pair = try builder.commands(baseline: baseDiscovery, optimized: optDiscovery)
    let changed = Array(baselineFiles.keys) + Array(optimizedFiles.keys)
    let copyRoot = Self.commonFolder(
      [pair.directory, pair.pythonRoot].compactMap { $0 }
        + changed.filter { !$0.hasPrefix(".github/") }
        .map { $0.split(separator: "/").dropLast().joined(separator: "/") })
    let (environment, sources) = EnvironmentBuilder.build(
      workflow: pair.environment, caller: options.environment, overrides: options.overrides)
    return SuiteSetup(
      copyRoot: copyRoot, workingDirectory: Self.relative(pair.directory, to: copyRoot),
      baselineFiles: baselineFiles, optimizedFiles: optimizedFiles, baseline: pair.baseline,
      optimized: pair.optimized, usesCoverage: pair.usesCoverage, environment: environment, sources: sources,
      origin: pair.origin, stripped: builder.stripped, satisfied: satisfied, phaseApplied: applied != nil,
      djangoVersion: baseDiscovery.djangoVersion?.version)
  }

  /// The deepest folder that holds every one of `folders` (repository-relative).
  static func commonFolder(_ folders: [String]) -> String {
    guard var common = folders.first?.split(separator: "/").map(String.init) else { return "" }
    for folder in folders.dropFirst() {
      let parts = folder.split(separator: "/").map(String.init)
      common = Array(zip(common, parts).prefix { $0.0 == $0.1 }.map(\.0))
    }
    return common.joined(separator: "/")
  }

  static func relative(_ folder: String, to root: String) -> String {
    guard !root.isEmpty else { return folder }
    return folder == root ? "" : String(folder.dropFirst(root.count + 1))
  }
}

/// Builds the run's environment: the caller's, then the workflow's plain values, then `--env`.
enum EnvironmentBuilder {
  static func build(
    workflow: [String: String], caller: [String: String], overrides: [String: String]
  ) -> ([String: String], EnvironmentSources) {
    var environment: [String: String] = [:]
    var sources = EnvironmentSources()
    for (name, value) in workflow.sorted(by: { $0.key < $1.key }) {
      if value.contains("${{") {
        // A secret or expression has no value outside GitHub Actions: never invent one.
        if caller[name] != nil { sources.suppliedByCaller.append(name) } else { sources.unset.append(name) }
      } else {
        environment[name] = value
        sources.fromWorkflow.append(name)
      }
    }
    for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
      environment[name] = value
      sources.overridden.append(name)
    }
    return (environment, sources)
  }
}
