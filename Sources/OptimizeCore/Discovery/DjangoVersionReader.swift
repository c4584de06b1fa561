import Foundation

/// The Django version a repository pins, read from its requirement files.
struct DjangoVersionReader {
  let repository: Repository

  /// The pinned version (or lowest allowed version), with the file and line it came from.
  func version(near folders: [String]) -> (version: DjangoVersion, source: String)? {
    var candidates: [String] = []
    // The folder of the manage.py the tests run pins more precisely than the repository root.
    for folder in folders + [""] {
      for name in [
        "requirements.txt", "requirements-dev.txt", "requirements-test.txt",
        "requirements_dev.txt", "requirements_test.txt", "pyproject.toml", "setup.cfg", "Pipfile",
        "setup.py",
      ] {
        candidates.append(folder.isEmpty ? name : "\(folder)/\(name)")
      }
      let requirements = folder.isEmpty ? "requirements" : "\(folder)/requirements"
      for name in repository.list(requirements) where name.hasSuffix(".txt") || name.hasSuffix(".in") {
        candidates.append("\(requirements)/\(name)")
      }
    }
    let pattern =
      #"(?im)^[\s"']*django\s*(?:\[[^\]]*\])?\s*(?:=\s*["'])?\s*(==|~=|>=|===|\^|~)?\s*["']?(\d+(?:\.\d+)*)"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    var seen: Set<String> = []
    for path in candidates where seen.insert(path).inserted && repository.isFile(path) {
      guard let text = try? repository.read(path).string else { continue }
      let range = NSRange(text.startIndex..., in: text)
      guard let match = regex.firstMatch(in: text, range: range),
        let versionRange = Range(match.range(at: 2), in: text),
        let version = DjangoVersion(String(text[versionRange]))
      else { continue }
      let line = text[..<versionRange.lowerBound].filter { $0 == "\n" }.count + 1
      return (version, "\(path):\(line)")
    }
    return nil
  }
}
