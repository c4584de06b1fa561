/// The coverage config coverage.py reads in a folder, and how to edit it.
public struct CoverageTarget: Sendable, Equatable {
  /// The repository-relative file (which may not exist yet, for `.create`).
  public var path: String
  /// The file's format and section.
  public var format: Format
  /// How it was chosen, for the plan.
  public var source: String

  /// Which kind of file holds the config.
  public enum Format: Sendable, Equatable {
    /// An INI file with the given run section: `run` or `coverage:run`.
    case ini(section: String)
    /// `pyproject.toml` with `[tool.coverage.run]`.
    case pyproject
    /// No config exists: create a `.coveragerc`.
    case create
  }
}

/// Finds the config coverage.py reads, in coverage.py's own order.
struct CoverageLocator {
  let repository: Repository

  /// The config used by coverage run in `folder`, given `--rcfile`/`COVERAGE_RCFILE`.
  func target(in folder: String, rcfile: (path: String, source: String)?) -> CoverageTarget {
    if let rcfile, let path = try? repository.join(folder, rcfile.path) {
      return CoverageTarget(path: path, format: format(of: path), source: rcfile.source)
    }
    func inFolder(_ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }
    let coveragerc = inFolder(".coveragerc")
    if repository.kind(of: coveragerc) != .missing {
      return CoverageTarget(path: coveragerc, format: .ini(section: "run"), source: "found \(coveragerc)")
    }
    for name in ["setup.cfg", "tox.ini"] {
      let path = inFolder(name)
      if let text = try? repository.read(path), hasSection(text.string, prefix: "[coverage:") {
        return CoverageTarget(
          path: path, format: .ini(section: "coverage:run"), source: "[coverage:*] in \(path)")
      }
    }
    let pyproject = inFolder("pyproject.toml")
    if let text = try? repository.read(pyproject), hasSection(text.string, prefix: "[tool.coverage") {
      return CoverageTarget(path: pyproject, format: .pyproject, source: "[tool.coverage.*] in \(pyproject)")
    }
    return CoverageTarget(
      path: coveragerc, format: .create,
      source: "no coverage config in \(folder.isEmpty ? "the repository root" : folder)")
  }

  private func format(of path: String) -> CoverageTarget.Format {
    if path.hasSuffix(".toml") { return .pyproject }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name == "setup.cfg" || name == "tox.ini" { return .ini(section: "coverage:run") }
    return .ini(section: "run")
  }

  private func hasSection(_ text: String, prefix: String) -> Bool {
    text.split(whereSeparator: \.isNewline).contains {
      $0.drop { $0 == " " || $0 == "\t" }.hasPrefix(prefix)
    }
  }
}
