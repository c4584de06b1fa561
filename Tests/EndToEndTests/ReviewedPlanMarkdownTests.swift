import Foundation
import Testing

/// `plan --format markdown`: a summary for a pull request description.
@Suite struct ReviewedPlanMarkdownTests {
  @Test func whatWhyDiffAndRollback() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(
      ["plan", "--phase", "1", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    #expect(text.hasPrefix("## optimize: phase 1, Foundation (quick wins)\n\nRun tests in parallel"))
    #expect(
      text.contains(
        "- **`coverage-parallel`** (pending, `apps/api/.coveragerc:2`): parallel coverage in apps/api/.coveragerc. "
          + "Why: Plan, Task 1: \"Enable parallel coverage tracking\"."))
    #expect(text.contains("- **`test-password-hasher`** (pending, `apps/api/brktickets/settings.py:90`)"))
    #expect(
      text.contains(
        "Why: Plan, Task 2: \"coverage run --parallel-mode manage.py test --parallel=auto --keepdb\""))
    #expect(
      text.contains(
        "`apps/api/.coveragerc`:\n\n```diff\n--- a/apps/api/.coveragerc\n+++ b/apps/api/.coveragerc\n@@ -1,4 +1,6 @@\n [run]\n+parallel = True\n"
      ))
    #expect(text.components(separatedBy: "```diff\n").count == 4)
    #expect(
      text.contains(
        "### How to roll back\n\nAfter merging, `optimize rollback --phase 1` undoes exactly these edits"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent("Examples/brktickets"))
        == [])
  }

  @Test func aSkippedPatchSaysSo() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(
      [
        "plan", "--phase", "1", "--format", "markdown", "--skip", "test-password-hasher", "--repo", repo.path,
      ], in: repo)
    #expect(result.stdout.contains("- **`test-password-hasher`** (skipped): skipped with --skip."))
    #expect(result.stdout.components(separatedBy: "```diff\n").count == 3)
  }
}
