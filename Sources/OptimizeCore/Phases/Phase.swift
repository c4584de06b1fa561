/// A numbered set of patches, loaded from a phase file in `Patches/`.
public struct Phase: Sendable, Equatable {
  /// The phase number; phases stack, so phase N needs every phase it `requires`.
  public var number: Int
  /// A short title.
  public var title: String
  /// One paragraph on what the phase does.
  public var summary: String
  /// Phases that must be applied first.
  public var requires: [Int]
  /// The patches, in the order they are planned and reported.
  public var patches: [Patch]
  /// The file the phase was loaded from, e.g. `phase-1.yml`.
  public var file: String
  /// SHA-256 of the phase file's bytes, recorded in plans and the ledger.
  public var digest: String
}

/// One intended change to one kind of target, with the data that says what "done" means.
public struct Patch: Sendable, Equatable {
  /// A stable id such as `coverage-parallel`, used by `--skip` and in the ledger.
  public var id: String
  /// A short title.
  public var title: String
  /// Why the plan wants it, quoted in plans and reports.
  public var why: String
  /// What the patch changes, and how.
  public var kind: Kind

  /// The kinds of patch the engine knows. A new phase that uses these needs no code change.
  public enum Kind: Sendable, Equatable {
    /// Settings in coverage.py's run section.
    case coverageConfig(CoverageRunSettings)
    /// A guarded block appended to the Django settings module the tests load.
    case settingsBlock(SettingsBlock)
    /// Flags on the CI test command, and a `coverage combine` after it.
    case testCommand(TestCommandSpec)

    /// The name used in phase files.
    public var name: String {
      switch self {
      case .coverageConfig: return "coverage-config"
      case .settingsBlock: return "settings-block"
      case .testCommand: return "test-command"
      }
    }
  }
}

/// What the `test-command` patch kind adds to each CI test invocation.
public struct TestCommandSpec: Sendable, Equatable, Codable {
  /// The test runner whose invocations are edited.
  public var runner: TestRunner
  /// The flag `coverage run` gets, when the tests run under coverage.
  public var coverageFlag: FlagRule?
  /// The flags the test command gets, in order.
  public var testFlags: [TestFlag]
  /// The command that combines parallel coverage data, e.g. `coverage combine`.
  public var combine: String?
  /// The coverage subcommands that need combined data first.
  public var reports: [String]

  /// A test-runner flag, with the spelling to use on older Django versions.
  public struct TestFlag: Sendable, Equatable, Codable {
    /// The flag and how to tell it is already there.
    public var rule: FlagRule
    /// Below this Django version, add `olderAdd` instead (nil: drop the flag).
    public var belowDjango: String?
    /// The spelling for Django versions below `belowDjango`.
    public var olderAdd: String?

    /// The rule to use for a Django version (nil: unknown, use the current spelling).
    public func rule(forDjango version: DjangoVersion?) -> FlagRule {
      guard let belowDjango, let version, let limit = DjangoVersion(belowDjango), version < limit
      else { return rule }
      return FlagRule(add: olderAdd ?? rule.add, presentIf: rule.presentIf)
    }
  }
}

/// A Django version such as 4.2, compared by its numbers.
public struct DjangoVersion: Sendable, Equatable, Comparable, Codable, CustomStringConvertible {
  /// The numeric components, e.g. `[4, 2, 7]`.
  public var components: [Int]

  /// Parses `4.2`, `4.2.7` or `5.0a1` (the numeric prefix of each part).
  public init?(_ text: String) {
    let parts = text.split(separator: ".").map { part in Int(part.prefix { $0.isNumber }) }
    guard let first = parts.first, first != nil else { return nil }
    components = parts.prefix { $0 != nil }.map { $0! }
  }

  public static func < (lhs: DjangoVersion, rhs: DjangoVersion) -> Bool {
    for index in 0..<max(lhs.components.count, rhs.components.count) {
      let left = index < lhs.components.count ? lhs.components[index] : 0
      let right = index < rhs.components.count ? rhs.components[index] : 0
      if left != right { return left < right }
    }
    return false
  }

  public var description: String { components.map(String.init).joined(separator: ".") }
}
