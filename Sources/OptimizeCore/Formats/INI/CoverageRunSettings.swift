import Foundation

/// What a phase wants in coverage.py's `[run]` section, read from the phase's data.
public struct CoverageRunSettings: Sendable, Equatable, Codable {
  /// Whether `parallel` must be true; when false, `parallel` is left as it is.
  public var parallel: Bool
  /// Values `concurrency` must include; missing ones are appended, existing ones never removed or moved.
  public var concurrency: [String]
  /// The list written when `concurrency` is unset or empty, so measurement coverage.py did by default
  /// (`thread`) survives; any of `concurrency` it lacks are appended.
  public var concurrencyWhenUnset: [String]

  /// Creates the settings.
  public init(parallel: Bool, concurrency: [String], concurrencyWhenUnset: [String]) {
    self.parallel = parallel
    self.concurrency = concurrency
    self.concurrencyWhenUnset = concurrencyWhenUnset
  }

  /// Phase 1: `parallel = True`, `concurrency` with `multiprocessing`, `multiprocessing,thread` when unset.
  public static let phase1 = CoverageRunSettings(
    parallel: true, concurrency: ["multiprocessing"], concurrencyWhenUnset: ["multiprocessing", "thread"])

  /// The full list to write when the config has no concurrency yet.
  public var unsetList: [String] {
    concurrencyWhenUnset + concurrency.filter { !concurrencyWhenUnset.contains($0) }
  }

  /// The wanted values missing from `existing`, in the wanted order.
  public func missing(from existing: [String]) -> [String] {
    var result: [String] = []
    for value in concurrency where !existing.contains(value) && !result.contains(value) {
      result.append(value)
    }
    return result
  }
}

/// What to do to a coverage config so it has the wanted run settings.
public enum CoverageConfigPlan: Sendable, Equatable {
  /// The file already has the settings; nothing is written.
  case satisfied(reason: String, location: SourceLocation)
  /// The edits that add the settings, and one line per change for people.
  case edits([Edit], summary: [String])
}

/// The run-section facts other patches need, read from a coverage config.
public struct CoverageRunFacts: Sendable, Equatable {
  /// The section the facts come from, or nil when the file has none.
  public var section: String?
  /// `parallel` as a boolean, or nil when unset.
  public var parallel: Bool?
  /// `concurrency` split the way coverage.py splits lists, or nil when unset.
  public var concurrency: [String]?
  /// `data_file`, or nil when unset.
  public var dataFile: String?
  /// `sigterm` as a boolean, or nil when unset.
  public var sigterm: Bool?

  /// Creates the facts.
  public init(
    section: String? = nil, parallel: Bool? = nil, concurrency: [String]? = nil, dataFile: String? = nil,
    sigterm: Bool? = nil
  ) {
    self.section = section
    self.parallel = parallel
    self.concurrency = concurrency
    self.dataFile = dataFile
    self.sigterm = sigterm
  }
}

/// The value rules coverage.py applies to config values.
enum CoverageValues {
  /// configparser's `BOOLEAN_STATES`, compared lowercased.
  static func boolean(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "1", "yes", "true", "on": return true
    case "0", "no", "false", "off": return false
    default: return nil
    }
  }

  /// coverage.py's `getlist`: split on line breaks and commas, strip, drop empty items.
  static func list(_ value: String) -> [String] {
    value.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
      line.split(separator: ",", omittingEmptySubsequences: false)
    }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The true spelling in the same letter case as a false one: `false` → `true`, `OFF` → `ON`, `0` → `1`.
  static func trueSpelling(like falseValue: String) -> String {
    let word: String
    switch falseValue.lowercased() {
    case "0": return "1"
    case "no": word = "yes"
    case "off": word = "on"
    default: word = "true"
    }
    if falseValue == falseValue.uppercased() { return word.uppercased() }
    if falseValue.first?.isUppercase == true { return word.prefix(1).uppercased() + word.dropFirst() }
    return word
  }
}
