import Foundation
import OptimizeCore
import Testing

/// `apply`, `rollback` and `recover` killed at every durable step (`OPTIMIZE_CRASH_AFTER`), at
/// random moments (SIGKILL), and failing at every write (`OPTIMIZE_FAIL_WRITE`): afterwards every
/// file is byte-identical to the original or to the applied version, and the ledger agrees.
@Suite(.serialized) struct CrashTests {
  static let example = TreeFixture.packageRoot.appendingPathComponent("Examples/brktickets")

  /// The example, applied once, to copy from.
  static let applied: URL = {
    let repo = try! TreeFixture.copy("Examples/brktickets")
    let result = try! OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    precondition(result.status == 0, result.stderr)
    return repo
  }()

  /// The two states a repository may be in: its files without `.optimize/`.
  struct States {
    var original: [String: Data]
    var applied: [String: Data]
  }

  static let states = States(
    original: try! TreeFixture.files(example), applied: try! TreeFixture.files(applied))

  @Test func applyKilledAtEveryStepThenRecovered() throws {
    var seen: Set<Outcome> = []
    var step = 1
    while step < 200 {
      let repo = try Self.copy(Self.example)
      let apply = try Self.run(["apply", "--phase", "1"], repo, ["OPTIMIZE_CRASH_AFTER": "\(step)"])
      if apply.status == 0 { break }
      #expect(apply.status == FaultInjection.crashStatus, "step \(step): \(apply.stderr)")
      seen.formUnion(try Self.recoverEveryWay(repo, Self.states, label: "apply step \(step)"))
      step += 1
    }
    #expect(step > 20, "apply should take many durable steps")
    #expect(seen == [.original, .applied])
  }

  @Test func rollbackKilledAtEveryStepThenRecovered() throws {
    var seen: Set<Outcome> = []
    var step = 1
    while step < 200 {
      let repo = try Self.copy(Self.applied)
      let rollback = try Self.run(["rollback"], repo, ["OPTIMIZE_CRASH_AFTER": "\(step)"])
      if rollback.status == 0 { break }
      #expect(rollback.status == FaultInjection.crashStatus, "step \(step): \(rollback.stderr)")
      seen.formUnion(try Self.recoverEveryWay(repo, Self.states, label: "rollback step \(step)"))
      step += 1
    }
    #expect(step > 10)
    #expect(seen == [.original, .applied])
  }

  @Test func rollbackThatKeepsLaterEditsKilledAtEveryStep() throws {
    let settings = "apps/api/brktickets/settings.py"
    let edit = Data("\nTEAM_SETTING = 1\n".utf8)
    var states = Self.states
    states.original[settings]!.append(edit)
    states.applied[settings]!.append(edit)
    var step = 1
    while step < 200 {
      let repo = try Self.copy(Self.applied)
      let handle = try FileHandle(forWritingTo: repo.appendingPathComponent(settings))
      try handle.seekToEnd()
      try handle.write(contentsOf: edit)
      try handle.close()
      let rollback = try Self.run(["rollback"], repo, ["OPTIMIZE_CRASH_AFTER": "\(step)"])
      if rollback.status == 0 {
        #expect(try Self.outcome(repo, states, label: "clean rollback") == .original)
        break
      }
      #expect(rollback.status == FaultInjection.crashStatus)
      _ = try Self.recoverEveryWay(repo, states, label: "rollback with later edit, step \(step)")
      step += 1
    }
  }

  @Test func everyFailedWriteRestoresTheRepository() throws {
    for (command, start, expected) in [
      (["apply", "--phase", "1"], Self.example, Outcome.original), (["rollback"], Self.applied, .applied),
    ] {
      var write = 1
      while write < 100 {
        let repo = try Self.copy(start)
        let result = try Self.run(command, repo, ["OPTIMIZE_FAIL_WRITE": "\(write)"])
        if result.status == 0 { break }
        #expect(result.status == 1)
        #expect(result.stderr.contains("expected to write the file, found no space left on device"))
        #expect(try Self.outcome(repo, Self.states, label: "\(command[0]) write \(write)") == expected)
        write += 1
      }
      #expect(write > 5)
    }
  }

  @Test func aFileInTheWayPartwayFailsClearlyAndRestores() throws {
    // A real error as root too: the second snapshot's folder is a file, so the first snapshot is
    // written, then the transaction fails and is undone.
    let repo = try Self.copy(Self.example)
    try TreeFixture.write("in the way\n", to: ".optimize/snapshots/phase-1/apps", in: repo)
    let apply = try Self.run(["apply", "--phase", "1"], repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains(".optimize/snapshots/phase-1/apps/api: expected to write the file, found"))
    // Named relative to the repository, as every other message.
    #expect(apply.stderr.hasPrefix("Error: .optimize/snapshots/phase-1/apps/api: expected to write"))
    #expect(try TreeFixture.files(repo) == Self.states.original)
    let optimize = try TreeFixture.files(repo.appendingPathComponent(".optimize"), skipping: [])
    #expect(optimize.keys.sorted() == ["lock", "snapshots/phase-1/apps"])
    #expect(try Self.run(["status", "--check"], repo).status == 2)
  }

  @Test func failedWriteThenKilledDuringTheUndo() throws {
    var random = SeededGenerator(seed: LongRun.seed)
    for run in 0..<LongRun.faultRuns {
      let repo = try Self.copy(Self.example)
      let environment = [
        "OPTIMIZE_FAIL_WRITE": "\(Int.random(in: 9...14, using: &random))",
        "OPTIMIZE_CRASH_AFTER": "\(Int.random(in: 20...40, using: &random))",
      ]
      let apply = try Self.run(["apply", "--phase", "1"], repo, environment)
      #expect([0, 1, FaultInjection.crashStatus].contains(apply.status))
      _ = try Self.recoverEveryWay(repo, Self.states, label: "run \(run) \(environment)")
    }
  }

  @Test func killedAtRandomMomentsThenRecovered() throws {
    var random = SeededGenerator(seed: LongRun.seed)
    var seen: Set<Outcome> = []
    for run in 0..<LongRun.faultRuns {
      let rollingBack = Bool.random(using: &random)
      let repo = try Self.copy(rollingBack ? Self.applied : Self.example)
      let process = Process()
      process.executableURL = OptimizeBinary.url
      process.arguments = (rollingBack ? ["rollback"] : ["apply", "--phase", "1"]) + ["--repo", repo.path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0..<(rollingBack ? 150_000 : 600_000), using: &random))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let recover = try Self.run(["recover"], repo)
      #expect(recover.status == 0, "\(recover.stderr)")
      if let outcome = try Self.outcome(repo, Self.states, label: "random kill \(run)") {
        seen.insert(outcome)
        try Self.expectStatus(repo, outcome)
      }
    }
    #expect(!seen.isEmpty)
  }
}
