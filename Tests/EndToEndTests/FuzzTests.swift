import Foundation
import OptimizeCore
import Testing

/// Seeded mutations of every `Snapshots/*/before` case (byte flips, truncation, inserted quotes,
/// tabs, colons, deleted lines…), planned, applied and rolled back in-process: no trap, and every
/// outcome is either a verified edit that rolls back byte-exact or a clear refusal with the files
/// untouched. `OPTIMIZE_FUZZ_RUNS` sets the runs per case, `OPTIMIZE_TEST_SEED` the seed.
@Suite struct FuzzTests {
  static let cases: [String] = SnapshotTests.cases

  /// Where the mutated copies go: a tmpfs when there is one, because every apply syncs its
  /// writes to disk and thousands of runs would wait on the disk.
  static let scratch: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let base = access(shm.path, W_OK) == 0 ? shm : FileManager.default.temporaryDirectory
    let url = base.appendingPathComponent("optimize-fuzz-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// The file a crashing run leaves behind, naming its case, seed and run.
  static let breadcrumb = FileManager.default.temporaryDirectory.appendingPathComponent(
    "optimize-fuzz-last.txt")

  @Test(arguments: cases)
  func mutatedInputsApplyAndRollBackOrAreRefused(_ name: String) throws {
    let source = TreeFixture.packageRoot.appendingPathComponent("Snapshots/\(name)/before")
    let originals = try TreeFixture.files(source)
    let paths = originals.keys.sorted().filter { !$0.contains("/tests/") }
    var random = SeededGenerator(
      seed: LongRun.seed &* 1_000_003 &+ UInt64(Self.cases.firstIndex(of: name) ?? 0))
    var applied = 0
    var refused = 0
    for run in 0..<LongRun.fuzzRuns {
      let path = paths.randomElement(using: &random)!
      var bytes = [UInt8](originals[path]!)
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = Mutation.random(using: &random).apply(to: bytes, using: &random)
      }
      let repo = Self.scratch.appendingPathComponent("\(name)-\(run)")
      try FileManager.default.copyItem(at: source, to: repo)
      try Data(bytes).write(to: repo.appendingPathComponent(path))
      try Data("case \(name) seed \(LongRun.seed) run \(run) file \(path)\n".utf8).write(to: Self.breadcrumb)
      let before = try TreeFixture.files(repo)
      let label = "\(name) run \(run) (\(path))"
      switch try Self.applyAndRollBack(repo, args: try Self.arguments(name), label: label) {
      case .applied:
        applied += 1
        #expect(try TreeFixture.files(repo) == before, "\(label): rollback is not byte-exact")
      case .refused(let message):
        refused += 1
        #expect(try TreeFixture.files(repo) == before, "\(label): a refusal wrote: \(message)")
        #expect(
          !FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize/snapshots").path))
        #expect(message.contains("expected"), "\(label): unclear refusal: \(message)")
      }
      try? FileManager.default.removeItem(at: repo)
    }
    #expect(applied + refused == LongRun.fuzzRuns)
  }

  enum Outcome {
    case applied
    case refused(String)
  }

  /// Applies phase 1, and when something was written, checks status and rolls it back.
  static func applyAndRollBack(_ root: URL, args: DiscoveryOptions, label: String) throws -> Outcome {
    let repository = try Repository(root: root)
    let phase = try PhaseLoader.builtIn.phase(1)
    let planner = Planner(repository: repository, phase: phase, options: args)
    do {
      let outcome = try Applier(planner: planner).apply(dryRun: false, lockTimeout: 1)
      guard outcome.wrote else { return .refused("expected a write, found none") }
    } catch {
      return .refused("\(error)")
    }
    let report = StatusChecker(repository: repository, options: args).report(phases: [phase])
    let drifted = (report.phases.first?.patches ?? []).filter {
      $0.state != .applied && $0.state != .satisfied
    }
    #expect(report.checkExitCode(phase: 1) == 0, "\(label): status after apply: \(drifted)")
    let ledger = try LedgerStore(repository: repository).read()
    let rollback = Rollback(repository: repository)
    let plan = try rollback.plan(phase: nil, ledger: ledger)
    #expect(plan.actions.allSatisfy { [.restore, .delete].contains($0.kind) })
    _ = try rollback.perform(plan, ledger: ledger, force: false)
    return .applied
  }

  /// The discovery flags a case's `args` file gives.
  static func arguments(_ name: String) throws -> DiscoveryOptions {
    let url = TreeFixture.packageRoot.appendingPathComponent("Snapshots/\(name)/args")
    let words = ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
    var options = DiscoveryOptions()
    for (flag, value) in zip(words, words.dropFirst()) {
      switch flag {
      case "--settings-file": options.settingsFile = String(value)
      case "--coverage-config": options.coverageConfig = String(value)
      case "--workflow": options.workflows.append(String(value))
      default: break
      }
    }
    return options
  }
}

/// One seeded change to a file's bytes.
enum Mutation: CaseIterable {
  case flipBit, truncate, insertQuote, insertTab, insertColon, insertSyntax, deleteLine, duplicateLine

  static func random(using random: inout SeededGenerator) -> Mutation {
    allCases.randomElement(using: &random)!
  }

  func apply(to bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
    guard !bytes.isEmpty else { return Array("'".utf8) }
    var bytes = bytes
    let at = Int.random(in: 0..<bytes.count, using: &random)
    func insert(_ choices: [String]) {
      bytes.insert(contentsOf: Array(choices.randomElement(using: &random)!.utf8), at: at)
    }
    switch self {
    case .flipBit: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
    case .truncate: bytes.removeSubrange(at...)
    case .insertQuote: insert(["\"", "'", "\"\"\"", "'''", "`"])
    case .insertTab: insert(["\t", "\t\t", " \t"])
    case .insertColon: insert([":", ": ", "::", " :"])
    case .insertSyntax:
      insert(["\n", "\r\n", "#", "[", "]", "{", "}", "- ", "|", ">", "&a ", "*a", "\\", "=", "%", "\u{FEFF}"])
    case .deleteLine, .duplicateLine:
      let start = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      let end = bytes[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
      if self == .deleteLine {
        bytes.removeSubrange(start..<end)
      } else {
        bytes.insert(contentsOf: Array(bytes[start..<end]), at: end)
      }
    }
    return bytes
  }
}
