/// `.optimize/state.json`: which phases are applied, by which tool version and when, each file's
/// hash before and after, and every edit with its inverse.
public struct Ledger: Sendable, Equatable, Codable {
  /// The format version this build writes and reads.
  public static let currentFormatVersion = 1

  /// The ledger's format version.
  public var formatVersion: Int
  /// The tool version that last wrote the ledger.
  public var toolVersion: String
  /// The applied phases, in the order they were applied.
  public var phases: [LedgerPhase]

  /// An empty ledger.
  public init() {
    formatVersion = Self.currentFormatVersion
    toolVersion = OptimizeCore.toolVersion
    phases = []
  }

  /// The entry of phase `number`, if it is applied.
  public func phase(_ number: Int) -> LedgerPhase? {
    phases.first { $0.phase == number }
  }
}

/// One applied phase.
public struct LedgerPhase: Sendable, Equatable, Codable {
  /// The phase number.
  public var phase: Int
  /// The phase file's name and SHA-256 when it was applied.
  public var phaseFile: String
  public var phaseDigest: String
  /// The tool version that applied it.
  public var toolVersion: String
  /// When it was applied, ISO 8601 in UTC.
  public var appliedAt: String
  /// Each patch's state when applied: applied, satisfied or skipped.
  public var patches: [LedgerPatch]
  /// Each file written.
  public var files: [LedgerFile]
}

/// One patch of an applied phase.
public struct LedgerPatch: Sendable, Equatable, Codable {
  public var id: String
  public var kind: String
  /// `applied`, `satisfied` or `skipped`.
  public var state: PatchState
  /// Why, in one line.
  public var reason: String
  /// The places concerned, `path:line:col`.
  public var places: [String]
}

/// One file written by an applied phase.
public struct LedgerFile: Sendable, Equatable, Codable {
  /// Repository-relative path.
  public var path: String
  /// Whether the phase created the file.
  public var created: Bool
  /// The file's permission bits before.
  public var mode: Int
  /// SHA-256 of the bytes before (of the empty file for a created one) and after.
  public var sha256Before: String
  public var sha256After: String
  /// Where the original bytes are kept, relative to `.optimize/` (or an absolute path outside the
  /// repository for git-ignored files); nil for a created file.
  public var snapshot: String?
  /// Every edit, in the coordinates of the file before, with its inverse in the coordinates of
  /// the file after.
  public var edits: [LedgerEdit]
}

/// One edit and its inverse.
public struct LedgerEdit: Sendable, Equatable, Codable {
  public var patch: String
  public var offset: Int
  public var old: String
  public var new: String
  /// Applied to the file after, gives back the bytes before.
  public var inverse: Edit

  /// The edit itself.
  public var edit: Edit { Edit(offset: offset, old: old, new: new) }
}
