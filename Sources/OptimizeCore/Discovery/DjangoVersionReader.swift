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
    var seen: Set<String> = []
    for path in candidates where seen.insert(path).inserted && repository.isFile(path) {
      guard let source = try? repository.read(path), let (text, line) = Self.pin(in: source),
        let version = DjangoVersion(text)
      else { continue }
      return (version, "\(path):\(line)")
    }
    return nil
  }

  /// The first version a file pins and its line: a byte scan for an ASCII file, the regex (which
  /// costs a millisecond to load) for any other.
  private static func pin(in source: SourceText) -> (text: String, line: Int)? {
    if let scanned = DiscoveryPatterns.firstMatch(DiscoveryPatterns.djangoPin, in: source) {
      return scanned.map { ($0.text, $0.line) }
    }
    let pattern =
      #"(?im)^[\s"']*django\s*(?:\[[^\]]*\])?\s*(?:=\s*["'])?\s*(==|~=|>=|===|\^|~)?\s*["']?(\d+(?:\.\d+)*)"#
    let text = source.string
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let versionRange = Range(match.range(at: 2), in: text)
    else { return nil }
    let line = text[..<versionRange.lowerBound].filter { $0 == "\n" }.count + 1
    return (String(text[versionRange]), line)
  }
}
