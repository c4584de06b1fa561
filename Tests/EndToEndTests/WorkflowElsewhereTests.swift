import Foundation
import Testing

/// Test commands that live where optimize does not edit: apply refuses with exit 1, writes nothing,
/// and names the file, the line and the new text.
@Suite struct WorkflowElsewhereTests {
  private static let ci = ".github/workflows/ci.yml"

  private static func step(_ run: String) -> String {
    WorkflowFixture.workflow("      - run: \(run)\n")
  }

  @Test func npmScript() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("npm test"),
        "package.json":
          "{\n  \"scripts\": {\n    \"lint\": \"eslint .\",\n    \"test\": \"python manage.py test\"\n  }\n}\n",
      ],
      saying: [
        "package.json:4:1: the npm script `test`, run by \(Self.ci):6: npm test, runs the tests",
        "python manage.py test --parallel=auto --keepdb",
      ])
  }

  @Test func npmScriptOfJavaScriptTestsIsLeftAlone() throws {
    let files = [
      Self.ci: WorkflowFixture.workflow("      - run: npm test\n      - run: python manage.py test\n"),
      "package.json": "{\n  \"scripts\": {\n    \"test\": \"jest\"\n  }\n}\n",
    ]
    let plan = try WorkflowFixture.plan(files)
    #expect(plan.status == 0)
    #expect(!plan.stdout.contains("package.json"))
  }

  @Test func gulpTask() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("gulp test"),
        "gulpfile.js":
          "const { exec } = require('child_process');\nexports.test = () => exec('python manage.py test');\n",
      ],
      saying: ["gulpfile.js:2:1: the gulp task run by \(Self.ci):6: gulp test runs the tests here"])
  }

  @Test func taskipyTask() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("poetry run task test"),
        "pyproject.toml":
          "[tool.taskipy.tasks]\nlint = \"ruff check\"\ntest = \"python manage.py test -v 2\"\n",
      ],
      saying: [
        "pyproject.toml:3:1: the taskipy task `test`", "python manage.py test --parallel=auto --keepdb -v 2",
      ])
  }

  @Test func tox() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("tox -e py"),
        "tox.ini": "[tox]\nenvlist = py\n\n[testenv]\ncommands =\n    python manage.py test {posargs}\n",
      ],
      saying: ["tox.ini:6:1: tox, run by \(Self.ci):6: tox -e py, runs the tests here"])
  }

  @Test func consoleEntryPoint() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("shop test --noinput"),
        "pyproject.toml": "[project]\nname = \"shop\"\n\n[project.scripts]\nshop = \"mysite.cli:main\"\n",
      ],
      saying: [
        "\(Self.ci):6:", "`shop` is a console entry point (declared at pyproject.toml:5), not manage.py",
        "--parallel=auto --keepdb",
      ])
  }

  @Test func dockerEntrypoint() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("docker compose run --rm web test"),
        "docker-compose.yml":
          "services:\n  web:\n    build: .\n    entrypoint: [\"./docker-entrypoint.sh\"]\n",
        "docker-entrypoint.sh": "#!/bin/sh\nexec python manage.py test \"$@\"\n",
      ],
      saying: [
        "docker-entrypoint.sh:2:1:", "runs the tests through the container's entrypoint",
        "exec python manage.py test --parallel=auto --keepdb \"$@\"",
      ])
  }

  @Test func makeVariableHidesThePlaceOfAFlag() throws {
    try WorkflowFixture.expectManual(
      [
        Self.ci: Self.step("make test"),
        "Makefile": "TEST = coverage run manage.py test\n\ntest:\n\t$(TEST)\n",
      ],
      saying: [
        "Makefile:4:", "belongs inside a Make variable's value; change the variable by hand",
      ])
  }
}
