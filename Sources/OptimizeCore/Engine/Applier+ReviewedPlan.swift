extension Applier {
  /// Applies a reviewed plan: exactly its bytes, through the same verification, journal,
  /// snapshots and ledger as `apply(dryRun:)`.
  ///
  /// The planner must be made from the plan's phase, skips and targets. Everything is checked
  /// under the repository lock, so nobody can change a file between the check and the write.
  ///
  /// - Parameters:
  ///   - reviewed: the plan from `plan.json`.
  ///   - path: the plan file's name, for messages.
  ///   - dryRun: check and verify, but write nothing.
  /// - Throws: `ReviewedPlanError.stale` naming every file or phase that changed since the plan
  ///   was made; otherwise what `apply(dryRun:)` throws.
  public func apply(
    reviewed: ReviewedPlan, path: String, dryRun: Bool, lockTimeout: Double = 5
  ) throws -> ApplyOutcome {
    try reviewed.checkMatches(phase: planner.phase, path: path)
    // Refuse before taking the lock too, so a stale plan leaves no trace at all.
    // An applied phase is reported as such by apply(dryRun:), not as a stale plan.
    let ledger = try? LedgerStore(repository: planner.repository).read()
    if ledger?.phase(planner.phase.number) == nil {
      try reviewed.checkFiles(in: planner.repository, path: path)
    }
    return try apply(dryRun: dryRun, lockTimeout: lockTimeout) { plan in
      try reviewed.checkMatches(plan, repository: planner.repository, path: path)
    }
  }
}

extension Planner {
  /// The planner that makes `reviewed` again: its phase, skips and discovery overrides.
  public init(repository: Repository, phase: Phase, reviewed: ReviewedPlan) {
    self.init(
      repository: repository, phase: phase, options: reviewed.targets.options, skip: Set(reviewed.skip))
  }
}
