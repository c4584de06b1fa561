import Foundation

/// Copies a folder of the team's repository to a temporary place for one mode, leaving out what
/// a run must not see (version control, virtualenvs, old coverage data), then writes that mode's
/// versions of the edited files. The team's tree is only read.
enum TreeCopy {
  static let skipped: Set<String> = [
    ".git", ".optimize", ".venv", "venv", "env", ".tox", "node_modules", "__pycache__", "htmlcov",
    ".pytest_cache", ".mypy_cache",
  ]

  /// Copies `source` to `target` (which must not exist), skipping `skipped` names and coverage data.
  static func copy(_ source: URL, to target: URL) throws {
    let manager = FileManager.default
    try manager.createDirectory(at: target, withIntermediateDirectories: true)
    for name in try manager.contentsOfDirectory(atPath: source.path) {
      if skipped.contains(name) || name == ".coverage" || name.hasPrefix(".coverage.") { continue }
      let from = source.appendingPathComponent(name)
      let to = target.appendingPathComponent(name)
      let attributes = try manager.attributesOfItem(atPath: from.path)
      if attributes[.type] as? FileAttributeType == .typeDirectory {
        try copy(from, to: to)
      } else {
        try manager.copyItem(at: from, to: to)
      }
    }
  }

  /// Writes `files` (repository-relative; nil deletes) that lie under `root` into the copy.
  static func overlay(_ files: [String: [UInt8]?], root: String, copy: URL) throws {
    for (path, bytes) in files {
      guard root.isEmpty || path.hasPrefix(root + "/") else { continue }
      let relative = root.isEmpty ? path : String(path.dropFirst(root.count + 1))
      let url = copy.appendingPathComponent(relative)
      if let bytes {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
      } else {
        try? FileManager.default.removeItem(at: url)
      }
    }
  }

  /// Removes coverage data files from a folder, so each run's combine starts clean.
  static func removeCoverageData(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name == ".coverage" || name.hasPrefix(".coverage.") {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// Whether a folder holds parallel coverage data files to combine.
  static func hasParallelData(in folder: URL) -> Bool {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains {
      $0.hasPrefix(".coverage.")
    }
  }
}
