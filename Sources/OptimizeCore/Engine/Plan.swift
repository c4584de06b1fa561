/// The state of one patch in one repository.
public enum PatchState: String, Sendable, Equatable, Codable {
  /// The ledger says we applied it and its bytes are still there.
  case applied
  /// An equivalent change was already present; nothing is written.
  case satisfied
  /// Not yet applied.
  case pending
  /// We applied it, but someone changed it afterwards.
  case drifted
  /// The user said `--skip`.
  case skipped
  /// We cannot edit that place safely; the places say where and what to change.
  case manual
}

/// A located remark of a patch: where, and what.
public struct PatchPlace: Sendable, Equatable, Codable {
  /// `path:line:col`.
  public var location: SourceLocation
  /// What is there, or what to change.
  public var message: String

  /// Creates a place.
  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }
}

/// The outcome of planning (or checking) one patch.
public struct PatchResult: Sendable, Equatable, Codable {
  /// The patch id.
  public var id: String
  /// The patch kind's name.
  public var kind: String
  /// The state.
  public var state: PatchState
  /// One line saying why the patch is in this state.
  public var reason: String
  /// The files and lines concerned.
  public var places: [PatchPlace]
  /// Remarks for the reviewer: choices made, warnings.
  public var notes: [String]

  /// Creates a result.
  public init(
    id: String, kind: String, state: PatchState, reason: String, places: [PatchPlace] = [],
    notes: [String] = []
  ) {
    self.id = id
    self.kind = kind
    self.state = state
    self.reason = reason
    self.places = places
    self.notes = notes
  }
}

/// An edit that belongs to a patch.
public struct PatchEdit: Sendable, Equatable, Codable {
  /// The patch that wants it.
  public var patch: String
  /// The edit.
  public var edit: Edit
}

/// How a file's edit is verified before anything is written.
public enum FileCheck: Sendable, Equatable {
  /// YAML: the event stream is unchanged apart from these scalars (by start offset) and values.
  case yaml(expected: [Int: String])
  /// INI coverage config: other keys keep their values.
  case ini(section: String, wants: CoverageRunSettings)
  /// TOML coverage config.
  case pyproject(wants: CoverageRunSettings)
  /// Python settings module.
  case python(block: SettingsBlock, unconditional: Bool)
  /// Makefile or shell script: only these lines changed, and each still splits into shell words.
  case shellLines(units: [ShellLinesUnit])
}

/// All edits of one file.
public struct FileChange: Sendable, Equatable {
  /// The repository-relative path.
  public var path: String
  /// Whether the file is created (it did not exist).
  public var created: Bool
  /// The bytes before (empty for a created file).
  public var before: [UInt8]
  /// The bytes after.
  public var after: [UInt8]
  /// The edits, each with its patch.
  public var edits: [PatchEdit]
  /// How the result is verified.
  public var checks: [FileCheck]
}

/// All edits of one phase for one repository: what `plan` shows and `apply` writes.
public struct Plan: Sendable {
  /// The phase.
  public var phase: Phase
  /// One result per patch, in the phase's order.
  public var patches: [PatchResult]
  /// The files to write, sorted by path.
  public var files: [FileChange]
  /// What discovery found, and for which test runner, so a preflight can reuse it.
  public var discovery: (runner: TestRunner, found: Discovery)? = nil
  /// The texts the run already read and line-indexed, for rendering the diff without indexing
  /// every line of a large file again.
  var texts: ReadCache? = nil

  /// Whether applying the plan would write anything.
  public var isEmpty: Bool { files.isEmpty }

  /// Patches that block the phase: manual ones.
  public var blocking: [PatchResult] { patches.filter { $0.state == .manual } }
}
