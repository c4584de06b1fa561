/// Choices the user makes on the command line that override discovery.
public struct DiscoveryOptions: Sendable, Equatable {
  /// `--settings-file`: the settings module to edit.
  public var settingsFile: String?
  /// `--coverage-config`: the coverage config to edit.
  public var coverageConfig: String?
  /// `--workflow`: the workflow files to scan instead of every one.
  public var workflows: [String]

  /// Creates options; every field defaults to "discover it".
  public init(settingsFile: String? = nil, coverageConfig: String? = nil, workflows: [String] = []) {
    self.settingsFile = settingsFile
    self.coverageConfig = coverageConfig
    self.workflows = workflows
  }
}

/// Everything discovery found in a repository: the CI test steps, and from them the settings
/// modules and coverage configs the tests really use.
public struct Discovery: Sendable {
  /// Every CI step that runs the tests.
  public var testSteps: [TestStep]
  /// The settings modules the tests load, without duplicates.
  public var settingsTargets: [SettingsTarget]
  /// Why a settings module could not be found, each as a located message.
  public var settingsProblems: [String]
  /// The coverage configs the CI's coverage reads, without duplicates.
  public var coverageTargets: [CoverageTarget]
  /// The Django version the repository pins, and where.
  public var djangoVersion: (version: DjangoVersion, source: String)?
  /// Folders that hold the `manage.py` the tests run.
  public var djangoRoots: [String]

  /// Discovers the targets of a phase in `repository`.
  ///
  /// - Throws: `FormatError` for a malformed workflow, `RepositoryError` for a bad path.
  public static func run(
    in repository: Repository, runner: TestRunner = .django, options: DiscoveryOptions = DiscoveryOptions()
  ) throws -> Discovery {
    let scanner = WorkflowScanner(repository: repository, runner: runner)
    var steps: [TestStep] = []
    var problems: [FormatError] = []
    for file in try scanner.workflowFiles(override: options.workflows) {
      do {
        steps += try scanner.scan(file)
      } catch let error as FormatError {
        problems.append(error)
      }
    }
    if !problems.isEmpty { throw DiscoveryError.malformed(problems) }

    let roots = unique(steps.compactMap(\.context.pythonRoot))
    let fallbackRoots = roots.isEmpty ? findManagePyFolders(in: repository) : roots
    var discovery = Discovery(
      testSteps: steps, settingsTargets: [], settingsProblems: [], coverageTargets: [],
      djangoVersion: DjangoVersionReader(repository: repository).version(near: fallbackRoots),
      djangoRoots: fallbackRoots)
    try discovery.locateSettings(in: repository, override: options.settingsFile)
    try discovery.locateCoverage(in: repository, override: options.coverageConfig)
    return discovery
  }

  private mutating func locateSettings(in repository: Repository, override: String?) throws {
    let locator = SettingsLocator(repository: repository)
    if let override {
      let path = try repository.normalize(override)
      let module = path.replacingOccurrences(of: "/__init__.py", with: "")
        .replacingOccurrences(of: ".py", with: "").replacingOccurrences(of: "/", with: ".")
      settingsTargets = [
        SettingsTarget(
          path: path, module: module, source: "--settings-file",
          testOnly: SettingsLocator.isTestOnly(module: module))
      ]
      return
    }
    var contexts: [(root: String, module: (module: String, source: String)?, chosenByCI: Bool)] =
      testSteps.compactMap { step in
        step.context.pythonRoot.map { ($0, step.context.settingsModule, step.context.settingsModule != nil) }
      }
    if contexts.isEmpty { contexts = djangoRoots.map { ($0, nil, false) } }
    for context in contexts {
      var chosen = context.module
      if chosen == nil {
        let managePy = context.root.isEmpty ? "manage.py" : "\(context.root)/manage.py"
        if repository.kind(of: managePy) == .symlink, (try? repository.resolveSymlink(managePy)) == nil {
          settingsProblems.append("\(managePy): a symlink pointing outside the repository; not read")
          continue
        }
        if let found = locator.managePyDefault(managePy) {
          chosen = (found.module, "setdefault in \(managePy):\(found.line)")
        }
      }
      guard let (module, source) = chosen else {
        settingsProblems.append(
          "no settings module named for \(context.root.isEmpty ? "the repository root" : context.root): "
            + "manage.py has no DJANGO_SETTINGS_MODULE setdefault and CI sets none; pass --settings-file")
        continue
      }
      guard let path = locator.file(ofModule: module, under: context.root) else {
        settingsProblems.append(
          "settings module \(module) (\(source)) has no file under \(context.root.isEmpty ? "." : context.root); "
            + "pass --settings-file")
        continue
      }
      if settingsTargets.contains(where: { $0.path == path }) { continue }
      settingsTargets.append(
        SettingsTarget(
          path: path, module: module, source: source,
          testOnly: context.chosenByCI && SettingsLocator.isTestOnly(module: module)))
    }
  }

  private mutating func locateCoverage(in repository: Repository, override: String?) throws {
    let locator = CoverageLocator(repository: repository)
    if let override {
      let path = try repository.normalize(override)
      var target = locator.target(in: "", rcfile: (path, "--coverage-config"))
      if repository.kind(of: path) == .missing { target.format = .create }
      coverageTargets = [target]
      return
    }
    for step in testSteps where step.context.runsCoverage {
      guard let folder = step.context.workingDirectory else { continue }
      let target = locator.target(in: folder, rcfile: step.context.rcfile)
      if !coverageTargets.contains(where: { $0.path == target.path }) { coverageTargets.append(target) }
    }
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }

  /// Folders holding a `manage.py`, shallowest first, skipping virtual environments.
  private static func findManagePyFolders(in repository: Repository) -> [String] {
    var found: [String] = []
    var queue: [(String, Int)] = [("", 0)]
    let skipped: Set<String> = [
      ".git", "node_modules", ".venv", "venv", "env", ".tox", "site-packages",
      ".optimize", "__pycache__", "build", "dist",
    ]
    while !queue.isEmpty {
      let (folder, depth) = queue.removeFirst()
      for name in repository.list(folder) where !skipped.contains(name) {
        let path = folder.isEmpty ? name : "\(folder)/\(name)"
        if name == "manage.py", repository.kind(of: path) != .folder {
          found.append(folder)
        } else if depth < 4, repository.kind(of: path) == .folder {
          queue.append((path, depth + 1))
        }
      }
    }
    return found.isEmpty ? [] : [found[0]]
  }
}

/// A repository whose CI files cannot be read.
public enum DiscoveryError: Error, Sendable, Equatable, CustomStringConvertible {
  case malformed([FormatError])

  public var description: String {
    switch self {
    case .malformed(let problems): return problems.map(\.description).joined(separator: "\n")
    }
  }
}
