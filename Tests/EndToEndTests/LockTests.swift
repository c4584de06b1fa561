import Foundation
import OptimizeCore
import Testing

/// One writer at a time (`flock` on `.optimize/lock`), a clear message naming the holder, stale
/// locks taken over, and readers that never block and never see a half-written ledger.
@Suite struct LockTests {
  /// Holds `.optimize/lock` from the test process, as another optimize would.
  final class HeldLock {
    let descriptor: Int32

    init(_ repo: URL, holder: String) throws {
      let folder = repo.appendingPathComponent(".optimize")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      descriptor = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
      #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
      _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
      ftruncate(descriptor, 0)
      flock(descriptor, LOCK_UN)
      close(descriptor)
    }
  }

  static func run(_ arguments: [String], _ repo: URL) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(arguments + ["--repo", repo.path], in: repo)
  }

  @Test func eightConcurrentAppliesApplyOnce() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let processes = (0..<8).map { _ in
      let process = Process()
      process.executableURL = OptimizeBinary.url
      process.arguments = ["apply", "--phase", "1", "--repo", repo.path]
      process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
      return (process, Pipe(), Pipe())
    }
    for (process, out, err) in processes {
      process.standardOutput = out
      process.standardError = err
      try process.run()
    }
    var applied = 0
    for (process, out, err) in processes {
      let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      if stdout.contains("Applied phase 1 to 3 file(s), verified.") {
        applied += 1
        #expect(process.terminationStatus == 0)
      } else if process.terminationStatus == 0 {
        #expect(stdout.contains("Phase 1 is already applied; nothing written."), "\(stdout)")
      } else {
        #expect(stderr.contains(".optimize/lock: expected to take the lock within 5s, found it held by pid"))
      }
    }
    #expect(applied == 1)
    #expect(try TreeFixture.files(repo) == CrashTests.states.applied)
    #expect(try Self.run(["status", "--check"], repo).status == 0)
    let ledger = try LedgerStore(repository: try Repository(root: repo)).read()
    #expect(ledger.phases.map(\.phase) == [1])
  }

  /// A plan made without the lock while another run writes can read a file before that write
  /// and again after it, and refuse what is fine (the eight concurrent applies above met it once).
  /// `check` runs right after each plan: the first time, another run applies the phase, and this
  /// plan's refusal stands for the torn read's.
  @Test func aRefusalWhileAnotherRunWritesIsPlannedAgainUnderTheLock() throws {
    struct TornRead: Error {}
    let repo = try TreeFixture.copy("Examples/brktickets")
    let phase = try PhaseLoader.builtIn.phase(1)
    let planner = Planner(repository: try Repository(root: repo), phase: phase)
    var plans = 0
    let outcome = try Applier(planner: planner).apply(dryRun: false) { _ in
      plans += 1
      guard plans == 1 else { return }
      let other = Planner(repository: try Repository(root: repo), phase: phase)
      #expect(try Applier(planner: other).apply(dryRun: false).wrote)
      throw TornRead()
    }
    #expect(outcome.alreadyApplied && !outcome.wrote)
    #expect(try TreeFixture.files(repo) == CrashTests.states.applied)
    // With no other run writing, the same refusal stands, and nothing is written.
    let fresh = try TreeFixture.copy("Examples/brktickets")
    let before = try TreeFixture.files(fresh, skipping: [])
    let alone = Planner(repository: try Repository(root: fresh), phase: phase)
    #expect(throws: TornRead.self) {
      try Applier(planner: alone).apply(dryRun: false) { _ in throw TornRead() }
    }
    #expect(try TreeFixture.files(fresh, skipping: []) == before)
  }

  @Test func aHeldLockNamesItsHolderAfterTheTimeout() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let before = try TreeFixture.files(repo)
    let held = try HeldLock(repo, holder: "pid 4242 on ci-runner since 2026-11-27T15:00:00Z\n")
    for command in [["apply", "--phase", "1"], ["recover"]] {
      let result = try Self.run(command + ["--lock-timeout", "0.2"], repo)
      #expect(result.status == 1)
      #expect(
        result.stderr.contains(
          "Error: .optimize/lock: expected to take the lock within 0.2s, found it held by pid 4242 on "
            + "ci-runner since 2026-11-27T15:00:00Z; wait for that run to finish, or raise --lock-timeout"))
    }
    #expect(try TreeFixture.files(repo) == before)
    // Readers neither wait for the lock nor fail on it.
    #expect(try Self.run(["status"], repo).status == 0)
    #expect(try Self.run(["plan", "--phase", "1"], repo).status == 0)
    withExtendedLifetime(held) {}
  }

  @Test func aLockLeftByAKilledRunIsTakenOver() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    try TreeFixture.write(
      "pid 999999 on laptop since 2026-11-27T15:00:00Z\n", to: ".optimize/lock", in: repo)
    let apply = try Self.run(["apply", "--phase", "1"], repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    #expect(
      apply.stdout.hasPrefix(
        "Took over the lock a killed run left (pid 999999 on laptop since 2026-11-27T15:00:00Z).\n"))
    #expect(try TreeFixture.read(".optimize/lock", in: repo) == "", "released on exit")
    let rollback = try Self.run(["rollback"], repo)
    #expect(!rollback.stdout.contains("Took over"))
  }

  @Test func readersNeverSeeAHalfWrittenLedger() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/bin/sh")
    let binary = OptimizeBinary.url.path
    writer.arguments = [
      "-c",
      "for i in 1 2 3 4 5 6; do '\(binary)' apply --phase 1 --repo \"$0\" && '\(binary)' rollback --repo \"$0\" "
        + "|| exit 1; done",
      repo.path,
    ]
    writer.standardOutput = FileHandle.nullDevice
    try writer.run()
    var reads = 0
    var states: Set<Int> = []
    let ledger = repo.appendingPathComponent(".optimize/state.json")
    while writer.isRunning {
      if let data = FileManager.default.contents(atPath: ledger.path) {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["formatVersion"] as? Int == 1, "half-written ledger: \(data.count) bytes")
        states.insert((object?["phases"] as? [Any])?.count ?? -1)
        reads += 1
      }
      if reads % 50 == 0 {
        let status = try Self.run(["status", "--format", "json"], repo)
        let report = try? JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(report?["ledgerError"] == nil, "\(status.stdout)")
      }
    }
    #expect(writer.terminationStatus == 0)
    #expect(reads > 0)
    #expect(states.isSubset(of: [0, 1]))
  }
}
