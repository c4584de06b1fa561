import Testing

@testable import OptimizeCore

@Suite struct ShellTestInvocationTests {
  private func only(_ script: String) throws -> TestInvocation {
    let found = try ShellScript.parse(script).testInvocations(runner: .django)
    try #require(found.count == 1, "\(found.count) invocations in \(script)")
    return found[0]
  }

  /// (script, manage.py as written, prefix values, has coverage)
  @Test(arguments: [
    ("python manage.py test", "manage.py", [String](), false),
    ("./manage.py test", "./manage.py", [], false),
    ("python3 path/to/manage.py test path/", "path/to/manage.py", [], false),
    ("python -W error manage.py test", "manage.py", [], false),
    ("python -Werror -u manage.py test", "manage.py", [], false),
    (".venv/bin/python manage.py test", "manage.py", [], false),
    ("python3.12 manage.py test", "manage.py", [], false),
    ("uv run python manage.py test", "manage.py", ["uv", "run"], false),
    (
      "uv run --with tblib --frozen python manage.py test", "manage.py",
      ["uv", "run", "--with", "tblib", "--frozen"], false
    ),
    ("poetry run python manage.py test", "manage.py", ["poetry", "run"], false),
    ("pipenv run python manage.py test", "manage.py", ["pipenv", "run"], false),
    (
      "docker compose run --rm web python manage.py test", "manage.py",
      ["docker", "compose", "run", "--rm", "web"], false
    ),
    (
      "docker compose -f ci.yml run --rm -e X=1 web python manage.py test", "manage.py",
      ["docker", "compose", "-f", "ci.yml", "run", "--rm", "-e", "X=1", "web"], false
    ),
    ("docker-compose run web ./manage.py test", "./manage.py", ["docker-compose", "run", "web"], false),
    ("docker exec -t api_1 ./manage.py test", "./manage.py", ["docker", "exec", "-t", "api_1"], false),
    ("env X=1 python manage.py test", "manage.py", ["env", "X=1"], false),
    ("time python manage.py test", "manage.py", ["time"], false),
    ("time uv run python manage.py test", "manage.py", ["time", "uv", "run"], false),
    ("coverage run manage.py test", "manage.py", [], true),
    ("coverage run --source=. --omit='*/migrations/*' manage.py test", "manage.py", [], true),
    ("python -m coverage run manage.py test", "manage.py", [], true),
    ("python -W error -m coverage run manage.py test", "manage.py", [], true),
    ("coverage run --rcfile=x.cfg manage.py test", "manage.py", [], true),
    ("coverage run --concurrency=multiprocessing manage.py test", "manage.py", [], true),
    ("coverage run -p manage.py test", "manage.py", [], true),
    ("coverage run --source apps manage.py test", "manage.py", [], true),
    ("uv run coverage run manage.py test", "manage.py", ["uv", "run"], true),
    ("poetry run python -m coverage run manage.py test", "manage.py", ["poetry", "run"], true),
  ])
  func findsInvocation(script: String, managePy: String, prefix: [String], hasCoverage: Bool) throws {
    let invocation = try only(script)
    #expect(invocation.managePy == managePy)
    #expect(invocation.prefix == prefix)
    #expect((invocation.coverage != nil) == hasCoverage)
    #expect(invocation.range == 0..<script.utf8.count)
    #expect(invocation.testWordEnd == script.utf8.count - (script.hasSuffix(" path/") ? 6 : 0))
  }

  @Test(arguments: ["python -m coverage run --module manage test", "coverage run -m manage test"])
  func findsModuleInvocationWithoutManagePy(script: String) throws {
    let invocation = try only(script)
    #expect(invocation.managePy == nil)
    #expect(invocation.coverage != nil)
    #expect(invocation.testWordEnd == script.utf8.count)
  }

  @Test(arguments: [
    "python manage.py migrate", "python manage.py testserver", "echo manage.py test",
    "echo python manage.py test", "# python manage.py test", "python manage.py",
    "python -c 'import manage' test",
    "cat <<EOF\npython manage.py test\nEOF", "coverage report", "coverage run -m pytest", "pytest tests/",
    "python manage.py check --deploy test", "git commit -m 'python manage.py test'",
  ])
  func ignoresNonInvocations(script: String) throws {
    #expect(try ShellScript.parse(script).testInvocations(runner: .django).isEmpty)
  }

  @Test func readsCoverageOptions() throws {
    let script = "coverage run --rcfile x.cfg --concurrency multiprocessing -p manage.py test"
    let coverage = try #require(try only(script).coverage)
    #expect(coverage.runWordEnd == 12)
    #expect(coverage.options.map(\.value) == ["--rcfile", "x.cfg", "--concurrency", "multiprocessing", "-p"])
    #expect(coverage.rcfile == "x.cfg")
    #expect(coverage.hasParallelMode)
    #expect(coverage.commandLineConcurrency == "multiprocessing")
    let plain = try #require(
      try only("coverage run --rcfile=ci/.coveragerc --parallel-mode manage.py test").coverage)
    #expect(plain.rcfile == "ci/.coveragerc" && plain.hasParallelMode && plain.commandLineConcurrency == nil)
    let none = try #require(try only("python -m coverage run manage.py test").coverage)
    #expect(!none.hasParallelMode && none.launcher.map(\.value) == ["python", "-m", "coverage"])
  }

  @Test func readsEverythingAroundAWorkflowCommand() throws {
    let script = """
      # Café ☕️ tests 🎉
      set -euo pipefail
      export DJANGO_SETTINGS_MODULE=config.settings.ci
      cd apps
      if [ "${{ matrix.db }}" = "postgres" ]; then
        echo "using postgres"
      fi
      cd api && COVERAGE_FILE=.cov DEBUG=0 coverage run --source=. \\
          manage.py test apps.users ${{ matrix.extra }} --settings config.settings.test -v 2 \\
          --noinput | tee test.log  # keep the log
      coverage report
      """
    let invocation = try only(script)
    let bytes = Array(script.utf8)
    #expect(invocation.line == 7)
    #expect(
      String(decoding: bytes[invocation.range], as: UTF8.self).hasPrefix(
        "COVERAGE_FILE=.cov DEBUG=0 coverage"))
    #expect(String(decoding: bytes[invocation.range], as: UTF8.self).hasSuffix("-v 2 \\\n    --noinput"))
    #expect(
      String(decoding: bytes[..<invocation.logicalLineEnd], as: UTF8.self).hasSuffix(
        "tee test.log  # keep the log"))
    #expect(bytes[invocation.logicalLineEnd] == UInt8(ascii: "\n"))
    #expect(String(decoding: bytes[..<invocation.testWordEnd], as: UTF8.self).hasSuffix("manage.py test"))
    #expect(invocation.workingDirectory == .relative("apps/api"))
    #expect(
      invocation.environment == [
        "DJANGO_SETTINGS_MODULE": "config.settings.ci", "COVERAGE_FILE": ".cov", "DEBUG": "0",
      ])
    #expect(
      invocation.arguments.map(\.value) == [
        "apps.users", "${{ matrix.extra }}", "--settings", "config.settings.test", "-v", "2", "--noinput",
      ])
    #expect(invocation.settings == "config.settings.test")
    #expect(invocation.pipedTo == ["tee", "test.log"])
    #expect(invocation.hasUnexpandedExpressions)
    #expect(invocation.prefix.isEmpty && invocation.python == nil)
  }

  @Test func findsEveryInvocationWithItsOwnFolder() throws {
    let script = """
      python manage.py test --settings=a.settings; cd web
      for app in users billing; do
        ./manage.py test "$app" --parallel 4
      done
      """
    let found = try ShellScript.parse(script).testInvocations(runner: .django)
    #expect(found.map(\.line) == [0, 2])
    #expect(found.map(\.settings) == ["a.settings", nil])
    #expect(found.map(\.workingDirectory) == [.unchanged, .relative("web")])
    #expect(found[1].arguments.map(\.text) == ["\"$app\"", "--parallel", "4"])
    #expect(!found[0].hasUnexpandedExpressions && found[0].pipedTo == nil)
  }

  @Test func wrapperEnvironmentCounts() throws {
    let invocation = try only("env -u HOME DJANGO_SETTINGS_MODULE=s.ci python manage.py test")
    #expect(invocation.environment == ["DJANGO_SETTINGS_MODULE": "s.ci"])
    let docker = try only("docker compose run -e DJANGO_SETTINGS_MODULE=s.docker web python manage.py test")
    #expect(docker.environment == ["DJANGO_SETTINGS_MODULE": "s.docker"])
  }
}
