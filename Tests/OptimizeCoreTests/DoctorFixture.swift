import Foundation
import OptimizeCore

/// A small Django repository written to a temporary folder, with files replaced per test.
enum DoctorFixture {
  static let workflow = """
    name: CI
    on: [pull_request]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
            with:
              python-version: "3.12"
          - run: pip install -r requirements.txt
          - name: Tests
            run: |
              coverage run manage.py test
              coverage report

    """

  static let settings = """
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "app",
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    """

  static let base: [String: String] = [
    ".github/workflows/ci.yml": workflow,
    "manage.py": """
    import os
    import sys

    if __name__ == "__main__":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
        from django.core.management import execute_from_command_line
        execute_from_command_line(sys.argv)

    """,
    "proj/__init__.py": "",
    "proj/settings.py": settings,
    "requirements.txt": "Django==5.2.8\ncoverage==7.11.3\ntblib==3.2.2\n",
    ".coveragerc": "[run]\nsource = .\n",
    "app/__init__.py": "",
    "app/tests/__init__.py": "",
    "app/tests/test_models.py": """
    from django.test import TestCase


    class ModelTests(TestCase):
        fixtures = ["users.json"]

        def test_it(self):
            self.assertTrue(True)

    """,
  ]

  /// Writes the base files with `changes` (a nil value removes a file) and runs the doctor.
  static func findings(_ changes: [String: String?]) throws -> [Finding] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var files = base
    for (path, text) in changes { files[path] = text }
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let repository = try Repository(root: root)
    return try Doctor(repository: repository, phase: try PhaseLoader.builtIn.phase(1)).run()
  }

  /// The base workflow with its test command replaced.
  static func workflow(command: String, stepExtra: String = "", pythonVersion: String = "\"3.12\"") -> String
  {
    workflow.replacingOccurrences(of: "coverage run manage.py test", with: command)
      .replacingOccurrences(of: "      - name: Tests\n", with: "      - name: Tests\n" + stepExtra)
      .replacingOccurrences(of: "python-version: \"3.12\"", with: "python-version: \(pythonVersion)")
  }
}
