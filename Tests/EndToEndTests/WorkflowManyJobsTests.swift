import Foundation
import Testing

/// A workflow with hundreds of jobs is scanned on every core; what it finds, and in what order,
/// must be what a job-by-job scan finds.
@Suite struct WorkflowManyJobsTests {
  /// Job `n` of a large workflow; jobs 0, 311 and 598 run the tests, each written differently.
  static func job(_ number: Int, edited: Bool) -> String {
    let flags = edited ? " --parallel=auto --keepdb" : ""
    switch number {
    case 0:
      return "  job_0:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python manage.py test\(flags)\n"
    case 311:
      return """
          job_311:
            runs-on: ubuntu-latest
            steps:
              - name: Tests
                run: |
                  pip install -r requirements.txt
                  python manage.py test\(flags) -v 2

        """
    case 598:
      return
        "  job_598:\n    runs-on: ubuntu-latest\n    steps:\n      - run: \"python manage.py test\(flags)\"\n"
    default:
      return """
          job_\(number):
            runs-on: ubuntu-latest
            steps:
              - name: Lint \(number)
                run: |
                  pip install ruff
                  ruff check --select E\(number % 10) .

        """
    }
  }

  static func workflow(edited: Bool) -> String {
    "on: push\njobs:\n" + (0..<600).map { job($0, edited: edited) }.joined()
  }

  @Test func everyTestJobIsEditedAndListedInFileOrder() throws {
    let path = ".github/workflows/ci.yml"
    let plan = try WorkflowFixture.expectApplied(
      [path: Self.workflow(edited: false)], gives: [path: Self.workflow(edited: true)])
    let lines = Self.workflow(edited: false).split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = lines.indices.filter { lines[$0].contains("manage.py test") }.map { $0 + 1 }
    #expect(expectedLines.count == 3)
    let mentioned = expectedLines.map { line in plan.range(of: "\(path):\(line):")?.lowerBound }
    #expect(mentioned.allSatisfy { $0 != nil }, "plan output:\n\(plan)")
    let positions = mentioned.compactMap { $0 }
    #expect(positions == positions.sorted(), "places out of file order:\n\(plan)")
  }
}
