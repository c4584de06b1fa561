import Foundation
import Testing

/// What the test command runs in reaches the settings and coverage patches, wherever the command
/// lives: working folder, `--settings`, `DJANGO_SETTINGS_MODULE`, `--rcfile`, `COVERAGE_RCFILE` and
/// the pinned Django version. Checked on the plan the binary prints.
@Suite struct WorkflowContextTests {
  private static let ci = ".github/workflows/ci.yml"

  /// A Django project in `folder`: manage.py defaulting to `site_app.settings`, a test-only
  /// `site_app.test_settings`, a `.coveragerc`.
  static func project(in folder: String) -> [String: String] {
    [
      "\(folder)/manage.py":
        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_app.settings\")\n",
      "\(folder)/site_app/__init__.py": "",
      "\(folder)/site_app/settings.py": "SECRET_KEY = 'x'\n",
      "\(folder)/site_app/test_settings.py": "from .settings import *  # noqa\n",
      "\(folder)/.coveragerc": "[run]\nsource = .\n",
    ]
  }

  private func plan(_ files: [String: String]) throws -> String {
    let result = try WorkflowFixture.plan(files)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    return result.stdout
  }

  @Test func checkoutPathAndStepWorkingDirectory() throws {
    var files = Self.project(in: "backend")
    files[Self.ci] = WorkflowFixture.workflow(
      "      - uses: actions/checkout@v4\n        with:\n          path: src\n"
        + "      - run: coverage run manage.py test\n        working-directory: src/backend\n")
    let text = try plan(files)
    #expect(text.contains("coverage-parallel: parallel coverage in backend/.coveragerc"), "\(text)")
    #expect(text.contains("fast test hasher in backend/site_app/settings.py"), "\(text)")
  }

  @Test func jobDefaultsOverrideWorkflowDefaultsAndStepEnvWins() throws {
    var files = Self.project(in: "backend")
    files.merge(Self.project(in: "other")) { $1 }
    files[Self.ci] =
      "on: push\ndefaults:\n  run:\n    working-directory: other\nenv:\n  DJANGO_SETTINGS_MODULE: site_app.settings\n"
      + "jobs:\n  t:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: backend\n"
      + "    steps:\n      - run: coverage run manage.py test\n        env:\n"
      + "          DJANGO_SETTINGS_MODULE: site_app.test_settings\n"
    let text = try plan(files)
    #expect(text.contains("parallel coverage in backend/.coveragerc"), "\(text)")
    #expect(text.contains("backend/site_app/test_settings.py"), "\(text)")
    #expect(!text.contains("other/"), "\(text)")
  }

  @Test func settingsFlagAndCdInTheScript() throws {
    var files = Self.project(in: "backend")
    files[Self.ci] = WorkflowFixture.workflow(
      "      - run: cd backend && coverage run manage.py test --settings=site_app.test_settings\n")
    let text = try plan(files)
    #expect(text.contains("parallel coverage in backend/.coveragerc"), "\(text)")
    #expect(text.contains("--settings on \(Self.ci):6"), "\(text)")
    #expect(text.contains("backend/site_app/test_settings.py"), "\(text)")
  }

  @Test func makefileGetsFolderSettingsRcfileAndDjangoVersion() throws {
    var files = Self.project(in: "backend")
    files["backend/Makefile"] = "test:\n\tcoverage run manage.py test\n"
    files["backend/ci.coveragerc"] = "[run]\nsource = .\n"
    files["backend/requirements.txt"] = "Django==3.2.25\n"
    files[Self.ci] = WorkflowFixture.workflow(
      "      - run: DJANGO_SETTINGS_MODULE=site_app.test_settings make -C backend test\n",
      job: "    env:\n      COVERAGE_RCFILE: ci.coveragerc\n")
    let plan = try WorkflowFixture.expectApplied(
      files,
      gives: [
        "backend/Makefile":
          "test:\n\tcoverage run --parallel-mode manage.py test --parallel --keepdb\n\tcoverage combine\n",
        "backend/ci.coveragerc": "[run]\nparallel = True\nconcurrency = multiprocessing,thread\nsource = .\n",
        "backend/.coveragerc": "[run]\nsource = .\n",
      ])
    #expect(plan.contains("backend/ci.coveragerc: COVERAGE_RCFILE in \(Self.ci)"), "\(plan)")
    #expect(plan.contains("chosen by DJANGO_SETTINGS_MODULE in \(Self.ci)"), "\(plan)")
    #expect(plan.contains("backend/site_app/test_settings.py"), "\(plan)")
    #expect(plan.contains("Django 3.2.25 pinned at backend/requirements.txt"), "\(plan)")
  }

  @Test func scriptRunsWhereTheStepRunsItPlusItsOwnCd() throws {
    var files = Self.project(in: "backend")
    files["scripts/test.sh"] = "#!/bin/sh\ncd backend\ncoverage run manage.py test\n"
    files[Self.ci] = WorkflowFixture.workflow("      - run: sh scripts/test.sh\n")
    let text = try plan(files)
    #expect(text.contains("parallel coverage in backend/.coveragerc"), "\(text)")
    #expect(text.contains("fast test hasher in backend/site_app/settings.py"), "\(text)")
    #expect(text.contains("scripts/test.sh:3: reached from \(Self.ci):6: sh scripts/test.sh"), "\(text)")
  }
}
