import Foundation
import Testing

/// Python's own parsers (PyYAML, `ast`, coverage.py's config reader) agree with our goldens: the
/// applied files parse, keep every original meaning, and coverage sees parallel mode.
@Suite struct PythonParserTests {
  /// A `python3` that can import `yaml` and `coverage`, or nil. CI installs both, so there a
  /// missing one is a failure, not a skip.
  static let python: URL? = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    for path in paths {
      let candidate = URL(fileURLWithPath: String(path)).appendingPathComponent("python3")
      guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
      let process = Process()
      process.executableURL = candidate
      process.arguments = ["-c", "import yaml, coverage"]
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { continue }
      process.waitUntilExit()
      if process.terminationStatus == 0 { return candidate }
    }
    return nil
  }()

  @Test func pythonParsersAreAvailableInCI() {
    if ProcessInfo.processInfo.environment["CI"] != nil {
      #expect(Self.python != nil, "CI must provide python3 with PyYAML and coverage")
    }
  }

  @Test(arguments: SnapshotTests.cases)
  func goldenAfterPassesPythonParsers(_ name: String) throws {
    guard let python = Self.python else { return }
    let root = TreeFixture.packageRoot
    let process = Process()
    process.executableURL = python
    process.arguments = [
      root.appendingPathComponent("Scripts/python_check.py").path,
      root.appendingPathComponent("Snapshots/\(name)/before").path,
      root.appendingPathComponent("Snapshots/\(name)/after").path,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(name): \(text)")
  }

  @Test func appliesWhereCoverageAgreesAboutCommentsInsideValues() throws {
    guard Self.python != nil else { return }
    let repo = try TreeFixture.temporaryFolder()
    try TreeFixture.write(
      "name: t\non: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: coverage run manage.py test\n",
      to: ".github/workflows/t.yml", in: repo)
    try TreeFixture.write(
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n", to: "manage.py",
      in: repo)
    try TreeFixture.write("SECRET_KEY = 'x'\n", to: "app/settings.py", in: repo)
    // A comment line inside a multi-line value: our parser and coverage.py must agree on omit.
    try TreeFixture.write("[run]\nbranch = True\nomit =\n    a.py\n    # b.py\n", to: ".coveragerc", in: repo)
    let result = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--repo", repo.path], in: repo,
      environment: ["PATH": self.path(with: Self.python!)])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try TreeFixture.read(".coveragerc", in: repo).hasPrefix("[run]\nparallel = True\n"))
  }

  private func path(with python: URL) -> String {
    python.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
  }
}
