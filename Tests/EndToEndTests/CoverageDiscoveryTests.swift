import Foundation
import Testing

/// The coverage config that CI's coverage really reads is the one edited, in coverage.py's order,
/// and nothing is shadowed.
@Suite struct CoverageDiscoveryTests {
  static let files: [String: String] = [
    "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
    "proj/__init__.py": "", "proj/settings.py": "A = 1\n",
  ]

  static func repo(command: String = "coverage run manage.py test", env: String = "", files: [String: String])
    throws -> URL
  {
    try SettingsDiscoveryTests.repo(
      command: command, env: env, files: Self.files.merging(files) { $1 })
  }

  static func plan(_ repo: URL) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
  }

  @Test func pyprojectIsEditedAndNoCoveragercIsCreated() throws {
    let pyproject = """
      [project]
      name = "shop"

      [tool.coverage.run]
      branch = true
      source = ["shop"]

      [tool.coverage.report]
      show_missing = true

      """
    let repo = try Self.repo(files: ["pyproject.toml": pyproject])
    let result = try SettingsDiscoveryTests.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".coveragerc").path))
    #expect(
      try TreeFixture.read("pyproject.toml", in: repo)
        == pyproject.replacingOccurrences(
          of: "[tool.coverage.run]\n",
          with: "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"))
  }

  @Test func setupCfgWithACoverageSectionGetsCoverageRun() throws {
    let setup = "[metadata]\nname = x\n\n[coverage:report]\nshow_missing = true\n"
    let repo = try Self.repo(files: ["setup.cfg": setup, "tox.ini": "[tox]\nenvlist = py311\n"])
    let result = try SettingsDiscoveryTests.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try TreeFixture.read("setup.cfg", in: repo)
        == setup + "\n[coverage:run]\nparallel = True\nconcurrency = multiprocessing,thread\n")
    #expect(try TreeFixture.read("tox.ini", in: repo) == "[tox]\nenvlist = py311\n")
  }

  @Test func toxIniCoverageRunIsEditedWhenSetupCfgHasNone() throws {
    let tox = "[tox]\nenvlist = py311\n\n[coverage:run]\nbranch = True\n"
    let repo = try Self.repo(files: ["setup.cfg": "[flake8]\nmax-line-length = 99\n", "tox.ini": tox])
    #expect(try SettingsDiscoveryTests.apply(repo).status == 0)
    #expect(
      try TreeFixture.read("tox.ini", in: repo)
        == "[tox]\nenvlist = py311\n\n[coverage:run]\nparallel = True\nconcurrency = multiprocessing,thread\nbranch = True\n"
    )
  }

  @Test func coveragercWinsOverSetupCfg() throws {
    let repo = try Self.repo(files: [
      ".coveragerc": "[run]\nsource = proj\n", "setup.cfg": "[coverage:run]\nbranch = True\n",
    ])
    let result = try SettingsDiscoveryTests.apply(repo)
    #expect(result.status == 0)
    #expect(try TreeFixture.read("setup.cfg", in: repo) == "[coverage:run]\nbranch = True\n")
    #expect(try TreeFixture.read(".coveragerc", in: repo).contains("parallel = True"))
  }

  @Test func rcfileOnTheCommandAndInTheEnvironment() throws {
    let repo = try Self.repo(
      command: "coverage run --rcfile=ci/coverage.cfg manage.py test",
      files: ["ci/coverage.cfg": "[run]\nbranch = True\n", ".coveragerc": "[run]\nsource = x\n"])
    #expect(try SettingsDiscoveryTests.apply(repo).status == 0)
    #expect(try TreeFixture.read("ci/coverage.cfg", in: repo).contains("parallel = True"))
    #expect(try TreeFixture.read(".coveragerc", in: repo) == "[run]\nsource = x\n")

    let repo2 = try Self.repo(
      env: "\n    env:\n      COVERAGE_RCFILE: ci/cov.ini",
      files: ["ci/cov.ini": "[run]\nbranch = True\n"])
    let result = try SettingsDiscoveryTests.apply(repo2)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try TreeFixture.read("ci/cov.ini", in: repo2).contains("parallel = True"))
    #expect(!FileManager.default.fileExists(atPath: repo2.appendingPathComponent(".coveragerc").path))
  }

  @Test func configIsLookedUpWhereTheCommandRuns() throws {
    var files = Self.files.reduce(into: [String: String]()) { $0["backend/\($1.key)"] = $1.value }
    files["backend/.coveragerc"] = "[run]\nsource = .\n"
    files[".coveragerc"] = "[run]\nsource = root\n"
    let repo = try SettingsDiscoveryTests.repo(
      command: "cd backend && coverage run manage.py test", files: files)
    #expect(try SettingsDiscoveryTests.apply(repo).status == 0)
    #expect(try TreeFixture.read("backend/.coveragerc", in: repo).contains("parallel = True"))
    #expect(try TreeFixture.read(".coveragerc", in: repo) == "[run]\nsource = root\n")
  }

  @Test func alreadyParallelIsSatisfied() throws {
    let repo = try Self.repo(files: [
      ".coveragerc":
        "[run]\nparallel = true\nconcurrency =\n    multiprocessing\n    thread\nsigterm = true\n"
    ])
    let plan = try Self.plan(repo)
    #expect(plan.stdout.contains("satisfied coverage-parallel"))
    #expect(!plan.stdout.contains("+++ b/.coveragerc"))
  }

  @Test func templatedConfigIsManual() throws {
    let repo = try Self.repo(files: [".coveragerc": "[run]\nsource = {{ project_slug }}\n"])
    let plan = try Self.plan(repo)
    #expect(plan.stdout.contains("manual    coverage-parallel"))
    #expect(plan.stdout.contains("template"))
    let apply = try SettingsDiscoveryTests.apply(repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains("--skip coverage-parallel"))
  }

  @Test func duplicateKeyIsRefusedNamingBothLines() throws {
    let repo = try Self.repo(files: [".coveragerc": "[run]\nbranch = True\nsource = a\nBranch = False\n"])
    let before = try TreeFixture.files(repo)
    let result = try SettingsDiscoveryTests.apply(repo)
    #expect(result.status == 1)
    #expect(result.stderr.contains(".coveragerc:4:1"))
    #expect(result.stderr.contains(".coveragerc:2:1"))
    #expect(try TreeFixture.files(repo) == before)
  }

  @Test func noCoverageInCINeedsNoConfig() throws {
    let repo = try Self.repo(command: "python manage.py test", files: [:])
    let plan = try Self.plan(repo)
    #expect(plan.stdout.contains("satisfied coverage-parallel: no CI test step runs under coverage"))
    #expect(!plan.stdout.contains(".coveragerc"))
  }
}
