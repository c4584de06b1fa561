import Foundation

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
  /// Test commands found where optimize does not edit them.
  public var uneditableTests: [UneditableTest] = []
  /// The settings modules the tests load, without duplicates.
  public var settingsTargets: [SettingsTarget]
  /// Why a settings module could not be found, each with the place to look.
  public var settingsProblems: [PatchPlace]
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
    let files = try scanner.workflowFiles(override: options.workflows)
    // A thread is worth starting only when libyaml's pass over the workflows is long enough to
    // hide a parse behind it; the texts are read once either way (the read cache keeps them).
    let workflowBytes = files.reduce(0) { $0 + ((try? repository.read($1).bytes.count) ?? 0) }
    let warming = warmSettings(
      in: repository, unless: options.settingsFile != nil || workflowBytes < Self.warmingThreshold)
    defer { warming.wait() }
    var found = ScanResult()
    var problems: [FormatError] = []
    for file in files {
      do {
        found += try scanner.scan(file)
      } catch let error as FormatError {
        problems.append(error)
      }
    }
    if !problems.isEmpty { throw DiscoveryError.malformed(problems) }
    let steps = found.steps

    let roots = unique(steps.compactMap(\.context.pythonRoot))
    let fallbackRoots = roots.isEmpty ? findManagePyFolders(in: repository) : roots
    var discovery = Discovery(
      testSteps: steps, settingsTargets: [], settingsProblems: [], coverageTargets: [],
      djangoVersion: DjangoVersionReader(repository: repository).version(near: fallbackRoots),
      djangoRoots: fallbackRoots)
    discovery.uneditableTests = found.manual
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
      let managePy = context.root.isEmpty ? "manage.py" : "\(context.root)/manage.py"
      let here = SourceLocation(
        path: repository.kind(of: managePy) != .missing ? managePy : context.root, line: 1, column: 1)
      var chosen = context.module
      var unknown = ""
      if let named = chosen, named.module.contains("$") {
        // `${{ inputs.settings }}` or `$SETTINGS`: only known at run time, so fall back.
        unknown = " (\(named.source) names \(named.module), known only at run time)"
        chosen = nil
      }
      if chosen == nil, repository.kind(of: managePy) == .symlink,
        (try? repository.resolveSymlink(managePy)) == nil
      {
        settingsProblems.append(
          PatchPlace(
            here, "\(managePy): a symlink pointing outside the repository; not read; pass --settings-file"))
        continue
      }
      if chosen == nil, let found = locator.managePyDefault(managePy) {
        chosen = (found.module, "setdefault in \(managePy):\(found.line)\(unknown)")
      }
      if chosen == nil, let found = locator.dotEnvSetting(in: context.root) {
        chosen = (found.module, "DJANGO_SETTINGS_MODULE in \(found.path):\(found.line)")
      }
      if chosen == nil {
        let candidates = locator.candidates(under: context.root)
        if candidates.count == 1 {
          chosen = (
            candidates[0].module,
            "the only settings module under \(context.root.isEmpty ? "." : context.root) (manage.py names none)"
          )
        } else {
          let list = candidates.map { "\($0.path) (\($0.module))" }.joined(separator: ", ")
          settingsProblems.append(
            PatchPlace(
              here,
              candidates.isEmpty
                ? "expected a settings module, found none named by CI, manage.py or .env and no settings.py; pass --settings-file"
                : "expected one settings module, found several candidates: \(list); pass --settings-file with the one the tests load"
            ))
          continue
        }
      }
      guard let (module, source) = chosen else { continue }
      guard let path = locator.file(ofModule: module, under: context.root) else {
        settingsProblems.append(
          PatchPlace(
            here,
            "expected the file of settings module \(module) (\(source)) under \(context.root.isEmpty ? "." : context.root), found none; pass --settings-file"
          ))
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

  /// The workflow size from which the settings module is parsed beside them (about 2 ms of
  /// libyaml's time here; below it, starting the thread costs more than it hides).
  static let warmingThreshold = 256 * 1024

  /// Parses, on another thread, the settings module `manage.py` names, while this one reads the
  /// workflows: planning reads that module next, and it can be the largest Python file there is.
  /// Only the parse cache is filled: nothing is decided from it, and a guess that CI overrules
  /// costs that thread's time and nothing else. The repository's questions are not logged, so
  /// no workflow job's scan counts them as its own.
  private static func warmSettings(in repository: Repository, unless skipped: Bool) -> DispatchGroup {
    let group = DispatchGroup()
    guard !skipped, ProcessInfo.processInfo.activeProcessorCount > 1 else { return group }
    var quiet = repository
    quiet.accessLog = nil
    DispatchQueue.global().async(group: group) { [quiet] in
      let locator = SettingsLocator(repository: quiet)
      for root in findManagePyFolders(in: quiet) {
        guard let named = locator.managePyDefault(root.isEmpty ? "manage.py" : "\(root)/manage.py"),
          let path = locator.file(ofModule: named.module, under: root), let text = try? quiet.read(path)
        else { continue }
        _ = try? PythonModule(source: text)
      }
    }
    return group
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
