import Foundation

extension ReviewedPlan {
  /// Whether a tool version computes the same edits as the one that made the plan: the same
  /// major and minor version (a patch release only fixes messages and crashes, never edits).
  public static func isCompatible(_ planned: String, with running: String) -> Bool {
    func majorMinor(_ version: String) -> [Substring] { Array(version.split(separator: ".").prefix(2)) }
    return majorMinor(planned) == majorMinor(running)
  }

  /// Refuses a plan made by an incompatible tool version or from another phase file.
  ///
  /// - Parameters:
  ///   - phase: the phase as loaded now.
  ///   - path: the plan file's name, for messages.
  /// - Throws: `ReviewedPlanError.stale` listing every difference.
  public func checkMatches(phase: Phase, path: String) throws {
    var problems: [String] = []
    if !Self.isCompatible(toolVersion, with: OptimizeCore.toolVersion) {
      problems.append(
        "\(path): expected a plan made by optimize \(OptimizeCore.toolVersion) (or another "
          + "\(OptimizeCore.toolVersion.split(separator: ".").prefix(2).joined(separator: ".")).x), "
          + "found one made by \(toolVersion), whose edits may differ")
    }
    if phase.digest != phaseDigest {
      problems.append(
        "\(phase.file): expected the phase file the plan was made from (sha256 \(phaseDigest.prefix(12))…), "
          + "found sha256 \(phase.digest.prefix(12))…; the phase definition changed since")
    }
    if !problems.isEmpty { throw ReviewedPlanError.stale(path: path, problems: problems) }
  }

  /// Refuses unless every file the plan edits still holds the bytes the plan was made from.
  ///
  /// - Throws: `ReviewedPlanError.stale` naming every file that changed.
  public func checkFiles(in repository: Repository, path: String) throws {
    let problems = fileProblems(in: repository)
    if !problems.isEmpty { throw ReviewedPlanError.stale(path: path, problems: problems) }
  }

  /// Refuses unless the repository still holds the bytes the plan was made from and optimize,
  /// planning again now, computes exactly the reviewed edits.
  ///
  /// - Parameters:
  ///   - plan: the plan computed now, under the repository lock.
  ///   - repository: the repository on disk.
  ///   - path: the plan file's name, for messages.
  /// - Throws: `ReviewedPlanError.stale` naming every file that changed.
  public func checkMatches(_ plan: Plan, repository: Repository, path: String) throws {
    var problems = fileProblems(in: repository)
    if problems.isEmpty {
      let now = plan.files.map(File.init)
      for file in now where !files.contains(file) {
        problems.append(
          "\(file.path): expected the reviewed edits, found that optimize now computes other ones "
            + "(something it reads, such as a Django pin or a workflow, changed)")
      }
      for file in files where !now.contains(where: { $0.path == file.path }) {
        problems.append("\(file.path): expected the reviewed edits, found that optimize now computes none")
      }
    }
    if !problems.isEmpty { throw ReviewedPlanError.stale(path: path, problems: problems) }
  }

  private func fileProblems(in repository: Repository) -> [String] {
    var problems: [String] = []
    for file in files {
      let current: [UInt8]? =
        repository.kind(of: file.path) == .missing
        ? nil : FileManager.default.contents(atPath: repository.url(file.path).path).map { [UInt8]($0) }
      if file.created {
        if current != nil {
          problems.append(
            "\(file.path): expected no file (the plan creates it), found one; it was added since")
        }
      } else if let current {
        let hash = sha256Hex(current)
        if hash != file.sha256Before {
          problems.append(
            "\(file.path): expected sha256 \(file.sha256Before.prefix(12))… as planned, found "
              + "\(hash.prefix(12))…; the file changed since the plan was made")
        }
      } else {
        problems.append("\(file.path): expected the file the plan edits, found none; it was deleted since")
      }
    }
    return problems
  }
}

/// A plan file that cannot be applied: nothing is written.
public enum ReviewedPlanError: Error, Sendable, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case invalid(path: String, reason: String)
  case newerFormat(path: String, found: Int)
  case stale(path: String, problems: [String])

  public var description: String {
    switch self {
    case .unreadable(let path):
      return "\(path): expected a plan file made by `optimize plan -o`, found none that can be read"
    case .invalid(let path, let reason):
      return "\(path):1:1: expected a plan in format \(ReviewedPlan.currentFormatVersion), found \(reason); "
        + "make it again with `optimize plan --phase N -o \(path)`"
    case .newerFormat(let path, let found):
      return "\(path):1:1: expected plan format \(ReviewedPlan.currentFormatVersion) or older, found "
        + "format \(found); use the optimize version that made it"
    case .stale(let path, let problems):
      return "\(path): expected the repository and phase as they were when the plan was reviewed, found "
        + "\(problems.count) difference(s); nothing was written. Make the plan again and review it:\n"
        + problems.map { "  \($0)" }.joined(separator: "\n")
    }
  }
}
