import Foundation

/// The Django settings module the tests load, resolved to a file.
public struct SettingsTarget: Sendable, Equatable {
  /// The repository-relative file: a `.py` module or a package `__init__.py`.
  public var path: String
  /// The dotted module name.
  public var module: String
  /// How it was chosen, for the plan (e.g. `setdefault in apps/api/manage.py:9`).
  public var source: String
  /// Whether the module is only used by tests, so the block needs no `sys.argv` guard.
  public var testOnly: Bool
}

/// Finds the settings module from the test command's context, `manage.py` and the user's flag.
struct SettingsLocator {
  let repository: Repository

  /// The module named by `manage.py`'s `os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)`.
  func managePyDefault(_ managePy: String) -> (module: String, line: Int)? {
    guard let path = try? repository.resolveSymlink(managePy), let text = try? repository.read(path)
    else { return nil }
    // A byte scan answers for an ASCII file; the regex (a millisecond to load) for any other.
    if let scanned = DiscoveryPatterns.firstMatch(DiscoveryPatterns.settingsModule, in: text) {
      return scanned.map { ($0.text, $0.line) }
    }
    let pattern = #"DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*(?:f?)['"]([A-Za-z_][\w.]*)['"]"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    let string = text.string
    let range = NSRange(string.startIndex..., in: string)
    guard let match = regex.firstMatch(in: string, range: range),
      let moduleRange = Range(match.range(at: 1), in: string)
    else { return nil }
    let line = string[..<moduleRange.lowerBound].filter { $0 == "\n" }.count + 1
    return (String(string[moduleRange]), line)
  }

  /// The file of a dotted module under `pythonRoot`: `a/b.py` or `a/b/__init__.py`.
  func file(ofModule module: String, under pythonRoot: String) -> String? {
    let relative = module.split(separator: ".").joined(separator: "/")
    for candidate in ["\(relative).py", "\(relative)/__init__.py"] {
      guard let path = try? repository.join(pythonRoot, candidate) else { continue }
      // Anything but a folder: reading it later says clearly why a symlink or FIFO is refused.
      if ![.missing, .folder].contains(repository.kind(of: path)) { return path }
    }
    return nil
  }

  /// Whether a module is used by tests only, judged by its name (`settings.test`, `settings_ci`…).
  static func isTestOnly(module: String) -> Bool {
    guard let last = module.split(separator: ".").last?.lowercased() else { return false }
    let names: Set<String> = [
      "test", "tests", "testing", "test_settings", "settings_test", "settings_tests", "ci",
      "ci_test", "settings_ci", "test_ci", "ci_settings", "unittest", "unittests",
    ]
    return names.contains(last)
  }

  /// `DJANGO_SETTINGS_MODULE=…` in a `.env` file of `folder`, which manage.py may load.
  func dotEnvSetting(in folder: String) -> (module: String, path: String, line: Int)? {
    let path = folder.isEmpty ? ".env" : "\(folder)/.env"
    guard repository.isFile(path), let text = try? repository.read(path) else { return nil }
    for (index, line) in text.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var entry = line.trimmingCharacters(in: .whitespaces)
      if entry.hasPrefix("export ") { entry = String(entry.dropFirst(7)) }
      guard entry.hasPrefix("DJANGO_SETTINGS_MODULE=") else { continue }
      let value = entry.dropFirst("DJANGO_SETTINGS_MODULE=".count)
        .trimmingCharacters(in: CharacterSet(charactersIn: "\"' \r"))
      if !value.isEmpty { return (value, path, index + 1) }
    }
    return nil
  }

  /// Settings modules under `root`: `settings.py` files and `settings/` packages, shallowest
  /// first, skipping virtual environments and tests.
  func candidates(under root: String) -> [(module: String, path: String)] {
    var found: [(String, String)] = []
    var queue: [(folder: String, parts: [String])] = [(root, [])]
    let skipped: Set<String> = [
      ".git", "node_modules", ".venv", "venv", "env", ".tox", "site-packages",
      "__pycache__", ".optimize", "tests", "docs", "build", "dist",
    ]
    while !queue.isEmpty {
      let (folder, parts) = queue.removeFirst()
      for name in repository.list(folder) where !skipped.contains(name) && !name.hasPrefix(".") {
        let path = folder.isEmpty ? name : "\(folder)/\(name)"
        if name == "settings.py", repository.isFile(path) {
          found.append(((parts + ["settings"]).joined(separator: "."), path))
        } else if repository.kind(of: path) == .folder {
          if name == "settings", repository.isFile("\(path)/__init__.py") {
            found.append(((parts + ["settings"]).joined(separator: "."), "\(path)/__init__.py"))
          } else if parts.count < 3 {
            queue.append((path, parts + [name]))
          }
        }
      }
    }
    return found
  }
}
