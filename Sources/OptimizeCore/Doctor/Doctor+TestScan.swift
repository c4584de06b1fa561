import Foundation

extension DoctorContext {
  /// Tests that may interfere with each other once they run in parallel, from a static scan of the
  /// test files. These are risks to watch, not errors: most such tests are fine.
  func parallelSafetyFindings() -> [Finding] {
    let sharedRedis = settingsUseSharedRedis()
    var findings: [Finding] = []
    for path in testFiles() {
      guard let source = try? repository.read(path), let module = try? PythonModule(uncached: source) else {
        continue
      }
      for hit in TestScanner(module: module, sharedRedis: sharedRedis).hits() {
        findings.append(
          Finding(
            check: hit.kind.check, severity: .risk, location: hit.first,
            message: hit.kind.message + (hit.count > 1 ? " (\(hit.count) places in this file)" : ""),
            why: hit.kind.why, fix: hit.kind.fix))
      }
    }
    return findings
  }

  /// Whether the settings cache to Redis without a `KEY_PREFIX`, so every worker shares the keys.
  func settingsUseSharedRedis() -> Bool {
    let modules = settings.compactMap(\.module)
    return modules.contains {
      !$0.stringTokens(holding: "redis", ignoringCase: true) { $0.lowercased().contains("redis") }.isEmpty
    } && !modules.contains { !$0.stringTokens(holding: "KEY_PREFIX") { $0.contains("KEY_PREFIX") }.isEmpty }
  }

  /// The test modules under the Django roots: `test*.py`, `*_tests.py`, `tests.py`, and files in `tests/`.
  func testFiles(limit: Int = 3000) -> [String] {
    var found: [String] = []
    var queue = djangoRoots.map { ($0, 0, false) }
    let skipped: Set<String> = [
      ".git", "node_modules", ".venv", "venv", "env", ".tox", "site-packages", ".optimize", "__pycache__",
      "migrations", "build", "dist",
    ]
    while !queue.isEmpty, found.count < limit {
      let (folder, depth, inTests) = queue.removeFirst()
      for name in repository.list(folder) where !skipped.contains(name) {
        let path = folder.isEmpty ? name : "\(folder)/\(name)"
        switch repository.kind(of: path) {
        case .folder where depth < 8:
          queue.append((path, depth + 1, inTests || name == "tests"))
        case .file where name.hasSuffix(".py"):
          if inTests || name.hasPrefix("test") || name.hasSuffix("_tests.py") { found.append(path) }
        default: break
        }
      }
    }
    return found
  }
}

/// Finds patterns in one test module that parallel workers may trip over.
struct TestScanner {
  enum Kind: CaseIterable {
    case tmpPath, fixedPort, cacheClear, classState

    var check: String {
      switch self {
      case .tmpPath: return "parallel-tmp-path"
      case .fixedPort: return "parallel-fixed-port"
      case .cacheClear: return "parallel-cache-clear"
      case .classState: return "parallel-class-state"
      }
    }

    var message: String {
      switch self {
      case .tmpPath: return "a fixed path in /tmp"
      case .fixedPort: return "a fixed network port"
      case .cacheClear: return "`cache.clear()` on a Redis cache shared by every worker"
      case .classState: return "mutable state at class level"
      }
    }

    var why: String {
      switch self {
      case .tmpPath:
        return "parallel workers run at the same time on one machine, so two tests that write the same "
          + "file overwrite each other's data"
      case .fixedPort:
        return "two workers that listen on, or mock, the same port at the same time collide"
      case .cacheClear:
        return "every worker talks to the same Redis database, and without a KEY_PREFIX per worker one "
          + "worker's `cache.clear()` empties the cache under another worker's running test"
      case .classState:
        return "a list, dict or set on a class is shared by the tests of that class in a worker, so a "
          + "test that changes it affects the next ones differently depending on how the suite is split"
      }
    }

    var fix: String {
      switch self {
      case .tmpPath: return "use `tempfile.mkdtemp()` / `tempfile.NamedTemporaryFile()` instead"
      case .fixedPort: return "bind to port 0 and read the port the system chose"
      case .cacheClear:
        return
          "give the test settings a KEY_PREFIX per worker (e.g. from os.getpid()), or use LocMemCache in tests"
      case .classState: return "create it in setUp() or setUpTestData(), or use an immutable tuple/frozenset"
      }
    }
  }

  struct Hit {
    var kind: Kind
    var first: SourceLocation
    var count: Int
  }

  let module: PythonModule
  let sharedRedis: Bool

  /// Django's own class attributes, which tests set once and never change.
  static let djangoAttributes: Set<String> = [
    "fixtures", "databases", "available_apps", "tags", "serialized_rollback", "multi_db", "allowed_hosts",
  ]

  func hits() -> [Hit] {
    var found: [Kind: [Int]] = [:]
    let tokens = module.tokens
    for (index, token) in tokens.enumerated() {
      // Most strings hold neither a slash nor a colon, and most names are not four letters long:
      // those are passed over before any string is made of them.
      let bytes = token.utf8
      if token.kind == .string, bytes.contains(UInt8(ascii: "/")) || bytes.contains(UInt8(ascii: ":")),
        let body = Self.body(token.text)
      {
        if body.hasPrefix("/tmp/") { found[.tmpPath, default: []].append(token.range.lowerBound) }
        // The regex is compiled on every call, so it only runs on strings that could match.
        if body.utf8.contains(UInt8(ascii: ":")),
          body.contains("localhost") || body.contains("127.0.0.1") || body.contains("0.0.0.0"),
          body.range(of: #"(localhost|127\.0\.0\.1|0\.0\.0\.0):\d{2,5}\b"#, options: .regularExpression)
            != nil
        {
          found[.fixedPort, default: []].append(token.range.lowerBound)
        }
      }
      if token.kind == .name, bytes.count == 4, bytes.elementsEqual("port".utf8, by: { $0 | 0x20 == $1 }),
        index + 2 < tokens.count,
        tokens[index + 1].isOp("="), tokens[index + 2].kind == .number, tokens[index + 2].text != "0"
      {
        found[.fixedPort, default: []].append(token.range.lowerBound)
      }
      if sharedRedis, token.isName("clear"), index >= 2, index + 1 < tokens.count,
        tokens[index - 1].isOp("."),
        tokens[index - 2].isName("cache") || tokens[index - 2].isOp("]"), tokens[index + 1].isOp("(")
      {
        found[.cacheClear, default: []].append(tokens[index - 2].range.lowerBound)
      }
    }
    for statement in module.statements where statement.kind == .simple {
      guard let parent = statement.enclosing.last, module.statements[parent].kind == .header(keyword: "class")
      else { continue }
      let words = module.tokens(of: statement)
      guard words.count >= 3, words[0].kind == .name, words[1].isOp("="),
        !Self.djangoAttributes.contains(words[0].text)
      else { continue }
      let value = words[2]
      let mutableCall =
        ["list", "dict", "set", "defaultdict", "OrderedDict", "Counter"].contains(value.text)
        && words.count > 3 && words[3].isOp("(")
      if value.isOp("[") || value.isOp("{") || mutableCall {
        found[.classState, default: []].append(statement.range.lowerBound)
      }
    }
    return Kind.allCases.compactMap { kind in
      guard let offsets = found[kind], let first = offsets.min() else { return nil }
      return Hit(kind: kind, first: module.source.location(ofByte: first), count: offsets.count)
    }
  }

  /// The characters between a string literal's quotes, prefixes (f, r, b…) dropped.
  static func body(_ literal: String) -> String? {
    let unprefixed = literal.drop { $0 != "'" && $0 != "\"" }
    let quote = unprefixed.hasPrefix("'''") || unprefixed.hasPrefix("\"\"\"") ? 3 : 1
    guard unprefixed.count >= 2 * quote else { return nil }
    return String(unprefixed.dropFirst(quote).dropLast(quote))
  }
}
