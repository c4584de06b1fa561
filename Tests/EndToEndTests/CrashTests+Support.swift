import Foundation
import OptimizeCore
import Testing

extension CrashTests {
  enum Outcome: Hashable {
    case original, applied
  }

  static func copy(_ source: URL) throws -> URL {
    let target = try TreeFixture.temporaryFolder().appendingPathComponent("repo")
    try FileManager.default.copyItem(at: source, to: target)
    return target
  }

  static func run(
    _ arguments: [String], _ repo: URL, _ environment: [String: String] = [:]
  ) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(arguments + ["--repo", repo.path], in: repo, environment: environment)
  }

  /// Runs `recover` killed at each of its own steps (on copies), then once more to the end;
  /// every path must end in a consistent state, and `status --check` must agree.
  static func recoverEveryWay(_ crashed: URL, _ states: States, label: String) throws -> Set<Outcome> {
    var outcomes: Set<Outcome> = []
    var step = 1
    while step < 100 {
      let repo = try copy(crashed)
      let killed = try run(["recover"], repo, ["OPTIMIZE_CRASH_AFTER": "\(step)"])
      if killed.status == 0 {
        if let outcome = try outcome(repo, states, label: "\(label), recover") {
          outcomes.insert(outcome)
          try expectStatus(repo, outcome)
        }
        break
      }
      #expect(killed.status == FaultInjection.crashStatus, "\(label): \(killed.stderr)")
      let again = try run(["recover"], repo)
      #expect(again.status == 0, "\(label), recover killed at \(step): \(again.stderr)")
      if let outcome = try outcome(repo, states, label: "\(label), recover killed at \(step)") {
        outcomes.insert(outcome)
      }
      step += 1
    }
    return outcomes
  }

  /// `status --check` agrees: 0 when applied, 2 when not.
  static func expectStatus(_ repo: URL, _ outcome: Outcome) throws {
    let status = try run(["status", "--check"], repo)
    #expect(status.status == (outcome == .applied ? 0 : 2), "\(status.stdout)\(status.stderr)")
  }

  /// Which state the repository is in, or nil (with a recorded issue) when it is in neither, when
  /// a journal or temporary file is left, or when the ledger disagrees with the files.
  static func outcome(_ repo: URL, _ states: States, label: String) throws -> Outcome? {
    let optimize = repo.appendingPathComponent(".optimize")
    let leftovers = try TreeFixture.files(optimize, skipping: []).keys.filter {
      $0.hasPrefix("journal") || $0.contains(".optimize-")
    }
    #expect(leftovers.isEmpty, "\(label): left \(leftovers)")
    let files = try TreeFixture.files(repo)
    let store = LedgerStore(repository: try Repository(root: repo))
    let ledger = try store.read()
    let snapshots = try TreeFixture.files(optimize.appendingPathComponent("snapshots"), skipping: [])
    if files == states.original {
      #expect(ledger.phases.isEmpty, "\(label): original files, but the ledger has a phase")
      #expect(snapshots.isEmpty, "\(label): original files, but snapshots are left")
      return .original
    }
    if files == states.applied {
      guard let phase = ledger.phase(1) else {
        Issue.record("\(label): applied files, but the ledger has no phase")
        return nil
      }
      for file in phase.files where !file.created { _ = try store.snapshot(of: file) }
      return .applied
    }
    let differing = Set(files.keys).union(states.original.keys).filter {
      files[$0] != states.original[$0] && files[$0] != states.applied[$0]
    }
    Issue.record("\(label): files neither original nor applied: \(differing.sorted())")
    return nil
  }
}
