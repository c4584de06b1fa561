import Foundation

/// A small seeded random generator (SplitMix64), so that fault-injection and fuzz runs can be
/// repeated exactly from their seed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Settings for the long runs, from the environment (documented in the README).
enum LongRun {
  /// `OPTIMIZE_FAULT_RUNS`: random SIGKILL runs in the fault-injection test (default 12).
  static var faultRuns: Int { number("OPTIMIZE_FAULT_RUNS") ?? 8 }
  /// `OPTIMIZE_FUZZ_RUNS`: mutations per snapshot case in the fuzz test (default 8).
  static var fuzzRuns: Int { number("OPTIMIZE_FUZZ_RUNS") ?? 8 }
  /// `OPTIMIZE_TEST_SEED`: the seed of every seeded run (default 1).
  static var seed: UInt64 { UInt64(number("OPTIMIZE_TEST_SEED") ?? 1) }

  private static func number(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
  }
}
