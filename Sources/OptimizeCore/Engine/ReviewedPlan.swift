import Foundation

/// `plan.json`: a plan as a reviewer approved it. `apply --plan` writes exactly these bytes, or
/// refuses when the repository, the phase file or the tool changed since.
public struct ReviewedPlan: Sendable, Equatable, Codable {
  /// The format version this build writes and reads.
  public static let currentFormatVersion = 1

  /// The plan file's format version.
  public var formatVersion: Int
  /// The tool version that made the plan.
  public var toolVersion: String
  /// The phase number.
  public var phase: Int
  /// The phase file, e.g. `phase-1.yml`.
  public var phaseFile: String
  /// SHA-256 of the phase file the plan was made from.
  public var phaseDigest: String
  /// The patch ids left out with `--skip`, sorted.
  public var skip: [String]
  /// The discovery overrides given on the command line.
  public var targets: Targets
  /// One result per patch, in the phase's order.
  public var patches: [PatchResult]
  /// Every file the plan writes, sorted by path.
  public var files: [File]
  /// The preflight findings at the time of planning.
  public var findings: [Finding]

  /// The discovery overrides a plan was made with, so `apply --plan` plans the same targets.
  public struct Targets: Sendable, Equatable, Codable {
    /// `--settings-file`, if given.
    public var settingsFile: String?
    /// `--coverage-config`, if given.
    public var coverageConfig: String?
    /// `--workflow`, each time given.
    public var workflows: [String]

    /// The overrides as discovery takes them.
    public var options: DiscoveryOptions {
      DiscoveryOptions(settingsFile: settingsFile, coverageConfig: coverageConfig, workflows: workflows)
    }
  }

  /// One file of the plan: its hash before and after, and the edits between them.
  public struct File: Sendable, Equatable, Codable {
    /// Repository-relative path.
    public var path: String
    /// Whether the plan creates the file.
    public var created: Bool
    /// SHA-256 of the bytes the plan was made from (of no bytes for a created file).
    public var sha256Before: String
    /// SHA-256 of the bytes `apply` writes.
    public var sha256After: String
    /// The edits, in the coordinates of the file before.
    public var edits: [FileEdit]
  }

  /// One edit and the patch that wants it.
  public struct FileEdit: Sendable, Equatable, Codable {
    /// The patch id.
    public var patch: String
    /// The byte offset in the file before.
    public var offset: Int
    /// The exact bytes replaced.
    public var old: String
    /// The exact bytes written instead.
    public var new: String
  }

  /// Records a verified plan.
  ///
  /// - Parameters:
  ///   - plan: the plan, verified.
  ///   - skip: the patch ids skipped.
  ///   - options: the discovery overrides.
  ///   - findings: the preflight findings to carry along.
  public init(plan: Plan, skip: Set<String>, options: DiscoveryOptions, findings: [Finding] = []) {
    formatVersion = Self.currentFormatVersion
    toolVersion = OptimizeCore.toolVersion
    phase = plan.phase.number
    phaseFile = plan.phase.file
    phaseDigest = plan.phase.digest
    self.skip = skip.sorted()
    targets = Targets(
      settingsFile: options.settingsFile, coverageConfig: options.coverageConfig, workflows: options.workflows
    )
    patches = plan.patches
    files = plan.files.map(File.init)
    self.findings = findings
  }

  /// The bytes of `plan.json`: sorted keys, pretty-printed, ending with a newline.
  public func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self)) + [0x0A]
  }

  /// Reads a plan file.
  ///
  /// - Parameter path: the name used in messages.
  /// - Throws: `ReviewedPlanError.invalid` or `.newerFormat`.
  public static func decode(_ bytes: [UInt8], path: String) throws -> ReviewedPlan {
    struct Version: Decodable { var formatVersion: Int? }
    guard let version = try? JSONDecoder().decode(Version.self, from: Data(bytes)) else {
      throw ReviewedPlanError.invalid(path: path, reason: "invalid or truncated JSON")
    }
    guard let format = version.formatVersion else {
      throw ReviewedPlanError.invalid(path: path, reason: "no formatVersion")
    }
    guard format <= currentFormatVersion else {
      throw ReviewedPlanError.newerFormat(path: path, found: format)
    }
    do {
      return try JSONDecoder().decode(ReviewedPlan.self, from: Data(bytes))
    } catch {
      throw ReviewedPlanError.invalid(path: path, reason: "fields missing or of the wrong type (\(error))")
    }
  }
}

extension ReviewedPlan.File {
  /// The record of one file change.
  init(_ change: FileChange) {
    path = change.path
    created = change.created
    sha256Before = sha256Hex(change.before)
    sha256After = sha256Hex(change.after)
    edits = change.edits.sorted { $0.edit.offset < $1.edit.offset }.map {
      ReviewedPlan.FileEdit(patch: $0.patch, offset: $0.edit.offset, old: $0.edit.old, new: $0.edit.new)
    }
  }
}
