import Foundation
import Testing

/// Commands optimize must not edit in place: apply refuses with exit 1, writes nothing, and names
/// the file, the line and the new text. Also the plan's warnings that do not block.
@Suite struct WorkflowManualTests {
  private static let ci = ".github/workflows/ci.yml"

  @Test func matrixValueThatCarriesTheFlagOnSomeLegs() throws {
    let workflow = WorkflowFixture.workflow(
      "      - run: python manage.py test ${{ matrix.flags }}\n",
      job: "    strategy:\n      matrix:\n        flags: [\"\", \"--parallel 2\"]\n")
    try WorkflowFixture.expectManual(
      [Self.ci: workflow],
      saying: [
        "\(Self.ci):9:", "`${{ matrix.flags }}` is expanded at run time and may already set these flags",
        "its values are \"\", \"--parallel 2\"",
        "python manage.py test --parallel=auto --keepdb ${{ matrix.flags }}",
      ])
  }

  @Test func matrixValueThatIsNotListedIsUnknown() throws {
    let workflow = WorkflowFixture.workflow("      - run: python manage.py test ${{ inputs.extra }}\n")
    try WorkflowFixture.expectManual(
      [Self.ci: workflow], saying: ["\(Self.ci):6:", "`${{ inputs.extra }}` is expanded at run time"])
  }

  @Test func matrixValueThatGivesTheFlagOnEveryLegIsSatisfied() throws {
    let workflow = WorkflowFixture.workflow(
      "      - run: python manage.py test --keepdb ${{ matrix.flags }}\n",
      job: "    strategy:\n      matrix:\n        flags: [\"--parallel 2\", \"--parallel=4 -v 2\"]\n")
    let plan = try WorkflowFixture.plan([Self.ci: workflow])
    #expect(plan.status == 0)
    #expect(plan.stdout.contains("satisfied ci-parallel-tests"), "\(plan.stdout)")
  }

  @Test func concurrencyOnTheCoverageCommandLine() throws {
    let workflow = WorkflowFixture.workflow(
      "      - run: coverage run --concurrency=multiprocessing manage.py test\n")
    try WorkflowFixture.expectManual(
      [Self.ci: workflow],
      saying: [
        "\(Self.ci):6:", "coverage run --concurrency=multiprocessing is on the command line",
        "move it to the coverage config",
      ])
  }

  @Test func aliasWhoseAnchorIsNotARun() throws {
    let workflow = """
      on: push
      env:
        TESTS: &tests python manage.py test
      jobs:
        t:
          runs-on: ubuntu-latest
          steps:
            - run: *tests

      """
    try WorkflowFixture.expectManual(
      [Self.ci: workflow],
      saying: [
        "the run: value is the alias *tests, whose anchor &tests at \(Self.ci):3:10 is not a test step's run:",
        "python manage.py test --parallel=auto --keepdb",
      ])
  }

  @Test func anchorAlsoUsedOutsideATestStep() throws {
    let workflow = """
      on: push
      jobs:
        t:
          runs-on: ubuntu-latest
          steps:
            - run: &tests python manage.py test
            - name: *tests
              run: echo hi

      """
    try WorkflowFixture.expectManual(
      [Self.ci: workflow],
      saying: [
        "the run: value is the anchor &tests, which \(Self.ci):7:15 also uses outside a test step's run:"
      ])
  }

  @Test func runThatIsNotShell() throws {
    let workflow = WorkflowFixture.workflow("      - run: python manage.py test --tag 'unclosed\n")
    try WorkflowFixture.expectManual(
      [Self.ci: workflow],
      saying: ["\(Self.ci):6:", "this run: mentions manage.py but cannot be read as shell", "closing `'`"])
  }

  @Test func teeWithoutBashIsAWarning() throws {
    let workflow = WorkflowFixture.workflow("      - run: python manage.py test | tee test.log\n")
    let plan = try WorkflowFixture.expectApplied(
      [Self.ci: workflow],
      gives: [
        Self.ci: WorkflowFixture.workflow(
          "      - run: python manage.py test --parallel=auto --keepdb | tee test.log\n")
      ])
    #expect(
      plan.contains(
        "note: \(Self.ci):6:14: `| tee test.log` without `shell: bash` runs without pipefail, so test failures "
          + "are hidden; add `shell: bash` to the step"))
  }

  @Test func teeWithBashHasNoWarning() throws {
    let workflow = WorkflowFixture.workflow(
      "      - run: python manage.py test | tee test.log\n        shell: bash\n")
    let plan = try WorkflowFixture.plan([Self.ci: workflow])
    #expect(plan.status == 0)
    #expect(!plan.stdout.contains("pipefail"))
  }

  @Test func noTestCommandAnywhere() throws {
    let workflow = WorkflowFixture.workflow("      - run: echo nothing to test\n")
    try WorkflowFixture.expectManual(
      [Self.ci: workflow], saying: ["no workflow step runs `manage.py test`"])
  }
}
