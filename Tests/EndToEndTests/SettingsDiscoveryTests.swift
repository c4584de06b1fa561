import Foundation
import Testing

/// The settings module the tests really load gets the hasher, found the way Django finds it.
@Suite struct SettingsDiscoveryTests {
  static let managePy = """
    #!/usr/bin/env python
    import os
    import sys

    if __name__ == "__main__":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
        from django.core.management import execute_from_command_line
        execute_from_command_line(sys.argv)

    """

  /// A repository with one workflow step running `command`, and the given files.
  static func repo(command: String, env: String = "", files: [String: String]) throws -> URL {
    let root = try TreeFixture.temporaryFolder()
    let workflow = """
      name: ci
      on: push
      jobs:
        test:
          runs-on: ubuntu-latest\(env)
          steps:
            - uses: actions/checkout@v4
            - run: \(command)

      """
    try TreeFixture.write(workflow, to: ".github/workflows/ci.yml", in: root)
    for (path, text) in files { try TreeFixture.write(text, to: path, in: root) }
    return root
  }

  static func apply(_ repo: URL, _ extra: [String] = []) throws -> OptimizeBinary.Result {
    try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path] + extra, in: repo)
  }

  @Test func settingsFlagOnTheCommandBeatsEnvAndManagePy() throws {
    let repo = try Self.repo(
      command: "python manage.py test --settings=proj.settings.ci",
      env: "\n    env:\n      DJANGO_SETTINGS_MODULE: proj.settings.dev",
      files: [
        "manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings/__init__.py": "",
        "proj/settings/dev.py": "DEBUG = True\n", "proj/settings/ci.py": "DEBUG = False\n",
      ])
    let result = try Self.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("chosen by --settings on .github/workflows/ci.yml:10"))
    // A test-only module chosen by CI gets the hasher with no sys.argv guard.
    #expect(
      try TreeFixture.read("proj/settings/ci.py", in: repo) == """
        DEBUG = False

        # BEGIN optimize phase-1
        # Use faster password hasher for tests (10-100x speedup)
        PASSWORD_HASHERS = [
            'django.contrib.auth.hashers.MD5PasswordHasher',
        ]
        # END optimize phase-1

        """)
    #expect(try TreeFixture.read("proj/settings/dev.py", in: repo) == "DEBUG = True\n")
  }

  @Test func environmentBeatsTheManagePyDefault() throws {
    let repo = try Self.repo(
      command: "python manage.py test",
      env: "\n    env:\n      DJANGO_SETTINGS_MODULE: proj.test_settings",
      files: [
        "manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings.py": "A = 1\n",
        "proj/test_settings.py": "from .settings import *\n",
      ])
    let result = try Self.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try TreeFixture.read("proj/settings.py", in: repo) == "A = 1\n")
    #expect(try TreeFixture.read("proj/test_settings.py", in: repo).contains("# BEGIN optimize phase-1"))
  }

  @Test func oneCandidateIsUsedAndSaidWhenManagePyNamesNone() throws {
    let runpy = "#!/usr/bin/env python\nimport runpy\nrunpy.run_module('proj.cli', run_name='__main__')\n"
    let repo = try Self.repo(
      command: "python manage.py test",
      files: ["manage.py": runpy, "proj/__init__.py": "", "proj/settings.py": "A = 1\n"])
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(
      plan.stdout.contains(
        "module proj.settings, chosen by the only settings module under . (manage.py names none)"))
  }

  @Test func severalCandidatesAskForTheFlag() throws {
    let repo = try Self.repo(
      command: "python manage.py test",
      files: [
        "manage.py": "import sys\nfrom proj.cli import main\nmain(sys.argv)\n", "proj/__init__.py": "",
        "proj/settings.py": "A = 1\n", "other/settings/__init__.py": "B = 2\n",
      ])
    let before = try TreeFixture.files(repo)
    let result = try Self.apply(repo)
    #expect(result.status == 1)
    #expect(result.stderr.contains("manage.py:1:1: expected one settings module, found several candidates: "))
    #expect(result.stderr.contains("other/settings/__init__.py (other.settings)"))
    #expect(result.stderr.contains("pass --settings-file"))
    #expect(try TreeFixture.files(repo) == before)
    let flagged = try Self.apply(repo, ["--settings-file", "proj/settings.py"])
    #expect(flagged.status == 0, "\(flagged.stderr)")
  }

  @Test func dotEnvNamesTheModule() throws {
    let repo = try Self.repo(
      command: "python manage.py test",
      files: [
        "manage.py": "import dotenv\ndotenv.load_dotenv()\n",
        ".env": "DEBUG=1\nDJANGO_SETTINGS_MODULE=proj.settings\n",
        "proj/__init__.py": "", "proj/settings.py": "A = 1\n", "other/settings.py": "B = 1\n",
      ])
    let result = try Self.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("chosen by DJANGO_SETTINGS_MODULE in .env:2"))
  }

  @Test func managePySymlinkIsFollowedInsideButNotOutside() throws {
    let repo = try Self.repo(
      command: "python manage.py test",
      files: [
        "tools/manage.py":
          "\"\"\"Docstring first.\"\"\"\n#!/usr/bin/env python\nimport os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
        "tools/proj/__init__.py": "", "tools/proj/settings.py": "A = 1\n",
      ])
    // Python puts the folder of the script's real path first on sys.path.
    try FileManager.default.createSymbolicLink(
      atPath: repo.appendingPathComponent("manage.py").path, withDestinationPath: "tools/manage.py")
    let result = try Self.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try TreeFixture.read("tools/proj/settings.py", in: repo).contains("PASSWORD_HASHERS"))

    let outside = try TreeFixture.temporaryFolder()
    try TreeFixture.write(
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'evil.settings')\n", to: "manage.py",
      in: outside)
    let repo2 = try Self.repo(
      command: "python manage.py test", files: ["proj/__init__.py": "", "proj/settings.py": "A = 1\n"])
    try FileManager.default.createSymbolicLink(
      atPath: repo2.appendingPathComponent("manage.py").path,
      withDestinationPath: outside.appendingPathComponent("manage.py").path)
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo2.path], in: repo2)
    #expect(!plan.stdout.contains("evil"))
    #expect(plan.stdout.contains("manage.py: a symlink pointing outside the repository; not read"))
  }

  @Test func starImportedMD5IsSatisfied() throws {
    let repo = try Self.repo(
      command: "python manage.py test --settings proj.settings.test",
      files: [
        "manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings/__init__.py": "",
        "proj/settings/base.py": "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n",
        "proj/settings/test.py": "from .base import *  # noqa\nDEBUG = False\n",
      ])
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains("satisfied test-password-hasher"))
    #expect(plan.stdout.contains("proj/settings/base.py:1:"))
    #expect(plan.stdout.contains("(star-imported by proj/settings/test.py)"))
    #expect(!plan.stdout.contains("+++ b/proj/settings"))
  }

  @Test func laterOverrideAfterStarImportIsNotSatisfied() throws {
    let repo = try Self.repo(
      command: "python manage.py test --settings proj.settings.test",
      files: [
        "manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings/__init__.py": "",
        "proj/settings/base.py": "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n",
        "proj/settings/test.py":
          "from .base import *\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.PBKDF2PasswordHasher']\n",
      ])
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.stdout.contains("pending   test-password-hasher"))
    #expect(plan.stdout.contains("+++ b/proj/settings/test.py"))
  }

  @Test func packageInitWithStarImportsGetsTheBlockLast() throws {
    let initText = "from .base import *\n\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n"
    let repo = try Self.repo(
      command: "python manage.py test",
      files: [
        "manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings/__init__.py": initText,
        "proj/settings/base.py": "A = 1\n",
      ])
    let result = try Self.apply(repo)
    #expect(result.status == 0, "\(result.stderr)")
    let text = try TreeFixture.read("proj/settings/__init__.py", in: repo)
    #expect(text.hasPrefix(initText + "\n# BEGIN optimize phase-1\nimport sys\n\nif 'test' in sys.argv"))
    #expect(text.hasSuffix("# END optimize phase-1\n"))
  }

  @Test func splitSettingsIncludeGetsTheBlockAfterIt() throws {
    let settings =
      "from split_settings.tools import include\n\ninclude(\n    'components/base.py',\n    'components/db.py',\n)\n"
    let repo = try Self.repo(
      command: "python manage.py test",
      files: ["manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings.py": settings])
    #expect(try Self.apply(repo).status == 0)
    let text = try TreeFixture.read("proj/settings.py", in: repo)
    #expect(text.hasPrefix(settings + "\n# BEGIN optimize phase-1\n"))
  }

  @Test func unparsableSettingsAreRefused() throws {
    let repo = try Self.repo(
      command: "python manage.py test",
      files: ["manage.py": Self.managePy, "proj/__init__.py": "", "proj/settings.py": "A = [1,\nB = '''x\n"])
    let before = try TreeFixture.files(repo)
    let result = try Self.apply(repo)
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error: proj/settings.py:2:5: expected"))
    #expect(try TreeFixture.files(repo) == before)
  }
}

/// A settings module named by an expression is only known at run time.
@Suite struct SettingsExpressionTests {
  @Test func settingsFromAnInputFallBackToManagePyAndAreNotAFlag() throws {
    let repo = try SettingsDiscoveryTests.repo(
      command: "python manage.py test --settings ${{ inputs.settings }}",
      files: [
        "manage.py": SettingsDiscoveryTests.managePy, "proj/__init__.py": "", "proj/settings.py": "A = 1\n",
      ])
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains("names ${{ inputs.settings }}, known only at run time"))
    #expect(
      plan.stdout.contains(
        "+      - run: python manage.py test --parallel=auto --keepdb --settings ${{ inputs.settings }}"))
  }
}
