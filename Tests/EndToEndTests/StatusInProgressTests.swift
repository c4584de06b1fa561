import Foundation
import Testing

/// `status` tells a transaction that another optimize is still writing from one a killed run left.
@Suite struct StatusInProgressTests {
  @Test func aHeldLockMeansInProgressAFreeOneMeansInterrupted() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    try TreeFixture.write("{}", to: ".optimize/journal/intent.json", in: repo)
    try TreeFixture.write("", to: ".optimize/lock", in: repo)

    let free = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(free.status == 3)
    #expect(
      free.stdout.hasPrefix("interrupted: a killed run left .optimize/journal; run `optimize recover`\n"))

    // Another process holds the lock, as a running apply does.
    let descriptor = open(repo.appendingPathComponent(".optimize/lock").path, O_RDWR)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    _ = "pid 4242 on ci since now\n".withCString { pwrite(descriptor, $0, strlen($0), 0) }
    let held = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(held.status == 3)
    #expect(held.stdout.hasPrefix("in progress: pid 4242 on ci since now is writing this repository"))
    let json = try OptimizeBinary.run(["status", "--format", "json", "--repo", repo.path], in: repo)
    #expect(json.stdout.contains("\"transactionHeldBy\" : \"pid 4242 on ci since now\""))
  }
}
